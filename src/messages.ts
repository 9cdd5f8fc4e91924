import { basename } from 'node:path';
import { format, sub } from './core/decimal.js';
import { monthsChinese } from './core/period.js';
import type { NamesakePlace, OutputError, PartCoveredPerson, Problem, ProblemCode, ProfileIssue, SeenSheet, ProfileIssueCode, SchemeIssue, SchemeIssueCode, SchemeLocation, SourceLocation } from './core/problems.js';
import { escapeControls } from './core/text.js';
import type { EngineWarning, FlagResult, TraceNote } from './score/result.js';
import type { LowestPassedOver, YearFlag, YearResult } from './score/year.js';
import type { ImportNote, ImportNoteCode } from './import/notes.js';
import type { ShapeNeed, VerdictKind } from './import/profile.js';
import type { Agreement, Difference } from './derive/compare.js';
import { formatChineseDate, shortChineseDate, type IsoDate } from './core/dates.js';
import { dayRunsText, daysOutside, formatEvidence } from './messages/attendance.js';

/** All user-facing wording of problems and trace notes, in Chinese, in one place. */
type Args = Record<string, string | number>;

/** How two exports' copies of one clocking are counted (same_punches, export_punches_partly_same). */
const SAME_CLOCKING = '同一人同一时刻的打卡只计一次（一份带秒、一份只到分钟的，按分钟比较，取带秒的时间）';

/** How a shift may be written (calendar/hours.ts parseShiftText): a working day, or any day including rest. */
const SHIFT_EXAMPLES = {
  work: '08:30-12:00,13:30-17:30、早班 07:30-15:30、22:00-次日06:00、弹性 10:00-15:00 8小时',
  any: '08:30-12:00,13:30-17:30、早班 07:30-15:30、22:00-次日06:00、弹性 10:00-15:00 8小时、休息',
};

/**
 * An earlier row's place (args firstFile, firstSheet) said from the problem's own: “file › sheet”
 * in another file, “sheet” in another sheet of this one, nothing in this sheet. Args come escaped.
 */
function firstPlaceText(a: Args, at: SourceLocation): string {
  if (a.firstFile !== escapeControls(at.file)) return `“${basename(String(a.firstFile))} › ${a.firstSheet}”`;
  return a.firstSheet !== escapeControls(at.sheet ?? '') ? `“${a.firstSheet}”` : '';
}

/**
 * What is wrong in a damaged file: a sheet's XML (read/xlsx.ts SheetDamage, the row named in the
 * location), or the zip's parts and their relationships.
 */
const fileDamage: Record<string, (a: Args) => string> = {
  row_order: () => '这一行的行号与前面的行重复或排在其前',
  row_number: (a) => `行号“${a.ref}”不是数字`,
  cell_twice: (a) => `单元格 ${a.ref} 在这一行中出现两次`,
  cell_ref: (a) => `单元格地址“${a.ref}”无法识别`,
  cell_row: (a) => `单元格 ${a.ref} 的地址写的是另一行，却位于这一行中`,
  sheet_part_missing: (a) => `文件中缺少这张工作表的内容（部件 ${a.ref}），表中的数据无法读取`,
  strings_missing: (a) => `单元格 ${a.ref} 的文字应在共享文字部件（sharedStrings.xml）中，而文件中没有这一部件，表中的文字都无法读取`,
  part_twice: (a) => `部件 ${a.ref} 在文件中出现 ${a.count} 次（部件名不分大小写），内容不同，无法确定读哪一个`,
  sheet_name_twice: (a) => `工作表 ${a.sheets} 同名（工作表名不分大小写），分别在部件 ${a.parts} 中，无法确定哪一张是这张表`,
  sheet_part_shared: (a) => `工作表 ${a.sheets} 指向同一部件 ${a.ref}，无法确定其中是哪一张表的内容`,
  part_longer: (a) => `部件 ${a.ref} 解压后比文件目录中记的大小长，文件在保存后被改动过，其中的数据不可靠`,
  part_shorter: (a) => `部件 ${a.ref} 解压后比文件目录中记的大小短，文件不完整（可能在复制或下载时中断），其中的数据不可靠`,
  sheet_relationship_missing: (a) => `工作表“${a.sheet}”${a.ref ? `的编号 ${a.ref} 在 ${a.part} 中找不到` : '没有写明编号（r:id）'}，不知道它的内容在哪个部件，表中的数据无法读取`,
  relationship_twice: (a) => `${a.part} 中编号 ${a.ref} 出现两次，分别指向 ${a.targets}，无法确定读哪一个`,
};

/** Months given as 2026-09,2026-10: 2026年9月、2026年10月. */
const monthsText = (months: unknown) => monthsChinese(String(months).split(','));

/** A table saved as text under a workbook's name (read/file-magic.ts textTableOf): what it is, and how to make it a workbook. */
function textTableText(a: Args): string {
  const named = a.ext ? `（扩展名是 ${a.ext}）` : '';
  if (a.kind === 'csv') return `这是 CSV 文本${named}，不是工作簿：请把扩展名改为 .csv 后给出（单个 CSV 请用 --roster、--records 等选项指明是哪张表），或在 Excel 中打开后另存为 .xlsx`;
  return `这是${a.kind === 'html' ? '网页（HTML）' : ' XML（Excel 2003 XML）'}格式的表格${named}，不是工作簿：请在 Excel 中打开后另存为 .xlsx`;
}

