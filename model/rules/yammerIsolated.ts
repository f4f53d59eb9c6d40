import type { Rule } from '../Rule.js';

export const yammerIsolated: Rule = {
  id: 'YAMMER-ISOLATED',
  statement: 'A photo set in Yammer changes Yammer only, and nothing else ever changes Yammer.',
  source: 'TW14',
  params: [],
  acts: ['setPhoto'],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'yammer') return false;
    ctx.yammer.write(ctx.at, [a.photo], ctx.at, ['YAMMER-ISOLATED']);
    return true;
  },
  explains(photo, surface, ctx) {
    const yammer = ctx.yammer;
    if (surface === 'yammer') return !yammer.allows(photo, ctx.at, ctx.at);
    // a photo seen elsewhere that was only ever set in Yammer
    return yammer.candidates(ctx.start, ctx.at).get(photo)?.has('YAMMER-ISOLATED') === true;
  },
};
