import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.includes('.test.') && !e.name.includes('.testkit.')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('adapters/live is an adapter', () => {
  const files = sources(ROOT);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => relative(ROOT, f)))(
    '%s imports nothing of the harness, the reports, the CLI, the emulator or the simulator',
    (file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) expect(m[1], file).not.toMatch(/(^|\/)(harness|reports|cli|emulator|sim)\//);
    },
  );

  it('opens connections only in the HTTP client (and the one sign-in uses), whose agent trusts only what the config says', () => {
    const direct = files.filter((f) =>
      /^import (?!type)[^;]*'(undici|node:https?)'|globalThis\.fetch|\bawait fetch\(/m.test(readFileSync(f, 'utf8')),
    );
    expect(direct.map((f) => relative(ROOT, f)).sort()).toEqual(['http/_internals/createAgent.ts', 'http/azureHttpClient.ts']);
  });
});
