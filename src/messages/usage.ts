import type { UsageArgs, UsageCode, UsageError } from '../core/problems.js';
import { shortLabel } from '../messages.js';

/** The words of usage errors (exit 2): a flag missing or wrong, a file named on the command line not found. */

const suggested = (a: UsageArgs) => (a.suggestion === undefined ? '' : `，是否为“${a.suggestion}”？`);

const periodKindText: Record<string, string> = { month: '月度', half: '半年', year: '年度', range: '自定日期段' };

/** Each zod issue of a calendar file entry by its kind: a date not understood carries its text, a range its limit. */
interface CalendarIssue {
  path: string;
  code: string;
  value?: string;
  /** A date read but refused: of another year than the entry's, or in both lists. */
  reason?: 'other_year' | 'both_lists';
  year?: string;
  limit?: string;
  keys?: string;
}

const calendarIssueText = (e: CalendarIssue): string => {
  switch (e.code) {
    case 'custom':
      if (e.reason === 'other_year') return `${e.value} 不是 ${e.year} 年的日期（每段只写 year 那一年的放假日和调休上班日；别的年份另写一段）`;
      if (e.reason === 'both_lists') return `${e.value} 既在 holidays 中又在 workdays 中：一天只能是放假日或调休上班日之一`;
      return `日期“${e.value}”无法识别`;
    case 'too_small':
      return e.path === 'source' ? '不能为空' : `应不小于 ${e.limit}`;
    case 'too_big':
      return `应不大于 ${e.limit}`;
    case 'invalid_type':
      return '缺少或类型不对';
    case 'unrecognized_keys':
      return `未知的键 ${e.keys}（只能写 year、source、holidays、workdays）`;
    default:
      return '取值不对';
  }
};

function calendarIssues(json: string): string {
  const issues = JSON.parse(json) as CalendarIssue[];
  // zod's place of a list entry counts from 0 (holidays.1): said as a clerk counts, holidays 第2项.
  const place = (path: string) => path.replace(/\.(\d+)/g, (_, i: string) => ` 第${Number(i) + 1}项`);
  return issues.map((e) => `${e.path === '' ? '' : `${place(e.path)}：`}${calendarIssueText(e)}`).join('；');
}

/** Why a file or folder could not be read, in a clerk's words. */
function readReason(code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'ELOOP':
      return '链接绕成了一个圈';
    case 'ENOTDIR':
      return '路径中有一段不是文件夹';
    case 'ENOENT':
      return '不存在';
    default:
      return code;
  }
}

