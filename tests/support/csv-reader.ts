/**
 * A spreadsheet's reading of a CSV file, for tests of the export guard: RFC 4180 quoting with a
 * chosen separator (`,` or a `;` locale's), and the check a spreadsheet makes for a formula after
 * trimming what it trims.
 */

/** Splits CSV text into rows of fields, honouring quotes, with `separator` between fields. */
export function readCsv(text: string, separator: ',' | ';' | '\t'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charAt(index);
    if (quoted) {
      if (character === '"' && text.charAt(index + 1) === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"' && field.length === 0) quoted = true;
    else if (character === separator) {
      row.push(field);
      field = '';
    } else if (character === '\r' || character === '\n') {
      // Spreadsheets end a row at CRLF, CR or LF alike.
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (character === '\r' && text.charAt(index + 1) === '\n') index += 1;
    } else field += character;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Whether a field would run as a formula in some spreadsheet: trimmed of whitespace and invisible marks, normalised (full-width ＝ is =). */
export function runsAsFormula(field: string): boolean {
  const trimmed = field.replace(/^[\s\p{Cc}\p{Cf}]+/u, '').normalize('NFKC');
  return /^[=+\-@\u2212]/u.test(trimmed);
}
