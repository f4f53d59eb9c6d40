/**
 * A line whose claim (claimOf) was not what it says once parsed: shards may have passed over it
 * wrongly. Never shown to anyone: whoever reads in shards then reads the trace whole.
 */
export class ShardMismatchError extends Error {
  readonly code = 'PHOTOSYNC_SHARD_MISMATCH';
  constructor(
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: the line's subject or time is not where a quick look found it`);
    this.name = 'ShardMismatchError';
  }
}
