/**
 * Text and numbers as SpreadsheetML writes them: XML escaping that keeps every character a
 * spreadsheet can hold (control characters as Excel's own `_xHHHH_` escapes, a literal `_xHHHH_`
 * guarded with `_x005F_`, a lone surrogate replaced), cell references, date serials and legal,
 * unique sheet names. Pure.
 */

/** Excel keeps at most this many characters in a cell; longer text is cut (Excel would refuse it). */
export const XLSX_MAX_CELL_CHARACTERS = 32_767;
/** Excel's limit on a sheet name's length. */
export const XLSX_MAX_SHEET_NAME = 31;

const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]|_(?=x[0-9a-fA-F]{4}_)/u;
const ESCAPED = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]|_(?=x[0-9a-fA-F]{4}_)/gu;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', _: '_x005F_' };

function escapeOne(character: string): string {
  const entity = ENTITIES[character];
  if (entity !== undefined) return entity;
  const code = character.charCodeAt(0);
  // With the u flag a surrogate only matches alone (a pair is one code point): XML cannot hold it.
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  return `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
}

/**
 * Text for element content or a double-quoted attribute: `& < > "` as entities, characters XML 1.0
 * cannot hold (controls other than tab and line breaks, U+FFFE, U+FFFF) as `_xHHHH_`, which Excel
 * reads back as the character, and a lone surrogate as U+FFFD.
 */
export function xmlText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, escapeOne) : text;
}

/** Text cut to what a cell holds, never inside a surrogate pair. */
export function cellText(text: string): string {
  if (text.length <= XLSX_MAX_CELL_CHARACTERS) return text;
  const cut = text.slice(0, XLSX_MAX_CELL_CHARACTERS);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

const columnNames: string[] = [];

/** A column's letters from its 1-based number: 1 → A, 27 → AA. */
export function columnName(column: number): string {
  const known = columnNames[column];
  if (known !== undefined) return known;
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  columnNames[column] = name;
  return name;
}

const DAY_MS = 86_400_000;
/** 1970-01-01 as a serial of Excel's 1900 date system. */
const EPOCH_SERIAL = 25_569;

/** A date as a spreadsheet serial (days since 1899-12-30); its UTC fields are what the cell shows. */
export function dateSerial(date: Date): number {
  return date.getTime() / DAY_MS + EPOCH_SERIAL;
}

const FORBIDDEN_SHEET_CHARACTERS = /[\\/?*[\]:\u0000-\u001f]/gu;

/**
 * A sheet name Excel accepts (at most 31 characters, none of \ / ? * [ ] : or controls, no
 * apostrophe at either end, not "History"), unique in the workbook whatever the case; `taken`
 * holds the lower-cased names already used.
 */
export function legalSheetName(title: string, taken: ReadonlySet<string>): string {
  const cleaned = title.replace(FORBIDDEN_SHEET_CHARACTERS, ' ').replace(/^'+|'+$/gu, '').trim();
  const base = cleaned.slice(0, XLSX_MAX_SHEET_NAME).replace(/[\ud800-\udbff]$/u, '').trim() || 'Sheet';
  const reserved = (name: string): boolean => taken.has(name.toLowerCase()) || name.toLowerCase() === 'history';
  if (!reserved(base)) return base;
  for (let index = 2; ; index += 1) {
    const suffix = ` (${index})`;
    const candidate = `${base.slice(0, XLSX_MAX_SHEET_NAME - suffix.length).replace(/[\ud800-\udbff]$/u, '')}${suffix}`;
    if (!reserved(candidate)) return candidate;
  }
}
