import { readsAny, readsStore, type Rule } from '../Rule.js';
import type { RuleId } from '../RuleId.js';

const TEAMS: readonly RuleId[] = ['TEAMS-CACHE'];

export const teamsCache: Rule = {
  id: 'TEAMS-CACHE',
  statement:
    'Teams may show any Exchange photo seen in the last teamsCache, or since the viewer last restarted it if that is shorter; whatever the viewer restarted, any seen in the last teamsServiceCache.',
  source: 'MSDOC Teams "user information isn\'t updated" (2025)',
  params: ['exoLag', 'teamsCache'],
  reading:
    'teamsServiceCache is 0 where the profile has none. A viewer whose caches the header does not know (SPEC section 6) may see any photo until they restart Teams, and until start + teamsServiceCache whatever they restart.',
  provides: { surfaces: ['teams'], vias: ['teams'] },
  reads: {
    surfaces: ['teams'],
    read(_surface, viewer, ctx) {
      const v = ctx.viewer(viewer);
      const service = ctx.optionalParam('teamsServiceCache') ?? 0;
      const restarted = v.restarted.teams;
      if (v.unknownCaches && (restarted === undefined || ctx.at < ctx.start + service)) return readsAny(TEAMS);
      const client = Math.max(ctx.at - ctx.param('teamsCache'), restarted ?? ctx.start);
      return readsStore('exchange', Math.min(client, ctx.at - service), TEAMS);
    },
  },
};
