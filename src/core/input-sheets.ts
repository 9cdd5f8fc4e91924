import { cleanName, foldKey } from './text.js';
/**
 * The input contract, declared once: every sheet a clerk fills in, its accepted names, and its
 * columns (canonical header first, then aliases; whether required; what kind of value). The
 * readers map headers by it, the validators parse by it, the template writes it, the import of
 * exports targets it, and a test checks the README's input section against it.
 *
 * Header words and help texts are template data, not messages: they name what the clerk sees.
 */

/** What a column holds; validation picks the cell schema from it, the template the cell format. */
export type ColumnType = 'id' | 'name' | 'text' | 'date' | 'count' | 'points' | 'score' | 'percent' | 'month' | 'time' | 'punches' | 'choice';

/** Dropdown lists the template offers (data validation), filled per scheme. */
export type ListName = 'records' | 'categories' | 'marks' | 'metrics';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** The canonical Chinese header first, then accepted aliases. */
  headers: readonly string[];
  required?: boolean;
  /** A column never scored (说明, 备注): text spilling beside it under a merged header is only said unread. */
  unscored?: boolean;
}

export interface ColumnDeclaration<K extends string = string> extends ColumnSpec<K> {
  type: ColumnType;
  /** The template's 说明 line; 'who' for the 工号/姓名/窗口 columns, explained per scheme subject instead. */
  help: string;
  /** Column width in the template (characters). */
  width: number;
  list?: ListName;
  /** Accepted when present but not offered in the template (e.g. 窗口 on 评分). */
  templateHidden?: boolean;
}

export type SheetRole = 'roster' | 'records' | 'peer' | 'marks' | 'metrics' | 'monthly' | 'punches' | 'leave' | 'shifts' | 'covers' | 'settings';

export interface SheetDeclaration<K extends string = string> {
  role: SheetRole;
  /** Sheet names (canonical first) and English aliases; also the CSV file names of a folder. */
  names: readonly string[];
  columns: readonly ColumnDeclaration<K>[];
}

const who = {
  id: { key: 'id', headers: ['工号', '编号', '人员编号', 'id'], type: 'id', help: 'who', width: 10 },
  name: { key: 'name', headers: ['姓名', '名字', 'name'], type: 'name', help: 'who', width: 10 },
  unit: { key: 'unit', headers: ['窗口', '科室', '部门', 'unit'], type: 'name', help: 'who', width: 14 },
} as const satisfies Record<string, ColumnDeclaration>;

export const rosterSheet = {
  role: 'roster',
  names: ['人员', 'roster', 'staff'],
  columns: [
    { ...who.id, required: true, help: '人员编号，唯一；以文本保存，保留前导零' },
    { ...who.name, required: true, help: '姓名' },
    { ...who.unit, required: true, help: '所在窗口/科室/部门', width: 16 },
    { key: 'category', headers: ['类别', '人员类别', 'category'], type: 'choice', help: '公务员、事业、工勤、派驻、其他；决定等次名称', width: 10, list: 'categories' },
    { key: 'start', headers: ['到岗日期', 'start'], type: 'date', help: '可空；本期中途到岗时填写', width: 12 },
    { key: 'end', headers: ['离岗日期', 'end'], type: 'date', help: '可空；本期中途离岗时填写', width: 12 },
    // The number the clock or platform knows the person by, when it is not the 工号.
    { key: 'clockId', headers: ['考勤号码', '考勤号', '登记号码', '设备工号', '账号', 'userid', 'clock_id'], type: 'id', help: '可空；考勤机或钉钉、企业微信里的编号与工号不同时填写', width: 10 },
  ],
} as const satisfies SheetDeclaration;

