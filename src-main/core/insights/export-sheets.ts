/**
 * One widget's figures written into a file: a CSV section or an XLSX sheet. Both open with the
 * same header block (dashboard, widget, range, zone, interval, filters, when computed, what the
 * cache covers), then a heading row and one row per member, then the range's totals (and the
 * previous period's, when compared). A figure that is not known is left empty, never written 0;
 * in XLSX the empty cell carries a note saying so.
 */
import type { InsightCell, InsightQuery, InsightResult, InsightRow } from '../../../src-shared/api/insights.js';
import { csvRow } from '../history/export-format.js';
import type { XlsxCell, XlsxStyleId, XlsxWriter } from '../exports/xlsx-writer.js';
import { csvMetricHeading, dailyOrLonger, DIMENSION_HEADINGS, filtersText, localDate, localText, METRIC_COLUMNS, type ExportUnit } from './export-columns.js';

/** One widget as shown: the query it was asked with and what the engine answered. */
export interface ExportSection {
  readonly dashboardName: string;
  readonly query: InsightQuery;
  readonly result: InsightResult;
}

export const NOT_KNOWN_NOTE = 'Not known: nothing in this range (or before what the cache covers) could give this figure. It is not zero.';

const NUMBER_FORMATS: Readonly<Record<ExportUnit, string>> = {
  count: '#,##0',
  rate: '0.0%',
  seconds: '#,##0.0 "s"',
  hours: '#,##0.00 "h"',
  number: '0.00',
};

type HeaderValue = string | { readonly at: number; readonly withTime: boolean } | null;

/** The header block as label/value pairs; instants stay instants so XLSX can write them as dates. */
function headerBlock(section: ExportSection): (readonly [string, ...HeaderValue[]])[] {
  const { query, result } = section;
  const zone = result.range.timeZone;
  const rows: (readonly [string, ...HeaderValue[]])[] = [
    ['Dashboard', section.dashboardName],
    ['Widget', query.widget.title],
    ['Range', result.range.label, { at: result.range.from, withTime: true }, { at: result.range.to, withTime: true }],
    ['Time zone', zone],
    ['Interval', result.interval],
    ['Filters', filtersText(query)],
    ['Computed at', { at: result.computedAt, withTime: true }],
    ['Cache covers from', result.coveredFrom === null ? 'not known' : { at: result.coveredFrom, withTime: true }],
  ];
  if (result.previousRange) rows.push(['Previous period', result.previousRange.label, { at: result.previousRange.from, withTime: true }, { at: result.previousRange.to, withTime: true }]);
  if (result.omittedRows > 0) rows.push(['Rows left out', `${result.omittedRows} beyond the widget's limit of ${query.widget.limit} (counted in the totals)`]);
  return rows;
}

function headings(section: ExportSection, metricHeading: (metric: InsightResult['metrics'][number]) => string): string[] {
  const { widget } = section.query;
  const members = [DIMENSION_HEADINGS[widget.dimension], ...(widget.split === null ? [] : [DIMENSION_HEADINGS[widget.split]])];
  return [...members, ...section.result.metrics.map(metricHeading)];
}

/** An interval member's key is its start in epoch ms; any other member is shown by its label. */
function intervalStart(dimension: string, key: string | null): number | null {
  if (dimension !== 'interval' || key === null || !/^-?\d+$/u.test(key)) return null;
  return Number(key);
}

type MemberValue = { readonly label: string } | { readonly at: number };

function members(section: ExportSection, row: InsightRow): MemberValue[] {
  const { widget } = section.query;
  const first = intervalStart(widget.dimension, row.key);
  const cells: MemberValue[] = [first === null ? { label: row.label } : { at: first }];
  if (widget.split !== null) {
    const split = intervalStart(widget.split, row.splitKey);
    cells.push(split === null ? { label: row.splitLabel ?? '' } : { at: split });
  }
  return cells;
}

function totalsRows(section: ExportSection): { readonly label: string; readonly cells: readonly InsightCell[] }[] {
  const rows = [{ label: 'Total', cells: section.result.totals }];
  if (section.result.previousTotals) rows.push({ label: 'Previous period', cells: section.result.previousTotals });
  return rows;
}

/** One widget as a CSV section: the header block, a blank line, the table, and a blank line after. */
export function csvSection(section: ExportSection): string {
  const zone = section.result.range.timeZone;
  const withTime = !dailyOrLonger(section.result.interval);
  const headerValue = (value: HeaderValue): string | null => (value === null || typeof value === 'string' ? value : localText(value.at, zone, value.withTime));
  let text = headerBlock(section)
    .map(([label, ...values]) => csvRow([label, ...values.map(headerValue)]))
    .join('');
  text += '\r\n';
  const names = headings(section, csvMetricHeading);
  text += csvRow(names);
  const memberText = (member: MemberValue): string => ('label' in member ? member.label : localText(member.at, zone, withTime));
  for (const row of section.result.rows) text += csvRow([...members(section, row).map(memberText), ...row.cells.map((cell) => cell.value)]);
  const blanks = names.length - section.result.metrics.length - 1;
  for (const total of totalsRows(section)) text += csvRow([total.label, ...Array<null>(blanks).fill(null), ...total.cells.map((cell) => cell.value)]);
  return `${text}\r\n`;
}

