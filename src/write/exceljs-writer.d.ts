// exceljs's streaming workbook writer by its own module (see book.ts); typed as exceljs types it.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}

// The XML writer and escaping exceljs writes xl/sharedStrings.xml with (see book.ts).
declare module 'exceljs/lib/utils/xml-stream.js' {
  export default class XmlStream {
    static StdDocAttributes: Record<string, string>;
    /** The pieces of XML written so far. */
    _xml: string[];
    openXml(attributes: Record<string, string>): void;
    openNode(name: string, attributes?: Record<string, string | number>): void;
  }
}

declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}
