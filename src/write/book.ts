import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
// The streaming writer alone: exceljs's index loads its whole library (the in-memory workbook,
// both readers, CSV), twice the start-up of this one module.
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import exceljsUtils from 'exceljs/lib/utils/utils.js';
import { FIXED_WORKBOOK_DATE, zipCollector } from './pack.js';
import { FOOTER, pageSetupOf } from './sheets/style.js';

export interface SheetOptions {
  views?: Partial<ExcelJS.WorksheetView>[];
  /** Rows repeated on every printed page ('2:2'), or null for a sheet without a table. */
  titleRows: string | null;
  landscape?: boolean;
}

/**
 * A workbook written as it is built, so memory stays flat however many rows a sheet has:
 * exceljs's streaming WorkbookWriter, one sheet at a time (a sheet is finished when the next
 * begins), rows committed as tables add them (sheets/style.ts), deflated at level 1 by Node's
 * zlib on a thread of its own. The zip is collected in memory (a city month's result is a few
 * megabytes compressed) and its entry dates fixed, so the same inputs give the same bytes.
 *
 * The streaming writer lays out a sheet's head when the sheet is added, so print setup and
 * frozen panes are given then (`sheet()`), not set afterwards; and it writes no <printOptions>,
 * so centred printing is added to each sheet here.
 */
export class Book {
  private readonly workbook = streamingWorkbook();
  private current: ExcelJS.Worksheet | null = null;

  /** Starts the next sheet (finishing the one before): A4, one page wide, titles repeated, page numbers. */
  sheet(name: string, options: SheetOptions): ExcelJS.Worksheet {
    this.current?.commit();
    const pageSetup = pageSetupOf(options.titleRows, options.landscape ?? false);
    const sheet = this.workbook.writer.addWorksheet(name, { views: options.views ?? [], pageSetup, headerFooter: { oddFooter: FOOTER } });
    if (pageSetup.horizontalCentered) printCentred(sheet);
    this.current = sheet;
    return sheet;
  }

  /** Finishes the last sheet and the workbook: its bytes. */
  async bytes(): Promise<Buffer> {
    this.current?.commit();
    return this.workbook.bytes();
  }
}

/**
 * exceljs's streaming WorkbookWriter as every workbook kaohe writes with Book uses it: styles and shared strings, deflated at level 1 by Node's zlib on a
 * thread of its own, xl/sharedStrings.xml handed to the zip in slices, fixed metadata and zip
 * dates. bytes() commits it and gives the workbook's bytes.
 */
function streamingWorkbook(): { writer: ExcelJS.stream.xlsx.WorkbookWriter; bytes: () => Promise<Buffer> } {
  const zip = zipCollector();
  const writer = new WorkbookWriter({ stream: zip.stream, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 1 } } });
  const meta = writer as unknown as { creator: string; lastModifiedBy: string; created: Date; modified: Date };
  meta.creator = 'kaohe';
  meta.lastModifiedBy = 'kaohe';
  meta.created = FIXED_WORKBOOK_DATE;
  meta.modified = FIXED_WORKBOOK_DATE;
  (writer as unknown as { sharedStrings: SharedStringTable }).sharedStrings = new SharedStringTable();
  streamSharedStrings(writer);
  return {
    writer,
    bytes: async () => {
      await writer.commit();
      return zip.bytes();
    },
  };
}

/**
 * exceljs's shared-string table (utils/shared-strings.js) with a Map where it keeps an object of
 * texts: the same numbers in the same order, but a city month's ~100,000 distinct audit texts
 * made that object's lookups a tenth of writing the workbook. The writer reads only add(),
 * count and values (its reference count goes nowhere: sharedStringsXml writes count as exceljs
 * does, from the distinct texts).
 */
class SharedStringTable {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  get count(): number {
    return this.values.length;
  }

  add(text: string): number {
    let index = this.numbers.get(text);
    if (index === undefined) {
      index = this.values.length;
      this.numbers.set(text, index);
      this.values.push(text);
    }
    return index;
  }
}

/** <printOptions horizontalCentered="1"/>, in its place just before <pageMargins>. */
function printCentred(sheet: ExcelJS.Worksheet): void {
  const writer = sheet as unknown as { _writePageMargins(): void; stream: { write(text: string): void } };
  const margins = writer._writePageMargins.bind(writer);
  writer._writePageMargins = () => {
    writer.stream.write('<printOptions horizontalCentered="1"/>');
    margins();
  };
}

/** Texts of xl/sharedStrings.xml per slice handed to the zip. */
const STRINGS_PER_SLICE = 4096;

/** What of exceljs's streaming writer the shared strings are written from (kaohe's cells hold plain texts, never rich text). */
interface SharedStringsWriter {
  sharedStrings: { count: number; values: readonly string[] };
  zip: { append(source: Readable, options: { name: string }): void };
  addSharedStrings(): Promise<void>;
}

/**
 * xl/sharedStrings.xml handed to the zip in slices as it is deflated. exceljs renders it as one
 * string when the workbook is committed: for a city month's audit (a 来源 of its own on every
 * one of ~100,000 rows) its pieces, the joined text and its UTF-8 bytes were ~70 MB at once at
 * the end of the run, its peak.
 */
function streamSharedStrings(writer: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const w = writer as unknown as SharedStringsWriter;
  w.addSharedStrings = () => {
    if (w.sharedStrings.count) w.zip.append(Readable.from(sharedStringsXml(w.sharedStrings), { objectMode: false }), { name: '/xl/sharedStrings.xml' });
    return Promise.resolve();
  };
}

/** SharedStringsXform.render's XML, in slices of STRINGS_PER_SLICE texts. */
function* sharedStringsXml(strings: SharedStringsWriter['sharedStrings']): Generator<Buffer> {
  let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.count}" uniqueCount="${strings.values.length}">`;
  let n = 0;
  for (const text of strings.values) {
    xml += sharedStringXml(text);
    if (++n % STRINGS_PER_SLICE === 0) {
      yield Buffer.from(xml, 'utf8');
      xml = '';
    }
  }
  yield Buffer.from(`${xml}</sst>`, 'utf8');
}

/**
 * One text as exceljs's SharedStringXform and TextXform render it: <si><t>…</t></si>, its
 * spaces kept when it starts or ends with one or holds a line break, its XML escaped by exceljs's
 * own xmlEncode.
 */
function sharedStringXml(text: string): string {
  return `<si><t${/^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${exceljsUtils.xmlEncode(text)}</t></si>`;
}
