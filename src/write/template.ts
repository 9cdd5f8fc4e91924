import ExcelJS from 'exceljs';
import type { Scheme } from '../scheme/model.js';
import { dropdownLists, staffCategories } from '../scheme/lists.js';
import { settingKeys } from '../validate/workbook.js';
import { packWorkbook } from './safe-write.js';
import { BODY_FONT, HEADER_FONT, TITLE_FONT } from './sheets/style.js';
import { describeScheme } from '../scheme/describe.js';

const FIXED_WORKBOOK_DATE = new Date(Date.UTC(2000, 0, 1));
/** Rows offered with dropdowns; clerks rarely need more in a month. */
const ROWS = 1000;

interface Column {
  header: string;
  width: number;
  help: string;
  /** A range on the 代码表 sheet, or an inline list. */
  list?: string;
}

/**
 * An empty input workbook for a scheme: exactly the sheets it needs, header rows frozen,
 * dropdowns for codes and categories, and a 说明 sheet explaining every column in Chinese.
 */
export async function templateWorkbook(scheme: Scheme, roster: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'kaohe';
  workbook.created = FIXED_WORKBOOK_DATE;
  workbook.modified = FIXED_WORKBOOK_DATE;
  const lists = dropdownLists(scheme);
  const who = scheme.subject === 'unit' ? '工号、姓名或窗口填一项；按窗口考核时人员的记录计入其窗口' : '工号或姓名填一项（重名时必须填工号）';

  const codeSheet = workbook.addWorksheet('代码表', { state: 'hidden' });
  const listColumns: [string, readonly string[]][] = [
    ['项目', lists.records],
    ['类别', staffCategories],
    ['评分项目', lists.marks],
    ['指标', lists.metrics],
  ];
  listColumns.forEach(([name, values], c) => {
    codeSheet.getCell(1, c + 1).value = name;
    values.forEach((v, r) => (codeSheet.getCell(r + 2, c + 1).value = v));
  });
  const range = (column: string, count: number) => `'代码表'!$${column}$2:$${column}$${Math.max(2, count + 1)}`;

  const sheets: [string, Column[]][] = [
    [
      '人员',
      [
        { header: '工号', width: 10, help: '人员编号，唯一；以文本保存，保留前导零' },
        { header: '姓名', width: 10, help: '姓名' },
        { header: '窗口', width: 16, help: '所在窗口/科室/部门' },
        { header: '类别', width: 10, help: '公务员、事业、工勤、派驻、其他；决定等次名称', list: range('B', staffCategories.length) },
        { header: '到岗日期', width: 12, help: '可空；本期中途到岗时填写' },
        { header: '离岗日期', width: 12, help: '可空；本期中途离岗时填写' },
      ],
    ],
    [
      '记录',
      [
        { header: '日期', width: 12, help: '发生日期，须在考核期内；可写 2026-11-05、2026/11/5、11月5日' },
        { header: '工号', width: 10, help: who },
        { header: '姓名', width: 10, help: who },
        { header: '窗口', width: 14, help: who },
        { header: '项目', width: 34, help: '从下拉中选择细则（代码+名称），也可只填代码如 7.1', list: range('A', lists.records.length) },
        { header: '次数', width: 6, help: '默认1；按天扣分的项目填天数' },
        { header: '分值', width: 6, help: '视情扣分/加分的项目必填（须在范围内）；其他项目可空' },
        { header: '事项编号', width: 12, help: '加分记录同一事项填相同编号，只计最高一条' },
        { header: '说明', width: 36, help: '情况说明，不会出现在公示上' },
        { header: '记录人', width: 10, help: '记录人' },
      ],
    ],
  ];
  if (scheme.items.some((it) => it.type === 'peer')) {
    sheets.push([
      '互评',
      [
        { header: '评分人', width: 16, help: scheme.subject === 'unit' ? '打分的窗口' : '打分人' },
        { header: '被评对象', width: 16, help: scheme.subject === 'unit' ? '被评的窗口' : '被评人' },
        { header: '分数', width: 8, help: '0–100；给自己打分的不计' },
      ],
    ]);
  }
  if (lists.marks.length > 0) {
    sheets.push([
      '评分',
      [
        { header: '工号', width: 10, help: who },
        { header: '姓名', width: 10, help: who },
        { header: '项目', width: 28, help: '考评小组评分项目', list: range('C', lists.marks.length) },
        { header: '分数', width: 8, help: '0 至该项满分' },
      ],
    ]);
  }
  if (lists.metrics.length > 0) {
    sheets.push([
      '指标',
      [
        { header: '工号', width: 10, help: who },
        { header: '姓名', width: 10, help: who },
        { header: '指标', width: 14, help: '如 办结率', list: range('D', lists.metrics.length) },
        { header: '数值', width: 8, help: '百分数：96、96% 或 0.96' },
      ],
    ]);
  }
  if (scheme.items.some((it) => it.type === 'monthly')) {
    sheets.push([
      '月度',
      [
        { header: '工号', width: 10, help: who },
        { header: '姓名', width: 10, help: who },
        { header: '月份', width: 10, help: '如 2026-03 或 3月' },
        { header: '基本分', width: 8, help: '该月考核基本分（不含附加分）' },
      ],
    ]);
  }

  for (const [name, columns] of sheets) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const head = sheet.addRow(columns.map((c) => c.header));
    head.font = HEADER_FONT;
    columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = c.width;
      if (c.header === '工号') column.numFmt = '@';
      if (c.header.endsWith('日期') || c.header === '日期') column.numFmt = 'yyyy-mm-dd';
      if (c.list) {
        const letter = String.fromCharCode(65 + i);
        // exceljs 4.4 has worksheet.dataValidations at run time but not in its type definitions.
        (sheet as ExcelJS.Worksheet & { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${ROWS}`, {
          type: 'list',
          allowBlank: true,
          formulae: [c.list],
          showErrorMessage: c.header !== '项目',
          errorTitle: '请从下拉中选择',
          error: `请从下拉列表中选择${c.header}`,
        });
      }
    });
    if (name === '人员') for (const row of roster) sheet.addRow(row);
  }

  const settings = workbook.addWorksheet('设置');
  settings.addRow(['设置项', '值']).font = HEADER_FONT;
  const defaults: Record<string, string> = { 公示天数: '5', 迟到宽限分钟: '0' };
  for (const key of settingKeys) settings.addRow([key, defaults[key] ?? '']);
  settings.getColumn(1).width = 16;
  settings.getColumn(2).width = 36;

  const help = workbook.addWorksheet('说明');
  help.addRow([`${scheme.title}（${scheme.id}）考核工作簿填写说明`]).font = TITLE_FONT;
  help.addRow(['一个考核期一个工作簿，文件名写考核期，如 2026-11.xlsx；各表第一行是表头，不要改名。']).font = BODY_FONT;
  help.addRow([]);
  for (const [name, columns] of sheets) {
    help.addRow([`【${name}】`]).font = HEADER_FONT;
    for (const c of columns) help.addRow([`  ${c.header}：${c.help}`]).font = BODY_FONT;
  }
  help.addRow(['【设置】']).font = HEADER_FONT;
  help.addRow(['  单位名称、公示联系电话、公示发布单位用于公示；公示天数默认5个工作日。']).font = BODY_FONT;
  help.addRow([]);
  help.addRow(['【考核方案】']).font = HEADER_FONT;
  for (const line of describeScheme(scheme)) help.addRow([line]).font = BODY_FONT;
  help.getColumn(1).width = 120;

  return await packWorkbook(workbook);
}
