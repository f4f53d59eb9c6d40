import type { LiveAdapter } from '../adapters/live/createLiveAdapter.js';
import type { TenantFactory } from './TenantFactory.js';
import { restoredLine } from '../adapters/live/restoredLine.js';

/**
 * A live tenant for the harness: one tenant for every run (it cannot be reset, so each run starts
 * from a survey of it), and closing it puts the test users' original photos back.
 * Invariant: `create` answers the same adapter whatever the seed; only the plan differs.
 */
export function liveTenantFactory(adapter: LiveAdapter, config: string): TenantFactory {
  return {
    describe: { adapter: 'live', config, ...(adapter.capabilities.actions.includes('visitMySite') ? {} : { operator: 'none' }) },
    capabilities: adapter.capabilities,
    create: () => adapter,
    seeded: false,
    images: (photos) => adapter.images(photos),
    async close() {
      const restored = await adapter.restoreOriginals();
      const lines = restored.map((r) => restoredLine(r, config));
      await adapter.close();
      return lines;
    },
  };
}
