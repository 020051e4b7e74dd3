/**
 * A streaming XLSX writer: each sheet's XML is written as text a row at a time and deflated into
 * the zip as it grows (fflate's streaming Zip, a fast level), so memory holds a sheet's pending
 * bytes, never the workbook. Cells are typed: text as inline strings (no shared-string table to
 * keep), numbers as numbers, dates as serials under a date format; a cell may carry a note (shown
 * as Excel's comment). One writer for every XLSX the product writes (docs/decisions/0040).
 *
 * A text cell is never a formula in XLSX (a formula is its own element), so no formula guard is
 * needed here; CSV keeps its guard (history/export-format.ts).
 */
import { Zip, ZipDeflate } from 'fflate';
import { appPropsXml, commentsXml, contentTypesXml, corePropsXml, notesVml, rootRelsXml, sheetRelsXml, stylesXml, vmlBlocks, workbookRelsXml, workbookXml, XML_HEAD, type CellNote, type SheetPart, type XlsxStyle } from './xlsx-parts.js';
import { cellText, columnName, dateSerial, legalSheetName, xmlText } from './xlsx-text.js';

export type { XlsxStyle } from './xlsx-parts.js';

/** A style's id in the workbook, from XlsxWriter.style. */
export type XlsxStyleId = number;

/** A cell's value: text, a number, a date (its UTC fields are what is shown) or nothing. */
export type XlsxValue = string | number | Date | null;

/** A cell: a bare value, or a value with a style and/or a note. null leaves the cell out. */
export type XlsxCell = XlsxValue | { readonly value: XlsxValue; readonly style?: XlsxStyleId; readonly note?: string };

export interface XlsxSheetOptions {
  /** Rows kept in view when scrolling (a frozen pane under them). */
  readonly frozenRows?: number;
  /** Column widths in characters, from column A. */
  readonly columnWidths?: readonly number[];
}

export interface XlsxWriterOptions {
  /** Where the zip's bytes go, in order. */
  readonly write: (bytes: Uint8Array) => void;
  readonly creator?: string;
  readonly created?: Date;
  /** Deflate level 0–9: 1 is fast and still small for sheet XML. */
  readonly level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** Pending sheet text is deflated once it reaches this many characters. */
const FLUSH_CHARACTERS = 64 * 1024;
const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/** One sheet being written: rows in order, then end(). */
export class XlsxSheet {
  private pending = '';
  private rowNumber = 0;
  private readonly notes: CellNote[] = [];
  private ended = false;

  constructor(
    private readonly workbook: XlsxWriter,
    private readonly entry: ZipDeflate,
    readonly part: { readonly index: number; readonly name: string; hasNotes: boolean },
    options: XlsxSheetOptions,
  ) {
    let head = `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`;
    const frozen = options.frozenRows ?? 0;
    head +=
      frozen > 0
        ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`
        : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    const widths = options.columnWidths ?? [];
    if (widths.length > 0) head += `<cols>${widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('')}</cols>`;
    this.pending = `${head}<sheetData>`;
  }

  /** The 1-based number of the last row written (0 before any). */
  get rows(): number {
    return this.rowNumber;
  }

  /** Writes the next row; an empty array leaves a blank row. */
  row(cells: readonly XlsxCell[]): void {
    if (this.ended) throw new Error(`The sheet "${this.part.name}" is already finished.`);
    this.rowNumber += 1;
    const r = this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let index = 0; index < cells.length; index += 1) {
      const cell = cells[index];
      if (cell === null || cell === undefined) continue;
      const ref = `${columnName(index + 1)}${r}`;
      if (typeof cell === 'string') xml += `<c r="${ref}" t="inlineStr"><is>${textElement(cell)}</is></c>`;
      else if (typeof cell === 'number') xml += Number.isFinite(cell) ? `<c r="${ref}"><v>${cell}</v></c>` : '';
      else if (cell instanceof Date) xml += `<c r="${ref}" s="${this.workbook.defaultDateStyle()}"><v>${dateSerial(cell)}</v></c>`;
      else {
        if (cell.note !== undefined) this.notes.push({ row: r - 1, column: index, ref, text: cell.note });
        xml += this.styledCell(ref, cell.value, cell.style);
      }
    }
    this.pending += `${xml}</row>`;
    if (this.pending.length >= FLUSH_CHARACTERS) this.flush(false);
  }

  /** Closes the sheet: its XML is finished and its notes written. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.pending += '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    if (this.notes.length > 0) this.pending += '<legacyDrawing r:id="rId2"/>';
    this.pending += '</worksheet>';
    this.flush(true);
    if (this.notes.length > 0) {
      this.part.hasNotes = true;
      this.workbook.addNotes(this.part.index, this.notes);
    }
  }

  private styledCell(ref: string, value: XlsxValue, style: XlsxStyleId | undefined): string {
    const s = style === undefined || style === 0 ? '' : ` s="${style}"`;
    if (value === null) return `<c r="${ref}"${s}/>`;
    if (typeof value === 'string') return `<c r="${ref}"${s} t="inlineStr"><is>${textElement(value)}</is></c>`;
    if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s}/>`;
    const dated = style === undefined || style === 0 ? ` s="${this.workbook.defaultDateStyle()}"` : s;
    return `<c r="${ref}"${dated}><v>${dateSerial(value)}</v></c>`;
  }

