import fc from 'fast-check';

// Property runs are random on a developer's machine. Where PHOTOSYNC_SEED is set (`.ci/run` sets it),
// every property draws its runs from that seed: CI checks the same runs each time, and a failure
// there replays anywhere.
const seed = process.env.PHOTOSYNC_SEED;
if (seed !== undefined && seed !== '') fc.configureGlobal({ seed: Number(seed) });
