/**
 * Exports of a dashboard's widgets through their handlers: CSV read back section by section,
 * XLSX read back with exceljs (a sheet per widget, typed cells, the header block), cancel between
 * widgets, the audit records, and the file kept to its requester.
 *
 * The figures come from `answers`, a table of results as the engine shapes them: what is under
 * test is how the export writes them, not how they are computed.
 */
import ExcelJS from 'exceljs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Access } from '../../../../src-main/core/api/session.js';
import { createExportHandlers, type ExportHandlers } from '../../../../src-main/core/insights/export-handlers.js';
import { NOT_KNOWN_NOTE, NOT_KNOWN_NOTES_PER_SHEET } from '../../../../src-main/core/insights/export-sheets.js';
import { insightQuerySchema, type InsightExportProgress, type InsightQuery, type InsightQueryInput, type InsightResult } from '../../../../src-shared/api/insights.js';
import type { Result } from '../../../../src-shared/result.js';
import { readCsv } from '../../../support/csv-reader.js';
import { insightsKit, LEADER, STAKEHOLDER, type InsightsKit } from './dashboards-test-kit.js';

/** 2026-03-29 00:00 in Europe/Paris (the spring DST day), as the engine would resolve "that day". */
const DAY_START = Date.UTC(2026, 2, 28, 23, 0);
const HOUR = 3_600_000;
const ZONE = 'Europe/Paris';

const volume: InsightQueryInput = {
  widget: { id: 'volume', title: 'Offered and service level', metrics: ['offered', 'serviceLevel', 'averageHandleTime'], dimension: 'interval', chart: 'line' },
  range: { from: '2026-03-29', to: '2026-03-29' },
  interval: 'hour',
  timeZone: ZONE,
  compare: true,
  filters: { queueIds: ['q-1'], channels: ['chat'] },
};
const status: InsightQueryInput = {
  widget: { id: 'status', title: 'Status time: per agent?', metrics: ['statusTime'], dimension: 'agent', split: 'status', chart: 'stackedBar', filters: { teamIds: ['t-1'] } },
  range: { from: '2026-03-29', to: '2026-03-29' },
  interval: 'hour',
  timeZone: ZONE,
};

const cell = (value: number | null, numerator: number | null = value, denominator: number | null = null) => ({ value, numerator, denominator });

function answer(query: InsightQuery): InsightResult {
  const range = { from: DAY_START, to: DAY_START + 23 * HOUR, timeZone: ZONE, label: 'Sun 29 Mar 2026' };
  const base = { widgetId: query.widget.id, range, interval: query.interval, metrics: query.widget.metrics, omittedRows: 0, coveredFrom: DAY_START - 2 * HOUR, coveredTo: DAY_START + 23 * HOUR, drill: null, computedAt: DAY_START + 24 * HOUR };
  if (query.widget.id === 'volume') {
    return {
      ...base,
      previousRange: { from: DAY_START - 24 * HOUR, to: DAY_START, timeZone: ZONE, label: 'Sat 28 Mar 2026' },
      // 01:00 local, then 03:00 local (02:00 does not exist that night), then an hour with nothing known.
      rows: [
        { key: String(DAY_START + HOUR), label: '01:00', splitKey: null, splitLabel: null, cells: [cell(12), cell(0.75, 6, 8), cell(245.5, 1964, 8)] },
        { key: String(DAY_START + 2 * HOUR), label: '03:00', splitKey: null, splitLabel: null, cells: [cell(3), cell(1, 2, 2), cell(null, null, 0)] },
        { key: String(DAY_START + 3 * HOUR), label: '04:00', splitKey: null, splitLabel: null, cells: [cell(null), cell(null, null, null), cell(null, null, null)] },
      ],
      totals: [cell(15), cell(0.8, 8, 10), cell(245.5, 1964, 8)],
      previousTotals: [cell(11), cell(null, 0, 0), cell(300, 2400, 8)],
    };
  }
  return {
    ...base,
    previousRange: null,
    rows: [
      { key: 'a-1', label: 'Ann', splitKey: 'available', splitLabel: 'Available', cells: [cell(6.5)] },
      { key: 'a-1', label: 'Ann', splitKey: 'away:lunch', splitLabel: 'Away (lunch)', cells: [cell(0.5)] },
      { key: 'a-2', label: '=Bob', splitKey: 'available', splitLabel: 'Available', cells: [cell(7.25)] },
    ],
    totals: [cell(14.25)],
    previousTotals: null,
  };
}

let kit: InsightsKit;
let handlers: ExportHandlers;
let asked: string[];
let commandNumber = 0;