const problemText: Record<ProblemCode, (a: Args, at: SourceLocation) => string> = {
  file_missing: () => '找不到文件，请检查路径和文件名',
  file_unreadable: (a) =>
    a.reason === 'locked'
      ? '文件无法读取：可能正在被 Excel 或 WPS 打开，请关闭后重试'
      : a.reason === 'not_zip'
        ? '不是 .xlsx 工作簿（可能是改了扩展名的 CSV 或其他文件），请在 Excel 中另存为 .xlsx'
        : a.reason === 'encrypted'
          ? '文件设置了打开密码：请在 Excel/WPS 中去掉密码后另存'
          : a.reason === 'text_table'
            ? textTableText(a)
            : a.reason === 'damaged'
            ? `文件已损坏：${fileDamage[String(a.fault)]?.(a) ?? ''}（Excel 不会这样保存）：请在 Excel 中打开后另存为 .xlsx`
            : '文件已损坏或不是可读取的工作簿，请在 Excel 中打开后另存为 .xlsx',
  file_not_xlsx: (a) =>
    a.reason === 'biff_old' ? '这是旧版 Excel（Excel 4 或更早）格式的工作簿，kaohe 无法读取：请在 Excel 中打开后另存为 .xlsx' : '这是旧版 .xls/.et 文件或设置了打开密码的工作簿：请在 Excel/WPS 中去掉密码并另存为 .xlsx',
  sheet_missing: (a) => `缺少工作表“${a.sheet}”${a.aliases ? `（也可命名为 ${a.aliases}）` : ''}`,
  roster_sheet_missing: (a) => `${a.file} 中没有工作表“${a.sheet}”，也没有含“工号”“姓名”列的工作表`,
  sheet_empty: () => '工作表没有数据行',
  header_missing: (a) => `找不到表头行（前10行中没有可识别的列名），应包含：${a.expected}`,
  column_missing: (a) => `缺少必填列“${a.column}”${a.aliases ? `（也可写作 ${a.aliases}）` : ''}`,
  column_unknown: () => '无法识别的列名，该列已忽略',
  columns_unknown: (a) => `有 ${a.count} 列的列名无法识别，这些列已忽略：${a.columns} 等`,
  column_duplicate: (a) => `${a.column} 与 ${a.used} 都可作为${a.field}，已用 ${a.field}`,
  column_ambiguous: (a) => `${a.columns} 都可作为${a.field}，无法确定用哪一列：请只保留一列，或把要用的一列的列名改为“${a.field}”`,
  column_merged_unread: (a) => `该列名合并在 ${a.columns} 之上，读的是 ${a.read}；${a.unread} 的值未读取。如 ${a.unread} 也是要计分的内容，请取消合并，给每一列写上自己的列名`,
  column_merged_values: (a) => `该列名合并在几列之上，其中 ${a.columns} 都有值${a.row === undefined ? '' : `（如第${a.row}行的值只在 ${a.column}）`}，无法确定读哪一列：请取消合并，给每一列写上自己的列名`,
  column_no_header: () => '该列没有列名，其中的值未读取（此行是第一个有值的行）：如要读取，请在表头行写上列名',
  column_resembles: (a) => `列名像是“${a.field}”但无法识别，该列已忽略：如是${a.field}，请把列名改为“${a.field}”`,
  csv_invalid: (a) => `CSV 文件格式有误：${a.detail}`,
  csv_is_workbook: (a) => `这是 .${a.kind === 'xls' ? 'xls' : 'xlsx'} 工作簿，不是 CSV：请直接作为工作簿输入，或在 Excel 中另存为 CSV`,
  csv_needs_flag: () => '单个 CSV 文件请用 --roster、--records 等选项指明是哪张表，或把各表的 CSV 放在一个文件夹里（人员.csv、记录.csv…）',
  zip_too_large: (a) => `工作簿解压后过大（${a.detail}），可能已损坏或不是正常的考核工作簿，已拒绝读取`,
  formula_without_result: (a) =>
    a.reason === 'volatile'
      ? `公式 =${a.formula} 用了 TODAY、NOW、RAND 等函数，每次在 Excel 中打开都会重新计算，文件中保存的结果不一定是 Excel 现在显示的：请改填数值（复制后“选择性粘贴 › 数值”）或写明日期后再试`
      : `公式${a.formula ? ` =${a.formula} ` : ''}${a.reason === 'recalculate_on_load' ? '的结果需要重新计算（工作簿要求打开时重算，保存的结果不可靠）' : '没有计算结果'}：请在 Excel 中打开并保存后再试，或改填数值`,
  cell_error: (a) => `单元格显示错误值 ${a.value}：请在 Excel 中改正后再试`,
  cell_not_utf8: (a) => `单元格的文字不是有效的 UTF-8 编码，读出来是“${a.value}”（� 处为无法识别的字节；文件可能被其他软件改写过）：请在 Excel 中打开、核对并另存后再试`,
  cell_shown_differs: (a) =>
    a.reason === 'rounded'
      ? `单元格显示为 ${a.shown}，实际数值是 ${a.stored}：请把数值改成显示的样子，或把单元格格式改为“常规”后核对；如是公式算出的，请用 ROUND 取到显示的位数，如 =ROUND(286/3,2)`
      : a.reason === 'not_time_of_day'
        ? `单元格${a.shown ? `显示为 ${a.shown}` : ''}（数字格式 ${a.format}），显示的不是几点几分，实际数值是 ${a.stored}：如是时间，请把单元格格式改为 h:mm 或 h:mm:ss，核对显示的时间后再试`
        : `单元格的数字格式为 ${a.format}，kaohe 无法确定 Excel 显示的是否就是实际数值 ${a.stored}：请把单元格格式改为“常规”，核对数值后再试`,
  cell_unreadable: (a) => `单元格的值“${a.value}”无法读取：请在 Excel 中打开并保存后再试`,
  cell_out_of_bounds: (a) => `单元格位置 ${a.ref} 超出 Excel 的范围（最多 XFD 列、1048576 行），文件可能已损坏：请在 Excel 中打开并另存后再试`,
  sheet_hidden_used: (a) =>
    a.export === undefined
      ? '这是隐藏的工作表，且没有同名的可见工作表，已使用它：请确认这是本期的数据'
      : `这是隐藏的工作表，其中的${a.export === 'punches' ? '打卡' : '数据'}已读入：请确认这是本期的数据；如是留作备份或作废的，请删去这张表后再试`,
  sheet_copy_ignored: (a) => `看来是“${a.role}”表的副本，未读取（${a.read ? `已读取“${a.read}”` : `没有“${a.role}”表`}）：如其中有本期的数据，请并入“${a.role}”表；不用的副本可删去`,
  sheet_copy_has_rows: (a) =>
    `看来是“${a.role}”表的副本，其中有 ${a.rows} 行数据，但只有名为“${a.role}”的表会被读取${a.read ? `（已读取“${a.read}”）` : ''}：${a.read ? `请把这些行并入“${a.read}”后删去副本；如是旧数据，请删去或改名` : `如这就是本期的数据，请把它改名为“${a.role}”；否则请删去或改名`}`,
  sheet_unread_has_rows: (a) => `表名看来是“${a.role}”表，表头有“${a.role}”表的列，其中有数据，但未被读取（只读取名为“${a.role}”的表）：${a.read ? `如这些行应计入，请并入“${a.read}”表后删去此表，或改名` : `如这就是本期的数据，请改名为“${a.role}”`}；如此表不应计入，请删去或改名`,
  flag_workbook_sheets_unread: (a) =>
    `用 --${a.flag} 给出的工作簿只读取其中的“${a.read}”表，它的${a.sheets}表没有读取：如这些表也要用，请把该工作簿作为输入文件给出（如 kaohe score 该工作簿 …），或把这些表用各自的选项给出`,
  sheet_unread_like_role: (a, at) => `表“${escapeControls(at.sheet ?? '')}”有“${a.role}”表的列（${a.columns}），未读取：如其中的行应计入，请并入“${a.role}”表`,
  sheet_unread_role_empty: (a) =>
    `此表有“${a.role}”表的列（${a.columns}）和数据，但未读取（只读取名为“${a.role}”的表），而“${a.read}”表没有数据行，本期会按没有${a.role}计：如这些就是本期的数据，请把这些行移入“${a.read}”表，或删去空的“${a.read}”表后把此表改名为“${a.role}”；如此表不应计入，请删去或改名`,
  folder_no_tables: (a) =>
    `文件夹中没有各表的 CSV 文件：给出文件夹时，kaohe 读其中按表名命名的 CSV（${a.expected} 等）${a.csv ? `，其中的 ${a.csv} 不是按表名命名的` : ''}${a.workbooks ? `。文件夹中有工作簿 ${a.workbooks}：工作簿请直接给出文件，如 ${a.example}` : ''}`,
  sheet_not_table: (a) =>
    `这是${{ chart: '图表工作表（其中没有单元格）', macro: '宏工作表（Excel 4 宏表）', dialog: '对话框工作表' }[String(a.kind)] ?? '特殊工作表'}，不是普通工作表，kaohe 不从中读“${a.role}”表的行：请把“${a.role}”的数据复制到一张普通工作表中，再把这张表改名或删去`,
  sheet_role_twice: (a) => `工作表 ${a.sheets} 都是“${a.role}”表，无法确定用哪一张（不会合并）：请把数据并到一张表中，删去或改名另一张`,
  workbook_other_scheme: (a) =>
    `这个工作簿是用方案 ${a.made} 的模板做的（见“说明”表第一行），本次却按方案 ${a.chosen} 计分：两个方案的项目代码不同，同一代码是不同的项目（如 1.2），记录会被算成别的项目。请用 --scheme ${a.made} 计分；如本期确应按 ${a.chosen} 考核，请把人员和记录填到 kaohe template --scheme ${a.chosen} 生成的模板中；如已逐条核对，记录的项目代码确属方案 ${a.chosen}（如自定义方案沿用了 ${a.made} 的代码），可删去“说明”表后重新计算`,
  rows_hidden_read: (a) => `第${a.rows}行${Number(a.count) > String(a.rows).split('、').length ? `等${a.count}行` : ''}是隐藏（筛选）的行，已照常读取并计入（与 Excel 求和相同）：如这些行不应计入，请删除`,
  columns_hidden_read: (a) => `${a.columns}是隐藏的列，已照常读取并计入：如这一列不应计入，请删除其中的数据（或取消隐藏后核对）`,
  date_format_without_day: (a) =>
    `单元格的数字格式 ${a.format} 不显示是几号（只显示年月、年或星期），看不出是哪一天，不能当作日期：单元格里存的是 ${a.date}，请把单元格格式改为显示日的日期格式（如 yyyy-mm-dd），核对显示的日期后再试`,
  value_required: () => '必填，不能为空',
  date_invalid: (a) => `日期“${a.value}”无法识别，请写成 2026-10-05、2026/10/5 或 2026年10月5日`,
  month_invalid: (a) => `月份“${a.value}”无法识别，请写成 1 至 12 的数字、3月 或 2026-03`,
  number_invalid: (a) => `“${a.value}”不是数字（最多两位小数）`,
  number_negative: (a) => `“${a.value}”超出范围：应不小于0`,
  number_decimals: (a) => `“${a.value}”超过两位小数：请四舍五入到两位小数后填写，如 ${a.rounded}（公式可套 ROUND(…,2)）`,
  count_invalid: (a) => `次数应为不小于1的整数，填写的是“${a.value}”`,
  records_all_outside_period: (a) => {
    const rows = Number(a.count) > Number(a.shown) ? `以下列出 ${a.count} 行中的前 ${a.shown} 行` : '各行列在下面';
    return `记录的日期都不在考核期 ${a.period}（${a.first} 至 ${a.last}）内：都在 ${monthsText(a.months)}；是否选错了${a.differs === 'year' ? '年份' : '月份'}？请改正文件名或用 --period 指定考核期；如确是日期填错了，请逐行改正（${rows}）`;
  },
  date_outside_period: (a) => `日期 ${a.value} 不在考核期 ${a.first} 至 ${a.last} 之内`,
  person_unknown: (a) =>
    `人员“${a.value}”不在人员表中${
      a.id === undefined
        ? ''
        : a.shorter === 'roster'
          ? `：与人员表的工号“${a.id}”只差前导零，人员表的工号可能按数字输入丢了前导零，请把人员表的工号列设为文本并补上前导零`
          : `：与人员表的工号“${a.id}”只差前导零，此处的工号可能按数字输入丢了前导零，请把这一列设为文本并补上前导零，或改填姓名`
    }`,
  person_ambiguous: (a) => `人员表中有多个“${a.value}”（工号 ${a.ids}），请改填工号`,
  person_inactive: (a) => `人员“${a.value}”本考核期不在岗（见人员表到岗/离岗日期）`,
  person_id_duplicate: (a) => `工号 ${a.id} 重复（第${a.firstRow}行已有）`,
  person_dates_reversed: (a) => `离岗日期早于到岗日期：如已重新到岗，请清空或改正离岗日期（到岗日期 ${a.start}，离岗日期 ${a.end}；按此，此人哪一天都不在岗，会从各项结果中消失）`,
  person_clock_duplicate: (a) =>
    `考勤号码 ${a.value} 与第${a.rows}行（${a.names}）的考勤号码${a.values === a.value ? '相同' : ` ${a.values} 是同一号码（前导零不计）`}：同一考勤号码的打卡只能算给一人，kaohe 不按到岗/离岗日期拆分。若是一人离岗后号码改给了另一人：请先清空离岗人员的考勤号码，再用 kaohe import 把打卡转成“考勤”表（打卡都会记在新人名下），在其中把离岗日期及以前的打卡的工号改为离岗人员的工号，再对该工作簿计分；否则请改正考勤号码`,
  person_name_differs: (a) => `工号 ${a.id} 在人员表中是“${a.expected}”，此处填写的是“${a.value}”，按工号计入${a.count === undefined ? '' : `（共 ${a.count} 行，首次出现在此行）`}`,
  person_name_mismatch: (a) =>
    `工号 ${a.id} 在人员表中是“${a.expected}”，此处填写的是“${a.value}”${a.others === undefined ? '' : `，那是人员表中工号 ${a.others} 的人`}${a.count === undefined ? '' : `（共 ${a.count} 行，首次出现在此行）`}：请核对是工号还是姓名填错了`,
  person_unit_mismatch: (a) => `“${a.person}”在人员表中属“${a.expected}”，此处填写的窗口是“${a.value}”`,
  person_category_unknown: (a) => `类别“${a.value}”无法识别，可填：${a.expected}`,
  matter_across_items: (a) =>
    `事项编号“${a.matter}”在第${a.otherRow}行已用于“${a.other}”，这里又用于另一大项的“${a.rule}”：就高不重复只在同一加分大项内适用，两条都已计分；如是同一件事只应计一次，请删去其一，否则请改用不同的事项编号`,
  record_outside_person_dates: (a) => `日期 ${a.value} 时“${a.person}”不在岗（人员表${personDates(a)}）`,
  unit_unknown: (a) => `窗口/科室“${a.value}”不在人员表中${a.suggestion ? `，是否为“${a.suggestion}”？` : ''}`,
  unit_record_in_person_scheme: (a) => `本方案按个人考核，记录须填写工号或姓名，不能只填窗口“${a.value}”`,
  subject_missing: () => '工号、姓名、窗口至少填写一项',
  item_code_name_differs: (a) => `项目“${a.value}”：本方案的 ${a.code} 是“${a.schemeName}”，不是“${a.name}”，这条记录可能是按别的方案的代码填的。请查明应记本方案的哪一项，改正项目（可从模板“项目”列的下拉列表中选）`,
  item_unknown: (a) => `项目“${a.value}”不是本方案的代码或细则名称${a.suggestion ? `，是否为“${a.suggestion}”？` : ''}`,
  item_not_recordable: (a) =>
    a.suggestion ? `“${a.value}”是大项，请填写具体细则代码（如 ${a.suggestion}）` : `“${a.value}”的分数来自互评表，不能在记录表中填写`,
  points_required: (a) => (a.min !== undefined ? `项目 ${a.rule} 视情扣/加${a.min}-${a.max}分，须填写分值` : `项目 ${a.rule} 须填写分值`),
  points_out_of_range: (a) => `项目 ${a.rule} 视情${a.min}-${a.max}分，填写的是 ${a.value}`,
  points_mismatch: (a) => `项目 ${a.rule} 每次${a.expected}分，填写的是 ${a.value}（可留空）`,
  points_must_be_positive: (a) => `项目 ${a.rule} 的分值须大于0`,
  points_sign_contradicts: (a) => `项目 ${a.rule} 是${a.kind}项目，分值填写的是 ${a.value}：符号与项目相反，请填写不带符号的分值`,
  item_from_metrics: (a) => `“${a.value}”按${a.metric}计分，请在“指标”表填写${a.metric}，不要在记录表中填写`,
  mark_item_unknown: (a) => `“${a.value}”不是本方案的评分项目，可填：${a.expected}`,
  mark_out_of_range: (a) => `${a.item} 满分${a.max}分，填写的是 ${a.value}`,
  mark_duplicate: (a) => `“${a.item}”重复评分（第${a.firstRow}行已有）`,
  mark_missing: (a) => `“${a.subject}”缺少“${a.item}”评分`,
  metric_unknown: (a) => `“${a.value}”不是本方案的指标，可填：${a.expected}`,
  metric_duplicate: (a) => `“${a.item}”重复填写（第${a.firstRow}行已有）`,
  metric_missing: (a) => `“${a.subject}”缺少指标“${a.item}”`,
  percent_invalid: (a) => `“${a.value}”不是0到100之间的百分数（可写 96、96% 或 0.96）`,
  percent_decimals: (a) => `“${a.value}”${a.value === a.percent || a.value === `${a.percent}%` ? '' : `即 ${a.percent}%，`}有${a.decimals}位小数：百分数最多两位小数（如 96.55 或 96.55%），请核对后改写`,
  monthly_duplicate: (a) => `${a.month} 的月度得分重复（第${a.firstRow}行已有）`,
  monthly_outside_person_dates: (a) => `${a.month} 整月“${a.person}”都不在岗（人员表${personDates(a)}），这个月的基本分不能计入月度考核：请删去这一行，或核对人员表的日期`,
  monthly_base_out_of_range: (a) => `基本分 ${a.value} 超出范围：基本分是该月不含附加分的得分，应在 0 至 ${a.max} 之间；如填的是含附加分的月度总分，请减去附加分后填写`,
  peer_score_out_of_range: (a) => `互评分数应在0到100之间，填写的是 ${a.value}`,
  peer_self_rating: (a) => `“${a.value}”给自己打分，已忽略`,
  peer_unknown_subject: (a) => `“${a.value}”不是本期考核对象${a.suggestion ? `，是否为“${a.suggestion}”？` : ''}`,
  peer_missing: (a) => `“${a.subject}”没有任何互评分数${a.allowed ? '：已按 --allow-missing-peer 该项记0分并标注' : '（如确实缺评，可加 --allow-missing-peer，该项记0分并标注）'}`,
  peer_duplicate: (a) => `“${a.rater}”对“${a.ratee}”重复打分（第${a.firstRow}行已有）`,
  setting_unknown: (a) => `未知的设置项“${a.value}”，已忽略${a.nearest ? `：是否为“${a.nearest}”？请把设置项改为这个名称` : ''}`,
  setting_duplicate: (a) =>
    a.same ? `设置项“${a.key}”重复（第${a.firstRow}行已有，值相同“${a.value}”），已按一项使用` : `设置项“${a.key}”重复：第${a.firstRow}行是“${a.first}”，此处是“${a.value}”，无法确定用哪一个，请只保留一行`,
  setting_invalid: (a) =>
    a.expected === 'date_from'
      ? `设置“${a.key}”的值“${a.value}”早于${a.other} ${a.first}：截止日期不能早于起始日期，请改正其中一个`
      : // A value at odds with another setting was read: it is wrong, not unreadable.
        `设置“${a.key}”的值“${a.value}”${a.expected === 'other_month_day' ? '不对' : '无法识别'}，应写成 ${settingExpected(a)}${a.flag ? `（本次按 ${a.flag} 计算，未用这一格）` : ''}`,
  setting_covered_outside_period: (a) =>
    `设置“${a.key}”为 ${a.value}，${a.side === 'before' ? '早于' : '晚于'}考核期 ${a.first} 至 ${a.last}：考勤数据与本期没有一天重合，按此设置本期没有一天可以判断考勤。如果这是上期工作簿留下的设置，请改为本期的日期，或删去这一行`,
  setting_phone_number: (a) =>
    `设置“公示联系电话”是数字 ${a.value}：Excel 把号码当成数字，去掉了区号前的 0，公示上会印成 ${a.value}。请把这个单元格设为文本后重新填写，如 0513-80868672`,
  setting_hours_differ: (a) =>
    `设置“${a.key}”是 ${a.value}，而第${a.otherRow}行“${a.other}”（全年）是 ${a.otherValue}：两者不同，无法确定${String(a.key).slice(0, 2)}用哪一个。请只保留一项：全年相同只填${a.other}，分季节则删去${a.other}，填夏季作息时间和冬季作息时间`,
  setting_minutes_time: (a) => `设置“${a.key}”填的是时间“${a.value}”，不是分钟数：请把分钟数直接写成数字，如宽限5分钟写 5`,
  calendar_year_unknown: (a) =>
    `日期 ${a.value} 所在年份的节假日安排尚未收录（已收录 ${a.covered} 年），不能按周一至周五猜测；请用 --calendar 提供该年国务院节假日安排`,
  time_plain_number: (a) =>
    `这一格显示的是数字“${a.value}”，不是时间（单元格格式为常规或数字）：kaohe 不把数字猜成几点几分。请写成 7:55 这样的时间，或把单元格格式改为时间 h:mm，核对显示的时间后再试`,
  time_invalid: (a) => `时间“${a.cell === undefined ? a.value : `${a.cell}”中的“${a.value}`}”无法识别，请写成 8:01、08:01:30、次日00:30（零点后下班，算前一天）或 Excel 时间`,
  punch_role_invalid: (a) => `打卡类型“${a.value}”无法识别：应为 上班 或 下班（空着时，一个时段有两次以上打卡按最早算上班、最晚算下班，只有一次按离上、下班时间哪个近）`,
  punch_role_several_times: (a) => `这一行的打卡时间有 ${a.count} 次，而打卡类型“${a.value}”只能说明一次打卡是上班还是下班：请把各次打卡分行填写（每行一个时间和它的打卡类型），或清空打卡类型`,
  punch_date_off_row: (a) => `打卡时间“${a.value}”中的日期 ${a.stated} 不是这一行的日期 ${a.date}：一格的打卡只能记在本行这一天，零点后下班请写成 次日00:30`,
  punch_date_time_differs: (a) =>
    `日期“${a.value}”带有时间 ${a.time}，${a.times ? `而这一行的打卡时间是“${a.times}”` : '而这一行没有填打卡时间'}：哪个是打卡时间无法确定。日期一栏请只写日期，打卡时间写在时间一栏`,
  punch_small_hours: (a) => {
    const day = `${Number(String(a.date).slice(5, 7))}月${Number(String(a.date).slice(8))}日`;
    return a.counted
      ? `凌晨${a.time}的打卡计入${day}下班（零点后、5点前的打卡算前一天的加班下班，不算当天上班）`
      : `凌晨${a.time}的打卡未计：它属于前一天（${day}）的夜里，而${day}不是工作日；零点后、5点前的打卡不算当天上班`;
  },
  punches_outside_period: (a) => `有 ${a.count} 条打卡不在考核期内（${a.first} 至 ${a.last}），已忽略`,
  punches_all_outside_period: (a) =>
    `这张表的 ${a.count} 条打卡没有一条在考核期内（${a.first} 至 ${a.last}），都在 ${monthsText(a.months)}：像是另一个月或另一年的考勤。照此计分，每个工作日都会算旷工，所以停止。请换上本期的打卡；如考核期不对，请改正文件名或用 --period 指定`,
  punches_outside_person_dates: (a) => {
    const before = Number(a.before) > 0 ? `${a.before} 条打卡在到岗日期 ${a.start} 前` : '';
    const after = Number(a.after) > 0 ? `${a.after} 条${before ? '' : '打卡'}在离岗日期 ${a.end} 后` : '';
    return `“${a.person}”有 ${[before, after].filter(Boolean).join('、')}，未计（最早一条在此行）：如果人员表的日期填错了，请改正后重新计分`;
  },
  punch_id_other_name: (a) => `考勤表的工号“${a.value}”不在人员表中，但同一行的姓名“${a.name}”在人员表中（工号 ${a.id}，共 ${a.count} 行，首次出现在此行）：请核对工号`,
  punch_id_leading_zeros: (a) =>
    a.shorter === 'roster'
      ? `考勤表的工号“${a.value}”与人员表的“${a.id}”只差前导零（共 ${a.count} 行，首次出现在此行）：人员表的工号可能按数字输入丢了前导零，请把人员表的工号列设为文本并补上前导零`
      : `考勤表的工号“${a.value}”与人员表的“${a.id}”只差前导零（共 ${a.count} 行，首次出现在此行）：请把考勤表的工号列设为文本并补上前导零，或改填姓名`,
  punch_person_unknown: (a) => `打卡人员“${a.value}”不在人员表中（共 ${a.count} 行，首次出现在此行），这些打卡已忽略`,
  leave_type_unknown: (a) => `请假类型“${a.value}”无法识别，可填：${a.expected}`,
  leave_part_unknown: (a) => `时段“${a.value}”无法识别，可填：全天、上午、下午`,
  leave_dates_reversed: (a) => `结束日期 ${a.last} 早于开始日期 ${a.first}`,
  attendance_not_given: (a) =>
    `本方案的迟到、早退、旷工按考勤打卡推算，但${a.periods ? `这一期和其后共 ${a.periods} 期都` : ''}没有给出打卡（工作簿无“考勤”表，也没有 --punches），记录表中也没有这几项：${a.periods ? '这些期' : '本期'}这几项都按 0 计。如有打卡，请放入“考勤”表或用 --punches 给出；如确由人工登记，请在记录表中填写`,
  leave_rule_not_typed: (a) =>
    `“${a.person}”本期请假表中${a.types}共${a.days}${a.unit}${leaveRuleEarlier(a, a.earlierRead, a.days, '请假表')}，超过${a.threshold}${a.unit}，按“${a.rule}”应扣分；记录表${Number(a.typed) > 0 ? `本期只填写了${a.typed}${a.unit}，未超过` : '本期没有填写这一项'}：请核对，应扣分时在记录表填写“${a.code}”，次数填${a.types}天数（此处只是提示，未据请假表扣分）`,
  leave_rule_typed_over: (a) =>
    `记录表本期填写“${a.person}”的“${a.rule}”共${a.typed}${a.unit}${leaveRuleEarlier(a, a.earlier, a.typed, '记录表')}，超过${a.threshold}${a.unit}而扣分；但本期请假表中此人${a.types}只有${a.days}${a.unit}${leaveRuleEarlier(a, a.earlierRead, a.days, '请假表')}，未超过：请核对记录表的次数或请假表（仍按记录表扣分）`,
  absence_on_rest_day: (a) =>
    `该日（${shortChineseDate(String(a.date) as IsoDate)}）是${a.holiday ? `节假日（${a.holiday}）` : '休息日'}，不是工作日，却填写了“${a.rule}”：仍按记录计分；如有误请改正（如确是此人应到岗的日子，如补班、值班，可不改）`,
  attendance_typed_same_day: (a) =>
    `记录表中填写了${shortChineseDate(String(a.date) as IsoDate)}的“${a.rule}”，而考勤打卡也推算出此人这一天有此项：按同一回事只计一次，两者取多的，不相加——${String(a.rows).includes('、') ? `记录表这一天共填写${a.typed}${a.unit}（第${a.rows}行）` : `记录表填写${a.typed}${a.unit}`}，打卡推算${a.derived}${a.unit}，计${a.counted}${a.unit}（扣分明细中注明），请核对`,
  attendance_also_typed: (a) => `记录表中填写了“${a.rule}”，而该项目已从考勤打卡推算，可能重复计分，请核对`,
  full_attendance_also_typed: (a) => `记录表中填写了“${a.rule}”，而考勤打卡已推算此人本月全勤（${a.days}个工作日均按时打卡）并加分；全勤每月只算一次，这一行会重复加分，请删去此行`,
  full_attendance_typed_not_derived: (a) => `记录表中填写了“${a.rule}”，但按考勤打卡和本期扣分记录，此人本月不算全勤；这一行仍按填写加分，请核对`,
  full_attendance_typed_with_deduction: (a) =>
    `记录表中填写了“${a.rule}”，但此人本月有扣分记录（${a.row ? `第${a.row}行 ` : ''}${a.deduction}），不算“无任何违纪”；这一行仍按填写加分，请核对`,
  leave_length_invalid: (a) => `时长“${a.value}”无法识别，应写成 3小时、2.5h 或 0.5天`,
  leave_length_differs: (a) =>
    `时长写的是 ${a.length}天，而 ${a.first} ${a.start} 至 ${a.last} ${a.end} 这段时间按工作日的上、下午算是 ${a.days}天：已按这段时间计 ${a.days}天。如不对，请核对这一行的开始、结束时间或时长`,
  leave_time_date_mismatch: (a) => `时间“${a.value}”所写的日期与${a.column} ${a.date} 不一致`,
  leave_date_time_differs: (a) => `“${a.value}”中的时间 ${a.time} 与${a.column} ${a.other} 不一致：请假从几点起止只能有一个，请改正其中一格，或清空一处`,
  rows_outside_period: (a) =>
    `这张表有 ${a.count} 行的日期全在考核期 ${a.first} 至 ${a.last} 之外，本期不计（第一行在此）：如果年份或月份填错了，请改正后重新计分，否则那几天按打卡计（没有打卡即旷工）；如果本来就是别的月份的记录，可不理会`,
  leave_outside_person_dates: (a) => `${dateSpan(a)} 时“${a.person}”不在岗（人员表${personDates(a)}），这一行请假不计`,
  leave_past_period: (a) =>
    `这一行${a.type}到 ${a.last} 结束，超出本考核期（至 ${a.periodLast}）：本期只计到 ${a.periodLast}；之后的日子请在下一期考核表的“请假”表也填上这段请假，否则那几天按旷工计`,
  leave_overlap: (a, at) =>
    `${a.date} ${halfWord(a.half)} 已有${firstPlaceText(a, at)}第${a.firstRow}行的${a.firstType}，这一行又记为${a.type}：请假按半天计，同一人同一半天只能有一种假别（事假、病假等扣分不同），请删去或改正不对的一行`,
  leave_repeated: (a, at) => `${a.date} ${halfWord(a.half)} 的${a.type}与${firstPlaceText(a, at)}第${a.firstRow}行在同一半天（请假按半天计），这半天只计一次`,
  leave_correction_overlap: (a, at) =>
    a.earlier === 'correction'
      ? `${a.date} ${halfWord(a.half)} 按这一行的${a.type}计，${firstPlaceText(a, at)}第${a.firstRow}行的补签在这半天不计`
      : `${a.date} ${halfWord(a.half)} 已按${firstPlaceText(a, at)}第${a.firstRow}行计${a.type}，这一行的补签在这半天不计`,
  leave_type_not_given: (a) =>
    `以下人员的请假只写了“请假”，没有写明假别：${a.people}。这些日子按请假计，不计旷工；但方案中按假别累计的规定（病事假累计天数等）只计写明假别的请假，这些日子不计入。如需计入，请在“请假”表（或用 --leave 给出的请假表）中按日期填写假别`,
  shift_invalid: (a) => `班次“${a.value}”无法识别，可写：${SHIFT_EXAMPLES.any}`,
  shift_row_for_everyone: (a) =>
    `这一行没有填工号和姓名，按全体人员的班次计${Number(a.count) > 1 ? `（本表这样的行共 ${a.count} 行）` : ''}；“${a.columns}”列 kaohe 不读，不能用来限定人员。只给部分人员排的班次，请每人一行填写工号或姓名`,
  shift_conflict: (a) => `${a.date} 的班次与第${a.row}行不同（同一人同一天只能有一个班次）`,
  attendance_no_data: (a) =>
    `考勤数据只覆盖 ${a.first} 至 ${a.last}；本期其余 ${a.count} 个工作日（${daysOutside(String(a.days).split(',') as IsoDate[], { first: a.first as IsoDate, last: a.last as IsoDate })}）无数据，不计出勤也不计旷工${Number(a.punches) > 0 ? `，其中的 ${a.punches} 条打卡未用` : ''}`,
  attendance_never_punched: (a) =>
    `${a.names}${Number(a.count) > Number(a.shown) ? ` 等 ${a.count} 人` : ''} 在整个考核期没有一次打卡，已按缺勤计：如果是导出漏了${Number(a.count) > 1 ? '这些人' : '此人'}（不在考勤组、考勤号码不对），请补全打卡或在人员表“考勤号码”列填对；如果确实整期缺勤，请核实`,
  punch_shape_unknown: () => '考勤表格式无法识别：应有 工号/姓名、日期，以及 时间（每行一次打卡）、打卡时间（一格多次）或 上午上班/上午下班/下午上班/下午下班 列',
  cover_self: (a) => `替岗人与被替岗人是同一人（${a.value}）`,
  year_file_period: (a) => `文件名中看不出考核期，请按考核期命名，如 ${a.expected}.xlsx`,
  year_own_output_skipped: () => `这是 kaohe 写出的结果工作簿，不是考核期工作簿，已跳过；如不需要可移出该文件夹`,
  year_file_period_kind: (a) =>
    `方案按${periodKindWord[a.wanted as string]}计分，要${a.wanted === 'half' ? '上、下半年' : '各月'}的工作簿（如 ${a.expected}.xlsx），而此文件是${periodSpanWord[a.found as string] ?? ''}的（${a.period}）：请换用与工作簿相符的方案，或给出${a.wanted === 'half' ? '半年' : '各月'}的工作簿`,
  year_period_duplicate: (a) => `考核期 ${a.period} 已有文件 ${a.other}，此文件是同一考核期的第二个文件：每个考核期只能有一个文件，请移走其中一个`,
  year_id_reused: (a) =>
    `工号 ${a.id} 在不同考核期是不同的人：${a.first}（${a.firstUnit}，${periodsText(a.firstPeriods)}）和 ${a.second}（${a.secondUnit}，${periodsText(a.secondPeriods)}）。全年规则（合计、最低分、待岗、不满一年）要按人计算，不能把两人合为一行：如是两个人，请给其中一人另编工号；如是同一人改了名，请在各期人员表中写同一个姓名（如现用名）`,
  year_leave_scored_absent: (a) =>
    `这一行${a.type}有 ${a.days} 个工作日（${dateSpan(a)}）在 ${a.file} 的考核期内，而 ${a.file} 按旷工计（打卡缺勤或记录填了旷工，那一期的“请假”表没有这段请假）：同一天不能既算${a.type}又算旷工。请在 ${a.file} 的“请假”表也填上这段请假（否则那一期的得分也有误），再重新计算全年`,
  year_leave_not_held: (a) =>
    `这一行${a.type}有 ${a.days} 天（${dayRunsText(String(a.dates).split(',') as IsoDate[])}）在本次汇总的${Number(a.monthly) ? '其他月份' : '其他考核期'}内，而${Number(a.monthly) ? '该月' : '那一期'}的“请假”表没有这段请假：每期只计本期内的请假，全年是各期所计之和。如确实请假，请在${Number(a.monthly) ? '该月' : '那一期的'}请假表中补填，否则不计入全年请假`,
  year_absence_run_unchecked: (a) =>
    `这一行旷工 ${a.days} 天只填了一个日期（${a.date}），不知是哪几天，是否连续旷职超过${a.over}天无法核对（工号 ${a.person} 全年旷工 ${a.absent} 天）：如是连续的几天，请按天分行填写，每行一个日期，再重新计算全年`,
  year_leave_type_differs: (a, at) =>
    `${dateSpan(a)} 共 ${a.days} 天已有${firstPlaceText(a, at)}第${a.firstRow}行的${a.firstType}，这一行又记为${a.type}：请假按半天计，同一人同一半天只能有一种假别（事假、病假等扣分不同），全年的请假天数无法确定按哪一种计。请删去或改正不对的一行（改动的那一期也要重新计分），再重新计算全年`,
  year_annual_person_without_months: (a) =>
    `${a.name}（工号 ${a.id}）在年度人员表中，但不在任何一个月的人员表中（共 ${a.months} 个月的工作簿）：没有月度基本分，月度考核情况会按0分计。请把此人补进在岗各月的人员表，或从年度人员表中删去；如工号写法不同（如 002 与 2），请改为一致`,
  year_annual_person_months_not_given: (a) =>
    a.inPost
      ? `${a.name}（工号 ${a.id}）在年度人员表中，按到岗、离岗日期在岗 ${periodsText(a.inPost)}，这些月份不在本次计算中（本次给出 ${a.months} 个月的工作簿，缺 ${periodsText(a.missing)}）：没有月度基本分，月度考核情况会按0分计。请给齐这些月份的工作簿后再算年度考核；或本次先从年度人员表中删去此人，待月份齐全后再算`
      : `${a.name}（工号 ${a.id}）在年度人员表中，但不在本次任何一个月的人员表中（本次给出 ${a.months} 个月的工作簿，缺 ${periodsText(a.missing)}）：没有月度基本分，月度考核情况会按0分计。如此人只在缺的月份在岗，请给齐这些月份的工作簿后再算（或本次先从年度人员表中删去），并在年度人员表中填上到岗日期；否则请把此人补进在岗各月的人员表；如工号写法不同（如 002 与 2），请改为一致`,
  year_annual_name_differs: (a) =>
    `年度人员表中工号 ${a.id} 是 ${a.name}，而 ${periodsText(a.periods)} 的人员表中工号 ${a.id} 是 ${a.monthName}：月度考核情况会按工号取 ${a.monthName} 的月度得分。请改正其中一处的工号或姓名`,
  year_annual_date_differs: (a) =>
    `${a.name}（工号 ${a.id}）的${a.column}在年度人员表中是 ${a.annual}，在 ${periodsText(a.periods)} 的人员表中是 ${a.month}：本次按年度人员表的 ${a.annual} 计算缺少的月份是否在岗（不满一年据此标注）。如年度人员表有误，请改正后重新计算`,
  year_month_person_not_annual: (a) =>
    `${a.name}（工号 ${a.id}）在 ${periodsText(a.periods)} 的人员表中，但不在年度工作簿 ${a.annual} 的“人员”表中：年度考核要用年度人员表和评分，此人没有年度结果。请把此人补进年度人员表并填写评分，或从月度人员表中删去；如工号写法不同（如 002 与 2），请改为一致`,
  year_person_renumbered: (a) =>
    `“${a.name}”在 ${periodsText(a.firstPeriods)} 的工号是 ${a.first}，在 ${periodsText(a.secondPeriods)} 是 ${a.second}，两段月份不重叠：年度结果按工号分为两行（各自不满一年，各自排名）。如是同一人，请在各月人员表中统一工号${a.zeros ? `：${a.first} 与 ${a.second} 只差前导零，工号以数字录入时 Excel 会去掉前导零，请把工号列设为文本后重新填写` : ''}；如确是两人，可不理会`,
  year_unit_renamed: (a) =>
    `窗口“${a.first}”只出现在 ${periodsText(a.firstPeriods)}，“${a.second}”只出现在 ${periodsText(a.secondPeriods)}，人员相同（${a.staff}）：看来是窗口改了名，年度结果把它分成两行，各自排名、各占奖项名额。如是同一窗口，请在各月人员表中统一窗口名称；如确是两个窗口，可不理会`,
  // inputs that are not files, CSV quoting, values out of range (issue 12)
  file_not_regular: (a) =>
    a.kind === 'file_as_folder'
      ? '路径末尾多了“/”，当作文件夹写了，但这是一个文件：请去掉末尾的“/”'
      : `这是${notAFileKind[a.kind as string] ?? '特殊文件'}，不是普通文件，已拒绝读取：请给出${a.kind === 'folder' ? '文件本身，而不是文件夹' : '保存在磁盘上的文件'}`,
  csv_cell_undecodable: (a) =>
    `这一格的文字${String(a.encoding).startsWith('utf-16') ? '不是有效的 UTF-16 编码（文件开头标明是 UTF-16）' : '既不是 UTF-8 也不是 GBK 编码'}，读出来是“${a.value}”（� 处为无法识别的字节）：请在 Excel 中打开、核对，另存为“CSV UTF-8”后再试`,
  csv_cell_nul: (a) => `这一格中有空字节（不可见的字符 \\x00，文本文件中本不应有：文件可能已损坏，或是从其他软件复制来的），读出来是“${a.value}”：请重新输入这一格，另存为“CSV UTF-8”后再试`,
  text_utf16_unmarked: () => '文件中有空字节，看来是没有字节顺序标记（BOM）的 UTF-16 文本，无法确定字节顺序，未读取：请在 Excel 中打开，另存为“CSV UTF-8（逗号分隔）”后再试',
  csv_cell_too_long: (a) => `这一格有 ${a.length} 个字符，超过一格最多 ${a.limit} 个字符，不像是填写的内容（常见原因是文件损坏或拼接出错），未读取：请在 Excel 中打开、核对这一格后再试`,
  csv_line_too_long: (a) => `从此行起的一条记录超过 ${a.limit} 个字符仍未结束，不像是填写的表格（常见原因是文件损坏、拼接出错或不是 CSV），已停止读取：请在 Excel 中打开、核对后另存为 CSV 再试`,
  csv_quote_unclosed: () => '此行有一个英文引号（"）一直没有闭合，其后各行都会被读成同一个单元格：请删除多余的引号，或在单元格末尾补上引号',
  csv_quote_spans_rows: (a) =>
    `此行的英文引号（"）到第${a.last}行才闭合，中间各行被读成了同一个单元格：如果引号是多余的，请删除；如果单元格内确需换行，换行后的文字中不要用${delimiterName[a.delimiter as string] ?? '分隔符'}`,
  count_out_of_range: (a) => `次数不能超过${a.max}（${countBasis(a)}），填写的是“${a.value}”`,
  date_implausible: (a) => `日期 ${a.value}${a.cell && a.cell !== a.value ? `（单元格内容“${a.cell}”）` : ''} 不合常理，应在 ${a.first} 至 ${a.last} 之间，请核对`,
  points_over_item: (a) => `项目 ${a.rule} 一条记录最多${a.max}分（${pointsScope[a.scope as string] ?? '本项满分'}），填写的是 ${a.value}`,
  year_point_value_differs: (a) =>
    `各期“设置”表的每分分值不同：${periodValues(a.values)}${a.missing ? `，${shortLabels(a.missing)}未填写` : ''}。全年总分只有一个，不知按哪个分值折算，全年考核奖未计算：请按班子会确定的全年每分分值用 --point-value 指定`,
  year_point_value_partly: (a) => `每分分值 ${a.value}元 取自${periodValues(a.values)}的“设置”表，${shortLabels(a.missing)}未填写；全年考核奖按 ${a.value}元 计算，如不对请用 --point-value 指定`,
  settings_range_beyond_export: (a) => `${a.key} 写的是 ${a.value}，而导出 ${a.export} 的标题只覆盖 ${a.first} 至 ${a.last}：导出里没有的日子会被算成旷工。请改正${a.key}，或给出覆盖这些日子的导出`,
  year_centre_name_differs: (a) => `各期“设置”表的单位名称不同：${periodNames(a.names)}；年度结果的标题和公示用最后一期的“${a.used}”，如不对请改正该期的“设置”表`,
  punch_row_without_punch: (a) =>
    `这一行写了“${a.value}”，却没有日期，也没有打卡时间，不知是哪一天的打卡：如是表尾（制表人、审核人）、分组标题等说明行，请删去这一行；如是打卡，请补上日期和时间（一格里有几个时间时，用 Excel 另存的 CSV 会给这一格加引号，手工编辑时请保留引号）`,
  notice_namesakes: (a) =>
    `公示上${a.unit ? `“${a.unit}”` : ''}有 ${a.count} 位“${a.value}”（工号 ${a.ids}），公示不列工号，看公示的人分不清哪一行是谁：如需区分，请在人员表中把他们的姓名写得能区分（如“${a.value}(大)”“${a.value}(小)”，记录中写工号的行不受影响），再重新生成公示`,
  notice_name_remarks: (a) => `公示上的姓名未印括号中的注记（可能涉及病休、请假等个人情况）：${a.names}；得分表、扣分明细仍按人员表原样。同一窗口（部门）去掉注记后会重名的，公示保留注记以便区分`,
  notice_date_before_period_end: (a) =>
    `公示日期 ${formatChineseDate(String(a.date))} 早于考核期${a.period}的最后一天（${formatChineseDate(String(a.last))}），那时还没有这一期的结果：如年份或月份写错了，请改正 --notice-date 后重新生成公示`,
  notice_date_long_after: (a) =>
    `公示日期 ${formatChineseDate(String(a.date))} 比考核期${a.period}的最后一天（${formatChineseDate(String(a.last))}）晚一年以上：如年份写错了，请改正 --notice-date 后重新生成公示`,
  notice_settings_missing: (a, at) => `公示上缺少单位名称、联系电话或发布单位：请在${a.csv ? ` ${at.file}（或用 --settings 给出的设置文件）` : '“设置”表'}填写 ${a.keys}（第一列填设置项，第二列填值），再重新生成公示`,
  // attendance exports
  export_unrecognised: (a) =>
    `无法识别“${a.file}”是哪种考勤导出格式。看到的工作表：${seenSheets(String(a.seen))}。已知的格式：${a.known}。可用 --format 指定格式，或按 templates/profiles 中的写法编写格式描述文件，用 --profile 给出`,
  export_too_large: (a) => `导出文件过大（${a.detail}），可能已损坏或不是一个考勤期的导出，已拒绝读取`,
  attlog_artefacts: (a) => attlogArtefacts(a),
  attlog_line_corrupt: (a) => `考勤机写坏的记录“${a.value}”（${corruptReason[a.reason as string] ?? '已损坏'}），不是一次完整的打卡，已剔除`,
  attlog_line_unreadable: (a) =>
    `这一行“${a.value}”读不出打卡：考勤机日志每行应为 考勤号码、日期、时间，以制表符或空格分隔，日期写作 2026-11-02 或 2026/11/2（四位年份），时间写作 07:55:00 或 7:55。这一行若是打卡，略过它会把那天算成缺勤，所以没有略过：请按上面的写法改正这一行（不是打卡的删去），再运行`,
  export_date_missing: () => '日期为空：这一行的打卡无法归到某一天',
  export_date_weekday_only: (a) =>
    `单元格的数字格式 ${a.format} 只显示星期几（${a.weekday}），看不出是哪一天，不能当作日期：单元格里的数值 ${a.stored} 是 ${a.date}，请把单元格格式改为日期（如 yyyy-mm-dd），核对显示的日期后再试`,
  export_date_invalid: (a) => `日期“${a.value}”无法识别（或与所写的星期不符）`,
  export_punch_off_day: (a) => `打卡时间“${a.value}”不在这一行的考勤日期 ${a.date}，也不是其次日凌晨（下班卡）：这次打卡归不到这一天，请核对导出`,
  export_scheduled_unread: (a) =>
    `考勤时间“${a.value}”不是能读出的时间${Number(a.count) > 1 ? `（这一列共 ${a.count} 格如此）` : ''}：常规或数字格式的数字不当作几点几分，文字要写成 08:30 这样的时间。这些打卡不按考勤时间分上班、下班，而按一般规则（一个时段内最早算上班、最晚算下班，只有一次按离上、下班时间哪个近）；如要按考勤时间归入，请把这一列设为时间格式或重新导出`,
  export_time_invalid: (a) => `打卡时间“${a.value}”无法识别：应为 08:01、08:01:30、多个时间（换行或空格分隔），可带“外勤”“次日”“(补卡)”`,
  export_weekday_mismatch: (a) => `“${a.value}”写的是星期${a.written}，但 ${a.date} 是星期${a.actual}：日期或星期有误（两位年份、月日颠倒？），请核对导出`,
  export_count_invalid: (a) => `“${a.value}”不是次数、天数或时长`,
  export_leave_invalid: (a) => `请假内容“${a.value}”无法识别：应写成 事假、事假4H、年假1天（11/5 上午 - 11/5 下午）或 事假10-09 09:00到10-09 18:00 8小时`,
  export_leave_dates_invalid: (a) => `请假内容“${a.value}”的写法可以识别，但“${a.piece}”的起止日期或时间不成立（不存在的日期或时刻，或结束早于开始）：请对照审批单改正起止日期和时间后再试；跨年的长假请写明年份（如 2026/11/16 上午 - 2027/6/14 下午）`,
  export_session_twice: (a) =>
    `这一行与第${a.first}行都是 ${a.name} ${a.date} 时段“${a.session}”的记录，但内容不同（第${a.first}行为“${a.before || '（空）'}”，这一行为“${a.after || '（空）'}”）：同一时段只能有一行，请删去不对的一行`,
  export_leave_reversed: (a) => `结束时间 ${a.last} 早于开始时间 ${a.first}`,
  export_correction_unplaced: (a) => `补卡“${a.value}”既没有时间也看不出是哪一次打卡，无法确定补签的时段`,
  export_days_unknown: (a) =>
    a.profile
      ? `日期列${a.first ? `（从“${a.first}”起）` : ''}看不出是哪几天：按“${a.profile}”的格式读，表中找不到各天的日号（1、2、3…）。请核对这是不是该格式的导出；如是按模板填写的考勤表，表头请与模板一致（工号、姓名、日期、打卡时间）`
      : `日期列${a.first ? `（从“${a.first}”起）` : ''}看不出是哪个月的哪几天：标题中没有统计日期，请用 --period 或 --from/--to 指明`,
  export_range_without_year: (a) =>
    `标题的统计日期“${a.range}”没有写年份，${a.first ? `日期列（从“${a.first}”起）` : '各天的日期'}定不了是哪一年的：请用 --period 指明月份（或 --from/--to 指明起止日期）`,
  grid_title_month_differs: (a) => `标题写的是“${a.title}”，表中各天按 ${a.placed} 计（标题常沿用旧表，未按标题）：如这张表不是 ${a.placed} 的，请换用当月的表，或核对所给的月份（--period 或文件名中的月份）`,
  grid_days_outside: (a) => `表中各天从 ${a.date} 起，没有一天在 ${a.first} 至 ${a.last} 之内：这张表不是这段时间的，请核对表的月份，或用 --period 指明`,
  grid_weekday_differs: (a) => `星期行写的是“${a.value}”，而这一列按日期顺序是 ${a.date}（星期${a.weekday}）：这张表不是这个月的，请核对表的月份，或用 --period 指明`,
  grid_holiday_differs: (a) =>
    `表头写的是“${a.value}”，而按日期顺序这一天是 ${a.date}，按国家法定节假日安排${a.workday === 'yes' ? '是工作日' : '是普通周末，不在节假日之内，也不与假期相连'}：这张表不是这个月（或这一年）的，或表头写错了，请核对表的月份，或用 --period 指明`,
  export_days_mismatch: (a) =>
    a.first === undefined
      ? `日期列“${a.value}”与按顺序推算的日期 ${a.date} 不符（星期或日期对不上），请核对导出文件的日期范围`
      : `日期列“${a.value}”${a.value === a.date ? '' : `（${a.date}）`}不在标题所写的统计日期 ${a.first} 至 ${a.last} 之内，表头日期与标题矛盾，无法确定导出覆盖哪些天，请核对或重新导出`,
  export_day_header_unreadable: (a) =>
    a.date === undefined
      ? `日期列的表头“${a.value || '（空）'}”看不出是哪一天，而它前后都是日期列：这一格读不出，其后（或其前）各天就对不上日期。若它是某一天，请写成日号（如“25”），节假日可写成“25 中秋”或“中秋”；若是小计之类的统计列，请把它移到最后一天之后`
      : `表头“${a.value || '（空）'}”看不出是哪一天，而按位置它应是 ${a.date} 这一天：这一格读不出，这一天的打卡就会漏掉。请把这一格写成日号（如“${Number(String(a.date).slice(8))}”），节假日可写成“${Number(String(a.date).slice(8))} 中秋”或“中秋”`,
  export_person_unknown: (a) => `导出中的“${a.value}”不在人员表中（共 ${a.count} 次打卡）：请在人员表中补上此人，或在人员表“考勤号码”列填上其考勤编号`,
  export_person_ambiguous: (a) => `人员表中有多个“${a.value}”（${a.ids}）：请在人员表填写“考勤号码”，或导出时带上工号/考勤号码，以便区分`,
  export_namesakes_folded: (a, at) =>
    `导出中有 ${namesakes(a, at)}；人员表只有一个“${a.value}”（${a.id}），按姓名分不清哪些打卡是此人的，不会把几个人的打卡算到一人名下：请在人员表（或 --roster 给出的人员表）中为每个“${a.value}”各填一行，写上导出中的工号或“考勤号码”，使每个编号都对得上；如是同一人中途换了编号，请把导出中的旧编号改成新编号后再导入`,
  export_people_joined: (a) =>
    `导出中有 ${a.count} 人在不同的表中编号不同，没有打卡的一行按同名同部门视为有打卡的那个人：${a.people}。如其中有不是同一人的，请用 --roster 给出人员表（含“考勤号码”列），按编号对人`,
  export_person_mismatch: (a) => `导出中编号 ${a.id} 是“${a.value}”，人员表中该编号是“${a.expected}”：请核对人员表的工号/考勤号码`,
  export_id_shared: (a) => `导出中的编号 ${a.value} 在人员表“${a.column}”列中有多行（${a.ids}），无法确定是谁的打卡：如这个考勤号码是离岗者留给新人的，请先清空人员表中离岗人员的考勤号码再导入（打卡都会记在新人名下），然后在写出的“考勤”表中把离岗日期及以前的打卡的工号改为离岗人员的工号；否则请改正人员表`,
  export_id_zeros_ambiguous: (a) => `导出中的编号 ${a.value} 在人员表“${a.column}”列中没有完全相同的，而只差前导零的有多个（${a.ids}），无法确定是谁：请在人员表或导出中把编号写得与对方完全一致`,
  export_id_two_names: (a, at) =>
    `编号 ${a.id} 在此行是“${a.value}”，而${firstPlaceText(a, at)}第${a.firstRow}行同一编号是“${a.first}”：一个编号只能是一个人，无法判断此行的打卡算谁的。请核对导出中的编号和姓名`,
  export_name_clash: (a, at) => {
    const unit = (u: string | number | undefined) => (u ? `（${u}）` : '');
    const how = a.value === a.first ? `同名，部门却不同` : `去掉括号里的注记后都是“${a.name}”`;
    return `导出中此行“${a.value}”${unit(a.unit)}与${firstPlaceText(a, at)}第${a.firstRow}行“${a.first}”${unit(a.firstUnit)}${how}，分不清是不是同一人：请导出时带上工号或考勤号码；若确是两人，请在导出中把姓名写得能区分（人员表中也照此填写）`;
  },
  export_roster_needed: (a) => `导出只有考勤编号 ${a.value}（共 ${a.count} 次打卡），没有姓名：请用 --roster 给出人员表（含“考勤号码”列）`,
  export_unit_missing: (a) => `导出中“${a.value}”没有部门：请用 --roster 给出人员表（含窗口/部门）`,
  export_days_without_punches: (a) =>
    `导出范围内的 ${a.count} 个工作日（${a.days}）没有任何人打卡，这些天每人都会记为缺勤：如果导出其实没有包括这些天（例如月中导出、标题却写整月），请用 --to 写明最后一天；如果确实全体未打卡，请核实`,
  punches_days_nobody_punched: (a) =>
    `考勤表中有 ${a.count} 个工作日（${a.days}）没有任何人打卡，这些天没有请假的人都记为旷工：如果考勤表其实没有包括这些天（例如只录到月中），请在“设置”表填写考勤截止日期（或补全打卡）；如果确实全体未打卡，请核实`,
  sheet_given_twice: (a) =>
    `“${a.sheet}”表已有数据，又用 --${a.flag} 给了 ${a.csv}：两处不会合并，也不会默默只用一处。请把两处合成一张表，或删去其中一处`,
  import_typed_sheet: (a) =>
    `表头是模板“${a.sheet}”表的列名，是按模板填写的“${a.sheet}”表，不是考勤机或平台的导出，不必导入：评分或统计考勤时直接给出，如 kaohe score --${a.flag} ${a.csv} …、kaohe attendance --${a.flag} ${a.csv} …（若它确是导出文件，请用 --format 指明其格式）`,
  import_month_workbook: (a) =>
    `这是按模板填写的月度工作簿（有“人员”或“记录”表），不是考勤机或平台的导出，不必导入：直接评分或统计考勤，如 kaohe score ${a.csv} …${a.punches ? `；如只要其中的考勤表，可用 --punches ${a.csv} 给出（只读取其中的“考勤”表）` : ''}`,
  sheet_not_given: (a) =>
    `没有给出“${a.sheet}”表：请用 --${a.flag} 给出，如 --${a.flag} ${a.sheet}.csv${a.flag === 'records' ? '（本期没有记录时，给一个只有表头的记录表）' : ''}`,
  punches_given_twice: (a) =>
    `工作簿的“${a.sheet}”表已有打卡，又给了导出 ${a.export} 的打卡：两处打卡不会合并，也不会默默只用一处。请删去其中一处，或把导出转成“考勤”表（kaohe import）后核对`,
  export_outside_period: (a) =>
    `导出只覆盖 ${a.coveredFirst} 至 ${a.coveredLast}，不含考核期 ${a.first} 至 ${a.last} 的任何一天：按它计分会把每个工作日都算作缺勤。请核对 --period、--from/--to 或文件名里的月份`,
  export_ranges_differ: (a, at) =>
    `几份导出（或一份导出的几张表）的统计日期不同，合起来是 ${a.first} 至 ${a.last}，而${Number(a.count) > 1 ? `有 ${a.count} 人` : '有人'}所在的表只覆盖其中一部分：${partCovered(String(a.people), Number(a.count), at)}。这些人在自己的表之外的日子没有数据，按合起来的日期计分会被算作旷工：请为所有人导出同一统计日期的考勤，或把统计日期不同的导出分开导入、计分`,
  export_range_without_punches: (a) =>
    `标题的统计日期是 ${a.first} 至 ${a.last}，但表中的打卡都在 ${a.punchFirst} 至 ${a.punchLast}，没有一次在统计日期之内：按标题计分会把每人每个工作日都算作缺勤。请核对导出时选的月份和年份，重新导出`,
  export_rows_outside_period: (a) => `导出中有 ${a.count} 条记录不在 ${a.first} 至 ${a.last} 之内，已跳过${a.dayAfter ? `（其中 ${a.dayAfter} 条按作息归到考核期之外，多是考核期次日的打卡）` : ''}`,
  export_people_outside_period: (a) =>
    `导出中有 ${a.count} 人在 ${a.first} 至 ${a.last} 之内没有任何记录（${a.names}${Number(a.count) > 10 ? ' 等' : ''}），未作为本期人员；如其中有人仍在岗（整月未打卡），请在人员表中列出此人（用 --roster 给出人员表）`,
  export_schedule_grid: (a) =>
    `这是排班表（${a.name}），不是打卡记录：格子里的班次编号对应的上下班时间存在考勤软件里，导出中没有，kaohe 不读它。请给出打卡导出（中控的“考勤记录”或“考勤明细”，考勤明细写有每个时段的应签到、应签退，kaohe 按它排班）；个别人的特殊班次、休息日写在月度工作簿的“班次”表`,
  export_anomaly_rows: (a) =>
    `这是异常统计（${a.name}），不是打卡记录：它只列出有迟到、早退、缺勤的日子，其余日子没有行，当作打卡会把那些日子都算作旷工。kaohe 只用它与自己的判定对照。请给出打卡导出（同一份标准报表的“刷卡记录”或“考勤记录”页、考勤机的 attlog 或“考勤明细”），例如 kaohe score 2026-11.xlsx --punches 标准报表.xls`,
  export_status_unknown: (a) =>
    `“${a.value}”不在图例中，也不是请假的写法：${a.known ? `表中的图例为 ${a.known}` : '表中没有图例'}。请在表头或表下写明图例（如“出勤√, 事假△, 病假＋”），或改写成文字（公司出勤、休、事假4H、调休2.5H）；半天写“上午/下午”，如“√/△”`,
  export_two_punch_schedule: (a) =>
    `这份导出每天只有上班、下班各一次打卡，而作息时间 ${a.sessions} 分${a.count}段、每段都要打卡：午间没有打卡，会记为缺卡（得分按此计算，未作改动）。如果单位每天只打两次卡，请在设置表“作息时间”或班次表写明“两次打卡”（如 ${a.sessions} 两次打卡），或用 --hours 给出`,
  export_sheet_copied: (a) =>
    `工作表“${a.copy}”与“${a.sheet}”有 ${a.count} 次打卡完全相同（同一人、同一天、同一时间，如 ${a.person} ${a.date} ${a.time}，见“${a.sheet}”第${a.row}行与此行）：看来一张是另一张的副本。两张一起读，打卡会算两遍，副本中改过的打卡也会与原表的混在一起，得分就不对了。请删除多余的那张工作表，或把要用的那张另存为单独的文件再给出`,
  export_punches_partly_same: (a) =>
    `${a.first} 与 ${a.second} 几乎是同一批打卡：${a.count} 次打卡两份都有，${SAME_CLOCKING}；但在两份都包括的人和日子里，另有 ${a.lone} 次打卡只在其中一份（如此处 ${a.person} ${a.date} ${a.time}），照常计入。两份不完全一致（导出的时间不同、其中一份只导出了部分打卡，或改过），请核对这些只在一份中的打卡`,
  export_period_not_named: (a) =>
    `这份导出的打卡在 ${a.first} 至 ${a.last}，与文件名“${a.file}”的考核期 ${a.period} 没有一天相同：照哪一个算，另一个都会是别的月份。请换上本期的导出或改正文件名；如确要按导出的日期计分，请用 --period 指定考核期`,
  export_no_punches: (a) =>
    `${a.seen} 中没有打卡记录：kaohe 从打卡推算出勤，只凭这些会把每个工作日都算作旷工。请同时给出打卡（考勤机记录、钉钉或企业微信考勤报表，或带“考勤”表的月度工作簿），例如 kaohe score 2026-11.xlsx --punches 考勤记录.xls --leave 请假.xlsx；请假清单、手工考勤表可与打卡一起给出`,
};

