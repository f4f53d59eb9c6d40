import { describe, expect, it } from 'vitest';
import { restoredLine } from './restoredLine.js';

describe('restoredLine', () => {
  it('names what was put back: a photo, the OWA policy, or the photo update settings (never "the original photo of the tenant")', () => {
    const settings = restoredLine({ id: 'tenant', upn: 'the tenant', what: 'settings', outcome: 'restored' }, 'live.json');
    expect(settings).toBe('photosync: put back the photo update settings of the tenant');
    expect(restoredLine({ id: 'alice', upn: 'alice@contoso.example', what: 'photo', outcome: 'restored' }, 'live.json')).toBe(
      'photosync: put back the original photo of alice@contoso.example',
    );
  });

  it('says how to try again: restore for a backup on disk, by hand for the OWA policy', () => {
    expect(restoredLine({ id: 'tenant', upn: 'the tenant', what: 'settings', outcome: 'failed', reason: '503' }, 'live.json')).toBe(
      'photosync: could not put back the photo update settings of the tenant: 503; run photosync restore --config live.json',
    );
    expect(restoredLine({ id: 'bob', upn: 'bob@contoso.example', what: 'policy', outcome: 'failed', reason: 'x' }, 'live.json')).toMatch(
      /OWA mailbox policy .* of bob@contoso.example: x; set it by hand$/,
    );
  });
});
