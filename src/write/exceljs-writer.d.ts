// exceljs's streaming workbook writer by its own module (see book.ts); typed as exceljs types it.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}

// The escaping exceljs writes xl/sharedStrings.xml with (see book.ts).
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}

// exceljs's own xl/sharedStrings.xml writer, which book.ts's is held to (test/shared-strings.test.ts).
declare module 'exceljs/lib/xlsx/xform/strings/shared-strings-xform.js' {
  export default class SharedStringsXform {
    toXml(model: { values: readonly string[]; count: number }): string;
  }
}

// A range of cells as exceljs's streaming sheet keeps its merges (see sheets/rows.ts).
declare module 'exceljs/lib/doc/range.js' {
  export default class Range {
    constructor(top: number, left: number, bottom: number, right: number);
  }
}
