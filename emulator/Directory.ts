import type { Random } from '../adapters/sim/Random.js';
import { seededGuid } from './seededGuid.js';

/** A test user as the directory knows them: the trace id, the sign-in name and the object id Graph shows. */
export type DirectoryUser = {
  readonly id: string;
  readonly upn: string;
  readonly objectId: string;
  readonly displayName: string;
};

/**
 * The emulator's directory: the test users, and nobody else.
 * Invariant: ids, UPNs and object ids are unique; lookups by UPN and object id ignore case.
 */
export class Directory {
  private constructor(readonly users: readonly DirectoryUser[]) {}

  /** The users `ids`, with UPNs `${id}@${domain}` and object ids drawn from `random`. */
  static of(ids: readonly string[], domain: string, random: Random): Directory {
    return new Directory(
      ids.map((id) => ({
        id,
        upn: `${id}@${domain}`,
        objectId: seededGuid(random),
        displayName: id.charAt(0).toUpperCase() + id.slice(1),
      })),
    );
  }

  /** The user Graph's `{id | userPrincipalName}` names. */
  find(idOrUpn: string): DirectoryUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.users.find((u) => u.upn.toLowerCase() === key || u.objectId === key);
  }

  /** The user a trace id or a UPN names (the control endpoints take either). */
  named(name: string): DirectoryUser | undefined {
    return this.users.find((u) => u.id === name) ?? this.find(name);
  }
}