beforeEach(() => {
  kit = insightsKit('insight-exports');
  asked = [];
  handlers = createExportHandlers({
    dataDir: kit.dataDir,
    audit: kit.audit,
    now: () => DAY_START + 25 * HOUR,
    run: (_access, query) => {
      asked.push(query.widget.id);
      return answer(query);
    },
  });
});
afterEach(() => {
  handlers.close();
  kit.close();
});

function value<T>(result: Result<T> | Promise<Result<T>>): T {
  if (result instanceof Promise) throw new Error('expected a synchronous answer');
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function start(format: 'csv' | 'xlsx', queries: readonly InsightQueryInput[] = [volume, status], access: Access = kit.access(LEADER)): InsightExportProgress {
  commandNumber += 1;
  const command = { type: 'insights.export.start' as const, format, dashboardName: 'Week review', queries: queries.map((query) => insightQuerySchema.parse(query)) };
  return value(handlers.commands['insights.export.start'](access, command, `export-${commandNumber}`));
}

/** Resolves with the export's last state, as the topic pushes it. */
function finished(exportId: string, onProgress: (progress: InsightExportProgress) => void = () => undefined): Promise<InsightExportProgress> {
  return new Promise((resolve, reject) => {
    const watched = handlers.topics['insights.export'](kit.access(LEADER), { topic: 'insights.export', exportId }, (progress) => {
      onProgress(progress);
      if (progress.state !== 'running') resolve(progress);
    });
    if (!watched.ok) reject(new Error(watched.error));
  });
}

function download(exportId: string, access: Access = kit.access(LEADER)): Buffer {
  const pieces: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const piece: { data: string; encoding: 'utf8' | 'base64'; nextOffset: number | null } = value(handlers.queries['insights.export.chunk'](access, { type: 'insights.export.chunk', exportId, offset }));
    pieces.push(Buffer.from(piece.data, piece.encoding));
    offset = piece.nextOffset;
  }
  return Buffer.concat(pieces);
}

