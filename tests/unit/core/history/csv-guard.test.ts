import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, neutraliseFormulas } from '../../../../src-main/core/history/export-format.js';
import { readCsv, runsAsFormula } from '../../../support/csv-reader.js';

/** Characters an attacker mixes in: formula starts (plain, full-width, small, sub/superscript), separators, whitespace of every kind, invisible marks. */
const TRICKY = [...'=+-@＝＋－＠﹦﹢﹣﹫⁼₌⁺₊⁻₋−;,\t\r\n "\u00a0\u3000\u200b\u2060\ufeff\u0000\u007fa1'];
const trickyText = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''));

describe('CSV formula guard', () => {
  it('neutralises a formula at any start a spreadsheet may read, in a table of known tricks', () => {
    const cases: [string, string][] = [
      ['=1+1', `'=1+1`],
      [' =1', `' =1`],
      ['\u00a0\u3000@SUM(A1)', `'\u00a0\u3000@SUM(A1)`],
      ['\u200b-1', `'\u200b-1`],
      ['＝1', `'＝1`],
      ['﹢1', `'﹢1`],
      ['a;=1', `a;'=1`],
      ['a; +1', `a;' +1`],
      [';"=1', `;'"=1`],
      ['\n=1', `'\n'=1`],
      ['line\r\n@x', `line\r\n'@x`],
      ['\tplain', `'\tplain`],
      ['a=b', 'a=b'],
      ['plain, words', 'plain, words'],
    ];
    for (const [input, expected] of cases) expect(neutraliseFormulas(input), JSON.stringify(input)).toBe(expected);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a;b')).toBe('"a;b"');
  });

  it('leaves no field that starts a formula, whatever the separator a spreadsheet reads the row with', () => {
    fc.assert(
      fc.property(fc.array(trickyText, { minLength: 1, maxLength: 5 }), fc.constantFrom(',', ';', '\t'), (cells, separator) => {
        const fields = readCsv(csvRow(cells), separator as ',' | ';' | '\t').flat();
        expect(fields.filter(runsAsFormula)).toEqual([]);
      }),
      { numRuns: Number(process.env.FLOORWATCH_PROPERTY_RUNS ?? 2000) },
    );
  });

  it('keeps the text: read back with commas, the cells are the input plus apostrophes', () => {
    fc.assert(
      fc.property(fc.array(trickyText.filter((text) => !text.includes("'")), { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = readCsv(csvRow(cells), ',');
        expect(row?.map((field) => field.replaceAll("'", ''))).toEqual(cells);
      }),
      { numRuns: 1000 },
    );
  });
});
