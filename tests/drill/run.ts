import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OUT_DIR, ROOT } from '../bench/paths';
import { runDrill, drillConfigFromEnv } from './drill';
import { drillMarkdown } from './report';

/**
 * `npm run drill` (built to dist/host/drill.js): the load drill of issue 10 with the room
 * (DRILL_GROUPS=12, DRILL_PER_GROUP=8, DRILL_SECONDS=180, DRILL_BROWSERS=2); writes
 * bench-results/drill.md and drill.json (and drill-houses.png, drill-board.png: the facilitator's
 * "Alle huizen" and a participant's board at the end) and prints the table. Measures, asserts nothing; exits 1
 * when a board differs or an edit is missing, so a broken room cannot pass unseen.
 */

async function main(): Promise<number> {
  const began = Date.now();
  const config = drillConfigFromEnv(process.env, (line) => console.log(`[drill ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`));
  const result = await runDrill({ ...config, screenshotDir: OUT_DIR });
  const markdown = drillMarkdown(result);
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(path.join(OUT_DIR, 'drill.md'), markdown);
  await writeFile(path.join(OUT_DIR, 'drill.json'), JSON.stringify(result, null, 2));
  console.log(`\n${markdown}`);
  console.log(`wrote ${path.relative(ROOT, path.join(OUT_DIR, 'drill.md'))} and drill.json`);
  return result.differing.length === 0 && result.missing.length === 0 && result.sameAfterStop ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
