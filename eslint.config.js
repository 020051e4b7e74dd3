// Layer rules: see docs/architecture.md#layers. The messages point there on purpose.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const layering = (what) => `Bad layering: ${what}. See docs/architecture.md#layers.`;

const forbid = (names, patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

// ESLint loads the default export of its config file.
// eslint-disable-next-line no-restricted-syntax
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.cache/**', 'tests/artifacts/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: forbid(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'ws'],
      ['**/src-main/**', '**/src-renderer/**', 'node:*'],
      layering('src-shared is pure TypeScript and imports no Node, DOM, Electron or other layer'),
    ),
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/host/**/*.ts', 'src-main/sim/**/*.ts'],
    rules: forbid(['electron'], ['**/src-renderer/**', '**/electron/**', 'electron/*'], layering('src-main/core, host and sim never import Electron or the renderer')),
  },
  {
    files: ['src-main/sim/**/*.ts'],
    rules: forbid(['electron', 'better-sqlite3'], ['**/src-renderer/**', '**/electron/**', '**/core/**'], layering('the simulator is a feed server: it speaks the protocol from src-shared and never reaches into the core')),
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: forbid(
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws'],
      ['**/src-main/**', 'node:*'],
      layering('src-renderer runs sandboxed: no Node, no Electron, no main-process code; talk to the core through ConsoleClient'),
    ),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'Use safeOpenExternal from src-main/electron/safe-open-external.ts.' }],
    },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    ignores: ['src-main/electron/ipc-main-bridge.ts', 'src-main/electron/ipc-renderer-bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed wrappers in ipc-main-bridge.ts / ipc-renderer-bridge.ts; nothing else touches IPC raw.' }],
          patterns: [{ group: ['**/src-renderer/**'], message: layering('the Electron shell never imports the renderer') }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
