import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/** An HTTPS server listening on loopback, before it has a handler: its origin is known first, so routes can name it. */
export type Listening = { readonly server: Server; readonly url: string; close(): Promise<void> };

/** Listens on 127.0.0.1:`port` (0: any free port) with the given TLS key and certificate chain. */
export async function listen(tls: { key: string; cert: string }, port: number): Promise<Listening> {
  const server = createServer({ key: tls.key, cert: tls.cert, keepAliveTimeout: 5_000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `https://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
