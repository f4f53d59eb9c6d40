/** A profile that cannot run: a programming error in the profile table, found at load time. */
export class ProfileError extends Error {
  readonly code = 'PHOTOSYNC_BAD_PROFILE';
  constructor(profile: string, detail: string) {
    super(`profile ${profile}: ${detail}`);
    this.name = 'ProfileError';
  }
}
