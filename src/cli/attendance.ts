import type { Command } from 'commander';
import type { ScoreRunOptions } from '../commands/score.js';
import type { CliContext } from './io.js';
import { withCsv, withForce, withHours } from './options.js';

/** `kaohe attendance`: punches and leave summed per person, not scored. */
export function registerAttendance(program: Command, { io }: CliContext): void {
  withForce(
    withCsv(
      withHours(
        program
          .command('attendance')
          .description('从考勤打卡和请假表汇总每人当月出勤（不计分）')
          .argument('[工作簿]', '含 人员、考勤（及请假）工作表的工作簿，或放 CSV 的文件夹')
          .option('-p, --period <月份>', '考勤月份，如 2026-10；默认从文件名判断')
          .option('-s, --scheme <方案>', '按该考核方案的作息时间和请假用词汇总（默认栟茶镇作息、常见请假用词）')
          .option('-o, --output <文件>', '写出考勤汇总：.xlsx 工作簿（汇总、明细）或 .csv 汇总'),
      ),
      ['roster', 'punches', 'leave', 'settings'],
    ),
  ).action(async (input: string | undefined, options: Omit<ScoreRunOptions, 'scheme'> & { output?: string; force?: boolean }) => {
    const [{ runAttendance }, { renderAttendance, attendanceWorkbook, attendanceTable }, { formatProblem }, outputs] = await Promise.all([
      import('../commands/attendance.js'),
      import('../write/attendance.js'),
      import('../messages.js'),
      import('../commands/outputs.js'),
    ]);
    const plan = options.output ? await outputs.planOutput('attendance', options.output, options.force ?? false, outputs.givenInputs([input], options)) : null;
    const run = await runAttendance(input, options);
    if (plan) {
      const { withInputNames } = await import('../write/input-names.js');
      const people = withInputNames(run.people, outputs.namerFor([input]));
      if (plan.format === '.csv') {
        const { toCsv } = await import('../write/csv.js');
        const { header, rows } = attendanceTable(people);
        await outputs.writePlanned(plan, toCsv([header, ...rows]), run.files);
      } else {
        await outputs.writePlanned(plan, await attendanceWorkbook(people, run.period, run.settings.get('单位名称') ?? ''), run.files);
      }
      io.stderr.write(`已写出：${plan.target}\n`);
    } else {
      io.stdout.write(renderAttendance(run.people, run.period) + '\n');
    }
    for (const w of run.warnings) io.stderr.write(`提示：${formatProblem(w)}\n`);
  });
}
