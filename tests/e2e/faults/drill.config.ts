import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * `npm run drill:faults`: the fault drills at full length (FAULT_DRILL=full), one after the other,
 * then the table of counts (table.ts prints it and keeps it in drill-results/faults.md).
 * `npm run drill:faults -- browser-kill` runs one (vitest's file filter); FAULT_DRILL_SEED=<n>
 * repeats a run's random moments.
 */
export default defineConfig({
  test: {
    root,
    include: ['tests/e2e/faults-*.e2e.ts', 'tests/e2e/host-disk-full.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    env: { FAULT_DRILL: 'full' },
    globalSetup: ['tests/e2e/faults/table.ts'],
  },
});
