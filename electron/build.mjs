// `npm run build:electron` (after `vite build`): bundles main, preload and the Node host with esbuild.
// Add an entry to `entries` to build another Node script; `optional` entries are skipped while their
// source does not exist yet.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Packages left to node_modules at run time: Electron itself, ESM-only or native, and ws. */
const NODE_EXTERNALS = ['electron', 'electron-store', 'ws', 'bufferutil', 'utf-8-validate', 'playwright-core', '@roamhq/wrtc'];

/**
 * @typedef {object} Entry
 * @property {string} in            source, relative to the repository
 * @property {string} out           output file, relative to the repository
 * @property {'esm' | 'cjs'} [format]        default 'esm'
 * @property {'node' | 'browser'} [platform] default 'node'
 * @property {string[]} [external]  default NODE_EXTERNALS
 * @property {string[]} [onlyRequires] if set, the output may import nothing but these
 * @property {boolean} [minify]     default false
 * @property {boolean} [optional]   skip (with a note) when `in` does not exist
 */

/** @type {Entry[]} */
export const entries = [
  { in: 'electron/main.ts', out: 'dist/electron/main.js', external: ['electron', 'electron-store'] },
  // A sandboxed preload cannot be an ES module and may only require('electron'): bundle the rest.
  {
    in: 'electron/preload.ts',
    out: 'dist/electron/preload.cjs',
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
    onlyRequires: ['electron'],
  },
  { in: 'electron/host/serve.ts', out: 'dist/host/serve.js', external: ['ws', 'bufferutil', 'utf-8-validate'] },
  { in: 'tests/bench/run.ts', out: 'dist/host/bench.js', optional: true },
  { in: 'tests/bench/signaling-cli.ts', out: 'dist/host/bench-signaling.js', optional: true },
  { in: 'tests/bench/attack-cli.ts', out: 'dist/host/bench-attack.js', optional: true },
  // The load drill (`npm run drill`) and its Node laptops, which the drill's e2e test and the bench fork too.
  { in: 'tests/drill/peerProcess.ts', out: 'dist/host/drill-peer.js', optional: true },
  // One laptop; drill-peer.js loads a fresh copy per laptop (require), so CommonJS.
  { in: 'tests/drill/laptop.ts', out: 'dist/host/drill-laptop.cjs', format: 'cjs', optional: true },
  // vitest stays a package: the drill reuses the e2e steps (tests/e2e/support/liveSession.ts).
  { in: 'tests/drill/run.ts', out: 'dist/host/drill.js', external: [...NODE_EXTERNALS, 'vitest'], optional: true },
];

// ESM bundles may contain CommonJS dependencies that call require(); give them one.
const ESM_REQUIRE_BANNER = "import { createRequire as __bouwplaatsCreateRequire } from 'node:module';\nconst require = __bouwplaatsCreateRequire(import.meta.url);";

/** @param {Entry} entry */
async function build(entry) {
  const format = entry.format ?? 'esm';
  const platform = entry.platform ?? 'node';
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    format,
    platform,
    target: platform === 'node' ? 'node20' : 'chrome130',
    external: entry.external ?? NODE_EXTERNALS,
    sourcemap: true,
    minify: entry.minify ?? false,
    metafile: true,
    logLevel: 'warning',
    banner: format === 'esm' && platform === 'node' ? { js: ESM_REQUIRE_BANNER } : {},
  });
  if (entry.onlyRequires) {
    const imports = Object.entries(result.metafile.outputs)
      .filter(([file]) => file.endsWith(path.basename(entry.out)))
      .flatMap(([, output]) => output.imports.map((i) => i.path));
    const stray = imports.filter((name) => !entry.onlyRequires?.includes(name));
    if (stray.length > 0) throw new Error(`${entry.out} may only import ${entry.onlyRequires.join(', ')}, not: ${stray.join(', ')}`);
  }
  console.log(`built ${entry.out}`);
}

async function main() {
  for (const entry of entries) {
    if (!existsSync(path.join(root, entry.in))) {
      if (entry.optional) {
        console.log(`skipped ${entry.out} (${entry.in} does not exist yet)`);
        continue;
      }
      throw new Error(`${entry.in} is missing`);
    }
    await build(entry);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