export const recordSheet = {
  role: 'records',
  names: ['记录', 'records'],
  columns: [
    { key: 'date', headers: ['日期', 'date'], required: true, type: 'date', help: '发生日期，须在考核期内；可写 2026-11-05、2026/11/5、11月5日', width: 12 },
    who.id,
    who.name,
    who.unit,
    { key: 'item', headers: ['项目', '代码', '项目代码', 'item'], required: true, type: 'choice', help: '从下拉中选择细则（代码+名称），也可只填代码如 7.1', width: 34, list: 'records' },
    { key: 'count', headers: ['次数', '数量', '扣分次数', '频次', 'count'], type: 'count', help: '默认1；按天计的填天数（半天填0.5）', width: 6 },
    { key: 'points', headers: ['分值', '分数', 'points'], type: 'points', help: '视情扣分/加分的项目必填（须在范围内）；其他项目可空', width: 6 },
    { key: 'matter', headers: ['事项编号', '事项号', 'matter'], type: 'text', help: '加分记录同一事项填相同编号，只计最高一条', width: 12 },
    { key: 'note', headers: ['说明', '备注', 'note'], type: 'text', unscored: true, help: '情况说明，不会出现在公示上', width: 36 },
    { key: 'recorder', headers: ['记录人', 'recorder'], type: 'name', help: '记录人', width: 10 },
  ],
} as const satisfies SheetDeclaration;

export const peerSheet = {
  role: 'peer',
  names: ['互评', 'peer'],
  columns: [
    { key: 'rater', headers: ['评分人', '评分窗口', 'rater'], required: true, type: 'name', help: '打分的窗口或人', width: 16 },
    { key: 'ratee', headers: ['被评对象', '被评窗口', '被评人', 'ratee'], required: true, type: 'name', help: '被评的窗口或人', width: 16 },
    { key: 'score', headers: ['分数', '得分', 'score'], required: true, type: 'score', help: '0–100；给自己打分的不计', width: 8 },
  ],
} as const satisfies SheetDeclaration;

export const markSheet = {
  role: 'marks',
  names: ['评分', 'marks'],
  columns: [
    who.id,
    who.name,
    { ...who.unit, templateHidden: true },
    { key: 'item', headers: ['项目', '代码', '项目代码', 'item'], required: true, type: 'choice', help: '考评小组评分项目', width: 28, list: 'marks' },
    { key: 'value', headers: ['分数', '得分', '分值', 'score'], required: true, type: 'points', help: '0 至该项满分', width: 8 },
  ],
} as const satisfies SheetDeclaration;

export const metricSheet = {
  role: 'metrics',
  names: ['指标', 'metrics'],
  columns: [
    who.id,
    who.name,
    { ...who.unit, templateHidden: true },
    // keyed 'item' like 评分, so both sheets share one validator
    { key: 'item', headers: ['指标', '项目', '代码', 'metric'], required: true, type: 'choice', help: '如 办结率', width: 14, list: 'metrics' },
    { key: 'value', headers: ['数值', '值', '比率', 'value'], required: true, type: 'percent', help: '百分数：96、96% 或 0.96', width: 8 },
  ],
} as const satisfies SheetDeclaration;

export const monthlySheet = {
  role: 'monthly',
  names: ['月度', '月度得分', 'monthly'],
  columns: [
    who.id,
    who.name,
    { ...who.unit, templateHidden: true },
    { key: 'month', headers: ['月份', '月', 'month'], required: true, type: 'month', help: '如 2026-03 或 3月', width: 10 },
    { key: 'base', headers: ['基本分', '月度基本分', '得分', 'base'], required: true, type: 'points', help: '该月考核基本分（不含附加分，不超过满分，如 100）；到岗前、离岗后的月份不填', width: 8 },
  ],
} as const satisfies SheetDeclaration;

