/**
 * A `path` that replays no counterexample with the options given: no run is at that path
 * (`no-run`), or, on a tenant that repeats itself for a seed, the run there does not diverge
 * (`conforms`). Either way the options are not those the path was found with.
 */
export class ReplayPathError extends Error {
  readonly code = 'PHOTOSYNC_REPLAY_PATH';
  constructor(
    readonly path: string,
    readonly reason: 'no-run' | 'conforms',
  ) {
    super(reason === 'no-run' ? `no run is at path ${path} with these options` : `the run at path ${path} does not diverge`);
    this.name = 'ReplayPathError';
  }
}
