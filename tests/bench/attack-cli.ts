import { benchAttack } from './attack';

/**
 * The host-under-attack measurement on its own (npm run bench runs it with the rest):
 *   npm run build:electron && node dist/host/bench-attack.js
 */
benchAttack().then(
  (rows) => {
    console.log('| Measure | Value | Goal |\n|---|--:|---|');
    for (const row of rows) console.log(`| ${row.name} | ${row.value} | ${row.goal ?? ''} |`);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
