import { readTrace } from '../trace/readTrace.js';

/**
 * A reference point of `npm run bench`: the project's trace reader alone (line splitting, JSON.parse
 * and the validation of every line: a checked fast path for the common shapes, zod for the rest),
 * with no model behind it. Prints `{"users":U,"events":N,"ms":T}`.
 */
const file = process.argv[2];
if (file === undefined) throw new Error('usage: validateRead FILE');
const began = performance.now();
let users = 0;
const { events } = await readTrace(file, {
  header(h) {
    users = h.users.length;
  },
  event() {},
});
process.stdout.write(`${JSON.stringify({ users, events, ms: performance.now() - began })}\n`);
