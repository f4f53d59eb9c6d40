import { readLines } from '../trace/readLines.js';

/**
 * The baseline of `npm run bench`: streams a file with the project's own line splitter and
 * `JSON.parse`s every line, and nothing else. Prints `{"lines":N,"ms":T}`.
 */
const file = process.argv[2];
if (file === undefined) throw new Error('usage: bareRead FILE');
const began = performance.now();
let objects = 0;
const lines = await readLines(file, (text) => {
  if (JSON.parse(text) !== null) objects++;
});
process.stdout.write(`${JSON.stringify({ lines, objects, ms: performance.now() - began })}\n`);
