/** Stable codes of a sign-in that failed: no token at all, or a token of a tenant other than the configured one. */
export type SignInErrorCode = 'PHOTOSYNC_SIGN_IN' | 'PHOTOSYNC_WRONG_TENANT';

/** A sign-in that failed; its message names what to fix and never holds a secret or a token. */
export class SignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}