const pointsScope: Record<string, string> = { part: '所在小项满分', item: '所在大项满分', bonus: '加分上限' };
/** A period's kind as in 方案按月计分, and as in 此文件是一个月的. */
const periodKindWord: Record<string, string> = { month: '月', half: '半年' };
const periodSpanWord: Record<string, string> = { month: '一个月', half: '半年', year: '全年', range: '自定日期段' };
const notAFileKind: Record<string, string> = { folder: '文件夹', fifo: '命名管道（FIFO）', socket: '套接字', device: '设备文件' };
const delimiterName: Record<string, string> = { comma: '英文逗号“,”', semicolon: '英文分号“;”', tab: '制表符（Tab）' };
/** What a clock log's device artefacts did: only the kinds met, the lines removed apart from the wrap-arounds, which remove none. */
function attlogArtefacts(a: Args): string {
  const removed = [Number(a.corrupt) > 0 ? `损坏行 ${a.corrupt} 条` : '', Number(a.reset) > 0 ? `日期早于2000年（考勤机时钟复位）${a.reset} 条` : ''].filter((part) => part !== '');
  const said = removed.length === 0 ? [] : [`考勤机日志中有设备产生的异常记录：${removed.join('、')}，${removed.length > 1 ? '均' : ''}已剔除`];
  if (Number(a.wraps) > 0) said.push(`考勤机日志的时间顺序回绕 ${a.wraps} 处（后一条记录早于前一条），记录照常读取，未剔除`);
  return said.join('；');
}
/** Why a log line is a device artefact (read/attlog-line.ts CorruptReason). */
const corruptReason: Record<string, string> = { negative: '含有负数', cut_short: '在日期时间中途断开', no_such_time: '日期或时间不存在' };

