/**
 * The fixed parts of a workbook package, as text: content types, relationships, the workbook,
 * document properties, styles, and a sheet's notes (comments and the VML that shows them). Pure.
 */
import { xmlText } from './xlsx-text.js';

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';

/** What the package-level parts need to know of a sheet. */
export interface SheetPart {
  readonly index: number;
  readonly name: string;
  readonly hasNotes: boolean;
}

/** One cell style: bold text and/or a number format code. */
export interface XlsxStyle {
  readonly bold?: boolean;
  readonly numFmt?: string;
}

export function contentTypesXml(sheets: readonly SheetPart[]): string {
  let overrides = '';
  for (const sheet of sheets) {
    overrides += `<Override PartName="/xl/worksheets/sheet${sheet.index}.xml" ContentType="${SHEET_TYPE}"/>`;
    if (sheet.hasNotes) overrides += `<Override PartName="/xl/comments${sheet.index}.xml" ContentType="${COMMENTS_TYPE}"/>`;
  }
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    `${overrides}</Types>`
  );
}

export function rootRelsXml(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

export function corePropsXml(creator: string, created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlText(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export function appPropsXml(creator: string): string {
  return `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlText(creator)}</Application></Properties>`;
}

export function workbookXml(sheets: readonly SheetPart[]): string {
  const list = sheets.map((sheet) => `<sheet name="${xmlText(sheet.name)}" sheetId="${sheet.index}" r:id="rId${sheet.index}"/>`).join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${list}</sheets></workbook>`;
}

export function workbookRelsXml(sheets: readonly SheetPart[]): string {
  const list = sheets.map((sheet) => `<Relationship Id="rId${sheet.index}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${sheet.index}.xml"/>`).join('');
  return `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">${list}<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
}

/** Number formats Excel knows by id; any other code gets an id from 164 on. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

/** styles.xml for the styles in the order their ids were given (id 0 is the default). */
export function stylesXml(styles: readonly XlsxStyle[]): string {
  const custom = new Map<string, number>();
  const formatId = (code: string | undefined): number => {
    if (code === undefined) return 0;
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = custom.get(code);
    if (id === undefined) {
      id = 164 + custom.size;
      custom.set(code, id);
    }
    return id;
  };
  const xfs = styles.map((style) => {
    const numFmtId = formatId(style.numFmt);
    const fontId = style.bold === true ? 1 : 0;
    return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${numFmtId === 0 ? '' : ' applyNumberFormat="1"'}${fontId === 0 ? '' : ' applyFont="1"'}/>`;
  });
  const formats = [...custom].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`).join('');
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
    (custom.size > 0 ? `<numFmts count="${custom.size}">${formats}</numFmts>` : '') +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}

/** A note on a cell: its 0-based row and column, and its text. */
export interface CellNote {
  readonly row: number;
  readonly column: number;
  readonly ref: string;
  readonly text: string;
}

export function sheetRelsXml(index: number): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/comments" Target="../comments${index}.xml"/>` +
    `<Relationship Id="rId2" Type="${REL_NS}/vmlDrawing" Target="../drawings/vmlDrawing${index}.vml"/>` +
    '</Relationships>'
  );
}

export function commentsXml(notes: readonly CellNote[]): string {
  let list = '';
  for (const note of notes) list += `<comment ref="${note.ref}" authorId="0"><text><r><t xml:space="preserve">${xmlText(note.text)}</t></r></text></comment>`;
  return `${XML_HEAD}<comments xmlns="${MAIN_NS}"><authors><author>Floorwatch</author></authors><commentList>${list}</commentList></comments>`;
}

/** Shape ids come in blocks of 1024; each sheet's notes take whole blocks of their own. */
export const VML_BLOCK = 1024;

/** Blocks of shape ids a sheet's notes take. */
export function vmlBlocks(notes: number): number {
  return Math.max(1, Math.ceil(notes / VML_BLOCK));
}

/**
 * The legacy drawing Excel needs to show notes: one hidden box per note, anchored by its cell;
 * shape ids from `firstBlock` on, a block not used by another sheet.
 */
export function notesVml(notes: readonly CellNote[], firstBlock: number): string {
  const blocks = Array.from({ length: vmlBlocks(notes.length) }, (_unused, offset) => firstBlock + offset).join(',');
  let shapes = '';
  notes.forEach((note, position) => {
    shapes +=
      `<v:shape id="_x0000_s${firstBlock * VML_BLOCK + 1 + position}" type="#_x0000_t202" style="position:absolute;margin-left:105pt;margin-top:10pt;width:200pt;height:60pt;z-index:1;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">` +
      '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${note.column + 1}, 15, ${note.row}, 10, ${note.column + 4}, 15, ${note.row + 4}, 4</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${note.row}</x:Row><x:Column>${note.column}</x:Column></x:ClientData></v:shape>`;
  });
  return (
    `${XML_HEAD}<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes}</xml>`
  );
}