describe('insight exports', () => {
  it('writes CSV with one section per widget: the header block, the table, the totals; unknown figures empty', async () => {
    const started = start('csv');
    expect(started).toMatchObject({ state: 'running', widgetsDone: 0, widgetsTotal: 2 });
    const done = await finished(started.exportId);
    expect(done).toMatchObject({ state: 'done', widgetsDone: 2, mimeType: 'text/csv; charset=utf-8', error: null });
    expect(done.fileName).toMatch(/^floorwatch-week-review-.+\.csv$/);
    const text = download(started.exportId).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = readCsv(text.slice(1), ',');
    expect(rows.slice(0, 10)).toEqual([
      ['Dashboard', 'Week review'],
      ['Widget', 'Offered and service level'],
      ['Range', 'Sun 29 Mar 2026', '2026-03-29 00:00', '2026-03-30 00:00'],
      ['Time zone', ZONE],
      ['Interval', 'hour'],
      ['Filters', 'dashboard — Queues: q-1; Channels: chat'],
      ['Computed at', '2026-03-30 01:00'],
      ['Cache covers from', '2026-03-28 22:00'],
      ['Previous period', 'Sat 28 Mar 2026', '2026-03-28 00:00', '2026-03-29 00:00'],
      [''],
    ]);
    expect(rows.slice(10, 16)).toEqual([
      ['Interval', 'Offered', 'Service level (0-1)', 'Avg handle time (s)'],
      ['2026-03-29 01:00', '12', '0.75', '245.5'],
      ['2026-03-29 03:00', '3', '1', ''],
      ['2026-03-29 04:00', '', '', ''],
      ['Total', '15', '0.8', '245.5'],
      ['Previous period', '11', '', '300'],
    ]);
    const second = rows.findIndex((row) => row[1] === 'Status time: per agent?');
    expect(rows[second + 4]).toEqual(['Filters', 'widget — Teams: t-1']);
    const table = rows.slice(second + 8);
    expect(table.slice(0, 5)).toEqual([
      ['Agent', 'Status', 'Time in status (h)'],
      ['Ann', 'Available', '6.5'],
      ['Ann', 'Away (lunch)', '0.5'],
      // A label that could run as a formula is written as text.
      ["'=Bob", 'Available', '7.25'],
      ['Total', '', '14.25'],
    ]);
  });

  it('writes XLSX with a sheet per widget, the header block on top and typed cells', async () => {
    const started = start('xlsx');
    const done = await finished(started.exportId);
    expect(done).toMatchObject({ state: 'done', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const bytes = download(started.exportId);
    expect(bytes.length).toBe(done.sizeBytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Offered and service level', 'Status time  per agent']);

    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Dashboard');
    expect(sheet.getCell('B1').value).toBe('Week review');
    expect(sheet.getCell('B3').value).toBe('Sun 29 Mar 2026');
    expect(sheet.getCell('C3').value).toEqual(new Date(Date.UTC(2026, 2, 29, 0, 0)));
    expect(sheet.getCell('D3').value).toEqual(new Date(Date.UTC(2026, 2, 30, 0, 0)));
    expect(sheet.getCell('B4').value).toBe(ZONE);
    expect(sheet.getCell('A6').value).toBe('Filters');
    expect(sheet.getCell('B6').value).toBe('dashboard — Queues: q-1; Channels: chat');

    const heading = 11;
    expect(sheet.getRow(heading).values).toEqual([undefined, 'Interval', 'Offered', 'Service level', 'Avg handle time']);
    const first = sheet.getRow(heading + 1);
    expect(first.getCell(1).value).toEqual(new Date(Date.UTC(2026, 2, 29, 1, 0)));
    expect(first.getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getRow(heading + 2).getCell(1).value).toEqual(new Date(Date.UTC(2026, 2, 29, 3, 0)));
    expect(first.getCell(2)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 12, numFmt: '#,##0' });
    expect(first.getCell(3)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 0.75, numFmt: '0.0%' });
    expect(first.getCell(4)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 245.5, numFmt: '#,##0.0 "s"' });
    const unknown = sheet.getRow(heading + 2).getCell(4);
    expect(unknown.value).toBeNull();
    expect(unknown.note).toBe(NOT_KNOWN_NOTE);
    expect(sheet.getRow(heading + 4).getCell(1).value).toBe('Total');
    expect(sheet.getRow(heading + 4).getCell(3).value).toBe(0.8);
    expect(sheet.getRow(heading + 5).getCell(1).value).toBe('Previous period');
    expect(sheet.getRow(heading + 5).getCell(3).note).toBe(NOT_KNOWN_NOTE);

    const agents = workbook.worksheets[1]!;
    expect(agents.getCell('B6').value).toBe('widget — Teams: t-1');
    const agentHeading = 10;
    expect(agents.getRow(agentHeading).values).toEqual([undefined, 'Agent', 'Status', 'Time in status']);
    expect(agents.getRow(agentHeading + 3).getCell(1).value).toBe('=Bob');
    expect(agents.getRow(agentHeading + 1).getCell(3)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 6.5, numFmt: '#,##0.00 "h"' });
  });

  it('notes the first not-known figures of a sheet and says the rest once in its header', async () => {
    const many = createExportHandlers({
      dataDir: kit.dataDir,
      audit: kit.audit,
      run: (_access, query) => {
        const base = answer(query);
        const rows = Array.from({ length: 250 }, (_unused, index) => ({ key: String(DAY_START + index * 900_000), label: '', splitKey: null, splitLabel: null, cells: [cell(index % 2 === 0 ? null : index), cell(null), cell(null)] }));
        return { ...base, rows };
      },
    });
    const started = value(many.commands['insights.export.start'](kit.access(LEADER), { type: 'insights.export.start', format: 'xlsx', dashboardName: 'Night', queries: [insightQuerySchema.parse(volume)] }, 'many-1'));
    await new Promise<void>((resolve) => {
      many.topics['insights.export'](kit.access(LEADER), { topic: 'insights.export', exportId: started.exportId }, (progress) => {
        if (progress.state !== 'running') resolve();
      });
    });
    const pieces: Buffer[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const piece: { data: string; encoding: 'utf8' | 'base64'; nextOffset: number | null } = value(many.queries['insights.export.chunk'](kit.access(LEADER), { type: 'insights.export.chunk', exportId: started.exportId, offset }));
      pieces.push(Buffer.from(piece.data, piece.encoding));
      offset = piece.nextOffset;
    }
    many.close();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(pieces) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    // 125 + 250 + 250 empty figures in the rows, 1 in the previous period's totals.
    expect(sheet.getCell('A10').value).toBe('Empty figures');
    expect(sheet.getCell('B10').value).toBe(`${NOT_KNOWN_NOTE} (626 here; the first ${NOT_KNOWN_NOTES_PER_SHEET} carry a note.)`);
    const heading = 12;
    expect(sheet.getRow(heading).getCell(1).value).toBe('Interval');
    let notes = 0;
    sheet.eachRow((row) => row.eachCell({ includeEmpty: true }, (target) => (notes += target.note === NOT_KNOWN_NOTE ? 1 : 0)));
    expect(notes).toBe(NOT_KNOWN_NOTES_PER_SHEET);
    expect(sheet.getRow(heading + 1).getCell(2).note).toBe(NOT_KNOWN_NOTE);
    expect(sheet.getRow(heading + 2).getCell(2).value).toBe(1);
  });

  it('stops between widgets when cancelled, writing nothing', async () => {
    const queries = Array.from({ length: 6 }, (_unused, index) => ({ ...volume, widget: { ...volume.widget, id: `w-${index}`, title: `Widget ${index}` } }));
    for (const format of ['csv', 'xlsx'] as const) {
      asked = [];
      const started = start(format, queries);
      const done = await finished(started.exportId, (progress) => {
        if (progress.state === 'running' && progress.widgetsDone === 2) value(handlers.commands['insights.export.cancel'](kit.access(LEADER), { type: 'insights.export.cancel', exportId: started.exportId }, 'c'));
      });
      expect(done).toMatchObject({ state: 'cancelled', widgetsDone: 2, fileName: null });
      expect(asked).toHaveLength(2);
      const chunk = handlers.queries['insights.export.chunk'](kit.access(LEADER), { type: 'insights.export.chunk', exportId: started.exportId, offset: 0 });
      expect(chunk).toEqual({ ok: false, error: `Export ${started.exportId} is cancelled; only a finished export can be downloaded.` });
    }
    await new Promise((resolve) => setImmediate(resolve));
    const folder = join(kit.dataDir, 'insight-exports');
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });

  it('fails with the widget\'s title when the engine cannot answer, leaving no file', async () => {
    const failing = createExportHandlers({
      dataDir: kit.dataDir,
      audit: kit.audit,
      run: () => {
        throw new Error('the zone Mars/Olympus is unknown');
      },
    });
    const started = value(failing.commands['insights.export.start'](kit.access(LEADER), { type: 'insights.export.start', format: 'csv', dashboardName: 'X', queries: [insightQuerySchema.parse(volume)] }, 'f-1'));
    const done = await new Promise<InsightExportProgress>((resolve) => {
      failing.topics['insights.export'](kit.access(LEADER), { topic: 'insights.export', exportId: started.exportId }, (progress) => {
        if (progress.state !== 'running') resolve(progress);
      });
    });
    expect(done).toMatchObject({ state: 'failed', error: 'Widget "Offered and service level" could not be exported: the zone Mars/Olympus is unknown' });
    expect(readdirSync(join(kit.dataDir, 'insight-exports'))).toEqual([]);
    failing.close();
  });

  it('audits the export as customer data: what was asked at the start, the file when written', async () => {
    const started = start('xlsx');
    const retried = value(handlers.commands['insights.export.start'](kit.access(LEADER), { type: 'insights.export.start', format: 'xlsx', dashboardName: 'Week review', queries: [insightQuerySchema.parse(volume)] }, `export-${commandNumber}`));
    expect(retried.exportId).toBe(started.exportId);
    const done = await finished(started.exportId);
    const starts = kit.records('insights.export.start');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ userId: 'lee', target: `export:${started.exportId}` });
    expect(JSON.parse(starts[0]!.detail)).toMatchObject({ format: 'xlsx', dashboard: 'Week review', widgets: ['Offered and service level', 'Status time: per agent?'], timeZone: ZONE });
    const files = kit.records('insights.export.file');
    expect(files).toHaveLength(1);
    expect(JSON.parse(files[0]!.detail)).toMatchObject({ file: done.fileName, sizeBytes: done.sizeBytes, widgets: 2 });
  });

  it('keeps an export to its requester: another user cannot watch, cancel or download it', async () => {
    const started = start('csv');
    await finished(started.exportId);
    const other = kit.access(STAKEHOLDER);
    expect(handlers.queries['insights.export.chunk'](other, { type: 'insights.export.chunk', exportId: started.exportId, offset: 0 })).toEqual({ ok: false, error: `No export ${started.exportId}.` });
    expect(handlers.commands['insights.export.cancel'](other, { type: 'insights.export.cancel', exportId: started.exportId }, 'c')).toEqual({ ok: false, error: `No export ${started.exportId}.` });
    expect(handlers.topics['insights.export'](other, { topic: 'insights.export', exportId: started.exportId }, () => undefined).ok).toBe(false);
    const offset = value(handlers.queries['insights.export.chunk'](kit.access(LEADER), { type: 'insights.export.chunk', exportId: started.exportId, offset: 0 })).size + 1;
    expect(handlers.queries['insights.export.chunk'](kit.access(LEADER), { type: 'insights.export.chunk', exportId: started.exportId, offset }).ok).toBe(false);
  });
});
