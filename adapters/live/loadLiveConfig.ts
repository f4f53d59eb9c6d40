import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { formatPath } from '../../trace/TraceError.js';
import { ConfigError } from './ConfigError.js';
import { LIVE_CONFIG_ENV, LiveConfig } from './LiveConfig.js';
import { looksLikeUtf16, UTF16_HINT } from '../../trace/utf16.js';

type Env = Readonly<Record<string, string | undefined>>;

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The deepest node of the tree that `path` reaches, for the line of an error. */
function nodeNear(tree: Node | undefined, path: readonly PropertyKey[]): Node | undefined {
  if (tree === undefined) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(
      tree,
      path.slice(0, n).map((k) => (typeof k === 'number' ? k : String(k))),
    );
    if (node !== undefined) return node.parent?.type === 'property' ? node.parent : node;
  }
  return undefined;
}

/** The value `path` reaches in `raw`, or `absent` when its last key is not in an object that is there. */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node = raw;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return absent;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
const absent = Symbol('absent');

// zod's own words for a type, in a sentence an administrator reads
const A_TYPE: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/**
 * Where an issue is and what it says: an unknown key at its own line, a missing field as missing
 * (zod says "expected string, received undefined"), anything else in the schema's words.
 */
function located(issue: z.core.$ZodIssue, raw: unknown): { path: PropertyKey[]; detail: string } {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const more =
      issue.keys.length > 1
        ? ` (and ${issue.keys
            .slice(1)
            .map((k) => `"${k}"`)
            .join(', ')})`
        : '';
    return { path: [...issue.path, key], detail: `unknown field${more}: a misspelling, or a field of another version of photosync` };
  }
  if (valueAt(raw, issue.path) === absent) {
    const expected =
      issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)
        ? `expected ${issue.options.map((o) => JSON.stringify(o)).join(' or ')}`
        : issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')
          ? `expected ${A_TYPE[issue.expected] ?? issue.expected}`
          : issue.message;
    return { path: issue.path, detail: `missing field (${expected})` };
  }
  return { path: issue.path, detail: issue.message };
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: string): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

/**
 * Reads and validates a live config (JSON; comments and trailing commas allowed), applies the
 * environment's overrides, and resolves its file paths against the config's folder.
 * Invariant: it returns a valid config or throws a ConfigError naming the file (or variable), the
 * line and the field; it changes nothing.
 */
export async function loadLiveConfig(path: string, env: Env = process.env): Promise<LiveConfig> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ConfigError('PHOTOSYNC_CONFIG_UNREADABLE', path, 0, '', `cannot read the config: ${(e as Error).message}`);
  }
  // the words the trace reader uses for the same file
  if (looksLikeUtf16(bytes)) throw new ConfigError('PHOTOSYNC_BAD_CONFIG', path, 0, '', `not JSON: ${UTF16_HINT}`);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined)
    throw new ConfigError('PHOTOSYNC_BAD_CONFIG', path, lineAt(text, first.offset), '', `not JSON: ${printParseErrorCode(first.error)}`);
  if (tree?.type !== 'object')
    throw new ConfigError('PHOTOSYNC_BAD_CONFIG', path, tree === undefined ? 0 : lineAt(text, tree.offset), '', 'expected a JSON object');
  const raw = getNodeValue(tree) as Record<string, unknown>;

  const fromEnv = new Map<string, string>();
  for (const [name, field] of Object.entries(LIVE_CONFIG_ENV)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setAt(raw, field, value);
    fromEnv.set(field.join('.'), name);
  }

  const parsed = LiveConfig.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const { path: at, detail } = located(issue, raw);
    const field = formatPath(at);
    const variable = fromEnv.get(at.map(String).join('.'));
    if (variable !== undefined) throw new ConfigError('PHOTOSYNC_BAD_CONFIG', `environment variable ${variable}`, 0, field, detail);
    const node = nodeNear(tree, at);
    throw new ConfigError('PHOTOSYNC_BAD_CONFIG', path, node === undefined ? 0 : lineAt(text, node.offset), field, detail);
  }
  const config = parsed.data;
  const base = dirname(resolve(path));
  // a placeholder the run cannot read would stop it at its start with a bare ENOENT
  for (const [i, file] of config.placeholders.entries()) {
    const full = resolve(base, file);
    const problem = await stat(full).then(
      (s) => (s.isFile() ? undefined : 'not a file'),
      (e: NodeJS.ErrnoException) => e.code ?? e.message,
    );
    if (problem === undefined) continue;
    const node = nodeNear(tree, ['placeholders', i]);
    throw new ConfigError(
      'PHOTOSYNC_BAD_CONFIG',
      path,
      node === undefined ? 0 : lineAt(text, node.offset),
      formatPath(['placeholders', i]),
      `cannot read the image ${full} (${problem})`,
    );
  }
  return {
    ...config,
    credential:
      config.credential.kind === 'certificate' ? { ...config.credential, path: resolve(base, config.credential.path) } : config.credential,
    endpoints:
      config.endpoints.trustedCa === undefined
        ? config.endpoints
        : { ...config.endpoints, trustedCa: resolve(base, config.endpoints.trustedCa) },
    placeholders: config.placeholders.map((f) => resolve(base, f)),
    stateDir: resolve(base, config.stateDir),
  };
}
