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

const RAW_IPC = { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the typed wrappers in main/ipc-main-bridge.ts / preload/ipc-renderer-bridge.ts; nothing else touches IPC raw.' };

/** The import rules of one Electron process folder: never another process's folder, nor the renderer. */
function electronProcess(folder, others, { ipcBridge, banElectron = false, extra = [] }) {
  const message = layering(`src-main/electron/${folder} runs in its own process and never imports ${others.map((other) => `${other}/`).join(' or ')}`);
  const patterns = [
    { group: ['**/src-renderer/**'], message: layering('the Electron shell never imports the renderer') },
    { group: [...others.flatMap((other) => [`../${other}/**`, `**/electron/${other}/**`]), ...extra], message },
  ];
  const electronPath = banElectron ? [{ name: 'electron', message: layering(`src-main/electron/${folder} is plain Node and imports no Electron`) }] : [RAW_IPC];
  const files = [`src-main/electron/${folder}/**/*.ts`];
  const rule = (paths) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
  if (!ipcBridge) return [{ files, rules: rule(electronPath) }];
  const bridge = `src-main/electron/${folder}/${ipcBridge}`;
  return [
    { files, ignores: [bridge], rules: rule(electronPath) },
    { files: [bridge], rules: rule([]) },
  ];
}

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
    files: ['src-main/adapters/**/*.ts'],
    rules: forbid(
      ['electron', 'better-sqlite3', 'ws'],
      ['**/src-renderer/**', '**/electron/**', '**/core/**', '**/host/**', '**/sim/**'],
      layering('src-main/adapters maps platforms\' events to canonical ones from src-shared; it never reaches into the core, host or simulator'),
    ),
  },
  {
    files: ['src-main/relay/**/*.ts'],
    rules: forbid(
      ['electron', 'better-sqlite3'],
      ['**/src-renderer/**', '**/electron/**', '**/core/**', '**/host/**'],
      layering('src-main/relay serves the feed protocol from a NATS log; it never reaches into the core or host (it may use the simulator\'s permission rules and snapshot frames, and the adapters\' schema check)'),
    ),
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
      'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'Use safeOpenExternal from src-main/electron/main/safe-open-external.ts.' }],
    },
  },
  // The Electron shell is split by the process a file runs in, as VS Code splits electron-main,
  // node and browser: main/ (the main process), preload/ (the sandboxed preload), utility/ (the
  // core's utility process, plain Node), common/ (types and pure code the three share).
  ...electronProcess('main', ['preload', 'utility'], { ipcBridge: 'ipc-main-bridge.ts' }),
  ...electronProcess('preload', ['main', 'utility'], { ipcBridge: 'ipc-renderer-bridge.ts', extra: ['**/core/**', '**/host/**'] }),
  ...electronProcess('utility', ['main', 'preload'], { banElectron: true }),
  ...electronProcess('common', ['main', 'preload', 'utility'], { banElectron: true }),
  {
    files: ['scripts/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
