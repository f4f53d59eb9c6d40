import { randomBytes, randomInt } from 'node:crypto';

/** How long a device code waits for the person to sign in, in seconds (Microsoft Entra ID's 15 minutes). */
export const DEVICE_CODE_SECONDS = 900;
/** How often the app polls, in seconds. */
export const POLL_INTERVAL_SECONDS = 1;

/** Where a device code stands when the app polls. */
export type DevicePoll =
  | { readonly status: 'pending' | 'declined' | 'expired' | 'unknown' }
  | { readonly status: 'approved'; readonly userId: string; readonly scopes: readonly string[] };

type Pending = { deviceCode: string; userCode: string; scopes: readonly string[]; expiresAt: number; userId?: string; declined?: boolean };

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The device code flow's codes: one per sign-in the app starts, approved (or declined) by the
 * scripted operator through `/_emulator/signin`. Invariant: a code is redeemed at most once, and
 * never after it expires (real time).
 */
export class DeviceCodes {
  private readonly byDevice = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a sign-in for `scopes`: the codes the app shows and polls with. */
  start(scopes: readonly string[]): { deviceCode: string; userCode: string } {
    this.sweep();
    const userCode = Array.from({ length: 9 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
    const deviceCode = randomBytes(32).toString('base64url');
    this.byDevice.set(deviceCode, { deviceCode, userCode, scopes, expiresAt: this.now() + DEVICE_CODE_SECONDS * 1000 });
    return { deviceCode, userCode };
  }

  /** The person at the device signs in as `userId` (or declines): false when no live code is `userCode`. */
  answer(userCode: string, answer: { userId: string } | 'decline'): boolean {
    const code = [...this.byDevice.values()].find((c) => c.userCode === userCode.toUpperCase().replaceAll('-', ''));
    if (code === undefined || code.expiresAt <= this.now() || code.userId !== undefined || code.declined) return false;
    if (answer === 'decline') code.declined = true;
    else code.userId = answer.userId;
    return true;
  }

  /** The app polls with `deviceCode`; an approved code is redeemed by this call. */
  poll(deviceCode: string): DevicePoll {
    const code = this.byDevice.get(deviceCode);
    if (code === undefined) return { status: 'unknown' };
    if (code.declined) {
      this.byDevice.delete(deviceCode);
      return { status: 'declined' };
    }
    if (code.userId !== undefined) {
      this.byDevice.delete(deviceCode);
      return { status: 'approved', userId: code.userId, scopes: code.scopes };
    }
    if (code.expiresAt <= this.now()) {
      this.byDevice.delete(deviceCode);
      return { status: 'expired' };
    }
    return { status: 'pending' };
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, c] of this.byDevice) if (c.expiresAt + DEVICE_CODE_SECONDS * 1000 < now) this.byDevice.delete(k);
  }
}
