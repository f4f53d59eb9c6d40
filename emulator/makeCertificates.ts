import { generateKeyPair, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';

/** The app registration's certificate: PEM with its private key (the config's `credential.path`), and what the token endpoint checks. */
export type AppCertificate = {
  /** certificate then private key, PEM */
  readonly pem: string;
  readonly publicKey: KeyObject;
  /** x5t and x5t#S256 as MSAL sends them: base64url of the SHA-1 and SHA-256 thumbprints */
  readonly x5t: string;
  readonly x5tS256: string;
};

/** The emulator's certificates: a CA the live config trusts, the server's certificate it signed, and the app's own. */
export type EmulatorCertificates = {
  readonly caPem: string;
  readonly server: { readonly key: string; readonly cert: string };
  readonly app: AppCertificate;
};

const rsaKeyPair = promisify(generateKeyPair);
const YEAR = 365 * 24 * 3600 * 1000;

/**
 * Generates the certificates of one emulator run: an EC CA and a server certificate for
 * 127.0.0.1 and localhost signed by it, and a self-signed RSA certificate for the app (Microsoft
 * Entra ID takes RSA keys for client assertions).
 */
export async function makeCertificates(): Promise<EmulatorCertificates> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + YEAR);
  const appKeys = rsaKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const ca = await generate([{ name: 'commonName', value: 'photosync emulator CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const keys = await appKeys;
  const app = await generate([{ name: 'commonName', value: 'photosync emulator app' }], {
    keyPair: { privateKey: keys.privateKey, publicKey: keys.publicKey },
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  const x509 = new X509Certificate(app.cert);
  const thumb = (colonHex: string) => Buffer.from(colonHex.replaceAll(':', ''), 'hex').toString('base64url');
  return {
    caPem: ca.cert,
    server: { key: server.private, cert: pemJoin(server.cert, ca.cert) },
    app: {
      pem: pemJoin(app.cert, keys.privateKey),
      publicKey: x509.publicKey,
      x5t: thumb(x509.fingerprint),
      x5tS256: thumb(x509.fingerprint256),
    },
  };
}

/** PEM blocks one after the other, each ending with a line break. */
function pemJoin(...blocks: readonly string[]): string {
  return blocks.map((b) => (b.endsWith('\n') ? b : `${b}\n`)).join('');
}
