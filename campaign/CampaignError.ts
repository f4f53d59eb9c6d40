/** Why a campaign cannot start, resume or be read: a stable code, and a message naming the file and line. */
export class CampaignError extends Error {
  constructor(
    readonly code: 'PHOTOSYNC_CAMPAIGN_BAD_FILE' | 'PHOTOSYNC_CAMPAIGN_EXISTS' | 'PHOTOSYNC_CAMPAIGN_MISSING' | 'PHOTOSYNC_CAMPAIGN_BUSY',
    message: string,
  ) {
    super(message);
    this.name = 'CampaignError';
  }
}
