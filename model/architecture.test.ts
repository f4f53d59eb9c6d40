import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const MODEL = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.includes('.test.') ? [join(dir, e.name)] : [],
  );
}

describe('model/ is pure', () => {
  const files = sources(MODEL);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(MODEL, f), f]))('%s imports nothing from other folders and does no I/O', (_name, file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^node:|^(fs|path|os|child_process|http|https|net)$/);
      if (spec.startsWith('.')) {
        const target = relative(MODEL, join(file, '..', spec));
        expect(target.startsWith('..'), `${file} imports ${spec} from outside model/`).toBe(false);
      }
    }
  });
});
