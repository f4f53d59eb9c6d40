import type { Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';
import { NO_PHOTO } from '../vocabulary.js';

const FAST: readonly RuleId[] = ['EXO-FAST'];
const FAST_ORIGIN: readonly RuleId[] = ['EXO-FAST', 'SP-ORIGIN'];

export const exoFast: Rule = {
  id: 'EXO-FAST',
  statement: 'A photo set or removed through any path but Yammer and on-premises AD reaches the Exchange mailbox within exoLag.',
  source: 'TW14',
  params: ['exoLag'],
  reading: 'A photo in flight may show or not, in any order, until its window closes: two reads may reach different copies.',
  acts: ['setPhoto', 'removePhoto'],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' && a.do !== 'removePhoto') return false;
    if (a.via === 'yammer' || a.via === 'on-prem-ad') return false;
    const photo = a.do === 'setPhoto' ? a.photo : NO_PHOTO;
    const outside = ctx.isOutside(a.via);
    // a SharePoint upload under SP-ORIGIN reaches Exchange by the same road: cite both
    const rules = a.via === 'sharepoint' && !outside && ctx.has('SP-ORIGIN') ? FAST_ORIGIN : FAST;
    const reached = ctx.at + ctx.param('exoLag');
    const kept = ctx.writeExchange(photo, reached, rules, 'cloud');
    if (outside) ctx.outsideChange(kept, reached);
    return true;
  },
};
