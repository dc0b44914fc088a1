import { clearRows, formatDrillTable, readRows, RESULTS_DIR } from './drill';

/**
 * vitest's globalSetup for `npm run drill:faults`: starts a fresh table, and prints the whole
 * table once every drill has run (each drill adds its row to drill-results/faults.json and .md).
 */
export async function setup(): Promise<void> {
  process.env.FAULT_DRILL = 'full';
  await clearRows();
}

export async function teardown(): Promise<void> {
  console.log(`\n${formatDrillTable(await readRows())}\nKept in ${RESULTS_DIR}/faults.md`);
}
