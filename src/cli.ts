import { Command, CommanderError, Option } from 'commander';
import { InputError, OutputError, SchemeError, UsageError } from './core/problems.js';
import type { HoursFlags } from './validate/hours.js';
import { kaoheVersion } from './version.js';

/**
 * Wires flags to one composer per command. Heavy modules (exceljs) are imported inside the
 * actions so `kaohe --help` starts fast.
 */
const EXIT_INPUT = 1;
const EXIT_USAGE = 2;

const program = new Command()
  .name('kaohe')
  .description('考核：按考核办法计算便民服务中心、政务服务中心的月度/年度得分，生成公示与扣分明细')
  .version(kaoheVersion(), '-V, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .helpCommand('help [命令]', '显示某个命令的帮助')
  .exitOverride()
  // Commander's own (English) errors are reworded in main(); help and version still print.
  .configureOutput({ outputError: () => undefined });

interface YearFlags extends HoursFlags {
  scheme: string;
  annual?: string;
  output?: string;
  force?: boolean;
  json?: boolean;
  pointValue?: string;
  noticeDate?: string;
  noticeDays?: string;
  each?: boolean;
  jobs?: string;
  calendar?: string;
}

interface ScoreFlags extends HoursFlags {
  scheme: string;
  pointValue?: string;
  calendar?: string;
  period?: string;
  json?: boolean;
  output?: string;
  force?: boolean;
  allowMissingPeer?: boolean;
  noticeDate?: string;
  noticeDays?: string;
}

/** Working hours and calendar: they override the 设置 sheet. */
function withHours(command: Command): Command {
  return command
    .option('--hours <时间>', '全年作息时间，如 08:30-12:00,13:30-17:30')
    .option('--summer-hours <时间>', '夏季作息时间，默认 08:00-11:30,15:00-18:00')
    .option('--winter-hours <时间>', '冬季作息时间，默认 08:00-11:30,14:00-17:30')
    .option('--summer-start <月-日>', '夏季作息开始，默认 05-01')
    .option('--winter-start <月-日>', '冬季作息开始，默认 10-01')
    .option('--grace <分钟>', '迟到、早退宽限分钟，默认 0')
    .option('--calendar <文件>', '补充尚未收录年份的节假日安排 .yaml');
}

/** Options every command that scores a workbook shares. */
function scoringCommand(name: string, description: string): Command {
  const command = program
    .command(name)
    .description(description)
    .argument('[工作簿]', '考核期工作簿 .xlsx，或放各表 CSV 的文件夹（人员.csv、记录.csv…）')
    .requiredOption('-s, --scheme <方案>', '考核方案：内置方案编号（见 kaohe schemes）或方案文件路径 .yaml')
    .option('-p, --period <考核期>', '考核期，如 2026-10、2026-H1、2026；默认从文件名或记录日期判断')
    .addOption(new Option('--allow-missing-peer', '允许有对象缺互评（该项记0分并标注）'));
  return withCsv(withHours(command));
}

/** Each sheet may come as its own CSV file (UTF-8 or GBK). */
function withCsv(command: Command): Command {
  return command
    .option('--roster <csv>', '人员表 CSV')
    .option('--records <csv>', '记录表 CSV')
    .option('--peer <csv>', '互评表 CSV')
    .option('--marks <csv>', '评分表 CSV')
    .option('--metrics <csv>', '指标表 CSV')
    .option('--monthly <csv>', '月度得分表 CSV')
    .option('--punches <csv>', '考勤打卡 CSV')
    .option('--leave <csv>', '请假表 CSV')
    .option('--settings <csv>', '设置表 CSV');
}

function withOutput(command: Command): Command {
  return command
    .option('--point-value <元>', '每分分值，增加考核奖金额列；默认取“设置”表的每分分值')
    .option('-o, --output <文件>', '写出工作簿 .xlsx')
    .option('-f, --force', '允许覆盖已存在的输出文件')
    .option('--notice-date <日期>', '公示日期，默认今天')
    .option('--notice-days <天数>', '公示期工作日数，默认取“设置”表的公示天数或5');
}

withOutput(scoringCommand('score', '计算一个考核期的得分（在终端显示得分表；-o 写出得分表、公示、扣分明细、说明）'))
  .option('--json', '以 JSON 输出结果（供脚本使用）')
  .action(async (input: string | undefined, options: ScoreFlags) => {
    const [{ runScore }, { pointValueOf }] = await Promise.all([import('./commands/score.js'), import('./commands/outputs.js')]);
    const run = await runScore(input, options);
    const pointValue = pointValueOf(options.pointValue, run.settings);
    if (options.output?.toLowerCase().endsWith('.csv')) {
      // The 得分表 alone, as CSV for other systems; formula-like text is neutralised.
      const [{ scoreTable }, { toCsv }, { writeFileSafely }] = await Promise.all([import('./write/sheets/score.js'), import('./write/csv.js'), import('./write/safe-write.js')]);
      const { header, rows } = scoreTable(run.result, pointValue);
      await writeFileSafely(options.output, toCsv([header, ...rows]), options.force ?? false);
    } else if (options.output) {
      const [{ resultWorkbook, unscoredAttendance }, { writeFileSafely }, { runInfo }] = await Promise.all([import('./write/output.js'), import('./write/safe-write.js'), import('./commands/outputs.js')]);
      const workbook = await resultWorkbook(run.result, await runInfo(run, options), unscoredAttendance(run.result, run.attendance), pointValue);
      await writeFileSafely(options.output, workbook, options.force ?? false);
    }
    if (options.json) {
      const { toScoreJson } = await import('./write/json.js');
      process.stdout.write(JSON.stringify(toScoreJson(run.result, run.warnings.filter((p) => p.severity === 'warning'), pointValue), null, 2) + '\n');
      return;
    }
    const [{ renderScoreTable }, { formatProblem, formatWarning }] = await Promise.all([import('./write/terminal.js'), import('./messages.js')]);
    process.stdout.write(renderScoreTable(run.result) + '\n');
    for (const w of run.warnings) process.stderr.write(`提示：${formatProblem(w)}\n`);
    for (const w of run.result.warnings) process.stderr.write(`提示：${formatWarning(w)}\n`);
    if (options.output) process.stderr.write(`已写出：${options.output}\n`);
  });

withOutput(scoringCommand('notice', '只写出公示（更正后重新打印用）'))
  .action(async (input: string | undefined, options: ScoreFlags) => {
    if (!options.output) throw new UsageError('请用 -o 指定公示文件，例如 -o 公示.xlsx');
    const { runScore } = await import('./commands/score.js');
    const run = await runScore(input, options);
    const [{ noticeWorkbook }, { writeFileSafely }, { runInfo }] = await Promise.all([import('./write/output.js'), import('./write/safe-write.js'), import('./commands/outputs.js')]);
    await writeFileSafely(options.output, await noticeWorkbook(run.result, await runInfo(run, options)), options.force ?? false);
    process.stderr.write(`已写出：${options.output}\n`);
  });

scoringCommand('check', '只检查输入，不计分：列出所有问题（文件、工作表、行、列）')
  .action(async (input: string | undefined, options: ScoreFlags) => {
    const [{ runScore }, { formatProblem }] = await Promise.all([import('./commands/score.js'), import('./messages.js')]);
    const run = await runScore(input, options);
    const records = run.result.subjects.reduce((n, s) => n + s.trace.length, 0);
    process.stdout.write(`检查通过：${run.result.subjects.length}个考核对象，${records}条计分记录，可以计分。\n`);
    for (const w of run.warnings) process.stderr.write(`提示：${formatProblem(w)}\n`);
  });

scoringCommand('explain', '逐项说明一个对象的得分是怎么来的（答复申诉用）')
  .argument('<对象>', '工号、姓名或窗口名称')
  .action(async (input: string | undefined, who: string, options: ScoreFlags) => {
    const [{ runScore }, { explainSubject }] = await Promise.all([import('./commands/score.js'), import('./write/explain.js')]);
    const run = await runScore(input, options);
    process.stdout.write(explainSubject(run.result, who).join('\n') + '\n');
  });

withCsv(withHours(program
  .command('attendance')
  .description('从考勤打卡和请假表汇总每人当月出勤（不计分）')
  .argument('[工作簿]', '含 人员、考勤（及请假）工作表的工作簿，或放 CSV 的文件夹')
  .option('-p, --period <月份>', '考勤月份，如 2026-10；默认从文件名判断')
  .option('-o, --output <文件>', '写出考勤汇总工作簿 .xlsx')
  .option('-f, --force', '允许覆盖已存在的输出文件')))
.action(async (input: string | undefined, options: ScoreFlags & { output?: string; force?: boolean }) => {
  const [{ runAttendance }, { renderAttendance, attendanceWorkbook }, { formatProblem }] = await Promise.all([
    import('./commands/attendance.js'),
    import('./write/attendance.js'),
    import('./messages.js'),
  ]);
  const run = await runAttendance(input, options);
  if (options.output) {
    const { writeFileSafely } = await import('./write/safe-write.js');
    await writeFileSafely(options.output, await attendanceWorkbook(run.people, run.period, run.settings.get('单位名称') ?? ''), options.force ?? false);
    process.stderr.write(`已写出：${options.output}\n`);
  } else {
    process.stdout.write(renderAttendance(run.people, run.period) + '\n');
  }
  for (const w of run.warnings) process.stderr.write(`提示：${formatProblem(w)}\n`);
});

withHours(
  program
    .command('year')
    .description('年度（或半年）汇总：逐月计分后按方案的年度规则排名、评等次、标注')
    .argument('<工作簿或文件夹...>', '各月（或上下半年）工作簿，文件名含考核期，如 2026-03.xlsx；也可给文件夹')
    .requiredOption('-s, --scheme <方案>', '考核方案：内置方案编号或方案文件路径 .yaml')
    .option('--annual <工作簿>', '年度工作簿（人员、评分、年度记录、请假），年度方案需要')
    .option('-o, --output <文件>', '写出年度考核工作簿 .xlsx（--each 时为输出文件夹）')
    .option('-f, --force', '允许覆盖已存在的输出文件')
    .option('--json', '以 JSON 输出结果')
    .option('--point-value <元>', '每分分值，增加考核奖金额列；默认取“设置”表的每分分值')
    .option('--notice-date <日期>', '公示日期，默认今天')
    .option('--notice-days <天数>', '公示期工作日数')
    .option('--each', '批量：每个子文件夹是一个中心，各自汇总并写出，另出汇总表')
    .option('--jobs <数量>', '--each 时同时处理的中心数，默认为CPU核数'),
).action(async (inputs: string[], options: YearFlags) => {
  if (options.each) {
    const { runBatch } = await import('./commands/batch.js');
    process.exitCode = await runBatch(inputs, options);
    return;
  }
  const [{ runYear }, { renderYearTable, yearJson, yearWorkbook }, { runInfo, pointValueOf }, { formatProblem }] = await Promise.all([
    import('./commands/year.js'),
    import('./write/year.js'),
    import('./commands/outputs.js'),
    import('./messages.js'),
  ]);
  const run = await runYear(inputs, options);
  const pointValue = pointValueOf(options.pointValue, run.settings);
  if (options.output) {
    const { writeFileSafely } = await import('./write/safe-write.js');
    const info = await runInfo({ scheme: run.result.scheme, files: run.files, settings: run.settings, periodLabel: String(run.result.year) }, options);
    await writeFileSafely(options.output, await yearWorkbook(run.result, info, pointValue), options.force ?? false);
  }
  if (options.json) {
    process.stdout.write(JSON.stringify(yearJson(run.result, pointValue), null, 2) + '\n');
    return;
  }
  process.stdout.write(renderYearTable(run.result, pointValue) + '\n');
  for (const w of run.warnings) if (w.severity === 'warning') process.stderr.write(`提示：${formatProblem(w)}\n`);
  if (options.output) process.stderr.write(`已写出：${options.output}\n`);
});

program
  .command('template')
  .description('写出某个方案的空白考核工作簿（含下拉选项和填写说明）')
  .requiredOption('-s, --scheme <方案>', '考核方案：内置方案编号或方案文件路径 .yaml')
  .requiredOption('-o, --output <文件>', '写出的工作簿，如 2026-11.xlsx')
  .option('--roster <工作簿>', '从上月工作簿复制“人员”表')
  .option('-f, --force', '允许覆盖已存在的输出文件')
  .action(async (options: { scheme: string; output: string; roster?: string; force?: boolean }) => {
    const { writeTemplate } = await import('./commands/template.js');
    await writeTemplate(options);
    process.stderr.write(`已写出：${options.output}\n`);
  });

program
  .command('schemes')
  .description('列出内置考核方案')
  .action(async () => {
    const { listSchemes } = await import('./commands/schemes.js');
    process.stdout.write(listSchemes());
  });

const schemeCommand = program.command('scheme').description('查看或检查考核方案');
schemeCommand
  .command('show')
  .description('显示方案的大项、代码、分值、细则、出处和假定')
  .argument('<方案>', '内置方案编号或方案文件 .yaml')
  .action(async (id: string) => {
    const { showScheme } = await import('./commands/schemes.js');
    process.stdout.write(showScheme(id));
  });
schemeCommand
  .command('check')
  .description('检查自己编写的方案文件，列出所有问题')
  .argument('<文件>', '方案文件 .yaml')
  .action(async (file: string) => {
    const { checkScheme } = await import('./commands/schemes.js');
    process.stdout.write(checkScheme(file));
  });

function commanderMessageChinese(error: CommanderError): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.missingMandatoryOptionValue':
      return `缺少必填选项 ${quoted}`;
    case 'commander.missingArgument':
      return `缺少参数 ${quoted}`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted} 后面需要填写值`;
    case 'commander.unknownOption':
      return `未知的选项 ${quoted}`;
    case 'commander.unknownCommand':
      return `未知的命令 ${quoted}`;
    case 'commander.excessArguments':
      return '参数过多';
    default:
      return error.message.replace(/^error: /, '');
  }
}

/** Known errors print their message only; anything else is a bug and shows its stack. */
async function main(): Promise<number> {
  try {
    await program.parseAsync(process.argv);
    // A command may set its own exit code (a batch with failed centres exits 1).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      process.stderr.write(`错误：${commanderMessageChinese(error)}\n（运行 kaohe --help 查看用法）\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      const { formatProblem } = await import('./messages.js');
      const errors = error.problems.filter((p) => p.severity === 'error');
      process.stderr.write(`输入有 ${errors.length} 处问题，未计分，也未写出任何文件：\n`);
      for (const p of error.problems) process.stderr.write(`${p.severity === 'error' ? '错误' : '提示'}：${formatProblem(p)}\n`);
      return EXIT_INPUT;
    }
    if (error instanceof SchemeError) {
      process.stderr.write(`考核方案 ${error.file} 有 ${error.issues.length} 处问题：\n${error.issues.map((i) => `  ${i}`).join('\n')}\n`);
      process.stderr.write('（写法可对照内置方案：kaohe schemes 列出的任一方案，用 kaohe scheme show 查看；或见 templates/schemes/README.md）\n');
      // Checking a scheme file makes it the input: its problems are input problems.
      return process.argv.slice(2, 4).join(' ') === 'scheme check' ? EXIT_INPUT : EXIT_USAGE;
    }
    // An output that exists (without --force) or cannot be written is a usage problem: the input is fine.
    if (error instanceof UsageError || error instanceof OutputError) {
      process.stderr.write(`错误：${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

process.exitCode = await main();
