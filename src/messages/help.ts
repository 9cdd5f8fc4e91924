/**
 * The words of the command line's help (src/cli): commander's headings, each command's
 * description, its arguments and options, and the examples under `kaohe --help`. Nothing here
 * is imported at a cost: `kaohe --help` loads this module and commander only.
 */

/** Commander's headings, in Chinese. */
export const helpHeadings: Readonly<Record<string, string>> = { 'Usage:': '用法：', 'Arguments:': '参数：', 'Options:': '选项：', 'Commands:': '命令：', 'Global Options:': '全局选项：' };

export const usageHeading = '用法：';

export const programHelp = {
  description: '考核：按考核办法计算便民服务中心、政务服务中心的月度/年度得分，生成公示与扣分明细',
  version: '显示版本号',
  help: '显示帮助',
  helpCommand: '显示某个命令的帮助',
  footer: `
示例：
  kaohe template --scheme bingcha-monthly -o 2026-11.xlsx        新建一个月的考核工作簿
  kaohe score 2026-10.xlsx --scheme bingcha-monthly -o 结果.xlsx  计分并写出得分表、公示、扣分明细
  kaohe explain 2026-10.xlsx --scheme bingcha-monthly 民政窗口     逐项说明得分
  kaohe year 2026/ --scheme bianmin-10pt -o 2026年度考核.xlsx     全年汇总

运行 kaohe help <命令> 查看某个命令的全部选项；kaohe schemes 列出内置考核方案。
`,
} as const;

/** Options several commands share (src/cli/options.ts). */
export const sharedOptionHelp = {
  hours: '全年作息时间，如 08:30-12:00,13:30-17:30',
  summerHours: '夏季作息时间，默认 08:00-11:30,15:00-18:00',
  winterHours: '冬季作息时间，默认 08:00-11:30,14:00-17:30',
  summerStart: '夏季作息开始，默认 05-01',
  winterStart: '冬季作息开始，默认 10-01',
  grace: '迟到、早退宽限分钟，默认 0',
  calendar: '补充尚未收录年份的节假日安排 .yaml（也用于公示期）',
  format: '指定导出格式（不自动识别），如 dingtalk-daily；kaohe import --formats 列出全部',
  profile: '自己编写的导出格式描述 .yaml（写法见 templates/profiles）',
  from: '只取此日起的考勤，如 2026-11-02',
  to: '只取到此日止的考勤，如 2026-11-08',
  force: '允许覆盖已存在的输出文件（只替换普通文件，从不覆盖输入文件）',
  noticeDate: '公示日期，默认今天',
  noticeDays: '公示期工作日数，默认取“设置”表的公示天数或5',
  pointValue: '每分分值，增加考核奖金额列；默认取“设置”表的每分分值',
  scheme: '（必填）考核方案：内置方案编号（见 kaohe schemes）或方案文件路径 .yaml',
  workbook: '考核期工作簿 .xlsx，或放各表 CSV 的文件夹（人员.csv、记录.csv…）',
  period: '考核期，如 2026-10、2026-H1、2026；默认从文件名或记录日期判断',
  allowMissingPeer: '允许有对象缺互评（该项记0分并标注）',
} as const;

/** One option per sheet that may come as its own CSV file. */
export const csvOptionHelp = {
  roster: '人员表：CSV，或含“人员”表（工号、姓名…）的工作簿',
  records: '记录表 CSV',
  peer: '互评表 CSV',
  marks: '评分表 CSV',
  metrics: '指标表 CSV',
  monthly: '月度得分表 CSV',
  punches: '考勤打卡：按模板填写的“考勤”表（CSV、工作簿均可），或考勤机、钉钉、企业微信导出的原文件（.xls/.xlsx/.csv/attlog.dat）',
  leave: '请假表：按模板填写的“请假”表（CSV、工作簿均可），或钉钉审批、人事请假清单等导出',
  settings: '设置表 CSV',
} as const;

