import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import JSZip from 'jszip';

/**
 * A small .xlsx writer for reader tests, writing the XML by hand so a test controls exactly
 * what other software writes: inline strings, `t="d"` ISO dates, the 1904 date system,
 * namespace prefixes, merged cells, formulas with and without cached values, hidden sheets,
 * fullCalcOnLoad and number formats. No shared strings unless given.
 */
export interface RawSheet {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** The rows' XML (what goes inside <sheetData>), unprefixed; see row() and the cell helpers. */
  rows: string;
  /** Merged ranges, e.g. 'A2:A4'. */
  merges?: string[];
  /** The <col> elements (what goes inside <cols>, before the rows), unprefixed. */
  cols?: string;
}

export interface RawWorkbook {
  sheets: RawSheet[];
  date1904?: boolean;
  fullCalcOnLoad?: boolean;
  /** Write every element of the sheets with this namespace prefix (x:row, x:c …), as some libraries do. */
  prefix?: string;
  sharedStrings?: string[];
  /** Cell styles (s="1", s="2" …): number format codes; style 0 is General. Built-in ids as numbers. */
  formats?: (string | number)[];
  /** Extra parts to put in the zip (padding, other software's parts). */
  extra?: Record<string, string | Buffer>;
  /** How the parts are kept in the zip: deflated (the default, as Excel does) or stored as they are. */
  compression?: 'DEFLATE' | 'STORE';
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function row(r: number, cells: string[]): string {
  return `<row r="${r}">${cells.join('')}</row>`;
}

/** Cells: text inline, a number, a boolean, an ISO date (t="d"), a formula with or without a cached value, raw. */
export const cell = {
  text: (ref: string, text: string, style?: number) => `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`,
  shared: (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`,
  number: (ref: string, n: number, style?: number) => `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${n}</v></c>`,
  boolean: (ref: string, b: boolean) => `<c r="${ref}" t="b"><v>${b ? 1 : 0}</v></c>`,
  isoDate: (ref: string, iso: string, style?: number) => `<c r="${ref}" t="d"${style ? ` s="${style}"` : ''}><v>${iso}</v></c>`,
  formula: (ref: string, formula: string, cached?: string, type?: 'str' | 'b' | 'e') => `<c r="${ref}"${type ? ` t="${type}"` : ''}><f>${xmlEscape(formula)}</f>${cached === undefined ? '' : `<v>${xmlEscape(cached)}</v>`}</c>`,
  error: (ref: string, text: string) => `<c r="${ref}" t="e"><v>${xmlEscape(text)}</v></c>`,
  /** A formatted cell with no value, as Excel writes a cell that only has a border or a colour. */
  empty: (ref: string, style = 1) => `<c r="${ref}" s="${style}"/>`,
};

/** Adds a namespace prefix to every element of a sheet's XML. */
function prefixed(xml: string, prefix: string | undefined): string {
  return prefix ? xml.replace(/<(\/?)([a-zA-Z]+)(?=[\s/>])/g, `<$1${prefix}:$2`) : xml;
}

export function rawXlsxBuffer(book: RawWorkbook): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2000, 0, 1));
  const add = (name: string, content: string | Buffer) => zip.file(name, content, { date, createFolders: false });
  const p = book.prefix;
  const ns = p ? `xmlns:${p}="${NS}"` : `xmlns="${NS}"`;
  add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  const sheetRels = book.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const n = book.sheets.length;
  add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>${book.sharedStrings ? `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
  );
  const sheets = book.sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('');
  add(
    'xl/workbook.xml',
    prefixed(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${ns} xmlns:r="${REL}"><workbookPr${book.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets}</sheets><calcPr calcId="191029"${book.fullCalcOnLoad ? ' fullCalcOnLoad="1"' : ''}/></workbook>`,
      p,
    ),
  );
  const formats = book.formats ?? [];
  const custom = formats.flatMap((f, i) => (typeof f === 'string' ? [`<numFmt numFmtId="${164 + i}" formatCode="${xmlEscape(f)}"/>`] : []));
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...formats.map((f, i) => `<xf numFmtId="${typeof f === 'number' ? f : 164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)];
  add(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}">${custom.length ? `<numFmts count="${custom.length}">${custom.join('')}</numFmts>` : ''}<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`,
  );
  if (book.sharedStrings) {
    add('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${book.sharedStrings.length}">${book.sharedStrings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join('')}</sst>`);
  }
  book.sheets.forEach((s, i) => {
    const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prefixed(`<worksheet ${ns} xmlns:r="${REL}">${s.cols ? `<cols>${s.cols}</cols>` : ''}<sheetData>${s.rows}</sheetData>${merges}</worksheet>`, p)}`;
    add(`xl/worksheets/sheet${i + 1}.xml`, xml);
  });
  for (const [name, content] of Object.entries(book.extra ?? {})) add(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: book.compression ?? 'DEFLATE' });
}

export async function writeRawXlsx(path: string, book: RawWorkbook): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await rawXlsxBuffer(book));
  return path;
}
