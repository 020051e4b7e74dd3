/**
 * The packaging check on the Node build of better-sqlite3 in node_modules: it has Node 20's ABI
 * (115), so the check must pass for 115 and fail, naming what it found, for Electron's ABI.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryFormat, checkNativeAbi, exportedSymbols, registeredAbis } from '../../../scripts/native-abi.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const addonPath = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const addon = readFileSync(addonPath);
const require = createRequire(import.meta.url);
const { getAbi } = require('node-abi') as { getAbi(target: string, runtime: string): string };
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

describe('checkNativeAbi', () => {
  it('passes for the ABI of the Node running the tests (the build in node_modules is for it)', () => {
    expect(checkNativeAbi(addon, process.versions.modules)).toEqual({ ok: true, message: `the addon exports node_register_module_v${process.versions.modules}` });
  });

  it('fails for Electron’s ABI and says which ABI the file has', () => {
    const electronAbi = getAbi(electronVersion, 'electron');
    expect(electronAbi).not.toBe(process.versions.modules);
    const result = checkNativeAbi(addon, electronAbi, 'better_sqlite3.node');
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      `better_sqlite3.node was built for the wrong runtime: it exports node_register_module_v${process.versions.modules}, but the runtime needs node_register_module_v${electronAbi}`,
    );
  });

  it('refuses a file that is not a shared library', () => {
    expect(checkNativeAbi(Buffer.from('#!/bin/sh\necho not an addon\n'.repeat(4)), 146)).toEqual({ ok: false, message: 'the addon cannot be read: not an ELF, Mach-O or PE file' });
  });

  it('refuses a truncated ELF file instead of reading past its end', () => {
    const result = checkNativeAbi(addon.subarray(0, 4096), 115);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('cut short');
  });
});

describe('exportedSymbols', () => {
  it('reads the dynamic symbols of an ELF addon', () => {
    expect(binaryFormat(addon)).toBe('elf');
    const symbols = exportedSymbols(addon);
    expect(registeredAbis(symbols)).toEqual([Number(process.versions.modules)]);
  });

  it('agrees with nm -D where nm is installed', () => {
    let nm: string;
    try {
      nm = execFileSync('nm', ['-D', '--defined-only', addonPath], { encoding: 'utf8' });
    } catch {
      return;
    }
    const fromNm = nm
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).at(-1)?.split('@')[0] ?? '')
      .sort();
    expect([...new Set(exportedSymbols(addon))].sort()).toEqual([...new Set(fromNm)]);
  });
});
