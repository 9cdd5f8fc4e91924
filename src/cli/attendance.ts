import type { Command } from 'commander';
import type { ScoreRunOptions } from '../commands/score.js';
import type { CliContext } from './io.js';
import { withCsv, withExports, withForce, withHours } from './options.js';

/** `kaohe attendance`: punches and leave summed per person, not scored; checked against the platform's verdicts when the export has them. */
export function registerAttendance(program: Command, { io }: CliContext): void {
  withExports(
    withForce(
      withCsv(
        withHours(
          program
            .command('attendance')
            .description('从考勤打卡和请假表汇总每人出勤（不计分）；可直接读考勤机、钉钉、企业微信的导出文件')
            .argument('[工作簿]', '含 人员、考勤（及请假）工作表的工作簿，放 CSV 的文件夹，或考勤导出文件')
            .option('-p, --period <月份>', '考勤月份，如 2026-10；默认取导出的统计日期或文件名')
            .option('-s, --scheme <方案>', '按该考核方案的作息时间和请假用词汇总（默认栟茶镇作息、常见请假用词）')
            .option('-o, --output <文件>', '写出考勤汇总：.xlsx 工作簿（汇总、明细）或 .csv 汇总'),
        ),
        ['roster', 'punches', 'leave', 'settings'],
      ),
    ),
  ).action(async (input: string | undefined, options: Omit<ScoreRunOptions, 'scheme'> & { output?: string; force?: boolean }) => {
    const [{ runAttendance }, { renderAttendance, renderAttendanceSummary, attendanceWorkbook, attendanceTable }, { formatProblem, formatImportNote, formatAgreement, formatDifference }, { givenInputs, namerFor, planOutput, writePlanned, writtenText }] = await Promise.all([
      import('../commands/attendance.js'),
      import('../write/attendance.js'),
      import('../messages.js'),
      import('../commands/outputs.js'),
    ]);
    const plan = options.output ? await planOutput('attendance', options.output, options.force ?? false, givenInputs([input], options)) : null;
    const run = await runAttendance(input, options);
    for (const note of run.notes) io.stderr.write(`${formatImportNote(note)}\n`);
    if (plan) {
      const { withInputNames } = await import('../write/input-names.js');
      const people = withInputNames(run.people, namerFor([input]));
      if (plan.format === '.csv') {
        const { toCsv } = await import('../write/csv.js');
        const { header, rows } = attendanceTable(people);
        await writePlanned(plan, toCsv([header, ...rows]), run.files);
      } else {
        await writePlanned(plan, await attendanceWorkbook(people, run.period, run.settings.get('单位名称') ?? ''), run.files);
      }
      io.stdout.write(renderAttendanceSummary(run.people, run.period) + '\n');
      io.stderr.write(`已写出：${writtenText('attendance', plan)}\n`);
    } else {
      io.stdout.write(renderAttendance(run.people, run.period) + '\n');
    }
    if (run.agreement.length > 0) {
      io.stdout.write(`\n与平台自己的判定对照：${run.agreement.map(formatAgreement).join('；')}\n`);
      for (const d of run.agreement.flatMap((a) => a.differences)) io.stdout.write(`  不一致：${formatDifference(d)}\n`);
    }
    for (const w of run.warnings) io.stderr.write(`提示：${formatProblem(w)}\n`);
  });
}
