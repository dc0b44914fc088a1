import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ours = (dir) => [`**/${dir}/**`, `../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`];

// Layering (see DESIGN.md): shared/ imports nothing of ours (and tsconfig.shared.json gives it no
// DOM or Node types); renderer/ never imports electron/; renderer/board/ imports neither
// renderer/live/ nor the library (renderer/docs/library.ts); electron/host/ imports only shared/;
// only electron/main.ts and electron/preload.ts import 'electron'.
const layers = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Bad layering: shared/ is pure.' }],
          patterns: [
            { group: [...ours('renderer'), ...ours('electron'), ...ours('tests')], message: 'Bad layering: shared/ imports nothing of ours.' },
            { group: ['node:*', 'react', 'react-dom', 'konva', 'react-konva'], message: 'Bad layering: shared/ has no Node, DOM or React.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Bad layering: the renderer reaches the OS only through Platform.' }],
          patterns: [{ group: [...ours('electron'), 'node:*'], message: 'Bad layering: renderer/ never imports electron/ or Node.' }],
        },
      ],
    },
  },
  {
    // The board draws and edits what it is given: it knows nothing of live sessions or of the
    // library, so the projector wall, the reflection board and PNG export can use it as it is.
    files: ['renderer/board/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Bad layering: the renderer reaches the OS only through Platform.' }],
          patterns: [
            { group: [...ours('electron'), 'node:*'], message: 'Bad layering: renderer/ never imports electron/ or Node.' },
            { group: ['**/live/*', '../live', '**/docs/library', '**/docs/library.ts'], message: 'Bad layering: renderer/board/ imports neither renderer/live/ nor the library.' },
          ],
        },
      ],
    },
  },
  {
    // The LAN host runs in Electron's main process and in `npm run serve` alike: it stands alone.
    files: ['electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: "Bad layering: the host is plain Node; only electron/main.ts and electron/preload.ts import 'electron'." }],
          patterns: [{ regex: '^\\.\\./(?!\\.\\./shared/)', message: 'Bad layering: electron/host/ imports only itself and shared/, never the rest of electron/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: "Bad layering: only electron/main.ts and electron/preload.ts import 'electron'." }] },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/bench/page/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['electron/**/*.{ts,mjs}', 'tests/**/*.ts', '*.js', '*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layers,
);
