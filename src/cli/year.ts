import type { Command } from 'commander';
import type { YearOptions } from '../commands/year.js';
import { UsageError } from '../core/problems.js';
import type { CliContext } from './io.js';
import { withHours } from './options.js';

interface YearFlags extends Omit<YearOptions, 'top'> {
  top?: string;
  output?: string;
  force?: boolean;
  json?: boolean;
  pointValue?: string;
  noticeDate?: string;
  noticeDays?: string;
  each?: boolean;
  jobs?: string;
}

/** `kaohe year`: the periods of a year scored one by one, then the scheme's year rules. */
export function registerYear(program: Command, { io, setExitCode }: CliContext): void {
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
      .option('--top <N>', '年度奖项（如先进科室）取前N名，默认按方案（先进科室默认3名）')
      .option('--each', '批量：每个子文件夹是一个中心，各自汇总并写出，另出汇总表')
      .option('--jobs <数量>', '--each 时同时处理的中心数，默认为CPU核数'),
  ).action(async (inputs: string[], flags: YearFlags) => {
    const { top: topText, ...rest } = flags;
    const top = topText === undefined ? undefined : Number(topText.normalize('NFKC'));
    if (top !== undefined && (!Number.isInteger(top) || top < 1)) throw new UsageError(`--top "${topText}" 应为不小于1的整数`);
    const options: YearOptions & Omit<YearFlags, 'top'> = { ...rest, ...(top === undefined ? {} : { top }) };
    if (options.each) {
      const { runBatch } = await import('../commands/batch.js');
      setExitCode(await runBatch(inputs, options, io));
      return;
    }
    const [{ runYear }, { renderYearTable, yearJson, yearWorkbook }, { runInfo, pointValueOf }, { formatProblem, yearWarnings }] = await Promise.all([
      import('../commands/year.js'),
      import('../write/year.js'),
      import('../commands/outputs.js'),
      import('../messages.js'),
    ]);
    const run = await runYear(inputs, options);
    const pointValue = pointValueOf(options.pointValue, run.settings);
    if (options.output) {
      const { writeFileSafely } = await import('../write/safe-write.js');
      const info = await runInfo({ scheme: run.result.scheme, files: run.files, settings: run.settings, periodLabel: String(run.result.year) }, options);
      await writeFileSafely(options.output, await yearWorkbook(run.result, info, pointValue), options.force ?? false);
    }
    if (options.json) {
      io.stdout.write(JSON.stringify(yearJson(run.result, pointValue), null, 2) + '\n');
      return;
    }
    io.stdout.write(renderYearTable(run.result, pointValue) + '\n');
    for (const w of run.warnings) if (w.severity === 'warning') io.stderr.write(`提示：${formatProblem(w)}\n`);
    for (const w of yearWarnings(run.result)) io.stderr.write(`提示：${w}\n`);
    if (options.output) io.stderr.write(`已写出：${options.output}\n`);
  });
}
