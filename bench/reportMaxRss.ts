import { writeSync } from 'node:fs';

/**
 * Preloaded with `node --import` where /usr/bin/time is missing: on exit, writes the process's user
 * and system CPU seconds and its peak resident set size (kilobytes) as the last line of stderr, as
 * `time -f '%U %S %M'` would.
 */
process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(2, `\n${(u.userCPUTime / 1e6).toFixed(2)} ${(u.systemCPUTime / 1e6).toFixed(2)} ${u.maxRSS}\n`);
});
