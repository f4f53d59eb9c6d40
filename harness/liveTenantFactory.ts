import type { LiveAdapter } from '../adapters/live/createLiveAdapter.js';
import type { Restored } from '../adapters/live/Originals.js';
import type { TenantFactory } from './TenantFactory.js';

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
      const what = (r: Restored) =>
        r.what === 'photo'
          ? 'the original photo'
          : r.what === 'policy'
            ? 'the OWA mailbox policy (SetPhotoEnabled true)'
            : 'the photo update settings';
      const lines = restored.map((r) =>
        r.outcome === 'restored'
          ? `photosync: put back ${what(r)} of ${r.upn}`
          : `photosync: could not put back ${what(r)} of ${r.upn || r.id}: ${r.reason ?? ''}; ${r.what === 'photo' ? `run photosync restore --config ${config}` : 'set it by hand'}`,
      );
      await adapter.close();
      return lines;
    },
  };
}
