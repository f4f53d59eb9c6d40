import type { Rule } from '../Rule.js';

/** The largest photo, in bytes, that `PUT /users/{id}/photo/$value` takes. */
export const GRAPH_PHOTO_LIMIT = 4 * 1024 * 1024;

export const graphSize: Rule = {
  id: 'GRAPH-SIZE',
  statement: 'Microsoft Graph refuses a photo larger than 4 MiB.',
  source: 'MSDOC profilephoto-update',
  params: [],
  reading: 'A write whose size is not recorded is taken to be within the limit.',
  rejects(a) {
    return a.do === 'setPhoto' && a.via === 'graph' && (a.bytes ?? 0) > GRAPH_PHOTO_LIMIT;
  },
};
