import { randomBytes } from 'node:crypto';

/**
 * Refresh tokens of signed-in users: opaque, good for any of the tenant's resources (as Microsoft
 * Entra ID's are), kept in memory for the emulator's life.
 */
export class RefreshTokens {
  private readonly users = new Map<string, string>();

  /** A new refresh token of `userId`. */
  issue(userId: string): string {
    const token = `0.rt.${randomBytes(48).toString('base64url')}`;
    this.users.set(token, userId);
    return token;
  }

  /** The user a refresh token was issued to, or undefined for one this emulator never issued. */
  redeem(token: string): string | undefined {
    return this.users.get(token);
  }
}
