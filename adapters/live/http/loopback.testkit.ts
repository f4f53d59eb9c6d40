import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';

/** A server on 127.0.0.1 at an ephemeral port; `close` destroys its open sockets so a test never hangs on one. */
export interface Loopback {
  /** origin such as http://127.0.0.1:40123 */
  origin: string;
  /** requests seen, in order */
  seen: http.IncomingMessage[];
  close(): Promise<void>;
}

export type Handle = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

/** A plain HTTP loopback server calling `handle` with each request and its 0-based index. */
export function startHttp(handle: Handle): Promise<Loopback> {
  return listen(http.createServer(), 'http', handle);
}

/** An HTTPS loopback server presenting `pems` (a certificate for 127.0.0.1). */
export function startHttps(handle: Handle, pems: { key: string; cert: string }): Promise<Loopback> {
  return listen(https.createServer({ key: pems.key, cert: pems.cert }), 'https', handle);
}

/** A port that was free a moment ago and has nothing listening on it: a connection there is refused. */
export async function refusedOrigin(): Promise<string> {
  const s = await startHttp((_req, res) => res.end());
  await s.close();
  return s.origin;
}

/** A test CA and a server certificate it signed for 127.0.0.1, made once per test file (EC keys: quick). */
export interface TestPki {
  caCert: string;
  key: string;
  cert: string;
}

let pki: Promise<TestPki> | undefined;

export function testPki(): Promise<TestPki> {
  pki ??= (async () => {
    const ca = await generate([{ name: 'commonName', value: 'photosync test CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    return { caCert: ca.cert, key: leaf.private, cert: leaf.cert };
  })();
  return pki;
}

function listen(server: http.Server | https.Server, scheme: 'http' | 'https', handle: Handle): Promise<Loopback> {
  const sockets = new Set<Socket>();
  const seen: http.IncomingMessage[] = [];
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // a TLS handshake the client refuses is expected in some tests, not a failure of the server
  server.on('tlsClientError', () => undefined);
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const n = seen.length;
    seen.push(req);
    handle(req, res, n);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `${scheme}://127.0.0.1:${port}`,
        seen,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
