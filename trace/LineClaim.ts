/**
 * The shard of `count` that checks a subject (readTrace's shards): a hash of its id. Subjects are
 * independent in the model (a subject's state follows from its own events and from the events of
 * no subject: viewers' resets, settings), so shards that each check their own subjects and every
 * event of no subject find what one reader would.
 */
export function shardOf(id: string, count: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), FNV_PRIME);
  return (h >>> 0) % count;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const AT = '"at":"';
const USER = '"user":"';
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * What an event line seems to say of itself, read without parsing it: the shard of its subject
 * (the first `"user":"…"`) and where its time is (the first `"at":"…"`). Lets a reader that checks
 * some subjects only pass over the lines of others (readTrace's shards). One object is reused for
 * line after line: `read` fills it.
 * WARNING: a claim is a guess, right for every line the tools write but not for every JSON line (a
 * nested `"user"` key may come first): whoever parses a claimed line must compare it with the claim
 * (`confirms`).
 */
export class LineClaim {
  /** shardOf the subject, when `read` returned true */
  shard = 0;
  /** where the text of the time starts and ends in the line, when `read` returned true */
  atFrom = 0;
  atTo = 0;

  constructor(private readonly count: number) {}

  /** Reads the claim of `line`; false when it shows no time or no subject, or a subject written with escapes. */
  read(line: string): boolean {
    const a = line.indexOf(AT);
    if (a < 0) return false;
    const from = a + AT.length;
    const to = line.indexOf('"', from);
    if (to < 0) return false;
    const u = line.indexOf(USER);
    if (u < 0) return false;
    // shardOf, over the id in place
    let h = FNV_OFFSET;
    let i = u + USER.length;
    const start = i;
    for (; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === QUOTE) break;
      // an escape makes the text differ from the value (an escaped quote would end the id early)
      if (c === BACKSLASH) return false;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (i === start || i === line.length) return false;
    this.shard = (h >>> 0) % this.count;
    this.atFrom = from;
    this.atTo = to;
    return true;
  }

  /**
   * Whether `line`, once parsed, is what the last `read` of it claimed: a subject (subjectOf) of
   * the same shard, and the same text of the time.
   */
  confirms(line: string, subject: string | undefined, at: unknown): boolean {
    return (
      subject !== undefined &&
      shardOf(subject, this.count) === this.shard &&
      typeof at === 'string' &&
      at.length === this.atTo - this.atFrom &&
      line.startsWith(at, this.atFrom)
    );
  }
}
