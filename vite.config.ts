import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `vite build` builds the renderer (dist/renderer); `vite build --mode bench` builds the benchmark
// pages (dist/bench): index.html mounts the real board components, live.html is one laptop of a
// live session (tests/bench/page/live.tsx), houses.html twelve read-only houses (HouseView),
// wall.html the projector wall itself (WallHouse). `vitest` runs the unit and e2e projects.
export default defineConfig(({ mode }) => {
  const bench = mode === 'bench';
  return {
    root: bench ? here('tests/bench/page') : here('renderer'),
    base: './',
    plugins: [react()],
    // The app's version, shown in "Over Bouwplaats" (renderer/components/AboutDialog.tsx).
    define: { __APP_VERSION__: JSON.stringify((JSON.parse(readFileSync(here('package.json'), 'utf8')) as { version: string }).version) },
    build: {
      outDir: bench ? here('dist/bench') : here('dist/renderer'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      chunkSizeWarningLimit: 2000,
      ...(bench
        ? {
            rolldownOptions: {
              input: {
                index: here('tests/bench/page/index.html'),
                live: here('tests/bench/page/live.html'),
                houses: here('tests/bench/page/houses.html'),
                wall: here('tests/bench/page/wall.html'),
              },
            },
          }
        : {}),
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            root: here('.'),
            include: ['tests/unit/**/*.test.ts'],
            environment: 'node',
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            root: here('.'),
            include: ['tests/e2e/**/*.e2e.ts'],
            environment: 'node',
            pool: 'forks',
            fileParallelism: false,
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