export const scoreHelp = {
  description: '计算一个考核期的得分（在终端显示得分表；-o 写出得分表、公示、扣分明细、说明）',
  output: '写出结果：.xlsx 工作簿（得分表、公示、扣分明细、说明）、.csv 得分表或 .json',
  json: '以 JSON 输出结果（供脚本使用）',
} as const;

export const noticeHelp = {
  description: '只写出公示（更正后重新打印用）',
  output: '（必填）写出的公示工作簿 .xlsx',
} as const;

export const checkHelp = {
  description: '只检查输入，不计分：列出所有问题（文件、工作表、行、列）',
} as const;

export const explainHelp = {
  description: '逐项说明一个对象的得分是怎么来的（答复申诉用）；加 --year 说明全年',
  input: '考核期工作簿 .xlsx 或放各表 CSV 的文件夹；--year 时为放各月工作簿的文件夹（用 --roster 等给出 CSV 时可省略）',
  who: '工号、姓名或窗口名称',
  year: '说明全年：各月得分、合计或折算、年度评分与扣分、加分、名次和标注',
  annual: '--year 时年度方案的年度工作簿（人员、评分、年度记录）',
  partial: '--year 时允许缺少月份，按已有月份汇总',
} as const;

export const attendanceHelp = {
  description: '从考勤打卡和请假表汇总每人出勤（不计分）；可直接读考勤机、钉钉、企业微信的导出文件',
  input: '含 人员、考勤（及请假）工作表的工作簿，放 CSV 的文件夹，或考勤导出文件',
  period: '考勤月份，如 2026-10；默认取导出的统计日期或文件名',
  scheme: '按该考核方案的作息时间和请假用词汇总（默认栟茶镇作息、常见请假用词）',
  output: '写出考勤汇总：.xlsx 工作簿（汇总、明细）或 .csv 汇总',
} as const;

export const importHelp = {
  description: '把考勤机、钉钉、企业微信的导出文件转成考核工作簿的 人员/考勤/请假/班次/设置 表，先核对再计分',
  exports: '考勤导出文件（.xls/.xlsx/.csv/attlog.dat），可给多个',
  output: '写出的工作簿，如 2026-11.xlsx',
  roster: '人员表（CSV 或工作簿）：按工号、考勤号码或姓名对应导出中的人员',
  period: '只取这个月的考勤，如 2026-11',
  calendar: '补充尚未收录年份的节假日安排 .yaml',
  formats: '列出能识别的导出格式',
} as const;

export const yearHelp = {
  description: '年度（或半年）汇总：逐月计分后按方案的年度规则排名、评等次、标注',
  inputs: '各月（或上下半年）工作簿（.xlsx、.xlsm 或 .xls），文件名含考核期，如 2026-03.xlsx；也可给文件夹',
  annual: '年度工作簿（人员、评分、年度记录、请假），年度方案需要',
  partial: '缺少月份时仍按已有月份汇总（各输出注明缺少的月份）',
  output: '写出结果：.xlsx 工作簿（年度考核表、等次公示、标注明细、说明）、.csv 或 .json；--each 时为输出文件夹',
  json: '以 JSON 输出结果',
  top: '年度奖项（如先进科室）取前N名，默认按方案（先进科室默认3名）',
  each: '批量：每个子文件夹是一个中心，各自汇总并写出，另出汇总表',
  jobs: '--each 时同时处理的中心数，默认为CPU核数',
} as const;

export const templateHelp = {
  description: '写出某个方案的空白考核工作簿（含下拉选项和填写说明）',
  output: '（必填）写出的工作簿 .xlsx，如 2026-11.xlsx',
  roster: '从上月工作簿复制“人员”和“设置”表（按表头对应各列）',
} as const;

export const schemesHelp = {
  list: '列出内置考核方案',
  group: '查看或检查考核方案',
  show: '显示方案的大项、代码、分值、细则、出处和假定',
  showScheme: '内置方案编号或方案文件 .yaml',
  check: '检查自己编写的方案文件，列出所有问题',
  checkFile: '方案文件 .yaml',
} as const;
