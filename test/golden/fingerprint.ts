import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * What a workbook looks like to the person who opens or prints it, independent of how its XML
 * is spelled (shared or inline strings, style numbering, attribute order): for each sheet its
 * cells (value, type, number format, font, alignment, borders, fill, merge), rows (heights),
 * columns (widths and styles), merges, frozen panes, and print setup — both as exceljs reads it
 * back and as the raw attributes of the print elements (<pageSetup>, <printOptions>,
 * <pageMargins>, <pageSetUpPr>, <headerFooter>, <sheetView>/<pane>, the print-title names), so a
 * print attribute exceljs does not read is compared too.
 *
 * SHA-256 values (the 说明 sheet's hashes of the inputs) are masked: tests generate inputs whose
 * bytes carry the time they were written.
 */
export interface SheetPrint {
  name: string;
  rows: number;
  cells: number;
  /** Digests of the parts, so a difference says where it is. */
  digests: { cells: string; rows: string; columns: string; merges: string; views: string; print: string };
}

export interface WorkbookPrint {
  sheets: SheetPrint[];
  /** The workbook's defined names other than print titles (none expected). */
  names: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Objects with their keys sorted and undefined members left out, so equal content gives equal JSON. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return { date: value.toISOString() };
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = canonical(member);
    }
    return out;
  }
  return value;
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex').slice(0, 16);

/** The attributes of every element `name` in `xml` (local names, in document order). */
function elements(xml: string, name: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const pattern = new RegExp(`<(?:\\w+:)?${name}(\\s[^>]*?)?/?>`, 'g');
  for (const match of xml.matchAll(pattern)) {
    const attrs: Record<string, string> = {};
    for (const a of (match[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1] as string] = a[2] as string;
    found.push(attrs);
  }
  return found;
}

/** The text of each element `name` (header and footer strings). */
function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${name}>`, 'g'))].map((m) => m[1] as string);
}

function styleOf(style: Partial<ExcelJS.Style> | undefined) {
  const s = style ?? {};
  return { numFmt: s.numFmt, font: s.font, alignment: s.alignment, border: s.border, fill: s.fill, protection: s.protection };
}

function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (typeof v === 'string' && SHA256.test(v)) return '<sha256>';
  return v;
}

interface RawSheet {
  xml: string;
}

/** Sheet XML by sheet name, through the workbook's relationships. */
async function rawSheets(zip: JSZip): Promise<{ sheets: Map<string, RawSheet>; order: string[]; definedNames: Record<string, string>[]; nameTexts: string[] }> {
  const workbook = (await zip.file(/^\/?xl\/workbook\.xml$/)[0]?.async('string')) ?? '';
  const rels = (await zip.file(/^\/?xl\/_rels\/workbook\.xml\.rels$/)[0]?.async('string')) ?? '';
  const targets = new Map(elements(rels, 'Relationship').map((r) => [r.Id, r.Target]));
  const sheets = new Map<string, RawSheet>();
  for (const s of elements(workbook, 'sheet')) {
    const target = (targets.get(s['r:id']) ?? '').replace(/^\//, '').replace(/^xl\//, '');
    const xml = (await zip.file(new RegExp(`^/?xl/${target.replace(/[.]/g, '\\.')}$`))[0]?.async('string')) ?? '';
    sheets.set(s.name as string, { xml });
  }
  return { sheets, order: [...sheets.keys()], definedNames: elements(workbook, 'definedName'), nameTexts: texts(workbook, 'definedName') };
}

export async function fingerprint(path: string): Promise<WorkbookPrint> {
  const bytes = await readFile(path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const raw = await rawSheets(await JSZip.loadAsync(bytes));
  const names: Record<string, string | undefined>[] = raw.definedNames.map((attrs, i) => ({ ...attrs, text: raw.nameTexts[i] }));
  const sheets: SheetPrint[] = [];
  book.eachSheet((sheet) => {
    const xml = raw.sheets.get(sheet.name)?.xml ?? '';
    const rows: unknown[] = [];
    const cells: unknown[] = [];
    // The rows and cells the file holds (exceljs's own lists: iterating with getRow/getCell would make up empty ones).
    const parsedRows = (sheet as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows;
    for (const row of parsedRows) {
      if (!row) continue;
      rows.push({ n: row.number, height: row.height, hidden: row.hidden, outline: row.outlineLevel, style: styleOf((row as unknown as { style: Partial<ExcelJS.Style> }).style) });
      for (const cell of (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells) {
        if (!cell) continue;
        cells.push({ at: cell.address, type: cell.type, value: cell.isMerged && cell.master !== cell ? { merged: cell.master.address } : valueOf(cell), style: styleOf(cell.style) });
      }
    }
    const columns = (sheet.columns ?? []).map((c) => ({ n: c.number, width: c.width, hidden: c.hidden, style: styleOf(c.style) }));
    const printTitles = names.filter((n) => n.name === '_xlnm.Print_Titles' && Number(n.localSheetId) === raw.order.indexOf(sheet.name)).map((n) => n.text);
    const print = {
      pageSetup: sheet.pageSetup,
      headerFooter: sheet.headerFooter,
      raw: {
        pageSetUpPr: elements(xml, 'pageSetUpPr'),
        printOptions: elements(xml, 'printOptions'),
        pageMargins: elements(xml, 'pageMargins'),
        pageSetup: elements(xml, 'pageSetup'),
        headerFooter: elements(xml, 'headerFooter'),
        footers: ['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter'].map((n) => texts(xml, n)),
        printTitles,
      },
    };
    const views = { exceljs: sheet.views, sheetView: elements(xml, 'sheetView'), pane: elements(xml, 'pane'), selection: elements(xml, 'selection') };
    const merges = elements(xml, 'mergeCell').map((m) => m.ref).sort();
    const rawColumns = elements(xml, 'col').map(({ style: _style, ...attrs }) => attrs);
    sheets.push({
      name: sheet.name,
      rows: rows.length,
      cells: cells.length,
      digests: {
        cells: digest(cells),
        rows: digest(rows),
        columns: digest({ columns, raw: rawColumns }),
        merges: digest(merges),
        views: digest({ views, state: sheet.state }),
        print: digest(print),
      },
    });
  });
  return { sheets, names: digest(names.filter((n) => n.name !== '_xlnm.Print_Titles')) };
}

/** A digest of a JSON output's text (the --json contract must not change by a byte). */
export const textDigest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
