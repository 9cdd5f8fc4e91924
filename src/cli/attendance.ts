import type { Command } from 'commander';
import type { ScoreRunOptions } from '../commands/score.js';
import type { CliContext } from './io.js';
import { withCsv, withExports, withForce, withHours, withOutput } from './options.js';
import { attendanceHelp } from '../messages/help.js';
import { agreementLine, differenceLine, hintLine, writtenLine } from '../messages/terminal.js';

/** `kaohe attendance`: punches and leave summed per person, not scored; checked against the platform's verdicts when the export has them. */
export function registerAttendance(program: Command, { io }: CliContext): void {
  withExports(
    withForce(
      withCsv(
        withHours(
          withOutput(
            program
              .command('attendance')
              .description(attendanceHelp.description)
              .argument('[工作簿]', attendanceHelp.input)
              .option('-p, --period <月份>', attendanceHelp.period)
              .option('-s, --scheme <方案>', attendanceHelp.scheme),
            attendanceHelp.output,
          ),
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
      io.stderr.write(writtenLine(writtenText('attendance', plan)));
    } else {
      io.stdout.write(renderAttendance(run.people, run.period) + '\n');
    }
    if (run.agreement.length > 0) {
      io.stdout.write(agreementLine(run.agreement.map(formatAgreement)));
      for (const d of run.agreement.flatMap((a) => a.differences)) io.stdout.write(differenceLine(formatDifference(d)));
    }
    for (const w of run.warnings) io.stderr.write(hintLine(formatProblem(w)));
  });
}
