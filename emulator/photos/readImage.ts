import sharp from 'sharp';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { Refusal } from '../http/Reply.js';

/** What a service takes as a photo upload: at most `limit` bytes of a JPEG, PNG or GIF image. */
export async function readImage(req: EmulatorRequest, limit: number): Promise<Buffer> {
  const body = await req.body(limit);
  if (body.length === 0) throw new Refusal(req.style(400, 'BadRequest', 'body: the request has no image', 'body'));
  let format: string | undefined;
  try {
    format = (await sharp(body).metadata()).format;
  } catch {
    format = undefined;
  }
  if (format !== 'jpeg' && format !== 'png' && format !== 'gif') {
    throw new Refusal(req.style(400, 'ImageNotValid', 'body: the body is not a JPEG, PNG or GIF image', 'body'));
  }
  return body;
}
