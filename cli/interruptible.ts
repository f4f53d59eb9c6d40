import type { StopSignal } from '../harness/explore.js';
import type { Io } from './Io.js';

/**
 * Runs `work` with a stop signal that the first Ctrl-C (SIGINT) sets, so that it ends soon and
 * still reports and writes what it found; a second Ctrl-C exits at once.
 */
export async function interruptible<T>(io: Io, work: (stop: StopSignal) => Promise<T>): Promise<T> {
  const stop: StopSignal = { stopped: false };
  const onSigint = () => {
    if (stop.stopped) process.exit(130);
    stop.stopped = true;
    io.err('\nstopping: finishing the current run and writing what was found (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(stop);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