  private flush(final: boolean): void {
    this.entry.push(Buffer.from(this.pending, 'utf8'), final);
    this.pending = '';
  }
}

/** `<t>` with the text escaped; spaces at either end or a line break are kept. */
function textElement(text: string): string {
  const kept = cellText(text);
  const preserve = /^\s|\s$|\n/u.test(kept) ? ' xml:space="preserve"' : '';
  return `<t${preserve}>${xmlText(kept)}</t>`;
}

/** A workbook written to `write` as it goes: style(), sheet() … row() … end(), then finish(). */
export class XlsxWriter {
  private readonly zip: Zip;
  private readonly level: XlsxWriterOptions['level'];
  private readonly sheets: XlsxSheet[] = [];
  private readonly taken = new Set<string>();
  private readonly styles: XlsxStyle[] = [{}];
  private readonly styleIds = new Map<string, XlsxStyleId>();
  private nextVmlBlock = 1;
  private failure: Error | null = null;
  private finished = false;

  constructor(private readonly options: XlsxWriterOptions) {
    this.level = options.level ?? 1;
    this.zip = new Zip((error, data) => {
      if (error) {
        this.failure = error;
        return;
      }
      options.write(data);
    });
  }

  /** The id of a style (the same id for the same style). */
  style(style: XlsxStyle): XlsxStyleId {
    const key = `${style.bold === true ? 'b' : ''}|${style.numFmt ?? ''}`;
    let id = this.styleIds.get(key);
    if (id === undefined) {
      id = this.styles.length;
      this.styles.push(style);
      this.styleIds.set(key, id);
    }
    return id;
  }

  /** The style a date cell gets when none is given. */
  defaultDateStyle(): XlsxStyleId {
    return this.style({ numFmt: DEFAULT_DATE_FORMAT });
  }

  /**
   * Starts the next sheet (ending the one before if it was not); its name is made legal and unique from
   * `title` (31 characters at most, no \ / ? * [ ] :).
   */
  sheet(title: string, options: XlsxSheetOptions = {}): XlsxSheet {
    this.check();
    if (this.finished) throw new Error('The workbook is finished.');
    const last = this.sheets.at(-1);
    if (last) last.end();
    const name = legalSheetName(title, this.taken);
    this.taken.add(name.toLowerCase());
    const index = this.sheets.length + 1;
    const sheet = new XlsxSheet(this, this.entry(`xl/worksheets/sheet${index}.xml`), { index, name, hasNotes: false }, options);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The sheet names given so far, in order. */
  sheetNames(): string[] {
    return this.sheets.map((sheet) => sheet.part.name);
  }

  /** @internal A finished sheet's notes, as comments and their drawing. */
  addNotes(index: number, notes: readonly CellNote[]): void {
    this.part(`xl/worksheets/_rels/sheet${index}.xml.rels`, sheetRelsXml(index));
    this.part(`xl/comments${index}.xml`, commentsXml(notes));
    this.part(`xl/drawings/vmlDrawing${index}.vml`, notesVml(notes, this.nextVmlBlock));
    this.nextVmlBlock += vmlBlocks(notes.length);
  }

  /** Ends the last sheet and writes the workbook's own parts; the last bytes go to `write` before it returns. */
  finish(): void {
    this.check();
    if (this.finished) return;
    if (this.sheets.length === 0) throw new Error('A workbook needs at least one sheet.');
    this.sheets.at(-1)?.end();
    this.finished = true;
    const parts = this.sheets.map((sheet): SheetPart => sheet.part);
    const created = this.options.created ?? new Date();
    const creator = this.options.creator ?? 'Floorwatch';
    this.part('xl/styles.xml', stylesXml(this.styles));
    this.part('xl/workbook.xml', workbookXml(parts));
    this.part('xl/_rels/workbook.xml.rels', workbookRelsXml(parts));
    this.part('docProps/core.xml', corePropsXml(creator, created));
    this.part('docProps/app.xml', appPropsXml(creator));
    this.part('_rels/.rels', rootRelsXml());
    this.part('[Content_Types].xml', contentTypesXml(parts));
    this.zip.end();
    this.check();
  }

  private entry(name: string): ZipDeflate {
    const entry = new ZipDeflate(name, { level: this.level });
    this.zip.add(entry);
    return entry;
  }

  private part(name: string, text: string): void {
    this.entry(name).push(Buffer.from(text, 'utf8'), true);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

/** A whole workbook in memory (a mail's attachment), written by `fill`. */
export function xlsxBuffer(fill: (writer: XlsxWriter) => void, options: Omit<XlsxWriterOptions, 'write'> = {}): Buffer {
  const chunks: Uint8Array[] = [];
  const writer = new XlsxWriter({ ...options, write: (bytes) => chunks.push(bytes) });
  fill(writer);
  writer.finish();
  return Buffer.concat(chunks);
}
