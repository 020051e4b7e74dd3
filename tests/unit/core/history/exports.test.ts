import { existsSync, readdirSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell, csvRow, escapeHtml } from '../../../../src-main/core/history/export-format.js';
import { EXPORT_CHUNK_BYTES, utf8Boundary } from '../../../../src-main/core/history/exports.js';
import type { ExportProgress } from '../../../../src-shared/api/history.js';
import { historySearchSchema } from '../../../../src-shared/api/history.js';
import { ADMIN, conversationEvents, DAY, historyHarness, refusal, SCOPED, setupEvents, T0, until, value, type HistoryHarness } from './history-test-kit.js';

let harness: HistoryHarness;

beforeEach(async () => {
  harness = historyHarness();
  harness.ingest(setupEvents(T0 - DAY));
  harness.ingest([
    ...conversationEvents({
      id: 'c-evil',
      createdAt: T0,
      csat: 1,
      comment: '=HYPERLINK("http://x")',
      customer: { customerId: 'cu-1', name: '<script>alert(1)</script>', email: 'a@example.com' },
      messages: [
        [1, 'customer', '=cmd|"/c calc"!A1'],
        [2, 'agent', 'Line one,\r\nline "two" & <b>three</b>'],
        [3, 'supervisor', '@whisper: héllo ✓ 🎧', 'whisper'],
        [4, 'customer', '-2+3'],
      ],
    }),
    ...conversationEvents({ id: 'c-plain', createdAt: T0 + 60_000, messages: [[1, 'customer', 'plain words']] }),
    ...conversationEvents({ id: 'c-other', queueId: 'q-support', createdAt: T0, messages: [[1, 'customer', 'support words']] }),
  ]);
  await harness.area.internals.metricsIdle();
});

afterEach(async () => {
  await harness.close();
});

async function startExport(command: { format: 'html' | 'csv'; conversationIds?: string[]; search?: unknown }, commandId: string, session = ADMIN): Promise<ExportProgress> {
  const search = command.search === undefined ? {} : { search: historySearchSchema.parse(command.search) };
  return value(
    await harness.api.command(
      session,
      { type: 'history.export.start', format: command.format, ...(command.conversationIds ? { conversationIds: command.conversationIds } : {}), ...search },
      commandId,
    ),
  );
}

async function finished(exportId: string, session = ADMIN): Promise<ExportProgress> {
  const pushes: ExportProgress[] = [];
  const stop = value(harness.api.subscribe(session, { topic: 'history.export', exportId }, (progress) => pushes.push(progress)));
  await until(() => pushes.some((progress) => progress.state !== 'running'), 'the export to finish');
  stop();
  const last = pushes[pushes.length - 1];
  if (!last) throw new Error('no progress');
  return last;
}

function download(exportId: string, session = ADMIN): string {
  let text = '';
  let offset: number | null = 0;
  while (offset !== null) {
    const piece: { data: string; nextOffset: number | null } = value(harness.api.query(session, { type: 'history.export.chunk', exportId, offset }));
    text += piece.data;
    offset = piece.nextOffset;
  }
  return text;
}

describe('history.export: files', () => {
  it('writes one standalone HTML file with every text escaped', async () => {
    const started = await startExport({ format: 'html', conversationIds: ['c-evil', 'c-plain'] }, 'e-1');
    expect(started).toMatchObject({ exportId: 'e-1', state: 'running', total: 2, format: 'html' });
    const done = await finished('e-1');
    expect(done).toMatchObject({ state: 'done', done: 2, total: 2, mimeType: 'text/html; charset=utf-8', error: null });
    expect(done.fileName).toMatch(/\.html$/u);
    const html = download('e-1');
    expect(Buffer.byteLength(html)).toBe(done.sizeBytes);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=/u);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Line one,\r\nline &quot;two&quot; &amp; &lt;b&gt;three&lt;/b&gt;');
    expect(html).toContain('@whisper: héllo ✓ 🎧');
    expect(html).toContain('Conversation c-evil');
    expect(html).toContain('Conversation c-plain');
    expect(html).toContain('rated 1 / 5 — =HYPERLINK(&quot;http://x&quot;)');
    expect(html).toContain('Europe/Paris');
  });

  it('writes CSV with one row per message, RFC 4180 quoting and a formula guard', async () => {
    await harness.api.command(ADMIN, { type: 'history.note.add', conversationId: 'c-evil', text: '+ note, with comma' }, 'note-1');
    await startExport({ format: 'csv', conversationIds: ['c-evil'] }, 'e-2');
    expect((await finished('e-2')).mimeType).toBe('text/csv; charset=utf-8');
    const csv = download('e-2');
    expect(csv.startsWith('\uFEFFconversation_id,queue_id,queue,')).toBe(true);
    expect(csv).toContain(`'=cmd|""/c calc""!A1`);
    expect(csv).toContain('"Line one,\r\nline ""two"" & <b>three</b>"');
    expect(csv).toContain(`'@whisper: héllo ✓ 🎧`);
    expect(csv).toContain(`,'-2+3,`);
    expect(csv).toContain(`"'+ note, with comma"`);
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(csv).toMatch(/,2026-03-02T09:00:3\d\.000Z,customer,/u);
    // Four messages, one note and one survey answer: six records (one holds a quoted line break).
    const records = csv.split('\r\n').filter((line) => line.startsWith('c-evil,'));
    expect(records).toHaveLength(6);
    expect(records.map((record) => record.split(',')[15])).toEqual(['message', 'message', 'message', 'message', 'supervisor_note', 'survey']);
  });

  it('exports a whole search, within the scope', async () => {
    await startExport({ format: 'csv', search: { filters: { text: 'words' } } }, 'e-3', SCOPED);
    const done = await finished('e-3', SCOPED);
    expect(done.total).toBe(1);
    const csv = download('e-3', SCOPED);
    expect(csv).toContain('c-plain,');
    expect(csv).not.toContain('c-other');
  });

  it('leaves out conversations picked by hand outside the scope', async () => {
    await startExport({ format: 'html', conversationIds: ['c-other', 'c-plain'] }, 'e-4', SCOPED);
    await finished('e-4', SCOPED);
    const html = download('e-4', SCOPED);
    expect(html).toContain('c-plain');
    expect(html).not.toContain('c-other');
    expect(refusal(await harness.api.command(SCOPED, { type: 'history.export.start', format: 'csv', conversationIds: ['c-other'] }, 'e-5'))).toMatch(/Nothing to download/u);
  });

  it('keeps exports private to their author and answers a retried start with the same job', async () => {
    const first = await startExport({ format: 'csv', conversationIds: ['c-plain'] }, 'e-6');
    const again = await startExport({ format: 'csv', conversationIds: ['c-plain'] }, 'e-6');
    expect(again.exportId).toBe(first.exportId);
    await finished('e-6');
    expect(refusal(harness.api.query(SCOPED, { type: 'history.export.chunk', exportId: 'e-6', offset: 0 }))).toBe('No export e-6.');
  });

  it('refuses bad search syntax and an empty choice', async () => {
    expect(
      refusal(await harness.api.command(ADMIN, { type: 'history.export.start', format: 'csv', search: historySearchSchema.parse({ filters: { text: '"open' } }) }, 'e-7')),
    ).toMatch(/^Search syntax/u);
    expect(refusal(await harness.api.command(ADMIN, { type: 'history.export.start', format: 'csv' }, 'e-8'))).toMatch(/either a list of conversations or a search/u);
  });
});

