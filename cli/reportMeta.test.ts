import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../adapters/live/http/userAgent.js';
import { VERSION } from './reportMeta.js';

describe('photosync names one version', () => {
  it("in its reports and to Microsoft's services: package.json's", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT.endsWith(`/${pkg.version}`)).toBe(true);
  });
});