/** “工作表1” 第2行：序号、人名；“空表”（空） */
function seenSheets(json: string): string {
  const seen = JSON.parse(json) as SeenSheet[];
  // Sheet names and header words come from the file: their controls are shown as codes.
  return seen.map((s) => `“${escapeControls(s.sheet)}”${s.row === null ? '（空）' : ` 第${s.row}行：${s.words.map(escapeControls).join('、')}`}`).join('；');
}

/** A sheet of another place than the problem's own: named with its file's name where the file is another. */
function sheetOf(place: { file: string; sheet: string }, at: SourceLocation): string {
  return place.file !== at.file ? `${basename(place.file)} › ${place.sheet}` : place.sheet;
}

/** Each person with the sheets holding them and their ranges (the sheet's file said only where it is not the problem's own); then how many in all. */
function partCovered(json: string, count: number, at: SourceLocation): string {
  const people = JSON.parse(json) as PartCoveredPerson[];
  // Names and sheet names come from the file: their controls are shown as codes.
  const listed = people.map((p) => escapeControls(`${p.name}（${p.ranges.map((r) => `${sheetOf(r, at)}：${r.first} 至 ${r.last}`).join('；')}）`)).join('、');
  return count > people.length ? `${listed} 等 ${count} 人` : listed;
}

