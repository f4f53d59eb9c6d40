import type { Caller } from './identity/authorize.js';
import type { Directory } from './Directory.js';
import { ADMIN } from '../model/vocabulary.js';

/** The viewer a request reads as: the signed-in user, or for the app itself the first test user. */
export function viewerOf(caller: Caller, directory: Directory): string {
  return caller.kind === 'user' ? caller.user.id : directory.users[0]!.id;
}

/** Who makes a change a request asks for: the signed-in user, or `admin` for the app itself (the tenant acts). */
export function actorOf(caller: Caller): string {
  return caller.kind === 'user' ? caller.user.id : ADMIN;
}
