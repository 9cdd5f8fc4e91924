import ExcelJS from 'exceljs';
import type { Scheme } from '../scheme/model.js';
import { dropdownLists, staffCategories } from '../scheme/lists.js';
import { codeSheetName, coverSheet, guideSheetName, markSheet, metricSheet, monthlySheet, peerSheet, recordSheet, rosterSheet, settingDeclarations, settingsSheet, type ColumnDeclaration, type ListName, type SheetDeclaration } from '../core/input-sheets.js';
import { templateText } from '../messages/template.js';
import { columnLetter, type CellValue } from '../read/table.js';
import { addShownRow } from './shown-cell.js';
import { FIXED_WORKBOOK_DATE, WORKBOOK_AUTHOR } from '../core/version.js';
import { packWorkbook } from './pack.js';
import { foldKey } from '../core/text.js';
import { BODY_FONT, HEADER_FONT, linesIn, printSetup, printsWide, rowHeight, TITLE_FONT } from './sheets/style.js';
import { describeScheme } from '../messages/scheme.js';

/** Rows offered with dropdowns; clerks rarely need more in a month. */
const ROWS = 1000;

/** Which list column of the hidden 代码表 sheet feeds each dropdown. */
const listColumn: Record<ListName, string> = { records: 'A', categories: 'B', marks: 'C', metrics: 'D' };

/** The sheets a scheme needs, in template order, from the one declaration of the input contract. */
function sheetsFor(scheme: Scheme, lists: ReturnType<typeof dropdownLists>): SheetDeclaration[] {
  const needed: [SheetDeclaration, boolean][] = [
    [rosterSheet, true],
    [recordSheet, true],
    [peerSheet, scheme.items.some((it) => it.type === 'peer')],
    [markSheet, lists.marks.length > 0],
    [metricSheet, lists.metrics.length > 0],
    [monthlySheet, scheme.items.some((it) => it.type === 'monthly')],
    [coverSheet, scheme.cover !== null],
  ];
  return needed.filter(([, wanted]) => wanted).map(([sheet]) => ({ ...sheet, columns: sheet.columns.filter((c) => !('templateHidden' in c && c.templateHidden)) }));
}

function helpOf(column: ColumnDeclaration, scheme: Scheme): string {
  if (column.help !== 'who') return column.help;
  return templateText.who[scheme.subject];
}

/** The hidden 代码表: one column per dropdown list. */
function addCodeSheet(workbook: ExcelJS.Workbook, lists: ReturnType<typeof dropdownLists>): Record<ListName, number> {
  const codeSheet = workbook.addWorksheet(codeSheetName, { state: 'hidden' });
  const values: Record<ListName, readonly string[]> = { records: lists.records, categories: staffCategories, marks: lists.marks, metrics: lists.metrics };
  const titles: Record<ListName, string> = { records: '项目', categories: '类别', marks: '评分项目', metrics: '指标' };
  for (const name of Object.keys(listColumn) as ListName[]) {
    const column = codeSheet.getColumn(listColumn[name]);
    codeSheet.getCell(`${listColumn[name]}1`).value = titles[name];
    values[name].forEach((v, r) => (codeSheet.getCell(r + 2, column.number).value = v));
  }
  printSetup(codeSheet, '1:1');
  return { records: lists.records.length, categories: staffCategories.length, marks: lists.marks.length, metrics: lists.metrics.length };
}

function addInputSheet(workbook: ExcelJS.Workbook, sheet: SheetDeclaration, counts: Record<ListName, number>): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(sheet.names[0], { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.addRow(sheet.columns.map((c) => c.headers[0])).font = HEADER_FONT;
  sheet.columns.forEach((c, i) => {
    const column = worksheet.getColumn(i + 1);
    column.width = c.width;
    if (c.type === 'id') column.numFmt = '@';
    if (c.type === 'date') column.numFmt = 'yyyy-mm-dd';
    if (!c.list) return;
    const letter = listColumn[c.list];
    const header = c.headers[0] as string;
    // exceljs 4.4 has worksheet.dataValidations at run time but not in its type definitions.
    (worksheet as ExcelJS.Worksheet & { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${columnLetter(i)}2:${columnLetter(i)}${ROWS}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`'${codeSheetName}'!$${letter}$2:$${letter}$${Math.max(2, counts[c.list] + 1)}`],
        // 项目 also takes a bare code (7.1), which is not in the list
        showErrorMessage: c.list !== 'records',
        errorTitle: templateText.dropdownTitle,
        error: templateText.dropdownError(header),
      },
    );
  });
  return worksheet;
}