/** How many numbers a name (args value) has in the exports, and each (department, first row; the row's sheet and file said only where they differ from the problem's own). */
function namesakes(a: Args, at: SourceLocation): string {
  const places = JSON.parse(String(a.places)) as NamesakePlace[];
  const placeOf = (p: NamesakePlace) => (p.file !== at.file || p.sheet !== (at.sheet ?? '') ? `${sheetOf(p, at)} ` : '');
  // Numbers, units and sheet names come from the file: their controls are shown as codes.
  return `${places.length} 个编号不同的“${a.value}”：${places.map((p) => escapeControls(`${p.number}（${p.unit ? `${p.unit}，` : ''}${placeOf(p)}第${p.row}行）`)).join('、')}`;
}

/** A season start as the template's 设置 explains it (core/input-sheets.ts). */
const MONTH_DAY_EXAMPLES: Readonly<Record<string, string>> = { 夏季开始: '05-01', 冬季开始: '10-01' };

/** What a 设置 value should look like (validate/hours.ts). */
function settingExpected(a: Args): string {
  switch (a.expected) {
    case 'minutes':
      return '0 到 120 的整数';
    case 'hours':
      return SHIFT_EXAMPLES.work;
    case 'month_day':
      return `月-日，如 ${MONTH_DAY_EXAMPLES[String(a.key)] ?? '05-01'}`;
    case 'other_month_day':
      return `与${a.other}不同的月-日`;
    case 'date':
      return '2026-11-02';
    case 'date_from':
      return `不早于${a.other} ${a.first} 的日期`;
    case 'point_value':
      return '大于0的金额（元），最多两位小数';
    case 'notice_days':
      return '1 到 60 的整数（工作日数）';
    default:
      return String(a.expected);
  }
}

