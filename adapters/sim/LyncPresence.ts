/** Who is signed in to Lync. Invariant: presence takes effect at once, and nobody is signed in unless told. */
export class LyncPresence {
  private readonly online = new Set<string>();

  set(user: string, signedIn: boolean): void {
    if (signedIn) this.online.add(user);
    else this.online.delete(user);
  }

  isSignedIn(user: string): boolean {
    return this.online.has(user);
  }
}