const usageText: Record<UsageCode, (a: UsageArgs) => string> = {
  option_required: (a) => `缺少必填选项 ${a.flags}`,
  option_repeated: (a) => `${a.flag} 给了不止一次：每个选项只取一个值，kaohe 不替您选用哪一个，请只写一次${a.file ? '。几台考勤机或几个导出文件，请先用 kaohe import 文件1 文件2 … -o 工作簿.xlsx 合成一个考核工作簿，核对后再计分' : ''}`,
  hours_flags_both: (a) => `--hours 是全年作息时间，又给了 ${a.flags}，无法确定该季节用哪一个：全年相同只用 --hours，分季节请只用 --summer-hours 和 --winter-hours`,
  period_invalid: (a) => `--period "${a.value}" 无法识别，请写成 2026-10、2026-H1 或 2026`,
  period_unknown: (a) => `无法从文件名“${a.file}”或记录日期判断考核期，请用 --period 写明，如 --period 2026-11（某月）、2026-H1（上半年）或 2026（全年）`,
  period_kind_mismatch: (a) => `方案 ${a.scheme} 的考核周期是${periodKindText[String(a.schemeKind)]}，而考核期 ${a.period} 是${periodKindText[String(a.periodKind)]}`,
  attendance_period_not_month: (a) => `--period "${a.value}" 应为一个月份，如 2026-10；其他日期段请用 --from/--to`,
  attendance_period_missing: () => '请用 --period 指定考勤月份，例如 --period 2026-10；或用 --from/--to 指定日期段',
  from_to_invalid: (a) => `--from 和 --to 须同时给出，写成 2026-11-02 这样的日期（给出的是 ${a.from ?? '（无）'} 至 ${a.to ?? '（无）'}）`,
  to_before_from: (a) => `--to ${a.last} 早于 --from ${a.first}`,
  point_value_invalid: (a) => `每分分值“${a.value}”应为大于0的金额（元），最多两位小数`,
  notice_date_invalid: (a) => `--notice-date "${a.value}" 无法识别，请写成 2026-11-23`,
  notice_days_invalid: (a) => `公示天数“${a.value}”应为1到60之间的整数`,
  top_invalid: (a) => `--top "${a.value}" 应为不小于1的整数`,
  jobs_invalid: (a) => `--jobs “${a.value}” 应为正整数`,
  jobs_without_each: (a) => `--jobs ${a.value} 只在 --each（逐个汇总多个中心）时使用：汇总一个中心时请去掉 --jobs`,
  input_missing: () => '请给出考核工作簿，或用 --roster、--records 等选项给出各表的 CSV 文件',
  path_missing: (a) => `找不到：${a.path}`,
  path_unreadable: (a) => `无法读取：${a.path}（${readReason(String(a.reason))}）`,
  link_dangling: (a) => `“${a.path}”是一个链接，它指向的${a.target === '' ? '位置' : ` ${a.target} `}已不存在：请删除或改正这个链接后再运行`,
  calendar_unreadable: (a) => `节假日文件 ${a.file} 无法读取：${a.detail}`,
  calendar_invalid: (a) => `节假日文件 ${a.file} 第${a.part}段：${calendarIssues(String(a.issues))}`,
  scheme_file_missing: (a) => `找不到考核方案文件：${a.scheme}${a.builtin ? `。${a.builtin} 是内置方案：内置方案请直接写 --scheme ${a.builtin}` : ''}`,
  scheme_check_file_missing: (a) => `找不到方案文件：${a.file}${a.builtin ? `。${a.file} 是内置方案，随 kaohe 检查过；查看它的内容请用 kaohe scheme show ${a.file}` : ''}`,
  scheme_unknown: (a) => `没有名为 "${a.scheme}" 的内置考核方案${a.nearest ? `，是否为 ${a.nearest}？` : '。'}可用的方案：${a.known}`,
  profile_file_missing: (a) => `找不到格式描述文件：${a.file}`,
  profile_unknown: (a) => `没有名为 "${a.id}" 的导出格式。已知的格式：${a.known}`,
  import_no_exports: () => '请给出要导入的考勤导出文件',
  output_empty: () => '-o 后的文件名是空的：请写上要写出的文件，例如 -o 结果.xlsx',
  import_output_missing: () => '请用 -o 指定写出的工作簿，例如 -o 2026-11.xlsx',
  import_period_invalid: (a) => `--period "${a.value}" 无法识别，请写成 2026-10`,
  import_no_dates: () => '导出中没有找到任何考勤日期，请用 --period 或 --from/--to 指明日期',
  year_scheme_is_annual: (a) => `方案 ${a.scheme} 按年计分，请用 kaohe score 并在“月度”表中给出各月得分`,
  year_no_workbooks: (a) => `没有找到考核期工作簿（.xlsx、.xlsm、.xls）${a.below ? `：文件夹里没有，子文件夹 ${a.below} 中有，请给出该子文件夹` : ''}`,
  year_many_years: (a) => `输入跨越多个年度（${a.years}），请每年分别运行`,
  year_annual_missing: (a) => `方案 ${a.scheme} 还需要年度工作簿（人员、评分、年度记录）：请加 --annual ${a.year}年度.xlsx`,
  year_periods_missing: (a) => {
    const what = a.kind === 'half' ? '半年' : '月份';
    const missing = String(a.missing).split(',').map(shortLabel).join('、');
    return `${a.year}年缺少 ${missing} 的工作簿（共找到 ${a.found} 个）。全年规则（累计、最低分、名额）要用完整的一年：请补齐；如确要按现有${what}汇总，请加 --partial，各输出都会注明缺少哪些${what}`;
  },
  batch_output_missing: () => '批量运行请用 -o 指定输出文件夹',
  batch_folder_missing: (a) => `找不到文件夹：${a.folder}`,
  batch_no_centres: (a) => `${a.roots} 下没有中心子文件夹`,
  batch_centre_duplicate: (a) => `有两个中心都叫“${a.centre}”：${a.folders}，结果会写到同一个文件 ${a.file}，后一个会顶替前一个：请把其中一个文件夹改名后再运行`,
  notice_output_missing: () => '请用 -o 指定公示文件，例如 -o 公示.xlsx',
  explain_who_missing: () => '请给出要说明的对象：工号、姓名或窗口名称，例如 kaohe explain 2026-10.xlsx --scheme bingcha-monthly 民政窗口',
  explain_year_folder_missing: () => '--year 时请给出放各月工作簿的文件夹，例如 kaohe explain 2026/ --year --scheme bianmin-10pt 张三',
  explain_ambiguous: (a) => `有多个“${a.who}”（工号 ${a.ids}），请改用工号`,
  explain_roster_ambiguous: (a) => `人员表中有多个“${a.who}”（工号 ${a.ids}），请改用工号`,
  explain_inactive: (a) => `“${a.who}”在人员表中，但本考核期不在岗（见人员表到岗/离岗日期），没有得分`,
  explain_not_found: (a) => `本期考核对象中没有“${a.who}”${suggested(a)}`,
  explain_unit_of_persons: (a) => `“${a.who}”是${a.unitLabel}，本方案按个人考核：请给出其中一人的工号或姓名（${a.people}）`,
  explain_year_not_found: (a) => `${a.year}年度考核对象中没有“${a.who}”${suggested(a)}`,
};

export function formatUsageError(error: Pick<UsageError, 'code' | 'args'>): string {
  return usageText[error.code](error.args);
}
