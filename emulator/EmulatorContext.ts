import type { EmulatedTenant } from './EmulatedTenant.js';
import type { Identity } from './identity/Identity.js';
import type { MugshotKeys } from './photos/MugshotKeys.js';
import type { PhotoRenderer } from './photos/PhotoRenderer.js';
import type { ThumbnailLinks } from './photos/ThumbnailLinks.js';

/** What the service routes share: the origin, sign-in, the simulated tenant, and the photos' renderer and links. */
export type EmulatorContext = {
  readonly url: string;
  readonly identity: Identity;
  readonly tenant: EmulatedTenant;
  readonly renderer: PhotoRenderer;
  readonly thumbnails: ThumbnailLinks;
  readonly mugshots: MugshotKeys;
};
