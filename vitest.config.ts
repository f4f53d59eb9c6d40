import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{model,trace,harness,adapters,emulator,reports,diff,campaign,cli,bench}/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['./vitest.setup.ts'],
    globalSetup: ['./vitest.globalSetup.ts'],
  },
});
