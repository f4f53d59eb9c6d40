import tls from 'node:tls';
import { Agent } from 'undici';

/** An undici Agent that trusts Node's own CA list plus `trustedCa` when given; `timeoutMs` bounds connect, headers and body gaps. */
export function createAgent(trustedCa: string | undefined, timeoutMs?: number): Agent {
  const timeout = timeoutMs === undefined ? undefined : Math.max(1, Math.ceil(timeoutMs));
  return new Agent({
    // a `ca` list replaces Node's default roots, so they are listed too
    connect: {
      ...(trustedCa === undefined ? {} : { ca: [...tls.rootCertificates, trustedCa] }),
      ...(timeout === undefined ? {} : { timeout }),
    },
    ...(timeout === undefined ? {} : { headersTimeout: timeout, bodyTimeout: timeout }),
  });
}
