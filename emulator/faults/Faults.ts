import { Random } from '../../adapters/sim/Random.js';
import type { ErrorStyle } from '../http/errorStyles.js';
import type { Reply } from '../http/Reply.js';

/** A service's failure: throttled (429, Retry-After: 1), unavailable (503), or a connection dropped without an answer. */
export type FaultKind = 'throttled' | 'unavailable' | 'dropped';

/** A fault drawn for one request; `applied`: a write went through before the answer was lost. */
export type Fault = { readonly kind: FaultKind; readonly applied: boolean };

const KINDS: readonly FaultKind[] = ['throttled', 'unavailable', 'dropped'];

/**
 * Injected service faults, drawn from a seeded generator of their own.
 * Invariant: the same seed and the same sequence of service requests draw the same faults; at rate 0 it draws no dice.
 */
export class Faults {
  private readonly random: Random;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.random = new Random(seed ^ 0x5eed_fa17);
  }

  /** The fault of the next service request, or undefined when it goes through. */
  draw(): Fault | undefined {
    if (this.rate <= 0 || !this.random.chance(this.rate)) return undefined;
    return { kind: this.random.pick(KINDS), applied: this.random.chance(0.5) };
  }
}

/** The answer a fault gives, in the style of the endpoint it hit. */
export function faultReply(fault: Fault, style: ErrorStyle): Reply {
  switch (fault.kind) {
    case 'throttled': {
      const r = style(
        429,
        'TooManyRequests',
        'Too many requests: the service is throttling this client. Retry after the time in Retry-After.',
      );
      return 'drop' in r ? r : { ...r, headers: { ...r.headers, 'retry-after': '1' } };
    }
    case 'unavailable':
      return style(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Try again later.');
    case 'dropped':
      return { drop: true };
  }
}
