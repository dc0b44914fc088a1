import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/host/bench.js and tests/bench/*.ts are both two folders below the repository. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_DIR = path.join(ROOT, 'dist');
/** The benchmark pages (vite build --mode bench): index.html (board), live.html (live session). */
export const PAGE_DIR = path.join(DIST_DIR, 'bench');
/** The real renderer (vite build). */
export const RENDERER_DIR = path.join(DIST_DIR, 'renderer');
export const OUT_DIR = path.join(ROOT, 'bench-results');
