import type { Directory } from '../Directory.js';
import type { AppRegistration } from './AppRegistration.js';
import type { DeviceCodes } from './DeviceCodes.js';
import type { RefreshTokens } from './RefreshTokens.js';
import type { Resources } from './Resources.js';
import type { TokenIssuer } from './TokenIssuer.js';

/** The emulator's sign-in side: the app, the users, the token issuer and the state of sign-ins under way. */
export type Identity = {
  /** the emulator's origin, `https://127.0.0.1:PORT` */
  readonly url: string;
  readonly app: AppRegistration;
  readonly directory: Directory;
  readonly resources: Resources;
  readonly issuer: TokenIssuer;
  readonly deviceCodes: DeviceCodes;
  readonly refreshTokens: RefreshTokens;
};

/** The authority of the tenant: `${url}/login/${tenantId}`. */
export function authorityOf(identity: Pick<Identity, 'url' | 'app'>): string {
  return `${identity.url}/login/${identity.app.tenantId}`;
}
