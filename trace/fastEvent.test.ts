import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, CLIENTS, PHOTO_SOURCES, REMOVE_VIAS, RESULTS, SURFACES, VIAS } from '../model/vocabulary.js';
import { fastEvent } from './fastEvent.js';
import { checkedEvent, parseEvent } from './parseTraceLine.js';
import { ACTION_SCHEMAS, ObservationLine } from './TraceEvent.js';

type Entry = readonly [string, unknown];

/** Every field some line schema declares: an extra field of a valid line is none of these. */
const DECLARED = new Set([
  'see',
  ...Object.keys(ObservationLine.shape),
  ...[...ACTION_SCHEMAS.values()].flatMap((s) => Object.keys(s.shape)),
]);

const id = fc.oneof(fc.constantFrom('alice', 'bob', 'u042', 'alice@contoso.com'), fc.string({ minLength: 1, maxLength: 6 }));
const photo = fc.oneof(fc.constantFrom('p0', 'p1', 'none', 'unknown', 'unrecognized'), fc.string({ minLength: 1, maxLength: 4 }));
const zTime = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), fc.boolean())
  .map(([d, ms]) => (ms ? d.toISOString() : d.toISOString().replace(/\.\d+Z$/, 'Z')));

// an optional field: absent, or present with a value
const optional = (key: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Entry[]> =>
  fc.option(value, { nil: undefined }).map((v) => (v === undefined ? [] : [[key, v] as const]));

const kindFields: { [K in (typeof ACTION_KINDS)[number]]: fc.Arbitrary<Entry[]> } = {
  setPhoto: fc
    .tuple(id, photo, fc.constantFrom(...VIAS), optional('by', id), optional('bytes', fc.nat()))
    .map(([u, p, via, by, bytes]) => [['user', u], ['photo', p], ['via', via], ...by, ...bytes]),
  removePhoto: fc.tuple(id, fc.constantFrom(...REMOVE_VIAS)).map(([u, via]) => [
    ['user', u],
    ['via', via],
  ]),
  visitMySite: id.map((u) => [['user', u]]),
  editCancel: id.map((u) => [['user', u]]),
  lyncSignIn: id.map((u) => [['user', u]]),
  lyncSignOut: id.map((u) => [['user', u]]),
  restartClient: fc.tuple(id, fc.constantFrom(...CLIENTS)).map(([v, c]) => [
    ['viewer', v],
    ['client', c],
  ]),
  clearBrowserCache: id.map((v) => [['viewer', v]]),
  openYammer: id.map((u) => [['user', u]]),
  setPolicy: fc.tuple(id, fc.boolean()).map(([u, b]) => [
    ['user', u],
    ['setPhotoEnabled', b],
  ]),
  wait: fc.oneof(fc.nat(), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true })).map((ms) => [['ms', ms]]),
  setPhotoSettings: fc
    .tuple(fc.constantFrom(...PHOTO_SOURCES), optional('allowedRoles', fc.array(id, { maxLength: 3 })))
    .map(([source, roles]) => [['source', source], ...roles]),
};

const action: fc.Arbitrary<Entry[]> = fc
  .constantFrom(...ACTION_KINDS)
  .chain((kind) =>
    fc
      .tuple(zTime, kindFields[kind], optional('result', fc.constantFrom(...RESULTS)), optional('reason', fc.string()))
      .map(([at, fields, result, reason]) => [['at', at], ['do', kind], ...fields, ...result, ...reason]),
  );
const observation: fc.Arbitrary<Entry[]> = fc.tuple(zTime, fc.constantFrom(...SURFACES), id, id, photo).map(([at, see, u, v, p]) => [
  ['at', at],
  ['see', see],
  ['user', u],
  ['viewer', v],
  ['photo', p],
]);
const extra: fc.Arbitrary<Entry> = fc.tuple(
  fc.oneof(fc.constantFrom('note', 'tenant', 'attempt', '1', 'constructor', '__proto__'), fc.string()).filter((k) => !DECLARED.has(k)),
  fc.jsonValue(),
);

/** A valid line of the common shapes: its fields in any order, extra fields among them. */
const validLine: fc.Arbitrary<Entry[]> = fc
  .tuple(fc.oneof(action, observation), fc.array(extra, { maxLength: 3 }))
  .chain(([fields, extras]) => fc.shuffledSubarray([...fields, ...extras], { minLength: fields.length + extras.length }));

const ODD_TIMES = [
  '2014-04-01T11:00:00+02:00',
  '2014-04-01T09:00:00-00:00',
  '2014-04-01T09:00:00.5Z',
  '2014-04-01T09:00:00.123456Z',
  '2014-04-01T09:00:00z',
  '2014-04-01T09:00:00',
  '2014-04-01 09:00:00Z',
  '2014-02-29T09:00:00Z',
  '2016-02-29T09:00:00Z',
  '2014-04-31T09:00:00Z',
  '2014-04-01T24:00:00Z',
  '2014-04-01T09:00:60Z',
  '2014-4-01T09:00:00Z',
  '+002014-04-01T09:00:00Z',
  ' 2014-04-01T09:00:00Z',
  'yesterday',
  '',
];

