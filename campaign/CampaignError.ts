/**
 * What refuses a campaign: `BAD_FILE`, a file of the campaign damaged (a line that is not JSON with
 * lines after it: `resume` puts a journal's right where it can); `UNREADABLE`, a file that is not
 * as photosync writes one and that no repair applies to (UTF-16, lines ending in CR alone, a line
 * too long, two journals joined, a line no event): nothing is changed; `EXISTS`, `MISSING`, `BUSY`.
 */
export type CampaignErrorCode =
  | 'PHOTOSYNC_CAMPAIGN_BAD_FILE'
  | 'PHOTOSYNC_CAMPAIGN_UNREADABLE'
  | 'PHOTOSYNC_CAMPAIGN_EXISTS'
  | 'PHOTOSYNC_CAMPAIGN_MISSING'
  | 'PHOTOSYNC_CAMPAIGN_BUSY';

/** Where in a campaign's files the refusal is: the file, its 1-based line (0: the file itself), the field (empty: the whole line). */
export type CampaignErrorPlace = { readonly file: string; readonly line: number; readonly field: string };

/** Why a campaign cannot start, resume or be read: a stable code, and a message naming the file and line. */
export class CampaignError extends Error {
  constructor(
    readonly code: CampaignErrorCode,
    message: string,
    readonly place?: CampaignErrorPlace,
  ) {
    super(message);
    this.name = 'CampaignError';
  }
}
