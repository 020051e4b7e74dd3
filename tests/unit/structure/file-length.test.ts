/**
 * Guard: no source file over 600 lines. Past that a file stops being something a person can hold
 * in their head; split it by what its parts own (state, rules, commands, rendering), each part
 * with a doc comment saying what it owns.
 */
import { describe, expect, it } from 'vitest';
import { lineCount, readSource, sourceFiles } from './source-tree.js';

const MAX_LINES = 600;
const FOLDERS = ['src-shared', 'src-main', 'src-renderer', 'scripts', 'bench'];
const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx', '.css']);

/** Files over the limit today, left out until they are split. Do not add to this list: split the file instead. */
const ALLOWED_LONG_FILES: readonly string[] = [];

describe('file length', () => {
  const lengths = new Map(sourceFiles(FOLDERS, EXTENSIONS).map((file) => [file, lineCount(readSource(file))]));

  it('reads the source files', () => {
    expect(lengths.size).toBeGreaterThan(100);
    expect(lengths.get('src-main/sim/floor.ts')).toBeGreaterThan(0);
  });

  it(`keeps every source file at ${MAX_LINES} lines or fewer`, () => {
    const allowed = new Set(ALLOWED_LONG_FILES);
    const tooLong = [...lengths].filter(([file, lines]) => lines > MAX_LINES && !allowed.has(file)).map(([file, lines]) => `${file}: ${lines} lines`);
    expect(
      tooLong,
      `These files are over ${MAX_LINES} lines. Split each into units a person can hold in their head ` +
        '(for example its state and types, its rules, its commands, its rendering), each file with a doc comment saying what it owns:\n' +
        tooLong.map((entry) => `  ${entry}`).join('\n'),
    ).toEqual([]);
  });

  it('allows only files that are still over the limit', () => {
    const stale = ALLOWED_LONG_FILES.filter((file) => (lengths.get(file) ?? 0) <= MAX_LINES);
    expect(stale, 'These files are gone or now within the limit: remove them from ALLOWED_LONG_FILES in tests/unit/structure/file-length.test.ts.').toEqual([]);
  });
});
