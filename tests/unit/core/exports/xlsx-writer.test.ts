/**
 * The XLSX writer, every file read back with exceljs: typed cells (text, numbers, dates under
 * their formats), bold styles, notes, the frozen heading and column widths; text that XML cannot
 * hold as it is (controls, lone surrogates, Excel's own escapes) coming back as written; legal,
 * unique sheet names; and a text that looks like a formula staying text.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, dateSerial, legalSheetName, xmlText, XLSX_MAX_CELL_CHARACTERS } from '../../../../src-main/core/exports/xlsx-text.js';
import { xlsxBuffer, XlsxWriter, type XlsxWriter as Writer } from '../../../../src-main/core/exports/xlsx-writer.js';

/** ECMA-376's ST_Xstring escapes decoded, as a spreadsheet reads them. */
function decodeEscapes(text: string): string {
  return text.replace(/_x([0-9A-F]{4})_/gu, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

async function read(fill: (writer: Writer) => void): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsxBuffer(fill, { created: new Date(Date.UTC(2026, 2, 29, 12)) }) as unknown as ArrayBuffer);
  return workbook;
}

describe('XLSX writer', () => {
  it('writes typed cells: text, numbers, dates under their format, bold, notes, frozen rows and widths', async () => {
    const workbook = await read((writer) => {
      const bold = writer.style({ bold: true });
      const percent = writer.style({ numFmt: '0.0%' });
      const day = writer.style({ numFmt: 'yyyy-mm-dd' });
      const sheet = writer.sheet('Figures', { frozenRows: 2, columnWidths: [24, 18] });
      sheet.row([{ value: 'Heading', style: bold }, { value: 'Rate', style: bold }]);
      sheet.row([]);
      sheet.row(['Ann', { value: 0.75, style: percent }, 12, -3.5e-7, new Date(Date.UTC(2026, 2, 29, 3, 15))]);
      sheet.row([{ value: new Date(Date.UTC(2026, 2, 29)), style: day }, { value: null, style: percent, note: 'Not known' }, null, Number.NaN]);
    });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Figures']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1')).toMatchObject({ value: 'Heading', type: ExcelJS.ValueType.String });
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getRow(2).cellCount).toBe(0);
    expect(sheet.getCell('A3')).toMatchObject({ value: 'Ann', type: ExcelJS.ValueType.String });
    expect(sheet.getCell('B3')).toMatchObject({ value: 0.75, type: ExcelJS.ValueType.Number, numFmt: '0.0%' });
    expect(sheet.getCell('C3')).toMatchObject({ value: 12, type: ExcelJS.ValueType.Number });
    expect(sheet.getCell('D3').value).toBe(-3.5e-7);
    expect(sheet.getCell('E3').value).toEqual(new Date(Date.UTC(2026, 2, 29, 3, 15)));
    expect(sheet.getCell('E3').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getCell('A4').value).toEqual(new Date(Date.UTC(2026, 2, 29)));
    expect(sheet.getCell('A4').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('B4').value).toBeNull();
    expect(sheet.getCell('B4').note).toBe('Not known');
    // A number that is not finite is left out rather than written as text Excel would refuse.
    expect(sheet.getCell('D4').value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getColumn(1).width).toBe(24);
    expect(sheet.getColumn(2).width).toBe(18);
  });

  it('keeps every character a cell can hold: markup, controls, Excel escapes, astral characters; a lone surrogate becomes U+FFFD', async () => {
    const texts = ['<b> & "quoted" \'single\'', 'bell\u0007 and \u0001 and form\u000c feed', 'literal _x0041_ stays', '  spaced  ', 'line\nbreak\ttab', 'emoji 😀 and 𝄞', 'lone \ud800 high', 'lone \udc00 low', '\uffff end'];
    const workbook = await read((writer) => {
      const sheet = writer.sheet('Text');
      for (const text of texts) sheet.row([text]);
    });
    const sheet = workbook.worksheets[0]!;
    // exceljs hands inline strings back with their escapes; Excel and LibreOffice decode them as the standard says.
    const back = texts.map((_text, index) => decodeEscapes(String(sheet.getCell(index + 1, 1).value)));
    expect(back).toEqual([...texts.slice(0, 6), 'lone \ufffd high', 'lone \ufffd low', '\uffff end']);
  });

  it('writes a text that looks like a formula as text: an XLSX text cell never runs', async () => {
    const workbook = await read((writer) => writer.sheet('Guard').row(['=HYPERLINK("http://x","y")', '+1', '@SUM(A1)']));
    const row = workbook.worksheets[0]!.getRow(1);
    for (const column of [1, 2, 3]) expect(row.getCell(column).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe('=HYPERLINK("http://x","y")');
  });

  it('cuts text to what a cell holds, never inside a character', async () => {
    const long = `${'a'.repeat(XLSX_MAX_CELL_CHARACTERS - 1)}😀tail`;
    const workbook = await read((writer) => writer.sheet('Long').row([long]));
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('a'.repeat(XLSX_MAX_CELL_CHARACTERS - 1));
  });

  it('names sheets as Excel accepts them: 31 characters, no forbidden character, unique whatever the case', async () => {
    const titles = ['Status time: per agent?', 'a/b\\c*d[e]f', 'A very long widget title that goes on and on', 'A very long widget title that goes on and on', 'figures', 'Figures', "'quoted'", '', 'History'];
    const workbook = await read((writer) => {
      for (const title of titles) writer.sheet(title).row([title]);
    });
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(['Status time  per agent', 'a b c d e f', 'A very long widget title that g', 'A very long widget title th (2)', 'figures', 'Figures (2)', 'quoted', 'Sheet', 'History (2)']);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    expect(workbook.worksheets.map((sheet) => sheet.getCell('A1').value)).toEqual(titles.map((title) => title || null));
  });

  it('keeps notes apart on many sheets, more than one drawing block each', async () => {
    const workbook = await read((writer) => {
      // exceljs drops an empty cell without a style, and its note with it (Excel keeps both).
      const style = writer.style({ numFmt: '0.00' });
      for (const title of ['One', 'Two']) {
        const sheet = writer.sheet(title);
        for (let row = 0; row < 1_100; row += 1) sheet.row([`${title} ${row}`, { value: null, style, note: `${title} note ${row}` }]);
      }
    });
    for (const [index, title] of ['One', 'Two'].entries()) {
      const sheet = workbook.worksheets[index]!;
      expect(sheet.getCell('B1').note).toBe(`${title} note 0`);
      expect(sheet.getCell('B1100').note).toBe(`${title} note 1099`);
      expect(sheet.getCell('A1100').value).toBe(`${title} 1099`);
    }
  });

  it('streams its bytes as it goes and refuses a workbook without sheets', () => {
    let bytes = 0;
    const writer = new XlsxWriter({ write: (chunk) => (bytes += chunk.byteLength) });
    const sheet = writer.sheet('Rows');
    for (let row = 0; row < 20_000; row += 1) sheet.row([`row ${row}`, row, row / 7]);
    expect(bytes).toBeGreaterThan(0);
    writer.finish();
    expect(() => new XlsxWriter({ write: () => undefined }).finish()).toThrow('A workbook needs at least one sheet.');
  });

  it('escapes, names columns and counts days as a pure matter', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('\u0000_x00AB_')).toBe('_x0000__x005F_x00AB_');
    expect([1, 26, 27, 52, 703, 16_384].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
    expect(dateSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(dateSerial(new Date(Date.UTC(2026, 2, 29, 6)))).toBe(46110.25);
    expect(legalSheetName('Sheet', new Set(['sheet']))).toBe('Sheet (2)');
  });
});