describe('history.export: cancel, chunks and cleanup', () => {
  it('cancels a running export and deletes the partial file', async () => {
    const many = Array.from({ length: 400 }, (_, index) => `c-bulk-${index}`);
    for (let index = 0; index < many.length; index += 100) {
      harness.ingest(many.slice(index, index + 100).flatMap((id, offset) => conversationEvents({ id, createdAt: T0 + (index + offset) * 1000, messages: [[1, 'customer', 'x'.repeat(2000)]] })));
    }
    await startExport({ format: 'html', conversationIds: many }, 'e-9');
    const cancelled = value(await harness.api.command(ADMIN, { type: 'history.export.cancel', exportId: 'e-9' }, 'e-9-cancel'));
    expect(cancelled.state).toBe('cancelled');
    expect(readdirSync(join(harness.dataDir, 'exports'))).toEqual([]);
    expect(refusal(harness.api.query(ADMIN, { type: 'history.export.chunk', exportId: 'e-9', offset: 0 }))).toMatch(/cancelled/u);
  });

  it('returns large files in pieces of at most 256 KiB, never splitting a character', async () => {
    const ids = Array.from({ length: 60 }, (_, index) => `c-big-${index}`);
    harness.ingest(ids.flatMap((id, index) => conversationEvents({ id, createdAt: T0 + index * 1000, messages: [[1, 'customer', 'é✓🎧'.repeat(3000)]] })));
    await startExport({ format: 'csv', conversationIds: ids }, 'e-10');
    const done = await finished('e-10');
    let offset: number | null = 0;
    let pieces = 0;
    let bytes = 0;
    while (offset !== null) {
      const piece: { data: string; nextOffset: number | null } = value(harness.api.query(ADMIN, { type: 'history.export.chunk', exportId: 'e-10', offset }));
      expect(Buffer.byteLength(piece.data)).toBeLessThanOrEqual(EXPORT_CHUNK_BYTES);
      expect(piece.data).not.toContain('\uFFFD');
      bytes += Buffer.byteLength(piece.data);
      offset = piece.nextOffset;
      pieces += 1;
    }
    expect(pieces).toBeGreaterThan(2);
    expect(bytes).toBe(done.sizeBytes);
    expect(refusal(harness.api.query(ADMIN, { type: 'history.export.chunk', exportId: 'e-10', offset: 1 }))).toMatch(/inside a character/u);
    expect(refusal(harness.api.query(ADMIN, { type: 'history.export.chunk', exportId: 'e-10', offset: bytes + 1 }))).toMatch(/past the end/u);
  });

  it('deletes exports older than a day when a new one starts', async () => {
    const directory = join(harness.dataDir, 'exports');
    mkdirSync(directory, { recursive: true });
    const old = join(directory, 'floorwatch-conversations-old.csv');
    writeFileSync(old, 'old');
    const past = (T0 + DAY - 2 * DAY) / 1000;
    utimesSync(old, past, past);
    await startExport({ format: 'csv', conversationIds: ['c-plain'] }, 'e-11');
    expect(existsSync(old)).toBe(false);
  });
});

describe('export formats', () => {
  it('guards spreadsheet formulas and quotes as RFC 4180 asks', () => {
    expect(csvCell('=1+1')).toBe(`'=1+1`);
    expect(csvCell('+1')).toBe(`'+1`);
    expect(csvCell('-1')).toBe(`'-1`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('\t=1')).toBe(`"'\t'=1"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('cuts buffers on UTF-8 boundaries', () => {
    const buffer = Buffer.from('aé✓🎧');
    expect(buffer.length).toBe(10);
    expect(utf8Boundary(buffer, 10)).toBe(10);
    expect(utf8Boundary(buffer, 9)).toBe(6);
    expect(utf8Boundary(buffer, 7)).toBe(6);
    expect(utf8Boundary(buffer, 5)).toBe(3);
    expect(utf8Boundary(buffer, 2)).toBe(1);
    expect(utf8Boundary(buffer, 1)).toBe(1);
  });
});
