// The parts of exceljs book.ts writes workbooks with, by their own modules (see book.ts), typed
// as far as book.ts uses them.

// exceljs's streaming sheet writer; its workbook is book.ts's StreamingWorkbook.
declare module 'exceljs/lib/stream/xlsx/worksheet-writer.js' {
  import type ExcelJS from 'exceljs';

  export interface WorksheetWriterOptions {
    id: number;
    name: string;
    workbook: object;
    useSharedStrings: boolean;
    views: Partial<ExcelJS.WorksheetView>[];
    pageSetup: Partial<ExcelJS.PageSetup>;
    headerFooter: Partial<ExcelJS.HeaderFooter>;
  }

  export default class WorksheetWriter {
    constructor(options: WorksheetWriterOptions);
    readonly id: number;
    /** The sheet's relation id in xl/_rels/workbook.xml.rels, which xl/workbook.xml names it by. */
    rId: string;
    commit(): void;
  }
}

// exceljs's XML forms of a workbook's parts: toXml renders a part from its model.
declare module 'exceljs/lib/xlsx/xform/core/app-xform.js' {
  export default class AppXform {
    toXml(model: { worksheets: readonly object[] }): string;
  }
}
declare module 'exceljs/lib/xlsx/xform/book/workbook-xform.js' {
  export default class WorkbookXform {
    prepare(model: object): void;
    toXml(model: object): string;
  }
}
declare module 'exceljs/lib/xlsx/xform/core/content-types-xform.js' {
  export default class ContentTypesXform {
    toXml(model: { worksheets: readonly object[]; sharedStrings: { count: number }; commentRefs: readonly object[]; media: readonly object[] }): string;
  }
}
declare module 'exceljs/lib/xlsx/xform/core/core-xform.js' {
  export default class CoreXform {
    toXml(model: { creator: string; lastModifiedBy: string; created: Date; modified: Date }): string;
  }
}
declare module 'exceljs/lib/xlsx/xform/core/relationships-xform.js' {
  export default class RelationshipsXform {
    toXml(model: readonly { Id: string; Type: string; Target: string }[]): string;
  }
}
declare module 'exceljs/lib/xlsx/xform/style/styles-xform.js' {
  export default class StylesXform {
    /** `true`: with the default font, fill, border and style a workbook starts with. */
    constructor(initialise: boolean);
    readonly xml: string;
  }
}
declare module 'exceljs/lib/xlsx/rel-type.js' {
  const RelType: Record<'OfficeDocument' | 'CoreProperties' | 'ExtenderProperties' | 'Styles' | 'Theme' | 'SharedStrings' | 'Worksheet', string>;
  export default RelType;
}
declare module 'exceljs/lib/xlsx/xml/theme1.js' {
  const theme1Xml: string;
  export default theme1Xml;
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
