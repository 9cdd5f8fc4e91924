import type { Command } from 'commander';
import type { ScoreRunOptions } from '../commands/score.js';
import type { CliContext } from './io.js';
import { withCsv, withHours } from './options.js';

/** `kaohe attendance`: punches and leave summed per person, not scored. */
export function registerAttendance(program: Command, { io }: CliContext): void {
  withCsv(
    withHours(
      program
        .command('attendance')
        .description('从考勤打卡和请假表汇总每人当月出勤（不计分）')
        .argument('[工作簿]', '含 人员、考勤（及请假）工作表的工作簿，或放 CSV 的文件夹')
        .option('-p, --period <月份>', '考勤月份，如 2026-10；默认从文件名判断')
        .option('-s, --scheme <方案>', '按该考核方案的作息时间和请假用词汇总（默认栟茶镇作息、常见请假用词）')
        .option('-o, --output <文件>', '写出考勤汇总工作簿 .xlsx')
        .option('-f, --force', '允许覆盖已存在的输出文件'),
    ),
  ).action(async (input: string | undefined, options: Omit<ScoreRunOptions, 'scheme'> & { output?: string; force?: boolean }) => {
    const [{ runAttendance }, { renderAttendance, attendanceWorkbook }, { formatProblem }] = await Promise.all([
      import('../commands/attendance.js'),
      import('../write/attendance.js'),
      import('../messages.js'),
    ]);
    const run = await runAttendance(input, options);
    if (options.output) {
      const { writeFileSafely } = await import('../write/safe-write.js');
      await writeFileSafely(options.output, await attendanceWorkbook(run.people, run.period, run.settings.get('单位名称') ?? ''), options.force ?? false);
      io.stderr.write(`已写出：${options.output}\n`);
    } else {
      io.stdout.write(renderAttendance(run.people, run.period) + '\n');
    }
    for (const w of run.warnings) io.stderr.write(`提示：${formatProblem(w)}\n`);
  });
}