/** 考勤 in the template's own three shapes (one punch a row, all times in one cell, four slots). */
export const punchSheet = {
  role: 'punches',
  names: ['考勤', '打卡', '打卡记录', 'punches', 'attendance'],
  columns: [
    { ...who.id, headers: [...who.id.headers, '考勤号'] },
    who.name,
    { key: 'date', headers: ['日期', '考勤日期', '打卡日期', 'date'], type: 'date', help: '打卡日期', width: 12 },
    { key: 'time', headers: ['时间', '打卡时刻', 'time'], type: 'time', help: '每行一次打卡时填写打卡时间', width: 8 },
    // Not the bare 类型, which clerks' sheets use for 指纹/人脸; kaohe import writes it when the export states roles.
    { key: 'role', headers: ['打卡类型', 'punch_type'], type: 'choice', help: '可空；上班或下班（导出写明时）：本行的一次打卡按此算上班或下班（一格有几次打卡时不能填）；空着时，一个时段有两次以上打卡按最早算上班、最晚算下班，只有一次按离上、下班时间哪个近', width: 8 },
    { key: 'cell', headers: ['打卡时间', '打卡记录', '刷卡时间', 'punches'], type: 'punches', help: '一格多次：当天所有打卡时间，用空格分隔', width: 24 },
    { key: 'amIn', headers: ['上午上班', '上班1', 'am_in'], type: 'time', help: '上午上班打卡', width: 8 },
    { key: 'amOut', headers: ['上午下班', '下班1', 'am_out'], type: 'time', help: '上午下班打卡', width: 8 },
    { key: 'pmIn', headers: ['下午上班', '上班2', 'pm_in'], type: 'time', help: '下午上班打卡', width: 8 },
    { key: 'pmOut', headers: ['下午下班', '下班2', 'pm_out'], type: 'time', help: '下午下班打卡', width: 8 },
  ],
} as const satisfies SheetDeclaration;

export const leaveSheet = {
  role: 'leave',
  names: ['请假', '请假补签', 'leave'],
  columns: [
    who.id,
    who.name,
    { key: 'type', headers: ['类型', '请假类型', '假别', 'type'], required: true, type: 'choice', help: '事假、病假、年休假、婚假、丧假、产假、公差、补签', width: 10 },
    { key: 'first', headers: ['开始日期', '开始', '起始日期', 'start'], required: true, type: 'date', help: '开始日期', width: 12 },
    { key: 'last', headers: ['结束日期', '结束', '截止日期', 'end'], type: 'date', help: '结束日期（含当天），可空表示一天', width: 12 },
    { key: 'part', headers: ['时段', 'part'], type: 'choice', help: '全天（默认）、上午、下午', width: 8 },
    // Exports state leave to the minute or as a length (事假 3小时, 年假 0.5天).
    { key: 'startTime', headers: ['开始时间', 'start_time'], type: 'time', help: '可空；按小时请假时的开始时间', width: 8 },
    { key: 'endTime', headers: ['结束时间', 'end_time'], type: 'time', help: '可空；按小时请假时的结束时间', width: 8 },
    { key: 'length', headers: ['时长', 'length'], type: 'text', help: '可空；如 3小时、0.5天', width: 8 },
    { key: 'approver', headers: ['审批人', 'approver'], type: 'name', help: '审批人', width: 10 },
    { key: 'reason', headers: ['事由', '原因', 'reason'], type: 'text', help: '事由，不会出现在公示上', width: 24 },
  ],
} as const satisfies SheetDeclaration;

/**
 * 班次: the schedule where it differs from the scheme's hours — a person's (or everyone's, when
 * 工号 and 姓名 are empty) shift on a day or a span of days, or 休息 for a rest day. Written by
 * `kaohe import` from an export's stated shifts and rest days.
 */
export const shiftSheet = {
  role: 'shifts',
  names: ['班次', '排班', 'shifts'],
  columns: [
    who.id,
    who.name,
    { key: 'first', headers: ['开始日期', '日期', 'date', 'start'], required: true, type: 'date', help: '日期，或一段日期的开始', width: 12 },
    { key: 'last', headers: ['结束日期', 'end'], type: 'date', help: '可空；一段日期的结束（含当天）', width: 12 },
    { key: 'shift', headers: ['班次', '作息时间', 'shift'], required: true, type: 'text', help: '如 08:30-12:00,13:30-17:30；休息日填 休息', width: 28 },
  ],
} as const satisfies SheetDeclaration;

