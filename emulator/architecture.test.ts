import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.includes('.test.') ? [join(dir, e.name)] : [],
  );
}

describe('emulator/ stands apart from the harness', () => {
  const files = sources(ROOT);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => relative(ROOT, f)))('%s imports nothing of harness/, reports/ or cli/', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/from '([^']+)'/g)) expect(m[1], file).not.toMatch(/(^|\/)(harness|reports|cli)\//);
  });

  it('draws chance from seeded generators or node:crypto, never Math.random', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/Math\.random/);
  });

  it('listens on loopback only', () => {
    const listens = files.filter((f) => /\.listen\(/.test(readFileSync(f, 'utf8')));
    expect(listens.map((f) => relative(ROOT, f))).toEqual(['http/listen.ts']);
    expect(readFileSync(join(ROOT, 'http/listen.ts'), 'utf8')).toMatch(/\.listen\(port, '127\.0\.0\.1'/);
  });
});
