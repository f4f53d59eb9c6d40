import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Clock } from '../Adapter.js';
import type { HttpOutcome, HttpRequest } from './http/HttpClient.js';
import { join, parseJson, serviceMessage } from './api/Services.js';

/** A real tenant's time: `advance` waits it out. */
export function realClock(wait: (ms: number) => Promise<void> = (ms) => sleep(ms)): Clock {
  return {
    now: () => Date.now(),
    advance: async (ms) => {
      if (!(ms >= 0)) throw new RangeError(`cannot wait ${ms} ms`);
      await wait(ms);
    },
  };
}

const ClockAnswer = z.object({ now: z.iso.datetime({ offset: true }) });

/** An emulator's control endpoint that cannot be used: the run cannot keep time, so it stops. */
export class EmulatorClockError extends Error {
  readonly code = 'PHOTOSYNC_EMULATOR_CLOCK';
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorClockError';
  }
}

function readNow(outcome: HttpOutcome, what: string): number {
  if (outcome.kind === 'unknown') throw new EmulatorClockError(`${what}: ${outcome.reason}`);
  if (outcome.status !== 200) throw new EmulatorClockError(`${what}: ${serviceMessage(outcome.status, outcome.body)}`);
  const parsed = ClockAnswer.safeParse(parseJson(outcome.body));
  if (!parsed.success) throw new EmulatorClockError(`${what}: unexpected answer: ${parsed.error.issues[0]?.message ?? ''}`);
  return Date.parse(parsed.data.now);
}

/**
 * A tenant emulator's virtual time: `advance` moves the emulator's clock, and `now` mirrors it
 * (it moves only when told to, so the mirror is exact). Never used with a real tenant.
 */
export async function emulatorClock(control: string, send: (r: HttpRequest) => Promise<HttpOutcome>): Promise<Clock> {
  let now = readNow(await send({ method: 'GET', url: join(control, 'clock') }), 'the emulator clock');
  return {
    now: () => now,
    advance: async (ms) => {
      if (!(ms >= 0)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
      const outcome = await send({
        method: 'POST',
        url: join(control, 'clock/advance'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms }),
        idempotent: false,
      });
      now = readNow(outcome, 'advancing the emulator clock');
    },
  };
}
