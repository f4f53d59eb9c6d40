import { describe, expect, it } from 'vitest';
import { liveCapabilities } from './liveCapabilities.js';

describe('liveCapabilities', () => {
  it("lets runs allow in the photo settings only the config's roles, by their ids, and none where it lists none", () => {
    const ID = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
    expect(liveCapabilities(['alice', 'bob'], false, [ID])).toMatchObject({ users: ['alice', 'bob'], roles: [ID] });
    expect(liveCapabilities(['alice', 'bob'], true).roles).toEqual([]);
  });
});
