import { writeSync } from 'node:fs';

/**
 * Preloaded with `node --import` where /usr/bin/time is missing: on exit, writes the process's
 * peak resident set size (kilobytes) as the last line of stderr, as `time -f %M` would.
 */
process.on('exit', () => {
  writeSync(2, `\n${process.resourceUsage().maxRSS}\n`);
});
