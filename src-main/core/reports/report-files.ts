/**
 * A report's files: one CSV with a section per widget, one XLSX with a sheet per widget (typed
 * number cells; the dashboard, range and zone written above the table). Null cells stay empty:
 * unknown, never 0.
 */
import ExcelJS from 'exceljs';
import type { InsightResult, RangeSpec, Widget } from '../../../src-shared/api/insights.js';

export interface ReportFilesInput {
  readonly name: string;
  readonly range: Extract<RangeSpec, { from: string }>;
  readonly timeZone: string;
  readonly ownerScope: readonly string[] | null;
  readonly widgets: readonly { readonly widget: Widget; readonly result: InsightResult }[];
}

function headerLines(input: ReportFilesInput, widget: Widget): string[][] {
  return [
    ['Dashboard', input.name],
    ['Widget', widget.title],
    ['Range', `${input.range.from} to ${input.range.to}`],
    ['Time zone', input.timeZone],
    ['Queues', input.ownerScope === null ? 'all' : input.ownerScope.join(' ')],
    ['Filters', JSON.stringify(widget.filters)],
  ];
}

function tableOf(result: InsightResult): { readonly head: string[]; readonly rows: (string | number | null)[][] } {
  const split = result.rows.some((row) => row.splitKey !== null);
  const head = ['Member', ...(split ? ['Split'] : []), ...result.metrics];
  const rows: (string | number | null)[][] = result.rows.map((row) => [row.label, ...(split ? [row.splitLabel ?? ''] : []), ...row.cells.map((cell) => cell.value)]);
  rows.push(['Total', ...(split ? [''] : []), ...result.totals.map((cell) => cell.value)]);
  return { head, rows };
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/** The CSV: each widget's header lines, its table and a blank line. */
export function writeReportCsv(input: ReportFilesInput): Buffer {
  const lines: string[] = [];
  for (const { widget, result } of input.widgets) {
    const { head, rows } = tableOf(result);
    for (const line of [...headerLines(input, widget), head, ...rows]) lines.push(line.map(csvField).join(','));
    lines.push('');
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}`, 'utf8');
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(title: string, used: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/gu, ' ').slice(0, 28).trim() || 'Widget';
  let name = clean;
  for (let index = 2; used.has(name.toLowerCase()); index++) name = `${clean.slice(0, 27)} ${index}`;
  used.add(name.toLowerCase());
  return name;
}

/** The XLSX: one sheet per widget, header lines then the table (numbers typed as numbers). */
export async function writeReportXlsx(input: ReportFilesInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Floorwatch';
  const used = new Set<string>();
  for (const { widget, result } of input.widgets) {
    const sheet = book.addWorksheet(sheetName(widget.title, used));
    for (const line of headerLines(input, widget)) sheet.addRow(line);
    sheet.addRow([]);
    const { head, rows } = tableOf(result);
    sheet.addRow(head).font = { bold: true };
    for (const row of rows) sheet.addRow(row.map((value) => value ?? undefined));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
