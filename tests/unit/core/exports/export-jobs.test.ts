/**
 * The export job every kind of export runs through, on real files in a temporary folder: a
 * finished file moved into place and read back in pieces, progress that only grows, cancel midway
 * leaving nothing on disk, a failing writer's error told and its partial file deleted, old files
 * cleared, and jobs kept to their owner.
 */
import { existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessFor, type Access } from '../../../../src-main/core/api/session.js';
import { ExportJobs, ExportUnitError, type ExportJobSpec, type ExportJobState, type ExportPiece, type ExportWriter } from '../../../../src-main/core/exports/export-jobs.js';
import type { Result } from '../../../../src-shared/result.js';
import { tempDir } from '../../../support/host-process.js';

const OWNER = accessFor({ userId: 'lee', displayName: 'Lee', role: 'wfm_leader', queueScope: null });
const OTHER = accessFor({ userId: 'sam', displayName: 'Sam', role: 'business_stakeholder', queueScope: ['q-1'] });
const NOW = Date.UTC(2026, 2, 29, 12);

let root: string;
let directory: string;
let jobs: ExportJobs<ExportJobState>;

beforeEach(() => {
  root = tempDir('export-jobs');
  directory = join(root, 'exports');
  jobs = new ExportJobs<ExportJobState>({ directory, now: () => NOW, sliceBudgetMs: 0, progressIntervalMs: 0, closingMessage: 'Closing.', present: (state) => state });
});
afterEach(() => {
  jobs.close();
  rmSync(root, { recursive: true, force: true });
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A text file of `total` lines, one per unit; `onUnit` runs after each unit is written. */
function lines(total: number, onUnit: (unit: number) => void = () => undefined, binary = false): ExportJobSpec {
  return {
    stem: 'lines',
    extension: binary ? 'bin' : 'txt',
    mimeType: 'text/plain',
    binary,
    total,
    writer: (file): ExportWriter => {
      file.write('head\n');
      let unit = 0;
      return {
        next: () => {
          unit += 1;
          file.write(`line ${unit} ✓\n`);
          onUnit(unit);
        },
        end: () => file.write('end\n'),
      };
    },
  };
}

function settle(exportId: string, access: Access = OWNER): Promise<{ readonly last: ExportJobState; readonly seen: ExportJobState[] }> {
  const seen: ExportJobState[] = [];
  return new Promise((resolve, reject) => {
    const watched = jobs.watch(access, exportId, (progress) => {
      seen.push(progress);
      if (progress.state !== 'running') resolve({ last: progress, seen });
    });
    if (!watched.ok) reject(new Error(watched.error));
  });
}

function download(exportId: string): Buffer {
  const pieces: Buffer[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const piece: ExportPiece = value(jobs.chunk(OWNER, exportId, offset));
    pieces.push(Buffer.from(piece.data, piece.encoding));
    offset = piece.nextOffset;
  }
  return Buffer.concat(pieces);
}

describe('export job', () => {
  it('writes the file unit by unit with progress that only grows, then moves it into place', async () => {
    const started = value(jobs.start(OWNER, 'e-1', () => ({ ok: true, value: lines(5) })));
    expect(started).toMatchObject({ state: 'running', done: 0, total: 5 });
    const { last, seen } = await settle('e-1');
    expect(seen.map((progress) => progress.done)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(last).toMatchObject({ state: 'done', done: 5, mimeType: 'text/plain', error: null });
    expect(last.fileName).toMatch(/^floorwatch-lines-2026-03-29T12-00-00-000Z-1\.txt$/u);
    expect(readdirSync(directory)).toEqual([last.fileName]);
    expect(download('e-1').toString('utf8')).toBe('head\nline 1 ✓\nline 2 ✓\nline 3 ✓\nline 4 ✓\nline 5 ✓\nend\n');
    expect(last.sizeBytes).toBe(download('e-1').length);
  });

  it('hands a binary file back as base64 pieces that join into the same bytes', async () => {
    value(jobs.start(OWNER, 'b-1', () => ({ ok: true, value: lines(3, () => undefined, true) })));
    await settle('b-1');
    const piece = value(jobs.chunk(OWNER, 'b-1', 0));
    expect(piece.encoding).toBe('base64');
    expect(download('b-1').toString('utf8')).toContain('line 3 ✓');
  });

  it('stops when cancelled midway and leaves no file, partial or whole', async () => {
    const started = value(jobs.start(OWNER, 'c-1', () => ({ ok: true, value: lines(50) })));
    const result = settle(started.exportId);
    const stopped = await new Promise<ExportJobState>((resolve) => {
      jobs.watch(OWNER, 'c-1', (progress) => {
        if (progress.state === 'running' && progress.done === 3) resolve(value(jobs.cancel(OWNER, 'c-1')));
      });
    });
    expect(stopped).toMatchObject({ state: 'cancelled', done: 3, fileName: null });
    expect((await result).last.state).toBe('cancelled');
    await new Promise((resolve) => setImmediate(resolve));
    expect(readdirSync(directory)).toEqual([]);
    expect(jobs.chunk(OWNER, 'c-1', 0)).toEqual({ ok: false, error: 'Export c-1 is cancelled; only a finished export can be downloaded.' });
  });

  it('reports a failing writer\'s error and deletes the partial file', async () => {
    const failing = (unit: number): void => {
      if (unit === 2) throw new Error('disk full');
    };
    value(jobs.start(OWNER, 'f-1', () => ({ ok: true, value: lines(4, failing) })));
    const { last } = await settle('f-1');
    expect(last).toMatchObject({ state: 'failed', done: 1, error: 'Writing the file failed: disk full', fileName: null });
    expect(readdirSync(directory)).toEqual([]);

    value(jobs.start(OWNER, 'f-2', () => ({ ok: true, value: lines(2, () => { throw new ExportUnitError('Widget "Volume" could not be exported: no zone'); }) })));
    expect((await settle('f-2')).last.error).toBe('Widget "Volume" could not be exported: no zone');
    expect(readdirSync(directory)).toEqual([]);
  });

  it('answers a retry with the running job, refuses what prepare refuses, and nothing once closing', async () => {
    value(jobs.start(OWNER, 'r-1', () => ({ ok: true, value: lines(2) })));
    let prepared = 0;
    const retry = jobs.start(OWNER, 'r-1', () => {
      prepared += 1;
      return { ok: true, value: lines(2) };
    });
    expect(value(retry).exportId).toBe('r-1');
    expect(prepared).toBe(0);
    expect(jobs.start(OTHER, 'r-1', () => ({ ok: true, value: lines(1) }))).toEqual({ ok: false, error: 'Export r-1 already exists.' });
    expect(jobs.start(OWNER, 'r-2', () => ({ ok: false, error: 'Nothing to export.' }))).toEqual({ ok: false, error: 'Nothing to export.' });
    await settle('r-1');
    jobs.close();
    expect(jobs.start(OWNER, 'r-3', () => ({ ok: true, value: lines(1) }))).toEqual({ ok: false, error: 'Closing.' });
  });

  it('keeps a job to its owner and clears old files and leftovers of interrupted ones', async () => {
    value(jobs.start(OWNER, 'o-1', () => ({ ok: true, value: lines(1) })));
    const { last } = await settle('o-1');
    expect(jobs.watch(OTHER, 'o-1', () => undefined)).toEqual({ ok: false, error: 'No export o-1.' });
    expect(jobs.chunk(OTHER, 'o-1', 0)).toEqual({ ok: false, error: 'No export o-1.' });
    expect(jobs.cancel(OTHER, 'o-1')).toEqual({ ok: false, error: 'No export o-1.' });
    const old = join(directory, 'floorwatch-old.txt');
    writeFileSync(old, 'old');
    const twoDaysAgo = (NOW - 2 * 86_400_000) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    writeFileSync(join(directory, 'floorwatch-cut.txt.partial'), 'cut');
    expect(jobs.deleteOld()).toBe(2);
    expect(existsSync(join(directory, last.fileName ?? ''))).toBe(true);
  });
});
