import type { LiveConfig } from '../adapters/live/LiveConfig.js';

/** A tenant emulator serving on loopback, until closed. */
export type RunningEmulator = {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  /** a live config pointing at this emulator: its client certificate and CA in the emulator's folder, absolute paths */
  readonly config: LiveConfig;
  /** the app's client secret, for tests of ClientSecretCredential; never in a config file */
  readonly clientSecret: string;
  /** the CA the config trusts, PEM */
  readonly caPem: string;
  /** the simulated tenant's virtual clock */
  readonly clock: { now(): number };
  /** writes the config to `path`, with the PEM files beside it and relative paths to them (`--config-out`) */
  writeConfig(path: string): Promise<void>;
  /** stops serving (dropping open connections) and removes a folder it made itself */
  close(): Promise<void>;
};