/** Why a 次数 cannot be higher: the days of the period, its half-days, or the scheme's limit. */
function countBasis(a: Args): string {
  switch (a.basis) {
    case 'days':
      return `本项按天计，考核期共${a.days}天`;
    case 'sessions':
      return `本项每个半天（上午、下午各算一个）最多记${a.perSession}次，考核期共${a.days}天`;
    default:
      return `方案规定每条记录最多${a.max}次`;
  }
}

/** A person's 到岗/离岗日期 as the 人员 sheet gives them (start, end; either may be empty). */
function personDates(a: Args): string {
  return [a.start ? `到岗日期 ${a.start}` : '', a.end ? `离岗日期 ${a.end}` : ''].filter(Boolean).join('、');
}

/** Dates first to last (args first, last), one date when they are the same day. */
function dateSpan(a: Args): string {
  return a.first === a.last ? String(a.first) : `${a.first} 至 ${a.last}`;
}

/** A year-span leave rule's count from the year's earlier periods added to this period's `days`, where there is one: "（连同本年此前各期记录的12天，共17天）". */
function leaveRuleEarlier(a: Args, earlier: Args[string] | undefined, days: Args[string] | undefined, sheet: string): string {
  return Number(earlier) > 0 ? `（连同本年此前各期${sheet}的${earlier}${a.unit}，共${Number(earlier) + Number(days)}${a.unit}）` : '';
}

/** 上午 for half 0, 下午 for half 1. */
function halfWord(half: string | number | undefined): string {
  return Number(half) === 0 ? '上午' : '下午';
}

/** File, sheet and header names come from the input: shown with their controls as codes. */
export function formatLocation(at: SourceLocation): string {
  const parts = [at.file];
  if (at.sheet) parts.push(at.sheet);
  if (at.row !== undefined) parts.push(`第${at.row}行`);
  if (at.column) parts.push(at.columnLetter ? `${at.column}(${at.columnLetter}列)` : at.column);
  else if (at.columnLetter) parts.push(`${at.columnLetter}列`);
  return escapeControls(parts.join(' › '));
}

/** How much of a cell's text a message quotes: enough to find the cell by, not a 30 KB screenful. */
const QUOTED_CHARACTERS = 60;

/** The arguments that echo a cell's text; the others are kaohe's own words and lists (可填：…), said whole. */
const CELL_TEXT_ARGS: ReadonlySet<string> = new Set(['value', 'cell', 'first', 'name', 'person', 'formula', 'before', 'after']);

/** A cell's text as a message quotes it: whole up to QUOTED_CHARACTERS characters, else their first so many and how long it is. */
function quotedCellText(text: string): string {
  const characters = [...text];
  return characters.length <= QUOTED_CHARACTERS ? text : `${characters.slice(0, QUOTED_CHARACTERS).join('')}…（共 ${characters.length} 字）`;
}

/** Arguments echo cell values: a long one cut short, their controls shown as codes, never sent to the terminal. */
export function formatProblem(p: Problem): string {
  const args = Object.fromEntries(Object.entries(p.args).map(([k, v]) => [k, typeof v === 'string' ? escapeControls(CELL_TEXT_ARGS.has(k) ? quotedCellText(v) : v) : v]));
  return `${formatLocation(p.at)}: ${problemText[p.code](args, p.at)}`;
}

/** How many problems a run lists; the rest are counted, so a sheet of mistakes stays readable. */
const PROBLEM_LIST_CAP = 200;

/**
 * The problems of a run as lines to print: errors first, then hints, each in the order a clerk
 * reads the workbook; at most `cap` of them, then one line counting the rest.
 */
export function problemLines(problems: readonly Problem[], cap = PROBLEM_LIST_CAP): string[] {
  const ordered = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
  const lines = ordered.slice(0, cap).map((p) => `${p.severity === 'error' ? '错误' : '提示'}：${formatProblem(p)}`);
  const rest = ordered.slice(cap);
  if (rest.length === 0) return lines;
  const errors = rest.filter((p) => p.severity === 'error').length;
  const hints = rest.length - errors;
  const counted = [errors > 0 ? `${errors} 处错误` : '', hints > 0 ? `${hints} 处提示` : ''].filter(Boolean).join('、');
  return [...lines, `……另有 ${counted}未列出（共 ${problems.length} 处）；改正以上问题后再运行，会列出其余的`];
}

/**
 * A part's cap, in the audit and `kaohe explain` alike: a sub-item by its name (小项 会议 2分扣完为止,
 * 小项 创新 加分至多5分); an item of one part as `item` names it (explain: 3 出勤值勤 15分扣完为止),
 * else by its number (the audit: 第3项扣完为止).
 */
export function itemCapText(note: Extract<TraceNote, { code: 'item_cap' }>, item?: string): string {
  const what = note.part === undefined ? item : `小项 ${note.part}`;
  const cut = `，${format(note.cut)}分不计`;
  if (what === undefined) return `第${note.item}项${note.earned ? `加分至多${format(note.points)}分` : '扣完为止'}${cut}`;
  return `${what} ${note.earned ? `加分至多${format(note.points)}分` : `${format(note.points)}分扣完为止`}${cut}`;
}

export function formatTraceNote(note: TraceNote): string {
  switch (note.code) {
    case 'escalated':
      return `${note.group}累计第${note.occurrences.join('、')}次，${note.from}次以上按${note.factor}倍扣分`;
    case 'item_cap':
      return itemCapText(note);
    case 'matter_duplicate':
      return `同一事项（${note.matter}）就高不重复，已按 ${formatLocation(note.kept)} 计分`;
    case 'bonus_item_cap':
      return `第${note.item}项加分已达上限，${format(note.cut)}分不计`;
    case 'bonus_cap':
      return `加分总额已达上限，${format(note.cut)}分不计`;
    case 'maximum_cut':
      return `超过满分${format(note.maximum)}分，按${format(note.maximum)}分计，${format(note.cut)}分不计`;
    case 'per_n':
      return `累计${note.total}次，每${note.every}次扣分${note.times > 0 ? `，本条满${note.every}次${note.times}回` : '，本条未满'}`;
    case 'over':
      return `累计${note.total}${note.unit}，超过${note.threshold}${note.unit}`;
    case 'below_threshold':
      return `累计${note.total}${note.unit}，未超过${note.threshold}${note.unit}，不扣分`;
    case 'over_before':
      return `累计${note.total}${note.unit}，已在累计超过${note.threshold}${note.unit}时扣过，本行不再扣`;
    case 'rate':
      return note.value >= note.target
        ? `${note.metric} ${format(note.value)}%，达到${format(note.target)}%，不扣分`
        : `${note.metric} ${format(note.value)}%，低于${format(note.target)}%共${format(sub(note.target, note.value))}个百分点，每${format(note.per)}个百分点扣${format(note.points)}分`;
    case 'flag_only':
      return '只作标注，不计分';
    case 'year_span':
      return `按全年累计，含本年此前各期${note.earlier}`;
    case 'once_per_period':
      return `本项每期至多扣一次，已按 ${formatLocation(note.kept)} 计分`;
    case 'same_as_derived':
      return note.absorbed < note.typed
        ? `填写${note.typed}${note.unit}，其中${note.absorbed}${note.unit}与同日考勤打卡推算的是同一回事，只计一次（取两者中多的），本行计其余${note.typed - note.absorbed}${note.unit}`
        : `填写${note.typed}${note.unit}，与同日考勤打卡推算的是同一回事，只计一次（已按打卡推算的那一行计），本行不再计`;
  }
}

/** A grade tied at its quota until the committee rules (convention 9): 优秀并列待定, in messages, flags, notices and the scheme's words. */
export function quotaPendingWord(grade: string): string {
  return `${grade}并列待定`;
}

