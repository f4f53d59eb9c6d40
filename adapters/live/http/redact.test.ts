import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText, redactUrl } from './redact.js';

// a secret that cannot occur by chance in the text around it
const secret = fc.stringMatching(/^[A-Za-z0-9\-._~+/]{6,40}$/).map((s) => `Zq9${s}`);

describe('redactText', () => {
  it('removes a bearer token, a JWT and secret parameters wherever they sit in a message', () => {
    fc.assert(
      fc.property(secret, fc.constantFrom('client_secret', 'client_assertion', 'code', 'access_token', 'tempauth'), (s, param) => {
        const messages = [
          `Authorization: Bearer ${s}`,
          `request failed: authorization=Bearer ${s}, retrying`,
          `POST https://login.example/t/oauth2/v2.0/token?${param}=${encodeURIComponent(s)}&x=1 failed`,
          `grant_type=client_credentials&${param}=${encodeURIComponent(s)}`,
          `{"${param}":"${s}"}`,
        ];
        for (const m of messages) expect(redactText(m)).not.toContain(s);
      }),
    );
  });

  it('removes the known secrets it is given, also URL-encoded', () => {
    fc.assert(
      fc.property(secret, fc.string(), (s, around) => {
        expect(redactText(`${around}${s}${around}`, [s])).not.toContain(s);
        expect(redactText(`x=${encodeURIComponent(`${s} `)}`, [`${s} `])).not.toContain(encodeURIComponent(`${s} `));
      }),
    );
  });

  it('keeps the rest of the message', () => {
    expect(redactText('connect ECONNREFUSED 127.0.0.1:443 (ECONNREFUSED)')).toBe('connect ECONNREFUSED 127.0.0.1:443 (ECONNREFUSED)');
    expect(redactText('sent Bearer abc.def and eyJhbGciOi.eyJzdWIiOi.c2ln')).toBe('sent Bearer REDACTED and REDACTED');
  });
});

describe('redactUrl', () => {
  it('replaces only user info and secret parameter values', () => {
    expect(
      redactUrl('https://me:pw@login.example/t/oauth2?client_id=app&client_secret=s3&CODE=c0de&state=1#access_token=tok&token_type=Bearer'),
    ).toBe(
      'https://REDACTED@login.example/t/oauth2?client_id=app&client_secret=REDACTED&CODE=REDACTED&state=1#access_token=REDACTED&token_type=Bearer',
    );
    expect(redactUrl('https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=42&tempauth=v1.eyJ')).toBe(
      'https://contoso.sharepoint.com/_layouts/15/download.aspx?UniqueId=42&tempauth=REDACTED',
    );
    expect(redactUrl('https://graph.microsoft.com/v1.0/users/alice/photo/$value')).toBe(
      'https://graph.microsoft.com/v1.0/users/alice/photo/$value',
    );
  });
});
