import { formatDrillTable, readRows, RESULTS_DIR } from './drill';

/**
 * vitest's globalSetup for `npm run drill:faults`: once every drill has run, prints the whole table
 * (each drill replaces its own row in drill-results/faults.json and .md, so a run of one drill
 * keeps the others' last rows, each with its date).
 */
export function setup(): void {
  process.env.FAULT_DRILL = 'full';
}

export async function teardown(): Promise<void> {
  console.log(`\n${formatDrillTable(await readRows())}\nKept in ${RESULTS_DIR}/faults.md`);
}