/**
 * The rank of an award's tie when it is the plain one, subjects sharing the last rank that wins
 * (competition ranks: always); null when dense ranks put a rank past the places by count
 * (1, 2, 2, 3 for three places), which the words must explain.
 */
export function awardTieAtBoundary(w: Extract<EngineWarning, { code: 'award_tie' }>): number | null {
  return w.ranks.length === 1 && w.marked > 1 ? (w.ranks[0] as number) : null;
}

export function formatWarning(w: EngineWarning): string {
  switch (w.code) {
    case 'award_tie':
      return awardTieAtBoundary(w) !== null
        ? `${w.award}：第${awardTieAtBoundary(w)}名并列，共${w.winners}个超过名额${w.top}个，标注“并列”，请${w.decidedBy}研究确定`
        : `${w.award}：中国式排名并列不占名次，前${w.top}名共${w.winners}个，超过名额${w.top}个；第${w.ranks.join('、')}名按个数排到名额边界或名额之外${w.marked > 0 ? `（其中与人并列的${w.marked}个标注“并列”）` : ''}，请${w.decidedBy}研究确定`;
    case 'grade_quota_pending':
      return `${w.grade}名额${w.quota}个，名额处并列${w.tied.length}人（${w.tied.join('、')}）争${w.places}个名额：暂评下一等次并标注“${quotaPendingWord(w.grade)}”；请${w.decidedBy}研究确定，在“设置”表“${w.settingKey}”中填写确定的工号（逗号分隔，不超过${w.places}个）后重新计算`;
    case 'grade_quota_ruling_excess':
      return `“设置”表“${w.settingKey}”填写了${w.chosen.length}人（${w.chosen.join('、')}），超过剩余名额${w.places}个，未采用；并列者仍为“${quotaPendingWord(w.grade)}”`;
    case 'grade_quota_ruling_short':
      return `“设置”表“${w.settingKey}”只填写了${w.chosen.length}人（${w.chosen.join('、')}），剩余名额${w.places}个，其余并列者评下一等次`;
    case 'grade_quota_ruling_unknown':
      return `“设置”表“${w.settingKey}”中的 ${w.ids.join('、')} 不在本期名额处并列的人员中，未采用`;
    case 'year_span_unknown':
      return `细则 ${w.rule} 按全年累计计算；单独计算 ${w.period} 时未计入本年此前各期的次数（天数），请用 kaohe year 连同此前各期一起计算`;
    case 'record_during_cover':
      return `${formatLocation(w.at)}：该日${w.holder}的窗口由${w.substitute}临时替岗，记录（${w.rule}）记在了${w.holder}名下，请核对是否应记在替岗人名下`;
  }
}

/** A flag's words: the scheme's own name, or kaohe's wording of a quota or missing-rating flag. */
export function formatFlag(f: FlagResult): string {
  switch (f.code) {
    case 'scheme':
      return f.name;
    case 'quota_over':
      return `超出${f.grade}名额，降为${f.label}`;
    case 'quota_pending':
      return `${quotaPendingWord(f.grade)}（剩余名额${f.places}个，暂评${f.label}）`;
    case 'quota_ruled':
      return `${f.grade}（并列，经研究确定）`;
    case 'peer_missing':
      return '缺互评';
  }
}

// ── Scheme files (issues 12, 15, 16) ───────────────────────────────────────────────────────────

const yamlErrorChinese: Record<string, string> = {
  DUPLICATE_KEY: '键重复',
  BAD_INDENT: '缩进不对',
  BAD_SCALAR_START: '值的开头写法不对',
  MISSING_CHAR: '缺少符号（引号或括号未闭合？）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行：下一行是否多缩进了（同一层的键要左边对齐），或冒号后面缺空格？',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  UNEXPECTED_TOKEN: '出现了不应有的符号',
  BLOCK_AS_IMPLICIT_KEY: '键的写法不对',
};

/** What a scheme's and a profile's YAML are told alike (yaml-file.ts): a character a workbook cannot hold, a key misspelt, a value missing or wrong. */
const yamlFileText = {
  text_character: (a: Args) => `文字中有无法写入工作簿的字符 ${a.character}（控制字符或非字符，多由复制粘贴带入），请删除后重新输入这段文字`,
  key_unknown: (a: Args) => `未知的键 "${a.key}"${a.nearest ? `：是否为 "${a.nearest}"？` : '（拼写错误？）'}`,
  value_required: (a: Args) => `缺少必填项${a.expected ? `（应为 ${a.expected}）` : ''}${a.misspelt ? `：写的 "${a.misspelt}" 是否应为 "${a.key}"？` : ''}`,
  value_type: (a: Args) => `类型不对（应为 ${a.expected}）`,
  value_option: (a: Args) => `取值“${a.value}”不对，可选：${a.options}`,
  value_invalid: (a: Args) => `取值“${a.value}”不对`,
};

/** yamlFileText under a kind of file's codes (scheme_key_unknown, profile_key_unknown). */
function yamlFileTexts<K extends string>(kind: K): Record<`${K}_${keyof typeof yamlFileText}`, (a: Args) => string> {
  return Object.fromEntries(Object.entries(yamlFileText).map(([code, text]) => [`${kind}_${code}`, text])) as Record<`${K}_${keyof typeof yamlFileText}`, (a: Args) => string>;
}

const schemeIssueText: Record<SchemeIssueCode, (a: Args) => string> = {
  scheme_yaml: (a) => `YAML 格式错误 — ${yamlErrorChinese[String(a.yamlCode)] ?? a.detail}`,
  scheme_too_large: (a) => `方案文件过大（${Math.ceil(Number(a.bytes) / 1024)} KB），上限 ${Number(a.limit) / 1024} KB，可能不是考核方案文件`,
  scheme_too_deep: (a) => `方案文件嵌套层次过深（超过 ${a.limit} 层），可能不是考核方案文件`,
  scheme_too_many_aliases: (a) => `方案文件使用的 YAML 别名（*引用）过多（上限 ${a.limit}），已拒绝读取`,
  ...yamlFileTexts('scheme'),
  scheme_points_decimals: () => '分值最多两位小数',
  scheme_points_positive: () => '分值必须大于0',
  scheme_code_format: () => '代码应为数字加点号，例如 "3" 或 "3.1"（请加引号写成文本）',
  scheme_id_format: () => '方案编号只用小写字母、数字和连字符',
  scheme_code_duplicate: (a) => `代码 "${a.code}" 重复（已用于 ${a.earlier}）`,
  scheme_reason_missing: () => '标为 assumption、reconstructed 或 borrowed 的数值须用 reason 写明一句理由',
  scheme_rule_code_prefix: (a) => `细则代码应以所属大项代码 "${a.itemCode}." 开头`,
  scheme_range_reversed: (a) => `视情分值下限 ${a.min} 大于上限 ${a.max}`,
  scheme_rule_name_duplicate: (a) => `细则名称 "${a.name}" 重复，记录中按名称填写时无法区分`,
  scheme_item_code_nested: (a) => `大项代码应为一个数字，例如 "3"，不是 "${a.code}"`,
  scheme_rules_or_parts: () => '扣分大项须写 rules（细则）或 parts（小项）二者之一',
  scheme_parts_need_points: () => '有小项（parts）的大项须写明分值 points',
  scheme_parts_sum: (a) => `各小项分值合计 ${a.sum}，与大项分值 ${a.points} 不符`,
  scheme_peer_twice: () => '只能有一个互评（peer）大项',
  scheme_items_sum: (a) => `各扣分大项分值合计 ${a.sum}，与基本分 base ${a.base} 不符`,
  scheme_items_exceed: (a) => `各大项分值合计 ${a.sum}，超过基本分 base ${a.base}`,
  scheme_maximum_below_base: (a) => `最高分 ${a.maximum} 低于基本分 ${a.base}`,
  scheme_bonus_cap_missing: () => '有加分大项时须写明加分上限 bonus_cap',
  scheme_item_cap_exceeds: (a) => `大项加分上限 ${a.cap} 超过方案加分上限 bonus_cap ${a.bonusCap}`,
  scheme_veto_rule_kind: () => '否决项（veto）的细则只能是 kind: flag',
  scheme_escalation_rule: (a) => `"${a.code}" 不是本方案按次扣分的大项或细则代码`,
  scheme_escalation_twice: (a) => `细则 "${a.code}" 已属于累计组 "${a.group}"`,
  scheme_flag_rule_unknown: (a) => `"${a.code}" 不是本方案的细则代码`,
  scheme_unit_flag_in_unit_scheme: () => 'unit_total_below 只用于以个人为考核对象的方案',
  scheme_months_flag_without_monthly: () => 'months_below 只用于含月度考核（monthly）大项的方案',
  scheme_thresholds_order: () => '等次分数线须从高到低排列',
  scheme_labels_default: () => '须有 default 一组等次名称（用于未单列的人员类别）',
  scheme_labels_count: (a) => `有 ${a.thresholds} 条分数线，应有 ${a.levels} 个等次名称，写了 ${a.given} 个`,
  scheme_quota_level: (a) => `名额限制的等次 ${a.level} 须高于最末等次 ${a.levels}`,
  scheme_consequence_level: (a) => `只有 ${a.levels} 个等次`,
  scheme_attendance_rule: (a) => `"${a.code}" 须为本方案按次扣分或标注的细则代码（不能是视情、按记录分值或比率细则）`,
  scheme_full_attendance_rule: (a) => `"${a.code}" 须为本方案的加分细则代码`,
  scheme_full_attendance_points: () => '该细则按记录分值计分，须写明全勤加分 points',
  scheme_year_total_none: () => '年度方案本身按年计分，year 段的 total 须为 none',
  scheme_leave_type_missing: () => 'leave_days 须写明请假类型 type，如 事假',
  scheme_once_kind: () => 'once（每期至多一次）只用于按次扣分、视情扣分或按记录分值扣分的细则',
  scheme_span_kind: (a) => `细则 ${a.rule} 按全年累计（span: year），只用于月度或半年方案`,
  scheme_halves_month_only: () => 'halves（上、下半年小计）只用于月度方案',
  scheme_referenced_missing: (a) => `找不到方案 "${a.scheme}"（内置方案编号或相对本文件的路径）`,
  scheme_shift_invalid: (a) => `班次“${a.value}”无法识别，可写：${SHIFT_EXAMPLES.any}`,
  scheme_shift_session: (a) => `“${a.value}”应为一段时间，如 08:00-11:30 或 22:00-次日06:00`,
  scheme_shift_order: () => '各段时间须按先后排列、不能重叠，全天合计不超过24小时',
  scheme_flexible_one_session: () => '弹性工作时间（flexible_hours）只能有一段核心时间',
  scheme_season_from: (a) => `“${a.value}”不是月-日（如 "05-01"）`,
  scheme_season_rest: () => '季节作息不能是休息',
  scheme_seasons_same_start: () => '两个季节的开始日期相同',
  scheme_leave_word_duplicate: (a) => `请假用词“${a.word}”重复（已在 ${a.earlier} 中）`,
  scheme_leave_word_correction: (a) => `“${a.word}”是补签（补卡审批），不能另作请假用词`,
  scheme_leave_type_unknown: (a) => `“${a.type}”不是请假用词所计的假别，可写：${a.expected}`,
  scheme_id_builtin: (a) => `编号与内置方案 ${a.id} 相同：改过的方案在得分表、说明和 JSON 中会与内置方案同名，请改成本中心自己的编号`,
  scheme_source_missing: () => '没有写出处 source（原文文件、条款、原文引文）',
  scheme_quote_missing: () => '出处没有原文引文 quote',
  scheme_number_not_in_quote: (a) => `数值 ${a.field}: ${a.value} 不在引文“${a.quote}”中；原文没有的数值请标 assumption（或 reconstructed、borrowed）并写 reason`,
};

/** "第12行 items.3.points" (the file is named once, in the heading of the list). */
function formatSchemeLocation(where: SchemeLocation): string {
  return [where.line ? `第${where.line}行` : '', where.path.join('.')].filter(Boolean).join(' ');
}

export function formatSchemeIssue(issue: SchemeIssue): string {
  const text = schemeIssueText[issue.code](issue.args);
  // A problem of the whole file (too large, an alias bomb) has no place to name.
  return issue.where.line === undefined && issue.where.path.length === 0 ? text : `${formatSchemeLocation(issue.where)}: ${text}`;
}

// ── Year lists ──────────────────────────────────────────────────────────────────────────────

/** Period labels "2026-01,2026-02,2026-05" → "1月、2月、5月". */
function shortLabels(labels: string | number | undefined): string {
  return String(labels ?? '').split(',').map(shortLabel).join('、');
}

/**
 * Periods' values "2026-01=50,…,2026-06=50,2026-07=60" → "1月至6月 50元、7月 60元": a run of
 * adjacent periods with the same value is named by its first and last.
 */
function periodValues(list: string | number | undefined): string {
  return runsText(String(list ?? '').split(',').map((pair) => pair.split('=') as [string, string]), (value) => ` ${value}元`);
}

/** Periods' names as JSON pairs (a name may hold any character) [["2026-01","甲中心"],…] → "1月至6月“甲中心”、7月“乙中心”". */
function periodNames(list: string | number | undefined): string {
  return runsText(JSON.parse(String(list ?? '[]')) as [string, string][], (value) => `“${value}”`);
}

/** Each run of periods with one value (periodRuns) by its period or first and last, then its value as `show` words it. */
function runsText(pairs: readonly (readonly [string, string])[], show: (value: string) => string): string {
  return periodRuns(pairs)
    .map(({ periods, value }) => `${periods.length === 1 ? shortLabel(periods[0]!) : runText(periods)}${show(value)}`)
    .join('、');
}