/**
 * 替岗 (临时替岗): who covered whose window, from which day to which — for a scheme with a
 * `cover` rule (city-hall: the covering person takes part in the monthly assessment, 第六条).
 */
export const coverSheet = {
  role: 'covers',
  names: ['替岗', '临时替岗', 'covers'],
  columns: [
    { key: 'substituteId', headers: ['替岗人工号', '替岗工号', 'substitute_id'], type: 'id', help: '替岗人的工号（与替岗人姓名填一项；重名时必须填工号）；替岗人也要列在“人员”表中', width: 10 },
    { key: 'substituteName', headers: ['替岗人', '替岗人姓名', 'substitute'], type: 'name', help: '替岗人姓名', width: 10 },
    { key: 'holderId', headers: ['被替岗人工号', '被替工号', 'holder_id'], type: 'id', help: '被替岗（原窗口）人员的工号（与姓名填一项）', width: 10 },
    { key: 'holderName', headers: ['被替岗人', '被替岗人姓名', 'holder'], type: 'name', help: '被替岗人员姓名', width: 10 },
    { key: 'first', headers: ['开始日期', '开始', 'start'], required: true, type: 'date', help: '替岗开始日期，须在考核期内', width: 12 },
    { key: 'last', headers: ['结束日期', '结束', 'end'], type: 'date', help: '替岗结束日期（含当天），可空表示一天', width: 12 },
    { key: 'note', headers: ['说明', '备注', 'note'], type: 'text', unscored: true, help: '情况说明', width: 24 },
  ],
} as const satisfies SheetDeclaration;

/** 设置 is key/value: first column the key, second the value. */
export const settingsSheet = {
  role: 'settings',
  names: ['设置', 'settings'],
  columns: [
    { key: 'key', headers: ['设置项', '项目', '键', 'key'], type: 'text', help: '设置项', width: 16 },
    { key: 'value', headers: ['值', 'value'], type: 'text', help: '值', width: 36 },
  ],
} as const satisfies SheetDeclaration;

interface SettingDeclaration {
  key: string;
  /** Written into a new template's 设置 sheet. */
  default?: string;
  /** The template's 说明 line and the README's. */
  help: string;
  /** Speaks for one period only: `template --roster` leaves it empty in the next period's workbook. */
  perPeriod?: true;
}

/** Keys the 设置 sheet may hold (input-format.md), with the template's defaults; others are warned about. */
export const settingDeclarations = [
  { key: '单位名称', help: '中心名称，印在公示的标题和落款上' },
  { key: '公示联系电话', help: '公示上受理异议的电话' },
  { key: '公示发布单位', help: '公示落款的发布单位；可空，空时用单位名称' },
  { key: '公示天数', default: '5', help: '公示期的工作日数' },
  { key: '每分分值', help: '每分折合的考核奖（元）；填写后得分表加一列考核奖' },
  { key: '作息时间', help: '全年的作息时间，如 08:30-12:00,13:30-17:30；可空，空时按考核方案' },
  { key: '夏季作息时间', help: '分夏冬作息时，夏季的作息时间' },
  { key: '冬季作息时间', help: '分夏冬作息时，冬季的作息时间' },
  { key: '夏季开始', help: '夏季作息开始的月-日，如 05-01' },
  { key: '冬季开始', help: '冬季作息开始的月-日，如 10-01' },
  { key: '迟到宽限分钟', default: '0', help: '迟到、早退不计的分钟数' },
  // The days an attendance export speaks for (its 统计日期); days of the period outside are "no data".
  { key: '考勤起始日期', help: '考勤数据覆盖的第一天（kaohe import 按导出的统计日期填写）；此前的工作日不计出勤，也不计旷工；只管本期，新建下期工作簿时不沿用', perPeriod: true },
  { key: '考勤截止日期', help: '考勤数据覆盖的最后一天；此后的工作日不计出勤，也不计旷工；只管本期，新建下期工作簿时不沿用', perPeriod: true },
  // Convention 9: the 工号 the committee chose among those tied at the 优秀 quota, comma-separated.
  { key: '优秀并列裁定', help: '优秀名额处并列时，考核组织确定的工号，逗号分隔；只管本期，新建下期工作簿时不沿用', perPeriod: true },
] as const satisfies readonly SettingDeclaration[];

