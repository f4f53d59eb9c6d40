import type { AppCertificate } from '../makeCertificates.js';

/** The one app the emulator's tenant has: its ids, its secret and the certificate whose public key it registered. */
export type AppRegistration = {
  readonly tenantId: string;
  readonly clientId: string;
  /** the app's service principal: the `oid` of its app-only tokens */
  readonly servicePrincipalId: string;
  /** for tests (ClientSecretCredential); never written in a config file */
  readonly clientSecret: string;
  readonly certificate: Pick<AppCertificate, 'publicKey' | 'x5t' | 'x5tS256'>;
  /** the tenant's domain: a sign-in URL may name the tenant by it */
  readonly domain: string;
};
