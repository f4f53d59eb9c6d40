import type { Rule } from '../Rule.js';

export const yammerIsolated: Rule = {
  id: 'YAMMER-ISOLATED',
  statement: 'A photo set in Yammer changes Yammer only, and nothing else ever changes Yammer.',
  source: 'TW14',
  params: [],
  onAction(a, ctx) {
    if (a.do !== 'setPhoto' || a.via !== 'yammer') return false;
    ctx.world.yammer.write(ctx.at, [a.photo], ctx.at, ['YAMMER-ISOLATED']);
    return true;
  },
  explains(photo, surface, ctx) {
    return surface === 'yammer' && !ctx.world.yammer.allows(photo, ctx.at, ctx.at);
  },
};
