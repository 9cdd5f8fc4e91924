import { Option, type Command } from 'commander';
import type { YearOptions } from '../commands/year-options.js';
import { UsageError } from '../core/problems.js';
import { positiveWhole } from '../core/text.js';
import type { CliContext } from './io.js';
import { printWarnings } from './report.js';
import { withForce, withHours, withNotice, withOutput, withPointValue, withScheme } from './options.js';
import { sharedOptionHelp, yearHelp } from '../messages/help.js';
import { hintLine, writtenLine } from '../messages/terminal.js';

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
    withNotice(
      withPointValue(
        withForce(
          withOutput(
            withScheme(
              program
                .command('year')
                .description(yearHelp.description)
                .argument('<工作簿或文件夹...>', yearHelp.inputs),
            )
              .option('--annual <工作簿>', yearHelp.annual)
              .option('--partial', yearHelp.partial)
              // As in score: a month whose 互评 lacks a subject's ratings scores that item 0 and flags it.
              .addOption(new Option('--allow-missing-peer', sharedOptionHelp.allowMissingPeer)),
            yearHelp.output,
          ),
        ).option('--json', yearHelp.json),
      ),
    )
      .option('--top <N>', yearHelp.top)
      .option('--each', yearHelp.each)
      .option('--jobs <数量>', yearHelp.jobs),
  ).action(async (inputs: string[], flags: YearFlags) => {
    const { top: topText, ...rest } = flags;
    const top = topText === undefined ? undefined : positiveWhole(topText);
    if (top === null) throw new UsageError('top_invalid', { value: String(topText) });
    const options: YearOptions & Omit<YearFlags, 'top'> = { ...rest, ...(top === undefined ? {} : { top }) };
    // One centre's year runs its months on the cores there are; --jobs would be silently ignored.
    if (options.jobs !== undefined && !options.each) throw new UsageError('jobs_without_each', { value: options.jobs });
    if (options.each) {
      const { runBatch } = await import('../commands/batch.js');
      setExitCode(await runBatch(inputs, options, io));
      return;
    }
    const [{ runYear }, { renderYearSummary, renderYearTable }, { yearMoneyNotes }, { givenInputs, namerFor, planOutput, writeYearOutput, writtenText, yearJsonOf, yearPointValue }, { yearWarnings }] = await Promise.all([
      import('../commands/year.js'),
      import('../write/year.js'),
      import('../write/money.js'),
      import('../commands/outputs.js'),
      import('../messages.js'),
    ]);
    const plan = options.output ? await planOutput('year', options.output, options.force ?? false, givenInputs(inputs, options)) : null;
    const run = await runYear(inputs, options);
    const { value: pointValue, warnings: pointValueWarnings } = yearPointValue(options.pointValue, run);
    const name = namerFor(inputs);
    const noticeWarnings = plan ? await writeYearOutput(run, plan, pointValue, options, name, pointValueWarnings) : [];
    if (options.json) {
      io.stdout.write(await yearJsonOf(run, pointValue, pointValueWarnings, name));
      // The document holds the run's warnings; what is about the file written goes where it does without --json.
      await printWarnings(io, noticeWarnings);
    } else {
      // With -o the file holds the full list: the terminal gets the summary.
      io.stdout.write((plan ? renderYearSummary(run.result) : renderYearTable(run.result, pointValue)) + '\n');
      await printWarnings(io, [...run.warnings, ...pointValueWarnings, ...noticeWarnings]);
      for (const w of [...yearWarnings(run.result), ...yearMoneyNotes(run.result, pointValue)]) io.stderr.write(hintLine(w));
    }
    if (plan) io.stderr.write(writtenLine(writtenText('year', plan)));
  });
}
