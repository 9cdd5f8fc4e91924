import { createRequire } from 'node:module';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import type { WorksheetWriterOptions } from 'exceljs/lib/stream/xlsx/worksheet-writer.js';
import { FIXED_WORKBOOK_DATE, WORKBOOK_AUTHOR } from '../core/version.js';
import { FOOTER, pageSetupOf } from './sheets/style.js';
import { Zip } from './zip.js';

// exceljs's streaming sheet writer and the XML forms of the parts around it, without its
// WorkbookWriter: that loads archiver (a hundred modules of globbing, tar and streams) for the
// zip, which zip.ts writes instead; exceljs's index would load its whole library. Required, not
// imported: Node parses each CommonJS module an ES module imports for its exports' names, a few
// milliseconds each.
const requireExceljs = createRequire(import.meta.url);
const WorksheetWriter = requireExceljs('exceljs/lib/stream/xlsx/worksheet-writer.js') as typeof import('exceljs/lib/stream/xlsx/worksheet-writer.js').default;
const exceljsUtils = requireExceljs('exceljs/lib/utils/utils.js') as typeof import('exceljs/lib/utils/utils.js').default;
const RelType = requireExceljs('exceljs/lib/xlsx/rel-type.js') as typeof import('exceljs/lib/xlsx/rel-type.js').default;
const AppXform = requireExceljs('exceljs/lib/xlsx/xform/core/app-xform.js') as typeof import('exceljs/lib/xlsx/xform/core/app-xform.js').default;
const WorkbookXform = requireExceljs('exceljs/lib/xlsx/xform/book/workbook-xform.js') as typeof import('exceljs/lib/xlsx/xform/book/workbook-xform.js').default;
const ContentTypesXform = requireExceljs('exceljs/lib/xlsx/xform/core/content-types-xform.js') as typeof import('exceljs/lib/xlsx/xform/core/content-types-xform.js').default;
const CoreXform = requireExceljs('exceljs/lib/xlsx/xform/core/core-xform.js') as typeof import('exceljs/lib/xlsx/xform/core/core-xform.js').default;
const RelationshipsXform = requireExceljs('exceljs/lib/xlsx/xform/core/relationships-xform.js') as typeof import('exceljs/lib/xlsx/xform/core/relationships-xform.js').default;
const StylesXform = requireExceljs('exceljs/lib/xlsx/xform/style/styles-xform.js') as typeof import('exceljs/lib/xlsx/xform/style/styles-xform.js').default;
const theme1Xml = requireExceljs('exceljs/lib/xlsx/xml/theme1.js') as typeof import('exceljs/lib/xlsx/xml/theme1.js').default;

interface SheetOptions {
  views?: Partial<ExcelJS.WorksheetView>[];
  /** Rows repeated on every printed page ('2:2'), or null for a sheet without a table. */
  titleRows: string | null;
  landscape?: boolean;
}

/**
 * A workbook written as it is built, so memory stays flat however many rows a sheet has:
 * exceljs's streaming sheet writer, one sheet at a time (a sheet is finished when the next
 * begins), rows committed as tables add them (sheets/style.ts), each sheet deflated by Node's
 * zlib on a thread of its own as it is written (zip.ts). The zip is collected in memory and its
 * entry dates fixed, so the same inputs give the same bytes.
 *
 * The streaming writer lays out a sheet's head when the sheet is added, so print setup and
 * frozen panes are given then (`sheet()`), not set afterwards; and it writes no <printOptions>,
 * so centred printing is added to each sheet here.
 */
export class Book {
  private readonly workbook = new StreamingWorkbook();
  private current: ExcelJS.Worksheet | null = null;

  /** Starts the next sheet (finishing the one before): A4, one page wide, titles repeated, page numbers. */
  sheet(name: string, options: SheetOptions): ExcelJS.Worksheet {
    this.current?.commit();
    const pageSetup = pageSetupOf(options.titleRows, options.landscape ?? false);
    const sheet = this.workbook.addWorksheet(name, { views: options.views ?? [], pageSetup, headerFooter: { oddFooter: FOOTER } });
    if (pageSetup.horizontalCentered) printCentred(sheet);
    this.current = sheet;
    return sheet;
  }

  /** Finishes the last sheet and the workbook: its bytes. */
  async bytes(): Promise<Buffer> {
    return this.workbook.bytes();
  }
}

/**
 * exceljs's streaming WorkbookWriter as Book uses it (styles and shared strings, no images,
 * comments or defined names of its own), writing the same parts in the same order into a Zip:
 * the theme and package relations first, each sheet as it is added, the rest when committed.
 * Its shared strings are kaohe's (SharedStringTable) and their XML is handed to the zip in
 * slices. The sheet writer reads `styles`, `sharedStrings` and `_openStream` of it.
 */
class StreamingWorkbook {
  readonly styles = new StylesXform(true);
  readonly sharedStrings = new SharedStringTable();
  private readonly zip = new Zip();
  private readonly sheets: InstanceType<typeof WorksheetWriter>[] = [];

