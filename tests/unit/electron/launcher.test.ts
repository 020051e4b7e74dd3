import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  copyModuleSource,
  exitCodeOf,
  locateElectronRuntime,
  nativeCachePaths,
  needsNativeBuild,
  planLaunch,
  type ElectronRuntime,
  HOST_NODE_FLAGS,
} from '../../../scripts/electron-native.mjs';

const electronDir = join('/project', 'node_modules', 'electron');

function files(contents: Readonly<Record<string, string>>) {
  return { exists: (path: string) => path in contents, readText: (path: string) => contents[path] ?? '' };
}

describe('locateElectronRuntime', () => {
  it('finds the binary named by path.txt inside dist/', () => {
    const binary = join(electronDir, 'dist', 'electron');
    const found = locateElectronRuntime({ electronDir, env: {}, ...files({ [join(electronDir, 'path.txt')]: 'electron\n', [binary]: '' }) });
    expect(found).toEqual({ present: true, binary });
  });

  it('reports the runtime missing when path.txt is absent, without downloading anything', () => {
    const found = locateElectronRuntime({ electronDir, env: {}, ...files({}) });
    expect(found).toEqual({ present: false, reason: 'node_modules/electron/path.txt is missing' });
  });

  it('reports the runtime missing when path.txt names a binary that is not there', () => {
    const found = locateElectronRuntime({ electronDir, env: {}, ...files({ [join(electronDir, 'path.txt')]: 'electron' }) });
    expect(found.present).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const binary = join('/opt/electron', 'electron');
    expect(locateElectronRuntime({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, ...files({ [binary]: '' }) })).toEqual({ present: true, binary });
    expect(locateElectronRuntime({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/none' }, ...files({}) }).present).toBe(false);
  });
});

describe('needsNativeBuild', () => {
  const expected = { electronVersion: '42.11.18', betterSqliteVersion: '12.11.1', platform: 'linux', arch: 'x64' };

  it('reuses a binding built for the same versions and machine', () => {
    expect(needsNativeBuild({ bindingExists: true, stampText: JSON.stringify(expected), expected })).toBe(false);
  });

  it.each([
    ['no binding', false, JSON.stringify(expected)],
    ['no stamp', true, null],
    ['a corrupt stamp', true, '{not json'],
    ['a stamp that is not an object', true, '42'],
    ['another better-sqlite3', true, JSON.stringify({ ...expected, betterSqliteVersion: '12.0.0' })],
    ['another Electron', true, JSON.stringify({ ...expected, electronVersion: '41.0.0' })],
    ['another architecture', true, JSON.stringify({ ...expected, arch: 'arm64' })],
  ])('rebuilds with %s', (_name, bindingExists, stampText) => {
    expect(needsNativeBuild({ bindingExists, stampText, expected })).toBe(true);
  });
});

describe('nativeCachePaths', () => {
  it('keeps one build per Electron version under .cache', () => {
    expect(nativeCachePaths('/project', '42.11.18').binding).toBe(join('/project', '.cache', 'electron-native', '42.11.18', 'better_sqlite3.node'));
  });
});

describe('planLaunch', () => {
  const present: ElectronRuntime = { present: true, binary: '/project/node_modules/electron/dist/electron' };
  const base = { root: '/project', args: ['--seed', '7'], execPath: '/usr/bin/node', platform: 'linux', nativeError: null };

  it('runs Electron on the project with the native binding and the passed arguments', () => {
    const plan = planLaunch({ ...base, runtime: present, nativeBinding: '/cache/b.node', env: { DISPLAY: ':0', ELECTRON_RUN_AS_NODE: '1', HOME: '/home/a' } });
    expect(plan).toMatchObject({ kind: 'electron', command: present.binary, args: ['/project', '--seed', '7'], notice: null });
    expect(plan.env).toEqual({ DISPLAY: ':0', HOME: '/home/a', FLOORWATCH_SQLITE_BINDING: '/cache/b.node' });
  });

  it('runs the host with --open and says why when the runtime is missing', () => {
    const plan = planLaunch({ ...base, runtime: { present: false, reason: 'path.txt is missing' }, nativeBinding: null, env: { DISPLAY: ':0' } });
    expect(plan).toMatchObject({ kind: 'host', command: '/usr/bin/node', args: [...HOST_NODE_FLAGS, join('/project', 'dist', 'host', 'cli.mjs'), '--open', '--seed', '7'] });
    expect(plan.notice).toMatch(/Electron runtime is not installed.*runs in the browser/);
    expect(plan.env).not.toHaveProperty('FLOORWATCH_SQLITE_BINDING');
  });

  it('runs the host on a Linux machine with no display', () => {
    expect(planLaunch({ ...base, runtime: present, nativeBinding: '/cache/b.node', env: {} }).kind).toBe('host');
    expect(planLaunch({ ...base, runtime: present, nativeBinding: '/cache/b.node', env: { WAYLAND_DISPLAY: 'wayland-0' } }).kind).toBe('electron');
    expect(planLaunch({ ...base, platform: 'darwin', runtime: present, nativeBinding: '/cache/b.node', env: {} }).kind).toBe('electron');
  });

  it('runs the host and names the error when SQLite could not be built for Electron', () => {
    const plan = planLaunch({ ...base, runtime: present, nativeBinding: null, nativeError: 'no compiler', env: { DISPLAY: ':0' } });
    expect(plan.kind).toBe('host');
    expect(plan.notice).toContain('no compiler');
  });
});

describe('exitCodeOf', () => {
  it('passes on an exit code, and maps a signal to 128 + its number', () => {
    expect(exitCodeOf(0, null)).toBe(0);
    expect(exitCodeOf(3, null)).toBe(3);
    expect(exitCodeOf(null, 'SIGINT')).toBe(130);
    expect(exitCodeOf(null, 'SIGTERM')).toBe(143);
    expect(exitCodeOf(null, null)).toBe(1);
  });
});

describe('copyModuleSource', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'floorwatch-native-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('copies the package without its build folder and leaves the original untouched', async () => {
    const original = join(scratch, 'better-sqlite3');
    mkdirSync(join(original, 'build', 'Release'), { recursive: true });
    mkdirSync(join(original, 'src'), { recursive: true });
    mkdirSync(join(original, 'lib', 'build-helpers'), { recursive: true });
    writeFileSync(join(original, 'package.json'), '{"name":"better-sqlite3"}');
    writeFileSync(join(original, 'src', 'better_sqlite3.cpp'), '// source');
    writeFileSync(join(original, 'lib', 'build-helpers', 'x.js'), 'x');
    writeFileSync(join(original, 'build', 'Release', 'better_sqlite3.node'), 'node-abi');

    const copy = join(scratch, 'work', 'node_modules', 'better-sqlite3');
    mkdirSync(join(copy, 'stale'), { recursive: true });
    await copyModuleSource(original, copy);

    expect(existsSync(join(copy, 'package.json'))).toBe(true);
    expect(existsSync(join(copy, 'src', 'better_sqlite3.cpp'))).toBe(true);
    expect(existsSync(join(copy, 'lib', 'build-helpers', 'x.js'))).toBe(true);
    expect(existsSync(join(copy, 'build'))).toBe(false);
    expect(existsSync(join(copy, 'stale'))).toBe(false);
    expect(readFileSync(join(original, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('node-abi');
  });
});