/** The styles a widget's sheet uses, resolved once per workbook. */
interface SheetStyles {
  readonly bold: XlsxStyleId;
  readonly headerDate: XlsxStyleId;
  readonly memberDate: XlsxStyleId;
  readonly units: Readonly<Record<ExportUnit, XlsxStyleId>>;
}

function sheetStyles(workbook: XlsxWriter, memberDateFormat: string): SheetStyles {
  const units = Object.fromEntries(Object.entries(NUMBER_FORMATS).map(([unit, numFmt]) => [unit, workbook.style({ numFmt })])) as Record<ExportUnit, XlsxStyleId>;
  return { bold: workbook.style({ bold: true }), headerDate: workbook.style({ numFmt: 'yyyy-mm-dd hh:mm' }), memberDate: workbook.style({ numFmt: memberDateFormat }), units };
}

/**
 * Not-known figures that carry a note, per sheet: a note is a drawn box in the file (about 1 KB
 * of XML), so a sheet of thousands of empty intervals says it once in its header block instead.
 */
export const NOT_KNOWN_NOTES_PER_SHEET = 200;

function notKnownCount(section: ExportSection): number {
  let count = 0;
  for (const row of section.result.rows) for (const cell of row.cells) if (cell.value === null) count += 1;
  for (const total of totalsRows(section)) for (const cell of total.cells) if (cell.value === null) count += 1;
  return count;
}

/** A figure's cell: its number under the unit's format, or an empty cell, with the not-known note while notes are left. */
function figureWriter(): (cell: InsightCell, style: XlsxStyleId) => XlsxCell {
  let notesLeft = NOT_KNOWN_NOTES_PER_SHEET;
  return (cell, style) => {
    if (cell.value !== null) return { value: cell.value, style };
    notesLeft -= 1;
    // The format goes on an empty cell too: it keeps the cell (and so its note) in the sheet.
    return notesLeft >= 0 ? { value: null, style, note: NOT_KNOWN_NOTE } : { value: null, style };
  };
}

/**
 * One widget as the workbook's next sheet: the header block at the top (dates as dates), the
 * heading row frozen, then typed cells. Returns how many table rows it wrote.
 */
export function addWidgetSheet(workbook: XlsxWriter, section: ExportSection): number {
  const zone = section.result.range.timeZone;
  const styles = sheetStyles(workbook, dailyOrLonger(section.result.interval) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm');
  const header: (readonly [string, ...HeaderValue[]])[] = headerBlock(section);
  const notKnown = notKnownCount(section);
  if (notKnown > NOT_KNOWN_NOTES_PER_SHEET) header.push(['Empty figures', `${NOT_KNOWN_NOTE} (${notKnown} here; the first ${NOT_KNOWN_NOTES_PER_SHEET} carry a note.)`]);
  const figure = figureWriter();
  const headingRow = header.length + 2;
  const units = section.result.metrics.map((metric) => styles.units[METRIC_COLUMNS[metric].unit]);
  const names = headings(section, (metric) => METRIC_COLUMNS[metric].heading);
  const memberColumns = names.length - units.length;
  const columnWidths = [24, ...Array<number>(Math.max(names.length, 4) - 1).fill(18)];
  const sheet = workbook.sheet(section.query.widget.title || 'Widget', { frozenRows: headingRow, columnWidths });

  for (const [label, ...values] of header) {
    sheet.row([{ value: label, style: styles.bold }, ...values.map((value): XlsxCell => (value === null || typeof value === 'string' ? value : { value: localDate(value.at, zone), style: styles.headerDate }))]);
  }
  sheet.row([]);
  sheet.row(names.map((text) => ({ value: text, style: styles.bold })));
  const numberStyle = styles.units.number;
  for (const row of section.result.rows) {
    const cells: XlsxCell[] = members(section, row).map((member) => ('label' in member ? member.label : { value: localDate(member.at, zone), style: styles.memberDate }));
    row.cells.forEach((cell, index) => cells.push(figure(cell, units[index] ?? numberStyle)));
    sheet.row(cells);
  }
  for (const total of totalsRows(section)) {
    const cells: XlsxCell[] = [{ value: total.label, style: styles.bold }, ...Array<null>(memberColumns - 1).fill(null)];
    total.cells.forEach((cell, index) => cells.push(figure(cell, units[index] ?? numberStyle)));
    sheet.row(cells);
  }
  sheet.end();
  return section.result.rows.length;
}
