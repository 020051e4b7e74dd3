// What `npm start` decides before launching anything: is the Electron runtime installed, is there
// an Electron-ABI build of better-sqlite3, and which process to start. The decisions are pure
// functions (tests/unit/electron/launcher.test.ts); the two functions that touch the disk are
// small and named for what they do.
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join, relative, sep } from 'node:path';

/** Node flags of the process that runs the core: CORE_NODE_FLAGS in src-main/core/runtime-flags.ts. */
export const HOST_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * Finds the Electron binary the way the electron package does, without its fallback of
 * downloading one: path.txt names the executable inside dist/ (or ELECTRON_OVERRIDE_DIST_PATH).
 */
export function locateElectronRuntime({ electronDir, env, exists, readText }) {
  const pathFile = join(electronDir, 'path.txt');
  const executable = exists(pathFile) ? readText(pathFile).trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executable || 'electron');
    return exists(binary) ? { present: true, binary } : { present: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${binary})` };
  }
  if (!executable) return { present: false, reason: 'node_modules/electron/path.txt is missing' };
  const binary = join(electronDir, 'dist', executable);
  return exists(binary) ? { present: true, binary } : { present: false, reason: `the Electron binary is missing (${binary})` };
}

/** Where the Electron-ABI better-sqlite3 for one Electron version is kept, beside the Node-ABI one the tests use. */
export function nativeCachePaths(root, electronVersion) {
  const dir = join(root, '.cache', 'electron-native', electronVersion);
  return { dir, binding: join(dir, 'better_sqlite3.node'), stamp: join(dir, 'better_sqlite3.json'), workDir: join(dir, 'work') };
}

/**
 * Whether the cached binding must be (re)built: missing, or built for another better-sqlite3
 * version, platform or architecture (its JavaScript half comes from node_modules and must match).
 */
export function needsNativeBuild({ bindingExists, stampText, expected }) {
  if (!bindingExists || stampText === null) return true;
  let stamp;
  try {
    stamp = JSON.parse(stampText);
  } catch {
    return true;
  }
  if (typeof stamp !== 'object' || stamp === null) return true;
  return Object.entries(expected).some(([key, value]) => stamp[key] !== value);
}

/**
 * Which process `npm start` runs: Electron when its runtime, a display and the native binding are
 * there; otherwise the host, which serves the same console to a browser. The notice says why.
 */
export function planLaunch({ root, args, runtime, nativeBinding, nativeError, execPath, env, platform }) {
  const hostPlan = (notice) => {
    const entry = join(root, 'dist', 'host', 'cli.mjs');
    return { kind: 'host', command: execPath, args: [...HOST_NODE_FLAGS, entry, '--open', ...args], entry, env: { ...env }, notice };
  };
  if (!runtime.present) return hostPlan(`The Electron runtime is not installed (${runtime.reason}), so the console runs in the browser.`);
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return hostPlan('No display is available for the Electron window, so the console runs in the browser.');
  if (!nativeBinding) return hostPlan(`SQLite could not be prepared for Electron (${nativeError ?? 'unknown error'}), so the console runs in the browser.`);
  const childEnv = { ...env, FLOORWATCH_SQLITE_BINDING: nativeBinding };
  // Set by some tools, it would make the Electron binary behave as plain Node.
  delete childEnv.ELECTRON_RUN_AS_NODE;
  return { kind: 'electron', command: runtime.binary, args: [root, ...args], entry: join(root, 'dist', 'electron', 'main.cjs'), env: childEnv, notice: null };
}

/** The exit code to pass on for a child that ended with a code or a signal (shell convention 128 + n). */
export function exitCodeOf(code, signal) {
  if (code !== null && code !== undefined) return code;
  const number = signal ? constants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}

/**
 * Copies the better-sqlite3 package to build it elsewhere, leaving out its build/ folder: the
 * copy is rebuilt from source for Electron, and the original's Node-ABI build stays untouched.
 */
export async function copyModuleSource(fromDir, toDir) {
  await rm(toDir, { recursive: true, force: true });
  await cp(fromDir, toDir, {
    recursive: true,
    filter: (source) => {
      const inside = relative(fromDir, source);
      return inside !== 'build' && !inside.startsWith(`build${sep}`);
    },
  });
}

/**
 * Makes sure an Electron-ABI better_sqlite3.node exists for this Electron version and returns its
 * path. Builds it once with @electron/rebuild on a copy of the package; later starts reuse it.
 */
export async function ensureElectronNativeBinding({ root, electronVersion, log }) {
  const paths = nativeCachePaths(root, electronVersion);
  const moduleDir = join(root, 'node_modules', 'better-sqlite3');
  const { version: betterSqliteVersion } = JSON.parse(await readFile(join(moduleDir, 'package.json'), 'utf8'));
  const expected = { electronVersion, betterSqliteVersion, platform: process.platform, arch: process.arch };
  const stampText = existsSync(paths.stamp) ? await readFile(paths.stamp, 'utf8') : null;
  if (!needsNativeBuild({ bindingExists: existsSync(paths.binding), stampText, expected })) return paths.binding;

  log(`Building better-sqlite3 ${betterSqliteVersion} for Electron ${electronVersion} (once per version)...`);
  const copyDir = join(paths.workDir, 'node_modules', 'better-sqlite3');
  try {
    await mkdir(paths.workDir, { recursive: true });
    await copyModuleSource(moduleDir, copyDir);
    await writeFile(
      join(paths.workDir, 'package.json'),
      JSON.stringify({ name: 'floorwatch-electron-native', private: true, dependencies: { 'better-sqlite3': betterSqliteVersion } }),
    );
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: paths.workDir, electronVersion, onlyModules: ['better-sqlite3'], force: true });
    // Copy then rename, so an interrupted build never leaves a half-written binding behind.
    const partial = `${paths.binding}.partial`;
    await cp(join(copyDir, 'build', 'Release', 'better_sqlite3.node'), partial);
    await rename(partial, paths.binding);
    await writeFile(paths.stamp, JSON.stringify(expected, null, 2));
  } finally {
    await rm(paths.workDir, { recursive: true, force: true });
  }
  return paths.binding;
}
