/**
 * One widget's figures written into a file: a CSV section or an XLSX sheet. Both open with the
 * same header block (dashboard, widget, range, zone, interval, filters, when computed, what the
 * cache covers), then a heading row and one row per member, then the range's totals (and the
 * previous period's, when compared). A figure that is not known is left empty, never written 0;
 * in XLSX the empty cell carries a note saying so.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { InsightCell, InsightQuery, InsightResult, InsightRow } from '../../../src-shared/api/insights.js';
import { csvRow } from '../history/export-format.js';
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

const FORBIDDEN_SHEET_CHARACTERS = /[\\/?*[\]:]/gu;

/** A sheet name Excel accepts (31 characters, none of \ / ? * [ ] :), unique in the workbook. */
export function sheetName(title: string, taken: ReadonlySet<string>): string {
  const base = title.replace(FORBIDDEN_SHEET_CHARACTERS, ' ').replace(/^'+|'+$/gu, '').trim().slice(0, 31) || 'Widget';
  if (!taken.has(base.toLowerCase())) return base;
  for (let index = 2; ; index += 1) {
    const suffix = ` (${index})`;
    const candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function writeFigure(sheet: Worksheet, rowNumber: number, column: number, cell: InsightCell, unit: ExportUnit): void {
  const target = sheet.getCell(rowNumber, column);
  // The format goes on an empty cell too: it keeps the cell (and so its note) in the sheet.
  target.numFmt = NUMBER_FORMATS[unit];
  if (cell.value === null) target.note = NOT_KNOWN_NOTE;
  else target.value = cell.value;
}

/**
 * One widget as a sheet: the header block at the top (dates as dates), the heading row frozen,
 * then typed cells. The sheet is committed (a streamed workbook writes it out). Returns how many
 * table rows it wrote.
 */
export function addWidgetSheet(workbook: Workbook, section: ExportSection, taken: Set<string>): number {
  const name = sheetName(section.query.widget.title, taken);
  taken.add(name.toLowerCase());
  const zone = section.result.range.timeZone;
  const dateFormat = dailyOrLonger(section.result.interval) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
  const header = headerBlock(section);
  const headingRow = header.length + 2;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headingRow }] });

  header.forEach(([label, ...values], index) => {
    const row = sheet.getRow(index + 1);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    values.forEach((value, offset) => {
      const cell = row.getCell(offset + 2);
      if (value === null || typeof value === 'string') cell.value = value;
      else {
        cell.value = localDate(value.at, zone);
        cell.numFmt = 'yyyy-mm-dd hh:mm';
      }
    });
  });

  const units = section.result.metrics.map((metric) => METRIC_COLUMNS[metric].unit);
  const names = headings(section, (metric) => METRIC_COLUMNS[metric].heading);
  const memberColumns = names.length - units.length;
  // Widths before any row is committed: a streamed sheet writes its columns with its first rows.
  sheet.getColumn(1).width = 24;
  for (let column = 2; column <= Math.max(names.length, 4); column += 1) sheet.getColumn(column).width = 18;
  const headingCells = sheet.getRow(headingRow);
  names.forEach((text, index) => {
    headingCells.getCell(index + 1).value = text;
  });
  headingCells.font = { bold: true };

  let rowNumber = headingRow;
  for (const row of section.result.rows) {
    rowNumber += 1;
    members(section, row).forEach((member, index) => {
      const cell = sheet.getCell(rowNumber, index + 1);
      if ('label' in member) cell.value = member.label;
      else {
        cell.value = localDate(member.at, zone);
        cell.numFmt = dateFormat;
      }
    });
    row.cells.forEach((cell, index) => writeFigure(sheet, rowNumber, memberColumns + index + 1, cell, units[index] ?? 'number'));
  }
  for (const total of totalsRows(section)) {
    rowNumber += 1;
    const label = sheet.getCell(rowNumber, 1);
    label.value = total.label;
    label.font = { bold: true };
    total.cells.forEach((cell, index) => writeFigure(sheet, rowNumber, memberColumns + index + 1, cell, units[index] ?? 'number'));
  }
  sheet.commit();
  return section.result.rows.length;
}
