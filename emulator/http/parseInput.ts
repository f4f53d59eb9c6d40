import type { z } from 'zod';
import type { EmulatorRequest } from './EmulatorRequest.js';
import { Refusal } from './Reply.js';

/** Where an input comes from; the first part of the field named in a 400. */
export type InputPart = 'path' | 'query' | 'header' | 'body';

/**
 * Parses one part of a request with `schema`, or refuses it (400) with an error naming the field,
 * such as `query.accountname` or `body.action.user`. Invariant: no ZodError leaves this function.
 */
export function parseInput<S extends z.ZodType>(req: EmulatorRequest, part: InputPart, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = [part, ...issue.path.map(String)].join('.');
  throw new Refusal(req.style(400, 'BadRequest', `${field}: ${issue.message}`, field));
}

/** The query as an object of its first values, for a zod schema. */
export function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) if (!(k in out)) out[k] = v;
  return out;
}

/** Reads a JSON body (at most `limit` bytes) and parses it with `schema`; not JSON → 400 naming `body`. */
export async function jsonBody<S extends z.ZodType>(req: EmulatorRequest, schema: S, limit = 1024 * 1024): Promise<z.output<S>> {
  const raw = await req.body(limit);
  let value: unknown;
  try {
    value = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Refusal(req.style(400, 'BadRequest', 'body: expected a JSON object', 'body'));
  }
  return parseInput(req, 'body', schema, value);
}