/** Values at the edges of the schemas: empty text, negative, fractional, unsafe and infinite numbers, empty roles. */
const EDGES: readonly unknown[] = [
  '',
  ' ',
  'unknown',
  0,
  -0,
  -1,
  1.5,
  2 ** 53 - 1,
  2 ** 53,
  Infinity,
  null,
  true,
  false,
  [],
  {},
  [''],
  ['a', ''],
  ['a', 1],
  'p1',
];
const edgeValue = fc.constantFrom(...EDGES);
const WORDS: readonly unknown[] = [...VIAS, ...CLIENTS, ...SURFACES, ...PHOTO_SOURCES, ...RESULTS, ...ACTION_KINDS];

/** Words of the vocabulary, each valid in some field and not in others. */
const word = fc.constantFrom(...WORDS);

/** The fields the schema of a line declares, by its `do` or `see`. */
function declared(line: readonly Entry[]): string[] {
  const kind = line.find(([k]) => k === 'do')?.[1];
  const schema = typeof kind === 'string' ? ACTION_SCHEMAS.get(kind) : undefined;
  return Object.keys(schema === undefined ? ObservationLine.shape : schema.shape);
}

/** One thing wrong or unusual with a line. */
const corruption: fc.Arbitrary<(line: Entry[]) => Entry[]> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.nat(), fc.oneof(edgeValue, word, fc.jsonValue())).map(([i, v]) => (line: Entry[]) => {
      const keys = declared(line);
      return set(line, keys[i % keys.length]!, v);
    }),
  },
  { weight: 2, arbitrary: fc.nat().map((i) => (line: Entry[]) => line.filter((_, j) => j !== i % line.length)) },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.nat(), edgeValue).map(
      ([i, v]) =>
        (line: Entry[]) =>
          retype(line, i, v),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(), fc.jsonValue()).map(
      ([i, v]) =>
        (line: Entry[]) =>
          retype(line, i, v),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom('setphoto', 'SetPhoto', 'setPhotos', 'observe', ''), fc.string(), fc.jsonValue())
      .map((v) => (line: Entry[]) => set(line, 'do', v)),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constantFrom('fax', 'Graph', 'lync '), fc.jsonValue()).map((v) => (line: Entry[]) => set(line, 'see', v)),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.constantFrom(...ODD_TIMES), fc.string(), fc.jsonValue()).map((v) => (line: Entry[]) => set(line, 'at', v)),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom('ok', 'rejected', 'unknown', 'OK', 'failed', null, true), fc.string())
      .map((v) => (line: Entry[]) => set(line, 'result', v)),
  },
  { weight: 1, arbitrary: fc.oneof(fc.string(), edgeValue).map((v) => (line: Entry[]) => set(line, 'reason', v)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...DECLARED, '__proto__', 'note'), fc.oneof(edgeValue, fc.jsonValue(), id))
      .map(([k, v]) => (line: Entry[]) => [...line, [k, v] as const]),
  },
);

function retype(line: Entry[], i: number, value: unknown): Entry[] {
  return line.map((e, j) => (j === i % line.length ? ([e[0], value] as const) : e));
}

function set(line: Entry[], key: string, value: unknown): Entry[] {
  return line.some(([k]) => k === key) ? line.map((e) => (e[0] === key ? ([key, value] as const) : e)) : [...line, [key, value] as const];
}

/** The line as a writer would put it in a file (JSON.parse then makes `__proto__` a field of its own). */
function text(line: readonly Entry[]): string {
  return `{${line.map(([k, v]) => `${JSON.stringify(k)}:${v === Infinity ? '1e400' : JSON.stringify(v)}`).join(',')}}`;
}

/** What a parse gives: the event, its fields in order, its prototype; or the error, field by field. */
function outcome(parse: (raw: Record<string, unknown>, file: string, line: number) => unknown, raw: Record<string, unknown>) {
  try {
    const event = parse(raw, 't.jsonl', 7) as object;
    return { event, keys: Object.keys(event), proto: Object.getPrototypeOf(event) as unknown };
  } catch (e) {
    const { name, code, file, line: n, field, detail, message } = e as Record<string, unknown>;
    return { error: { name, code, file, line: n, field, detail, message } };
  }
}

