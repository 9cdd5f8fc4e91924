import { format } from './core/decimal.js';
import type { Problem, ProblemCode, SourceLocation } from './core/problems.js';
import type { EngineWarning, TraceNote } from './score/result.js';

/** All user-facing wording of problems and trace notes, in Chinese, in one place. */
type Args = Record<string, string | number>;

const problemText: Record<ProblemCode, (a: Args) => string> = {
  file_missing: () => '找不到文件，请检查路径和文件名',
  file_unreadable: (a) =>
    a.reason === 'locked'
      ? '文件无法读取：可能正在被 Excel 或 WPS 打开，请关闭后重试'
      : a.reason === 'not_zip'
        ? '不是 .xlsx 工作簿（可能是改了扩展名的 CSV 或其他文件），请在 Excel 中另存为 .xlsx'
        : `文件已损坏或不是可读取的工作簿（${a.detail ?? ''}），请在 Excel 中打开后另存为 .xlsx`,
  file_not_xlsx: () => '这是旧版 .xls/.et 文件或设置了打开密码的工作簿：请在 Excel/WPS 中去掉密码并另存为 .xlsx',
  sheet_missing: (a) => `缺少工作表“${a.sheet}”${a.aliases ? `（也可命名为 ${a.aliases}）` : ''}`,
  sheet_empty: () => '工作表没有数据行',
  header_missing: (a) => `找不到表头行（前10行中没有可识别的列名），应包含：${a.expected}`,
  column_missing: (a) => `缺少必填列“${a.column}”${a.aliases ? `（也可写作 ${a.aliases}）` : ''}`,
  column_unknown: () => '无法识别的列名，该列已忽略',
  csv_invalid: (a) => `CSV 文件格式有误：${a.detail}`,
  csv_is_workbook: () => '这是 .xlsx 工作簿，不是 CSV：请直接作为工作簿输入，或在 Excel 中另存为 CSV',
  csv_needs_flag: () => '单个 CSV 文件请用 --roster、--records 等选项指明是哪张表，或把各表的 CSV 放在一个文件夹里（人员.csv、记录.csv…）',
  zip_too_large: (a) => `工作簿解压后过大（${a.detail}），可能已损坏或不是正常的考核工作簿，已拒绝读取`,
  formula_without_result: (a) => `公式 =${a.formula} 没有计算结果：请在 Excel 中打开并保存一次，或改填数值`,
  value_required: () => '必填，不能为空',
  date_invalid: (a) => `日期“${a.value}”无法识别，请写成 2026-10-05、2026/10/5 或 2026年10月5日`,
  number_invalid: (a) => `“${a.value}”不是数字（最多两位小数）`,
  count_invalid: (a) => `次数应为不小于1的整数，填写的是“${a.value}”`,
  date_outside_period: (a) => `日期 ${a.value} 不在考核期 ${a.first} 至 ${a.last} 之内`,
  person_unknown: (a) => `人员“${a.value}”不在人员表中`,
  person_ambiguous: (a) => `人员表中有多个“${a.value}”（工号 ${a.ids}），请改填工号`,
  person_inactive: (a) => `人员“${a.value}”本考核期不在岗（见人员表到岗/离岗日期）`,
  person_id_duplicate: (a) => `工号 ${a.id} 重复（第${a.firstRow}行已有）`,
  person_name_mismatch: (a) => `工号 ${a.id} 在人员表中是“${a.expected}”，此处填写的是“${a.value}”`,
  unit_unknown: (a) => `窗口/科室“${a.value}”不在人员表中${a.suggestion ? `，是否为“${a.suggestion}”？` : ''}`,
  unit_record_in_person_scheme: (a) => `本方案按个人考核，记录须填写工号或姓名，不能只填窗口“${a.value}”`,
  subject_missing: () => '工号、姓名、窗口至少填写一项',
  item_unknown: (a) => `项目“${a.value}”不是本方案的代码或细则名称${a.suggestion ? `，是否为“${a.suggestion}”？` : ''}`,
  item_not_recordable: (a) =>
    a.suggestion ? `“${a.value}”是大项，请填写具体细则代码（如 ${a.suggestion}）` : `“${a.value}”的分数来自互评表，不能在记录表中填写`,
  points_required: (a) => (a.min !== undefined ? `项目 ${a.rule} 视情扣/加${a.min}-${a.max}分，须填写分值` : `项目 ${a.rule} 须填写分值`),
  points_out_of_range: (a) => `项目 ${a.rule} 视情${a.min}-${a.max}分，填写的是 ${a.value}`,
  points_mismatch: (a) => `项目 ${a.rule} 每次${a.expected}分，填写的是 ${a.value}（可留空）`,
  points_must_be_positive: (a) => `项目 ${a.rule} 的分值须大于0`,
  item_from_metrics: (a) => `“${a.value}”按${a.metric}计分，请在“指标”表填写${a.metric}，不要在记录表中填写`,
  mark_item_unknown: (a) => `“${a.value}”不是本方案的评分项目，可填：${a.expected}`,
  mark_out_of_range: (a) => `${a.item} 满分${a.max}分，填写的是 ${a.value}`,
  mark_duplicate: (a) => `“${a.item}”重复评分（第${a.firstRow}行已有）`,
  mark_missing: (a) => `“${a.subject}”缺少“${a.item}”评分`,
  metric_unknown: (a) => `“${a.value}”不是本方案的指标，可填：${a.expected}`,
  metric_duplicate: (a) => `“${a.item}”重复填写（第${a.firstRow}行已有）`,
  metric_missing: (a) => `“${a.subject}”缺少指标“${a.item}”`,
  percent_invalid: (a) => `“${a.value}”不是0到100之间的百分数（可写 96、96% 或 0.96）`,
  monthly_duplicate: (a) => `${a.month} 的月度得分重复（第${a.firstRow}行已有）`,
  peer_score_out_of_range: (a) => `互评分数应在0到100之间，填写的是 ${a.value}`,
  peer_self_rating: (a) => `“${a.value}”给自己打分，已忽略`,
  peer_unknown_subject: (a) => `“${a.value}”不是本期考核对象${a.suggestion ? `，是否为“${a.suggestion}”？` : ''}`,
  peer_missing: (a) => `“${a.subject}”没有任何互评分数（如确实缺评，可加 --allow-missing-peer，该项记0分并标注）`,
  peer_duplicate: (a) => `“${a.rater}”对“${a.ratee}”重复打分（第${a.firstRow}行已有）`,
  setting_unknown: (a) => `未知的设置项“${a.value}”，已忽略`,
  setting_invalid: (a) => `设置“${a.key}”的值“${a.value}”无法识别，应写成 ${a.expected}`,
  calendar_year_unknown: (a) =>
    `日期 ${a.value} 所在年份的节假日安排尚未收录（已收录 ${a.covered} 年），不能按周一至周五猜测；请用 --calendar 提供该年国务院节假日安排`,
  time_invalid: (a) => `时间“${a.value}”无法识别，请写成 8:01、08:01:30 或 Excel 时间`,
  punches_outside_period: (a) => `有 ${a.count} 条打卡不在考核期内（${a.first} 至 ${a.last}），已忽略`,
  punch_person_unknown: (a) => `打卡人员“${a.value}”不在人员表中（共 ${a.count} 行，首次出现在此行），这些打卡已忽略`,
  leave_type_unknown: (a) => `请假类型“${a.value}”无法识别，可填：${a.expected}`,
  leave_part_unknown: (a) => `时段“${a.value}”无法识别，可填：全天、上午、下午`,
  leave_dates_reversed: (a) => `结束日期 ${a.last} 早于开始日期 ${a.first}`,
  attendance_also_typed: (a) => `记录表中填写了“${a.rule}”，而该项目已从考勤打卡推算，可能重复计分，请核对`,
  punch_shape_unknown: () => '考勤表格式无法识别：应有 工号/姓名、日期，以及 时间（每行一次打卡）、打卡时间（一格多次）或 上午上班/上午下班/下午上班/下午下班 列',
  year_file_period: (a) => `文件名中看不出考核期，请按考核期命名，如 ${a.expected}.xlsx`,
  year_period_duplicate: (a) => `考核期 ${a.period} 出现了不止一个文件`,
};

