import { z } from 'zod';

/** An ISO 8601 date-time with a zone (`Z` or an offset), read as milliseconds since the epoch. */
export const IsoTime = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));