describe('fastEvent', () => {
  it('builds the common lines as zod does: times in ms, result defaulting to ok, extra fields kept after the declared ones', () => {
    const raw = JSON.parse('{"note":1,"photo":"p1","via":"graph","user":"alice","do":"setPhoto","at":"2014-04-01T09:00:00.250Z"}');
    const event = fastEvent(raw);
    expect(event).toStrictEqual({
      at: Date.UTC(2014, 3, 1, 9, 0, 0, 250),
      result: 'ok',
      do: 'setPhoto',
      user: 'alice',
      photo: 'p1',
      via: 'graph',
      note: 1,
    });
    expect(Object.keys(event!)).toEqual(['at', 'result', 'do', 'user', 'photo', 'via', 'note']);
    expect(Object.keys(checkedEvent(raw, 't', 2))).toEqual(Object.keys(event!));
    const see = JSON.parse(
      '{"at":"2014-04-01T09:02:00Z","see":"graph","user":"alice","viewer":"bob","photo":"unknown","__proto__":{"x":1}}',
    );
    expect(fastEvent(see)).toStrictEqual({ at: Date.UTC(2014, 3, 1, 9, 2), see: 'graph', user: 'alice', viewer: 'bob', photo: 'unknown' });
    expect(Object.getPrototypeOf(fastEvent(see))).toBe(Object.prototype);
  });

  it.each([
    ['a time with an offset', '{"at":"2014-04-01T11:00:00+02:00","do":"visitMySite","user":"alice"}'],
    ['an unknown action', '{"at":"2014-04-01T09:00:00Z","do":"setFoto","user":"alice"}'],
    ['a missing field', '{"at":"2014-04-01T09:00:00Z","see":"graph","user":"alice","photo":"p1"}'],
    ['an unknown result', '{"at":"2014-04-01T09:00:00Z","do":"visitMySite","user":"alice","result":"maybe"}'],
    ['a reason that is no text', '{"at":"2014-04-01T09:00:00Z","do":"visitMySite","user":"alice","reason":5}'],
    ['bytes that are no whole number', '{"at":"2014-04-01T09:00:00Z","do":"setPhoto","user":"a","photo":"p1","via":"graph","bytes":1.5}'],
    ['both do and see', '{"at":"2014-04-01T09:00:00Z","do":"wait","see":"graph","ms":1}'],
  ])('leaves %s to zod', (_name, line) => {
    expect(fastEvent(JSON.parse(line))).toBeUndefined();
  });

  it('gives the outcome of the zod path alone for every declared field of every kind, absent or set to each edge value', () => {
    const bases: Entry[][] = [
      [
        ['at', '2014-04-01T09:00:00Z'],
        ['see', 'graph'],
        ['user', 'alice'],
        ['viewer', 'bob'],
        ['photo', 'p1'],
      ],
      ...ACTION_KINDS.map((kind): Entry[] => {
        const full: Record<string, unknown> = {
          user: 'alice',
          viewer: 'bob',
          photo: 'p1',
          via: 'graph',
          by: 'admin',
          bytes: 10_240,
          client: 'teams',
        };
        Object.assign(full, {
          setPhotoEnabled: false,
          ms: 60_000,
          source: 'cloud',
          allowedRoles: ['photoAdmin'],
          result: 'rejected',
          reason: 'r',
        });
        if (kind === 'removePhoto') full.via = 'admin-cmdlet';
        const keys = Object.keys(ACTION_SCHEMAS.get(kind)!.shape).filter((k) => k !== 'at' && k !== 'do');
        return [['at', '2014-04-01T09:00:00Z'], ['do', kind], ...keys.map((k): Entry => [k, full[k]])];
      }),
    ];
    let cases = 0;
    for (const base of bases) {
      expect(fastEvent(JSON.parse(text(base)))).toBeDefined();
      for (const key of declared(base)) {
        for (const value of [undefined, ...EDGES, ...WORDS, ...ODD_TIMES]) {
          const line = value === undefined ? base.filter(([k]) => k !== key) : set(base, key, value);
          const raw = JSON.parse(text(line));
          expect(outcome(parseEvent, raw), text(line)).toStrictEqual(outcome(checkedEvent, raw));
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(5000);
  });

  it('property: takes every valid line of the common shapes, giving what zod gives', () => {
    fc.assert(
      fc.property(validLine, (line) => {
        const raw = JSON.parse(text(line));
        const before = JSON.stringify(raw);
        const fast = fastEvent(raw);
        expect(fast).toBeDefined();
        const slow = checkedEvent(raw, 't.jsonl', 7);
        expect(fast).toStrictEqual(slow);
        expect(Object.keys(fast!)).toEqual(Object.keys(slow));
        expect(Object.getPrototypeOf(fast)).toBe(Object.prototype);
        expect(JSON.stringify(raw)).toBe(before);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: on valid and corrupted lines, parseEvent has the outcome of the zod path alone: the same event or the same error', () => {
    let events = 0;
    let errors = 0;
    fc.assert(
      fc.property(validLine, fc.array(corruption, { maxLength: 3 }), (line, changes) => {
        // one object for both, as a reader has: equal events then share their extra fields' values
        const raw = JSON.parse(text(changes.reduce((l, change) => change(l), line)));
        const fast = outcome(parseEvent, raw);
        expect(fast).toStrictEqual(outcome(checkedEvent, raw));
        if ('event' in fast) events++;
        else errors++;
      }),
      { numRuns: 10_000 },
    );
    // both kinds of outcome were compared, many times
    expect(events).toBeGreaterThan(2000);
    expect(errors).toBeGreaterThan(2000);
  });
});
