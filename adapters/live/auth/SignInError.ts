/** Stable codes of a sign-in that failed: no token at all, a token of a tenant other than the configured one, or the kept tokens' file. */
export type SignInErrorCode = 'PHOTOSYNC_SIGN_IN' | 'PHOTOSYNC_WRONG_TENANT' | 'PHOTOSYNC_TOKEN_CACHE';

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
