import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { problem, type Problem } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { columnLetter, type CellValue, type RawRow, type RawTable } from './table.js';

/**
 * A streaming .xlsx reader: yauzl opens entries by name through the zip's central directory
 * (so the order of parts in the file does not matter), saxes parses the sheet XML as it is
 * inflated, and each row is handed on and forgotten. Cell values follow the whole-file reader:
 * shared and inline strings, numbers, booleans, error text, formulas by their cached result,
 * and numbers in date formats as UTC dates.
 */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Built-in number formats that are dates or times (ECMA-376 18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

interface Zip {
  entries: Map<string, yauzl.Entry>;
  file: yauzl.ZipFile;
}

async function openZip(path: string): Promise<Zip> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error || !zip ? reject(error ?? new Error('unreadable zip')) : resolve(zip))),
  );
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    file.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      file.readEntry();
    });
    file.on('end', resolve);
    file.on('error', reject);
    file.readEntry();
  });
  return { entries, file };
}

function openEntry(zip: Zip, name: string): Promise<Readable | null> {
  const entry = zip.entries.get(name);
  if (!entry) return Promise.resolve(null);
  return new Promise((resolve, reject) => zip.file.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error(`cannot read ${name}`)) : resolve(stream))));
}

/** Some writers prefix the spreadsheetml namespace (x:row, x:c): tags are matched by local name. */
function local(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** Feeds an entry through a SAX parser; resolves when the entry ends. */
async function parseEntry(zip: Zip, name: string, setup: (parser: SaxesParser) => void): Promise<boolean> {
  const stream = await openEntry(zip, name);
  if (!stream) return false;
  // Positions (line, column) are not needed and cost a third of the parse.
  const parser = new SaxesParser();
  setup(parser);
  // A chunk may end inside a multi-byte character (every Chinese one is three bytes): decode
  // across chunk boundaries.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) parser.write(decoder.write(chunk as Buffer));
  parser.write(decoder.end());
  parser.close();
  return true;
}

/** Sheet names (in workbook order) with the path of their XML part. */
async function sheetParts(zip: Zip): Promise<{ name: string; part: string; hidden: boolean }[]> {
  const targets = new Map<string, string>();
  await parseEntry(zip, 'xl/_rels/workbook.xml.rels', (p) =>
    p.on('opentag', (tag) => {
      if (local(tag.name) === 'Relationship') {
        const target = String(tag.attributes.Target ?? '');
        targets.set(String(tag.attributes.Id), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      }
    }),
  );
  const sheets: { name: string; part: string; hidden: boolean }[] = [];
  await parseEntry(zip, 'xl/workbook.xml', (p) =>
    p.on('opentag', (tag) => {
      if (local(tag.name) !== 'sheet') return;
      const id = Object.entries(tag.attributes).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
      const part = targets.get(String(id ?? ''));
      if (part) sheets.push({ name: String(tag.attributes.name ?? ''), part, hidden: tag.attributes.state === 'hidden' || tag.attributes.state === 'veryHidden' });
    }),
  );
  return sheets;
}

async function sharedStrings(zip: Zip): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await parseEntry(zip, 'xl/sharedStrings.xml', (p) => {
    p.on('opentag', (tag) => {
      if (local(tag.name) === 'si') current = '';
      else if (local(tag.name) === 'rPh') inPhonetic = true;
      else if (local(tag.name) === 't' && !inPhonetic) inText = true;
    });
    p.on('text', (text) => inText && (current += text));
    p.on('closetag', (tag) => {
      if (local(tag.name) === 't') inText = false;
      else if (local(tag.name) === 'rPh') inPhonetic = false;
      else if (local(tag.name) === 'si') strings.push(current);
    });
  });
  return strings;
}

/** Which cell styles (by index) show numbers as dates or times. */
async function dateStyles(zip: Zip): Promise<boolean[]> {
  const custom = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await parseEntry(zip, 'xl/styles.xml', (p) => {
    p.on('opentag', (tag) => {
      if (local(tag.name) === 'numFmt') {
        // A date format has y, m, d, h or s outside quoted text and [colour] brackets.
        const code = String(tag.attributes.formatCode ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
        custom.set(Number(tag.attributes.numFmtId), /[ymdhs]/i.test(code) && !/^General$/i.test(code));
      } else if (local(tag.name) === 'cellXfs') inCellXfs = true;
      else if (local(tag.name) === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        styles.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
      }
    });
    p.on('closetag', (tag) => local(tag.name) === 'cellXfs' && (inCellXfs = false));
  });
  return styles;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/**
 * Reads the wanted sheets of a workbook; the `streamed` one row by row to `onRow`, the others
 * kept as raw tables. Hidden sheets count only when they carry a wanted name.
 */
export async function saxWorkbook(
  path: string,
  wanted: ReadonlyMap<string, readonly string[]>,
  streamed: string,
  onRow: (row: RawRow, sheet: string) => void,
): Promise<{ sheets: Map<string, RawTable>; problems: Problem[]; streamedSheet: string | null }> {
  const zip = await openZip(path);
  try {
    const parts = await sheetParts(zip);
    const strings = await sharedStrings(zip);
    const dates = await dateStyles(zip);
    const sheets = new Map<string, RawTable>();
    const problems: Problem[] = [];
    let streamedSheet: string | null = null;
    for (const { name, part } of parts) {
      const canonical = [...wanted].find(([, names]) => names.map(foldKey).includes(foldKey(name)))?.[0];
      if (!canonical || sheets.has(canonical) || (canonical === streamed && streamedSheet !== null)) continue;
      const table: RawTable = { file: path, sheet: name, rows: [] };
      const emit = canonical === streamed ? (row: RawRow) => onRow(row, name) : (row: RawRow) => table.rows.push(row);
      if (canonical === streamed) streamedSheet = name;

      let rowNumber = 0;
      let cells: CellValue[] = [];
      let cell: { index: number; type: string; style: number; value: string; formula: string | null; hasValue: boolean } | null = null;
      let capture: 'v' | 'f' | 't' | null = null;
      let inPhonetic = false;
      await parseEntry(zip, part, (p) => {
        p.on('opentag', (tag) => {
          switch (local(tag.name)) {
            case 'row':
              rowNumber = tag.attributes.r ? Number(tag.attributes.r) : rowNumber + 1;
              cells = [];
              break;
            case 'c': {
              const ref = String(tag.attributes.r ?? '');
              cell = { index: ref ? columnIndex(ref) : cells.length, type: String(tag.attributes.t ?? 'n'), style: Number(tag.attributes.s ?? 0), value: '', formula: null, hasValue: false };
              break;
            }
            case 'v':
              capture = 'v';
              if (cell) cell.hasValue = true;
              break;
            case 'f':
              capture = 'f';
              if (cell) cell.formula = '';
              break;
            case 'rPh':
              inPhonetic = true;
              break;
            case 't':
              if (!inPhonetic) capture = 't';
              if (cell) cell.hasValue = true;
              break;
          }
        });
        p.on('text', (text) => {
          if (!cell || capture === null) return;
          if (capture === 'f') cell.formula += text;
          else cell.value += text;
        });
        p.on('closetag', (tag) => {
          if (local(tag.name) === 'v' || local(tag.name) === 'f' || local(tag.name) === 't') capture = null;
          else if (local(tag.name) === 'rPh') inPhonetic = false;
          else if (local(tag.name) === 'c' && cell) {
            const c = cell;
            cell = null;
            if (c.formula !== null && !c.hasValue) {
              problems.push(problem('formula_without_result', { file: path, sheet: name, row: rowNumber, columnLetter: columnLetter(c.index) }, { formula: c.formula }));
              cells[c.index] = null;
              return;
            }
            cells[c.index] = valueOf(c, strings, dates);
          } else if (local(tag.name) === 'row') {
            emit({ row: rowNumber, cells: Array.from(cells, (v) => v ?? null) });
          }
        });
      });
      if (canonical !== streamed) sheets.set(canonical, table);
    }
    return { sheets, problems, streamedSheet };
  } finally {
    zip.file.close();
  }
}

function valueOf(c: { type: string; style: number; value: string; hasValue: boolean }, strings: readonly string[], dates: readonly boolean[]): CellValue {
  if (!c.hasValue) return null;
  switch (c.type) {
    case 's':
      return strings[Number(c.value)] ?? null;
    case 'str':
    case 'inlineStr':
    case 'e':
      return c.value;
    case 'b':
      return c.value === '1';
    case 'd':
      return new Date(c.value);
    default: {
      const n = Number(c.value);
      if (c.value === '' || Number.isNaN(n)) return c.value;
      // A number shown as a date or time is a date, in UTC as the whole-file reader gives it.
      return dates[c.style] ? new Date(EXCEL_EPOCH_MS + Math.round(n * DAY_MS)) : n;
    }
  }
}