export function formatLocation(at: SourceLocation): string {
  const parts = [at.file];
  if (at.sheet) parts.push(at.sheet);
  if (at.row !== undefined) parts.push(`第${at.row}行`);
  if (at.column) parts.push(at.columnLetter ? `${at.column}(${at.columnLetter}列)` : at.column);
  else if (at.columnLetter) parts.push(`${at.columnLetter}列`);
  return parts.join(' › ');
}

export function formatProblem(p: Problem): string {
  return `${formatLocation(p.at)}: ${problemText[p.code](p.args)}`;
}

export function formatTraceNote(note: TraceNote): string {
  switch (note.code) {
    case 'escalated':
      return `${note.group}累计第${note.occurrences.join('、')}次，${note.from}次以上按${note.factor}倍扣分`;
    case 'item_cap':
      return `第${note.item}项扣完为止，${format(note.cut)}分不计`;
    case 'matter_duplicate':
      return `同一事项（${note.matter}）就高不重复，已按 ${formatLocation(note.kept)} 计分`;
    case 'bonus_item_cap':
      return `第${note.item}项加分已达上限，${format(note.cut)}分不计`;
    case 'bonus_cap':
      return `加分总额已达上限，${format(note.cut)}分不计`;
    case 'per_n':
      return `累计${note.total}次，每${note.every}次扣分${note.times > 0 ? `，本条满${note.every}次${note.times}回` : '，本条未满'}`;
    case 'over':
      return `累计${note.total}${note.unit}，超过${note.threshold}${note.unit}`;
    case 'below_threshold':
      return `累计${note.total}${note.unit}，未超过${note.threshold}${note.unit}，不扣分`;
    case 'rate':
      return `${note.metric} ${format(note.value)}%，低于${format(note.target)}%，每${format(note.per)}个百分点扣分`;
    case 'flag_only':
      return '只作标注，不计分';
  }
}

export function formatWarning(w: EngineWarning): string {
  switch (w.code) {
    case 'award_tie':
      return `${w.award}：第${w.rank}名并列，共${w.winners}个超过名额${w.top}个，标注“并列”，请中心主任办公会研究确定`;
    case 'peer_missing_allowed':
      return `“${w.subject}”缺互评，互评项按0分计并标注`;
    case 'grade_quota_tie':
      return `${w.grade}名额${w.quota}个，分数线处并列共${w.candidates}人，均标注“并列”，请研究确定`;
  }
}
