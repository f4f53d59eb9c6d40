import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appToken, closeEmulator, send } from '../emulator.testkit.js';
import type { RunningEmulator } from '../RunningEmulator.js';
import { startEmulator } from '../startEmulator.js';
import { Faults } from './Faults.js';

describe('Faults', () => {
  it('draws the same faults from the same seed, and none at rate 0', () => {
    const draws = (rate: number, seed: number) => {
      const faults = new Faults(rate, seed);
      return Array.from({ length: 50 }, () => faults.draw());
    };
    expect(draws(0.3, 9)).toEqual(draws(0.3, 9));
    expect(draws(0.3, 9)).not.toEqual(draws(0.3, 10));
    expect(draws(0.3, 9).filter((f) => f !== undefined).length).toBeGreaterThan(5);
    const zero = new Faults(0, 9);
    expect(Array.from({ length: 100 }, () => zero.draw()).every((f) => f === undefined)).toBe(true);
  });
});

describe('an emulator with a fault rate of 1', () => {
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startEmulator({ seed: 21, faultRate: 1, latencyMs: 40 });
  });
  afterAll(() => closeEmulator(emu));

  it('fails every service request with 429 (Retry-After: 1), 503 or a dropped connection, but never sign-in or control, each answer after the latency', async () => {
    const token = await appToken(emu, 'graph');
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      try {
        const answer = await send(emu, 'GET', '/graph/v1.0/users/alice@photosync.test', { token });
        seen.add(String(answer.status));
        if (answer.status === 429) expect(answer.headers['retry-after']).toBe('1');
        expect([429, 503]).toContain(answer.status);
      } catch (e) {
        seen.add('dropped');
        expect((e as Error).message).toMatch(/other side closed|socket|ECONNRESET/i);
      }
    }
    expect([...seen].sort()).toEqual(['429', '503', 'dropped']);
    const before = performance.now();
    expect((await send(emu, 'GET', '/_emulator/clock')).status).toBe(200);
    expect(performance.now() - before).toBeGreaterThanOrEqual(39);
  });
});
