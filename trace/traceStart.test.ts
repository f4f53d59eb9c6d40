import { describe, expect, it } from 'vitest';
import type { TraceStart } from '../model/vocabulary.js';
import { parseHeader } from './parseTraceLine.js';
import { HEADER } from './traceFile.testkit.js';
import { traceStart } from './traceStart.js';

const T0 = Date.parse('2014-04-01T09:00:00Z');

describe('traceStart', () => {
  it('hands the checker start, users and the photo settings of the header', () => {
    const raw = JSON.parse(HEADER);
    raw.photoSettings = { source: 'cloud', allowedRoles: ['photoAdmin'] };
    raw.users[1].roles = ['photoAdmin'];
    raw.tenant = 'contoso';
    const start: TraceStart = traceStart(parseHeader(raw, 't.jsonl', 1));
    expect(start).toStrictEqual({
      start: T0,
      users: [
        { id: 'alice', photo: 'p0', mySite: true, lync: 'online', setPhotoEnabled: true, adSynced: false },
        { id: 'bob', photo: 'none', mySite: false, lync: 'offline', setPhotoEnabled: true, adSynced: false, roles: ['photoAdmin'] },
      ],
      photoSettings: { source: 'cloud', allowedRoles: ['photoAdmin'] },
    });
  });

  it('leaves photoSettings absent when the header has none, for the model to default', () => {
    const start = traceStart(parseHeader(JSON.parse(HEADER), 't.jsonl', 1));
    expect(Object.keys(start)).toEqual(['start', 'users']);
  });
});
