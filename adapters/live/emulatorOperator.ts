import { z } from 'zod';
import { NO_PHOTO } from '../../model/vocabulary.js';
import { join, parseJson, serviceMessage } from './api/Services.js';
import type { HttpOutcome, HttpRequest } from './http/HttpClient.js';
import type { Operator, OperatorAnswer } from './Operator.js';

const ActAnswer = z.object({ status: z.enum(['ok', 'rejected', 'unknown']), reason: z.string().optional() });

/**
 * A scripted operator for the tenant emulator: it takes each step through the emulator's control
 * endpoint and recognises what a look shows, as a person would by eye. Invariant: it talks only to
 * the emulator's control endpoint, which a real tenant does not have.
 */
export function emulatorOperator(
  control: string,
  send: (r: HttpRequest) => Promise<HttpOutcome>,
  recognise: (bytes: Buffer) => Promise<string>,
): Operator {
  const failed = (what: string, outcome: HttpOutcome): OperatorAnswer => ({
    kind: 'unknown',
    reason: `${what}: ${outcome.kind === 'unknown' ? outcome.reason : serviceMessage(outcome.status, outcome.body)}`,
  });
  return {
    name: 'emulator',
    async take(step) {
      if (step.kind === 'signIn') {
        const outcome = await send({
          method: 'POST',
          url: join(control, 'signin'),
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userCode: step.userCode, upn: step.signInAs }),
          idempotent: true,
        });
        return outcome.kind === 'answered' && outcome.status < 300 ? { kind: 'done' } : failed('signing in', outcome);
      }
      if (step.kind === 'act') {
        const outcome = await send({
          method: 'POST',
          url: join(control, 'operator/act'),
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            action: step.action,
            ...(step.photoBytes === undefined ? {} : { photoBase64: step.photoBytes.toString('base64') }),
          }),
          idempotent: false,
        });
        if (outcome.kind === 'unknown' || outcome.status !== 200) return failed(step.action.do, outcome);
        const parsed = ActAnswer.safeParse(parseJson(outcome.body));
        if (!parsed.success) return { kind: 'unknown', reason: `${step.action.do}: unexpected answer from the emulator` };
        const { status, reason } = parsed.data;
        if (status === 'ok') return { kind: 'done' };
        return status === 'rejected'
          ? { kind: 'refused', reason: reason ?? 'refused' }
          : { kind: 'unknown', reason: reason ?? 'no answer' };
      }
      const query = new URLSearchParams({ see: step.see, user: step.user, viewer: step.viewer });
      const outcome = await send({ method: 'GET', url: `${join(control, 'operator/look')}?${query}` });
      if (outcome.kind === 'unknown') return failed(`looking at ${step.see}`, outcome);
      if (outcome.status === 204) return { kind: 'seen', photo: NO_PHOTO };
      if (outcome.status !== 200) return failed(`looking at ${step.see}`, outcome);
      return { kind: 'seen', photo: await recognise(outcome.body) };
    },
  };
}