export type SettingKey = (typeof settingDeclarations)[number]['key'];

const settingsByKey = new Map(settingDeclarations.map((s) => [foldKey(s.key), s.key]));

/** 设置 keys of one period (the covered days, a tie's ruling): never carried into the next period's template. */
export const perPeriodSettings: ReadonlySet<SettingKey> = new Set(settingDeclarations.filter((s) => 'perPeriod' in s).map((s) => s.key));

/** The 设置 key a key cell names (cleaned and folded as clerks type it, 公示天数： too), or undefined for one kaohe does not know. */
export function settingKeyOf(cell: string): SettingKey | undefined {
  return settingsByKey.get(foldKey(cleanName(cell)).replace(/:+$/, ''));
}

export const inputSheets = [rosterSheet, recordSheet, peerSheet, markSheet, metricSheet, monthlySheet, punchSheet, leaveSheet, shiftSheet, coverSheet, settingsSheet] as const;

/** The sheet `kaohe template` explains the workbook on; its A1 names the scheme the workbook was made for. */
export const guideSheetName = '说明';

/** The hidden sheet of `kaohe template` that feeds its dropdowns. */
export const codeSheetName = '代码表';

/**
 * The sheets kaohe writes as results: written by src/write, and known to the reader, because a
 * clerk may keep last month's in the month workbook (9月扣分明细) and they are never rows left unread.
 */
export const resultSheetNames = { score: '得分表', notice: '公示', audit: '扣分明细', monthlyBases: '各月基本分', yearList: '年度考核表', yearFlags: '标注明细' } as const;

/** Sheet role → accepted names, the shape the readers take. */
export const workbookSheets: ReadonlyMap<SheetRole, readonly string[]> = new Map(inputSheets.map((s) => [s.role, s.names]));

export type ColumnKey<S extends { columns: readonly { key: string }[] }> = S['columns'][number]['key'];

/**
 * What programs add to a sheet's or a file's name when they copy it, `{n}` standing for a number
 * (digits, or 二, 三 … as a clerk writes them): Excel 记录 (2), WPS 记录(2), LibreOffice 记录_2,
 * Windows Explorer 记录 - 副本 and 记录 - 副本 (2) (English Windows: 记录 - Copy), and the 记录2,
 * 记录-2, 记录（二）, 记录副本 or 记录的副本 a clerk types. Names are compared folded (foldKey), so
 * spaces and full-width parentheses do not matter; suffixes pile up (记录 - 副本 - 副本, a copy of
 * a copy).
 */
const copySuffixes = [' ({n})', '_{n}', '-{n}', '{n}', ' - 副本', ' - 副本 ({n})', '副本', '副本{n}', '的副本', ' - Copy', ' - Copy ({n})'] as const;

const copyPatterns = copySuffixes.map((suffix) => {
  const [before, after] = foldKey(suffix)
    .split('{n}')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(.+?)${before}${after === undefined ? '' : `(?:\\d+|[一二三四五六七八九十]+)${after}`}$`, 'u');
});

/**
 * Whether a sheet or file name is one of the names plus one or more copy suffixes (记录 (2),
 * 记录 - 副本 - 副本 for 记录). A name that is itself accepted is no copy: test it against the names first.
 */
export function isCopyName(name: string, names: readonly string[]): boolean {
  const stems = new Set(names.map(foldKey));
  const copyOf = (folded: string): boolean =>
    copyPatterns.some((pattern) => {
      const stem = pattern.exec(folded)?.[1];
      return stem !== undefined && (stems.has(stem) || copyOf(stem));
    });
  return copyOf(foldKey(name));
}