/** "2026-01,2026-02,2026-03,2026-07,2026-08" → "1月至3月、7月、8月": a run of three or more joined, shorter ones listed. */
function periodsText(labels: string | number | undefined): string {
  return periodRuns(String(labels ?? '').split(',').map((label) => [label, ''] as const))
    .map(({ periods }) => (periods.length > 2 ? runText(periods) : periods.map(shortLabel).join('、')))
    .join('、');
}

/** A run of periods by its first and last: "1月至6月". */
const runText = (periods: readonly string[]) => `${shortLabel(periods[0]!)}至${shortLabel(periods.at(-1)!)}`;

/** Periods in order with a value each, as runs of adjacent periods (nextPeriod) of the same value. */
function periodRuns(pairs: readonly (readonly [string, string])[]): { periods: string[]; value: string }[] {
  const runs: { periods: string[]; value: string }[] = [];
  for (const [period, value] of pairs) {
    const previous = runs.at(-1);
    if (previous && previous.value === value && nextPeriod(previous.periods.at(-1)!) === period) runs[runs.length - 1] = { value, periods: [...previous.periods, period] };
    else runs.push({ periods: [period], value });
  }
  return runs;
}

/** The period after "2026-03" ("2026-04") or "2026-H1" ("2026-H2"); null after the year's last. */
function nextPeriod(label: string): string | null {
  if (label.endsWith('H1')) return label.replace(/H1$/, 'H2');
  const month = Number(label.slice(5));
  return label.includes('H') || month >= 12 ? null : `${label.slice(0, 5)}${String(month + 1).padStart(2, '0')}`;
}

/** "2026-03" → "3月", "2026-H1" → "上半年". */
export function shortLabel(label: string): string {
  if (label.endsWith('H1')) return '上半年';
  if (label.endsWith('H2')) return '下半年';
  return `${Number(label.slice(5))}月`;
}

/** The year run's warnings: each period's, prefixed with the period, then the year's own. */
export function yearWarnings(result: Pick<YearResult, 'warnings' | 'periodWarnings'>): string[] {
  return [...result.periodWarnings.map((w) => `${w.period}：${formatWarning(w.warning)}`), ...result.warnings.map((w) => (w.code === 'lowest_passed_over' ? lowestPassedOverText(w) : formatWarning(w)))];
}

/** Who a last-place flag (第二年待岗对象) passed over, having left before the period's end. */
function lowestPassedOverText(w: LowestPassedOver): string {
  const people = w.people.map((p) => `${p.name}（离岗日期 ${p.end}）`).join('、');
  return `${people}全年得分（不满一年的按折合全年）低于分数线，且不高于年底在岗人员中的最低分，但已在年底前离岗，没有第二年，不列为“${w.flag}”：中心最低只在年底仍在岗的人员中比较`;
}

/** A year-list flag's name: "3月通报批评", "不满一年：10个月", or the scheme's own words. */
export function formatYearFlag(f: YearFlag): string {
  switch (f.code) {
    case 'annual':
      return formatFlag(f.flag);
    case 'period':
      return `${shortLabel(f.period)}${formatFlag(f.flag)}`;
    case 'partial_year':
      return `不满一年：${f.present}${f.kind === 'half' ? '个半年' : '个月'}`;
    case 'year_total':
    case 'leave':
      return f.name;
  }
}

const days = (n: number) => format(Math.round(n * 100) as Parameters<typeof format>[0]);

/** Periods a --partial run lacks, counted in post by a person's 到岗/离岗日期: said alike for every scheme. */
const byDates = (dated: readonly string[]) => `${periodsText(dated.join(','))}不在本次计算的月份中，按到岗、离岗日期计`;

/** Why a year-list flag was raised, for the 标注明细 sheet. */
export function formatYearFlagBecause(f: YearFlag): string {
  switch (f.code) {
    case 'annual':
      // 不满一年: the months it counted, as the partial_year flag of a monthly scheme names them;
      // months the run lacks are counted by the person's dates, and said so
      return 'monthsBelow' in f.flag.because
        ? `在岗 ${periodsText([...f.periods, ...f.dated].sort().join(','))}（${f.flag.because.months}个月，不足${f.flag.because.monthsBelow}个月${f.dated.length > 0 ? `；${byDates(f.dated)}` : ''}）`
        : '年度考核';
    case 'period':
      return `${f.period} 考核结果`;
    case 'partial_year':
      return f.dated.length > 0 ? `在岗 ${periodsText([...f.periods, ...f.dated].sort().join(','))}（${byDates(f.dated)}）` : `在岗 ${f.periods.map(shortLabel).join('、')}`;
    case 'year_total': {
      const shown = f.comparable === f.total ? `全年 ${format(f.total)}` : `全年 ${format(f.total)}（按在岗期折算 ${format(f.comparable)}）`;
      return `${shown} 低于 ${format(f.below)}${f.lowest ? '，且为中心最低' : ''}`;
    }
    case 'leave': {
      const what =
        f.measure === 'leave_days' ? `${f.type}${days(f.value)}天` : f.measure === 'absent_days' ? `旷工${days(f.value)}天（${f.dates.join('、')}）` : `连续旷工${days(f.value)}个工作日`;
      return `${what}，超过${f.over}天`;
    }
  }
}

// ── Outputs (OutputError, issue 14) ─────────────────────────────────────────────────────────────

/** What an operating-system error code means to a clerk. */
function fsReason(code: string): string {
  switch (code) {
    case 'ENOENT':
      return '文件夹不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有写入权限，或文件正被 Excel/WPS 打开';
    case 'EBUSY':
      return '文件正被其他程序（如 Excel）打开，请关闭后重试';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EDQUOT':
      return '超出磁盘配额';
    case 'EFBIG':
      return '超出系统允许的文件大小';
    case 'EROFS':
      return '磁盘是只读的';
    case 'ENOTDIR':
      return '路径中有一段不是文件夹';
    case 'ENAMETOOLONG':
      // 255 bytes a name on common file systems: 85 Chinese characters in UTF-8.
      return '文件名太长（一般不能超过约 80 个汉字），请取短一些的文件名';
    default:
      return code;
  }
}

const targetKind: Record<string, string> = { folder: '文件夹', fifo: '命名管道', device: '设备', socket: '套接字', other: '特殊文件' };

const outputText: Record<OutputError['code'], (a: Readonly<Record<string, string>>) => string> = {
  output_format: (a) => `不能写出“${a.path}”：${a.command} 可写出 ${a.formats}；请把 -o 的扩展名改为其中之一`,
  output_exists: (a) => `输出文件已存在：${a.path}。如需覆盖，请加 --force`,
  output_is_input: (a) => `不能写到“${a.path}”：它就是输入文件 ${a.input}，写出会毁掉原始台账。请换一个输出文件名（--force 也不能覆盖输入）`,
  output_not_regular: (a) => `“${a.path}”是${targetKind[a.kind ?? ''] ?? '特殊文件'}，不是普通文件，不能覆盖（--force 只替换普通文件）`,
  output_busy: (a) => `另一个 kaohe 正在写出 ${a.path}，本次未写出；请等它完成后再运行`,
  output_taken: (a) => `${a.path} 刚被另一个运行写出，本次未覆盖。如需覆盖，请加 --force`,
  output_folder: (a) => `无法写入文件夹 ${a.folder}：${fsReason(a.reason ?? '')}`,
  output_not_folder: (a) => `“${a.path}”是一个文件，不是文件夹：year --each 的 -o 是放各中心结果的文件夹，请换一个文件夹名`,
  output_failed: (a) => `无法写出 ${a.path}：${fsReason(a.reason ?? '')}；没有留下不完整的文件`,
};

export function formatOutputError(error: OutputError): string {
  return outputText[error.code](error.args);
}

// ── attendance exports: what an import says, and the agreement with the platform ───────────

const noteText: Record<ImportNoteCode, (a: Args) => string> = {
  recognised: (a) =>
    `识别为：${a.name}（${a.file} › ${a.sheet}${a.row ? `，表头在第${a.row}行` : ''}；格式 ${a.id}）${recognisedUse[a.use as string] ?? ''}${a.punchesFrom ? `，此表的打卡不再重复取（已取自“${a.punchesFrom}”）` : ''}`,
  range_title: (a) => `导出的统计日期：${a.first} 至 ${a.last}`,
  range_punches: (a) => `导出没有写明统计日期，按其中最早和最晚的考勤日期算：${a.first} 至 ${a.last}`,
  no_data_days: (a) => `${a.days} 不在导出的日期范围内：这些天没有考勤数据，不计缺勤`,
  invalid_dropped: (a) => `平台判为“打卡无效”的 ${a.count} 次打卡已剔除`,
  corrections: (a) => `${a.count} 次补卡（补卡审批通过、管理员改为正常）按补签计，写入请假表`,
  repeated_rows: (a) => `有 ${a.count} 行与前面的行完全相同（同一人、同一天、同一时段），只计一次`,
  file_given_twice: (a) => `${a.file === a.earlier ? `${a.file} 给了两次` : `${a.file} 与 ${a.earlier} 是同一个文件`}，只读一次`,
  same_punches: (a) =>
    `${a.first} 与 ${a.second} 中有 ${a.count} 次打卡两份都有，${SAME_CLOCKING}`,
  shifts_without_times: (a) => `有 ${a.count} 个人·天的班次只写了名称、没有时间，按考核方案的作息时间计`,
  clock_as_id: () => '人员表没有填写考勤号码（没有“考勤号码”列，或都写着无、0 之类）：导出中的考勤号码按工号匹配',
  people_built: (a) => `人员取自导出（${a.count} 人）；如需类别、到岗离岗日期，请用 --roster 给出人员表`,
};

const recognisedUse: Record<string, string> = {
  punches: '，打卡取自此表',
  skipped: '，排班表不读（班次编号的时间不在导出中）：班次按打卡导出写明的时段或“班次”表',
  anomalies: '，只列出有异常的日子：只与 kaohe 的判定对照，不作打卡',
};

export function formatImportNote(note: ImportNote): string {
  return noteText[note.code](escapedArgs(note.args));
}

/** Words from an input (file, sheet and person names, the platform's verdicts) shown with their controls as codes. */
function escapedArgs(args: Args): Args {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? escapeControls(v) : v]));
}

const kindText: Record<VerdictKind, string> = { late: '迟到', early: '早退', absent: '旷工', missing: '缺卡' };

/** "迟到 一致 131/132（人·天）" */
export function formatAgreement(a: Agreement): string {
  return `${kindText[a.kind]}${a.unit === 'person' ? '（汇总）' : ''} 一致 ${a.agree}/${a.total}（${a.unit === 'day' ? '人·天' : '人'}）`;
}

export function formatDifference(difference: Difference): string {
  const d = { ...difference, ...escapedArgs({ name: difference.name, platform: difference.platform, seen: difference.seen }) };
  const when = d.date ? `${shortChineseDate(d.date)} ` : '';
  const kind = kindText[d.kind];
  if (typeof d.kaohe === 'number') return `${d.name} ${kind}：平台 ${d.platform}，kaohe ${d.kaohe}`;
  if (d.kaohe.length === 0) return `${d.name} ${when}${kind}：平台“${d.platform}”，kaohe 未计（当天打卡：${d.seen || '无'}）`;
  return `${d.name} ${when}${kind}：kaohe 计（${d.kaohe.map(formatEvidence).join('；')}），平台未计`;
}

const profileIssueText: Record<ProfileIssueCode, (a: Args) => string> = {
  profile_yaml: (a) => `YAML 格式错误 — ${a.detail}`,
  ...yamlFileTexts('profile'),
  profile_id_format: (a) => `取值“${a.value}”不对：只能用小写字母、数字和连字符`,
  profile_column_undeclared: (a) => `识别用的列 ${a.column} 没有在 columns 中写明表头`,
  profile_who_missing: () => 'columns 中至少要写明 id、clockId、name 之一（是谁的打卡）',
  profile_shape_needs: (a) => `shape: ${a.shape} 还需要：${shapeNeeds[a.needs as ShapeNeed]}`,
  profile_too_large: (a) => `文件超过 ${a.limit}，不像格式描述文件，未读取`,
  profile_too_many_aliases: (a) => `YAML 别名（*名称）展开超过 ${a.limit} 次，未读取`,
};

const shapeNeeds: Record<ShapeNeed, string> = {
  datetime_or_date_time: 'columns 中的 datetime，或 date 和 time',
  date: 'columns 中的 date',
  times_or_slots: 'columns 中的 times 或 time，或 slots，或 verdicts',
  type_start: 'columns 中的 type 和 start',
  cells: 'cells: times、status 或 shifts',
  verdicts_or_status: 'verdicts，或 cells: status（每天一列的结果）',
  status_for_legend: 'cells: status（图例只用于每天一格的状态）',
  slots: 'slots（每张卡的日表里上班、下班各是哪一列）',
  verdicts_without_times: 'verdicts，且不写打卡的列（time、times、datetime、slots，或 blocks、cards、cells: times）：coverage: anomalies 的表只有出异常的日子才有行，不能当打卡',
};

export function formatProfileIssue(issue: ProfileIssue): string {
  const text = profileIssueText[issue.code](escapedArgs(issue.args));
  return issue.where.line === undefined && issue.where.path.length === 0 ? text : `${formatSchemeLocation(issue.where)}: ${text}`;
}