/** What `template --roster` carries over from last period: its people (by column key, as read) and its 设置. */
export interface TemplateCarry {
  roster: Record<string, CellValue>[];
  settings: [string, string][];
}

/**
 * An empty input workbook for a scheme: exactly the sheets it needs, header rows frozen,
 * dropdowns for codes and categories, and a 说明 sheet explaining every column in Chinese.
 */
export async function templateWorkbook(scheme: Scheme, carry: TemplateCarry = { roster: [], settings: [] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = WORKBOOK_AUTHOR;
  workbook.created = FIXED_WORKBOOK_DATE;
  workbook.modified = FIXED_WORKBOOK_DATE;
  const lists = dropdownLists(scheme);
  const counts = addCodeSheet(workbook, lists);
  const sheets = sheetsFor(scheme, lists);
  for (const sheet of sheets) {
    const worksheet = addInputSheet(workbook, sheet, counts);
    if (sheet.role === 'roster') for (const person of carry.roster) addShownRow(worksheet, sheet.columns.map((c) => person[c.key] ?? null));
    printSetup(worksheet, '1:1', printsWide(sheet.columns));
  }
  addSettingsSheet(workbook, carry.settings);
  addHelpSheet(workbook, scheme, sheets);
  return await packWorkbook(workbook);
}

/** 设置 with every known key: last period's values where carried, else the defaults; other carried keys after them. */
function addSettingsSheet(workbook: ExcelJS.Workbook, carried: readonly [string, string][]): void {
  const settings = workbook.addWorksheet(settingsSheet.names[0], { views: [{ state: 'frozen', ySplit: 1 }] });
  settings.addRow(settingsSheet.columns.map((c) => c.headers[0])).font = HEADER_FONT;
  const previous = new Map(carried.map(([k, v]) => [foldKey(k), v]));
  for (const s of settingDeclarations) settings.addRow([s.key, previous.get(foldKey(s.key)) ?? ('default' in s ? s.default : '')]);
  const known = new Set<string>(settingDeclarations.map((s) => foldKey(s.key)));
  for (const [key, value] of carried) if (!known.has(foldKey(key))) settings.addRow([key, value]);
  settingsSheet.columns.forEach((c, i) => {
    settings.getColumn(i + 1).width = c.width;
    // Phone numbers and dates stay as typed.
    settings.getColumn(i + 1).numFmt = '@';
  });
  printSetup(settings, '1:1');
}

/**
 * Width of the 说明 sheet's one column: narrower than A4 portrait's printable width, because
 * LibreOffice does not shrink a single column wider than the page (it cuts it instead).
 */
const HELP_WIDTH = 76;

/** 说明: how to fill every sheet, then the scheme's rules; wrapped to the page, never cut. */
function addHelpSheet(workbook: ExcelJS.Workbook, scheme: Scheme, sheets: readonly SheetDeclaration[]): void {
  const help = workbook.addWorksheet(guideSheetName);
  help.getColumn(1).width = HELP_WIDTH;
  const line = (text: string, font: Partial<ExcelJS.Font> = BODY_FONT) => {
    const row = help.addRow([text]);
    const cell = row.getCell(1);
    cell.font = font;
    cell.alignment = { vertical: 'top', wrapText: true };
    const scale = (font.size ?? 11) / 11;
    row.height = rowHeight(linesIn(text, HELP_WIDTH / scale), scale);
  };
  line(templateText.helpTitle(scheme), TITLE_FONT);
  line(templateText.helpIntro);
  help.addRow([]);
  for (const sheet of sheets) {
    line(templateText.sheetHeading(sheet.names[0]!), HEADER_FONT);
    for (const c of sheet.columns) line(templateText.columnHelp(c.headers[0]!, helpOf(c, scheme)));
  }
  line(templateText.sheetHeading(settingsSheet.names[0]), HEADER_FONT);
  for (const s of settingDeclarations) line(templateText.settingHelp(s.key, s.help, 'default' in s ? s.default : undefined));
  help.addRow([]);
  line(templateText.schemeHeading, HEADER_FONT);
  for (const text of describeScheme(scheme)) line(text);
  printSetup(help, null);
}
