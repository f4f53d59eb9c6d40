import type { Action, Photo, Surface } from '../../model/vocabulary.js';

/** A step no API can take: a person does it, as the test user named, and says how it went. */
export type OperatorStep =
  | {
      readonly kind: 'act';
      readonly action: Exclude<Action, { do: 'wait' }>;
      /** the sign-in name of the test user who must do it */
      readonly signInAs: string;
      /** what to do, in an administrator's words, one line each */
      readonly instructions: readonly string[];
      /** the file to upload, for a photo change */
      readonly photoFile?: string;
      /** the uploaded photo's bytes, for a scripted operator */
      readonly photoBytes?: Buffer;
    }
  | {
      readonly kind: 'look';
      readonly see: Surface;
      readonly user: string;
      readonly viewer: string;
      readonly signInAs: string;
      readonly instructions: readonly string[];
      /** where the test photos are, to compare with what the page shows */
      readonly candidates: string;
    }
  | {
      readonly kind: 'signIn';
      readonly signInAs: string;
      readonly verificationUri: string;
      readonly userCode: string;
      readonly message: string;
    };

/** What the person answered: an action done, refused or not known; a photo seen, or not known. */
export type OperatorAnswer =
  | { readonly kind: 'done' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'seen'; readonly photo: Photo }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Whoever takes the steps with no API: the person at the terminal, or a scripted one against the
 * tenant emulator. Invariant: `take` resolves once the step is done (or known not to be), never
 * before; it answers `unknown` rather than guess.
 */
export type Operator = {
  readonly name: string;
  take(step: OperatorStep): Promise<OperatorAnswer>;
  close?(): Promise<void>;
};