  constructor() {
    this.zip.addText('xl/theme/theme1.xml', theme1Xml);
    this.zip.addText(
      '_rels/.rels',
      new RelationshipsXform().toXml([
        { Id: 'rId1', Type: RelType.OfficeDocument, Target: 'xl/workbook.xml' },
        { Id: 'rId2', Type: RelType.CoreProperties, Target: 'docProps/core.xml' },
        { Id: 'rId3', Type: RelType.ExtenderProperties, Target: 'docProps/app.xml' },
      ]),
    );
  }

  addWorksheet(name: string, options: Pick<WorksheetWriterOptions, 'views' | 'pageSetup' | 'headerFooter'>): ExcelJS.Worksheet {
    const sheet = new WorksheetWriter({ id: this.sheets.length + 1, name, workbook: this, useSharedStrings: true, ...options });
    this.sheets.push(sheet);
    return sheet as unknown as ExcelJS.Worksheet;
  }

  /** A sheet's part, as exceljs's sheet writer opens it: written to the zip as it comes (PartStream). */
  _openStream(path: string): PartStream {
    return new PartStream(this.zip.addStream(path.replace(/^\//, '')));
  }

  /** Commits the sheets not yet committed and adds the workbook's other parts: the zip's bytes. */
  async bytes(): Promise<Buffer> {
    for (const sheet of this.sheets) sheet.commit();
    const worksheets = this.sheets;
    const strings = this.sharedStrings.count > 0;
    this.zip.addText('[Content_Types].xml', new ContentTypesXform().toXml({ worksheets, sharedStrings: this.sharedStrings, commentRefs: [], media: [] }));
    this.zip.addText('docProps/app.xml', new AppXform().toXml({ worksheets }));
    this.zip.addText('docProps/core.xml', new CoreXform().toXml({ creator: WORKBOOK_AUTHOR, lastModifiedBy: WORKBOOK_AUTHOR, created: FIXED_WORKBOOK_DATE, modified: FIXED_WORKBOOK_DATE }));
    // pipeline, not pipe: an error making the XML destroys the deflater, so bytes() fails instead of waiting forever.
    const stringsWritten = strings ? pipeline(Readable.from(sharedStringsXml(this.sharedStrings), { objectMode: false }), this.zip.addStream('xl/sharedStrings.xml')) : Promise.resolve();
    this.zip.addText('xl/styles.xml', this.styles.xml);
    const relations = [
      { Type: RelType.Styles, Target: 'styles.xml' },
      { Type: RelType.Theme, Target: 'theme/theme1.xml' },
      ...(strings ? [{ Type: RelType.SharedStrings, Target: 'sharedStrings.xml' }] : []),
      ...worksheets.map((sheet) => ({ Type: RelType.Worksheet, Target: `worksheets/sheet${sheet.id}.xml` })),
    ].map((relation, i) => ({ Id: `rId${i + 1}`, ...relation }));
    worksheets.forEach((sheet, i) => (sheet.rId = relations[relations.length - worksheets.length + i]!.Id));
    this.zip.addText('xl/_rels/workbook.xml.rels', new RelationshipsXform().toXml(relations));
    const workbook = new WorkbookXform();
    const model = { worksheets, definedNames: [], views: [], properties: {}, calcProperties: {} };
    workbook.prepare(model);
    this.zip.addText('xl/workbook.xml', workbook.toXml(model));
    const [, bytes] = await Promise.all([stringsWritten, this.zip.bytes()]);
    return bytes;
  }
}

/** The least XML handed to a part's deflater at a time: each piece is a turn of zlib's thread and back. */
const PIECE_BYTES = 64 * 1024;

/**
 * A part as exceljs's sheet writer writes it, into its deflater (`deflater`, which rows.ts
 * waits on): texts, exceljs's StringBufs (a buffer it reuses, so copied) or buffers, gathered
 * into pieces of at least PIECE_BYTES. rows.ts's slices of rows are such pieces by themselves
 * and go to the deflater as they are.
 */
class PartStream {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(readonly deflater: Writable) {}

  write(data: string | Buffer | { toBuffer(): Buffer }, encoding: BufferEncoding = 'utf8'): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, encoding) : Buffer.isBuffer(data) ? data : data.toBuffer();
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= PIECE_BYTES) this.flush();
  }

  /** What exceljs does to stop its own stream's 'data' events; this one has none. */
  pause(): void {}

  end(): void {
    this.flush();
    this.deflater.end();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    this.deflater.write(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }
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

/**
 * SharedStringsXform.render's XML, in slices of STRINGS_PER_SLICE texts handed to the zip as it
 * deflates them. exceljs renders it as one string when the workbook is committed: for a city
 * month's audit (a 来源 of its own on every one of ~100,000 rows) its pieces, the joined text
 * and its UTF-8 bytes were ~70 MB at once at the end of the run, its peak.
 */
function* sharedStringsXml(strings: SharedStringTable): Generator<Buffer> {
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
