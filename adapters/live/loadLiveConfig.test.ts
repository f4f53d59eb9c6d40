import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './ConfigError.js';
import { loadLiveConfig } from './loadLiveConfig.js';

const EXAMPLE = new URL('../../docs/live-config.example.jsonc', import.meta.url).pathname;

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'photosync-config-'));
  const path = join(dir, 'live.jsonc');
  await writeFile(path, text);
  return path;
}

/** The example with one line replaced. */
async function exampleWith(from: string, to: string): Promise<string> {
  const text = await readFile(EXAMPLE, 'utf8');
  expect(text).toContain(from);
  return configFile(text.replace(from, to));
}

async function failure(path: string, env: Record<string, string> = {}): Promise<ConfigError> {
  const e = await loadLiveConfig(path, env).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConfigError);
  return e as ConfigError;
}

describe('loadLiveConfig', () => {
  it('refuses a placeholder image it cannot read, at its line, naming the field', async () => {
    const path = await exampleWith('"operator": "terminal",', '"operator": "terminal",\n  "placeholders": ["no-such-image.png"],');
    const e = await failure(path);
    expect(e.code).toBe('PHOTOSYNC_BAD_CONFIG');
    expect(e.field).toBe('placeholders[0]');
    expect((await readFile(path, 'utf8')).split('\n')[e.line - 1]).toContain('"no-such-image.png"');
    expect(e.detail).toMatch(/no-such-image\.png \(ENOENT\)/);
  });

  it('reads the documented example, with defaults and paths resolved beside the file', async () => {
    const config = await loadLiveConfig(EXAMPLE, {});
    expect(config.users.map((u) => u.id)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(config.endpoints.graph).toBe('https://graph.microsoft.com');
    expect(config.credential).toEqual({ kind: 'certificate', path: join(EXAMPLE, '..', 'photosync-app.pem') });
    expect(config.stateDir).toBe(join(EXAMPLE, '..', 'photosync-live'));
    expect(config.operator).toBe('terminal');
  });

  it('names the file, the line and the field of a wrong value', async () => {
    const path = await exampleWith('"https://contoso.sharepoint.com"', '"http://contoso.sharepoint.com"');
    const e = await failure(path);
    expect(e.code).toBe('PHOTOSYNC_BAD_CONFIG');
    expect(e.file).toBe(path);
    expect(e.field).toBe('endpoints.sharepoint');
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[e.line - 1]).toContain('"sharepoint"');
    expect(e.message).toMatch(/https/);
  });

  it('refuses a user listed twice, and the reserved id admin', async () => {
    const twice = await exampleWith('"id": "dave", "upn": "photosync.dave', '"id": "alice", "upn": "photosync.dave');
    expect((await failure(twice)).field).toBe('users[3]');
    const admin = await exampleWith('"id": "dave"', '"id": "admin"');
    expect((await failure(admin)).field).toBe('users[3].id');
  });

  it('refuses an unknown key, which would otherwise be ignored, at its own line', async () => {
    const path = await exampleWith('"operator": "terminal"', '"operater": "terminal"');
    const e = await failure(path);
    expect(e.field).toBe('operater');
    expect(e.message).toMatch(/operater: unknown field/);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[e.line - 1]).toContain('"operater"');
    const nested = await exampleWith('"endpoints": {', '"endpoints": {\n    "trustdCa": "ca.pem",');
    const n = await failure(nested);
    expect(n.field).toBe('endpoints.trustdCa');
    expect((await readFile(nested, 'utf8')).split('\n')[n.line - 1]).toContain('"trustdCa"');
  });

  it('says a missing field is missing, at the line of the object that lacks it', async () => {
    const path = await configFile('{\n  "clientId": "22222222-2222-2222-2222-222222222222"\n}\n');
    const e = await failure(path);
    expect(e.field).toBe('tenantId');
    expect(e.line).toBe(1);
    expect(e.detail).toBe('missing field (expected a string)');
    expect(e.message).not.toMatch(/undefined/);
    const lacking = await exampleWith('"kind": "certificate", ', '');
    const kind = await failure(lacking);
    expect(kind.field).toBe('credential.kind');
    expect(kind.detail).toBe('missing field (expected "certificate" or "secret")');
    expect((await readFile(lacking, 'utf8')).split('\n')[kind.line - 1]).toMatch(/^\s*"credential": \{ "path"/);
  });

  it('names a config saved as UTF-16 (Windows PowerShell 5 writes it so), with or without a byte order mark', async () => {
    const text = await readFile(EXAMPLE, 'utf8');
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), Buffer.from(text, 'utf16le')]) {
      const path = await configFile('');
      await writeFile(path, bytes);
      const e = await failure(path);
      expect(e.code).toBe('PHOTOSYNC_BAD_CONFIG');
      expect(e.message).toBe(`${path}: not JSON: the file looks like UTF-16; save it as UTF-8 (in PowerShell, Out-File -Encoding utf8)`);
    }
  });

  it('refuses the emulator operator without an emulator', async () => {
    expect((await failure(await exampleWith('"operator": "terminal"', '"operator": "emulator"'))).field).toBe('operator');
  });

  it('says where JSON is broken', async () => {
    const path = await configFile('{\n  "tenantId": "x",\n  "clientId" "y"\n}\n');
    const e = await failure(path);
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/not JSON/);
  });

  it('takes overrides from the environment and names the variable of a bad one', async () => {
    const config = await loadLiveConfig(EXAMPLE, { PHOTOSYNC_TENANT_ID: '22222222-2222-2222-2222-222222222222' });
    expect(config.tenantId).toBe('22222222-2222-2222-2222-222222222222');
    const e = await failure(EXAMPLE, { PHOTOSYNC_CLIENT_ID: 'not-a-guid' });
    expect(e.file).toBe('environment variable PHOTOSYNC_CLIENT_ID');
    expect(e.field).toBe('clientId');
  });

  it('says a missing file is unreadable', async () => {
    const e = await failure('/nonexistent/photosync.jsonc');
    expect(e.code).toBe('PHOTOSYNC_CONFIG_UNREADABLE');
  });
});
