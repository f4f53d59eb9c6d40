import type { Rule } from '../Rule.js';

export const teamsCache: Rule = {
  id: 'TEAMS-CACHE',
  statement: 'Teams may show any Exchange photo seen in the last teamsCache, or since the viewer last restarted it if that is shorter.',
  source: 'MSDOC Teams',
  params: ['exoLag', 'teamsCache'],
  provides: { surfaces: ['teams'], vias: ['teams'] },
  reads: {
    surfaces: ['teams'],
    read(_surface, viewer, ctx) {
      const restarted = ctx.viewer(viewer).restarted.teams ?? ctx.start;
      return { store: 'exchange', from: Math.max(ctx.at - ctx.param('teamsCache'), restarted), rules: ['TEAMS-CACHE'] };
    },
  },
};
