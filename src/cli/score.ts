import type { Command } from 'commander';
import { UsageError } from '../core/problems.js';
import type { ScoreRunOptions } from '../commands/score.js';
import type { CliContext } from './io.js';
import { printWarnings } from './report.js';
import { scoringCommand, withForce, withNotice, withOutput, withPointValue } from './options.js';
import { checkHelp, explainHelp, noticeHelp, scoreHelp } from '../messages/help.js';
import { checkPassedLine, hintLine, writtenLine } from '../messages/terminal.js';

interface ScoreFlags extends ScoreRunOptions {
  json?: boolean;
  output?: string;
  force?: boolean;
  noticeDate?: string;
}

interface ExplainFlags extends ScoreFlags {
  year?: boolean;
  annual?: string;
  partial?: boolean;
}

/** score, notice, check and explain: one period's workbook, read → validate → score, then each its own output. */
export function registerScoring(program: Command, context: CliContext): void {
  const { io } = context;
  withOutput(withNotice(withForce(withPointValue(scoringCommand(program, 'score', scoreHelp.description)))), scoreHelp.output)
    .option('--json', scoreHelp.json)
    .action(async (input: string | undefined, options: ScoreFlags) => {
      const [{ runScore }, { givenInputs, namedRun, namerFor, planOutput, pointValueOf, writeScoreOutput, writtenText }, { withProgress }] = await Promise.all([import('../commands/score.js'), import('../commands/outputs.js'), import('./progress.js')]);
      const plan = options.output ? await planOutput('score', options.output, options.force ?? false, givenInputs([input], options)) : null;
      const name = namerFor([input]);
      const { run, pointValue, noticeWarnings } = await withProgress(io.stderr, async (progress) => {
        const run = await runScore(input, { ...options, onProgress: progress.reading });
        const pointValue = pointValueOf(options.pointValue, run.settings);
        if (plan) progress.begin('writing');
        return { run, pointValue, noticeWarnings: plan ? await writeScoreOutput(run, plan, pointValue, options, name) : [] };
      });
      if (run.notes.length > 0) {
        const { formatImportNote } = await import('../messages.js');
        for (const note of run.notes) io.stderr.write(`${formatImportNote(note)}\n`);
      }
      if (options.json) {
        const { scoreJsonText } = await import('../write/json.js');
        io.stdout.write(scoreJsonText(namedRun(run, name), pointValue));
        // The document holds the run's warnings; what is about the file written goes where it does without --json.
        await printWarnings(context.io, noticeWarnings);
      } else {
        const [{ renderScoreSummary, renderScoreTable }, { formatWarning }, { scoreMoneyNotes }] = await Promise.all([import('../write/terminal.js'), import('../messages.js'), import('../write/money.js')]);
        // With -o the file holds the full table: the terminal gets the summary.
        io.stdout.write((plan ? renderScoreSummary(run.result) : renderScoreTable(run.result)) + '\n');
        await printWarnings(context.io, [...run.warnings, ...noticeWarnings]);
        for (const w of [...run.result.warnings.map(formatWarning), ...scoreMoneyNotes(run.result, pointValue)]) io.stderr.write(hintLine(w));
      }
      if (plan) io.stderr.write(writtenLine(writtenText('score', plan)));
    });

  withOutput(withNotice(withForce(scoringCommand(program, 'notice', noticeHelp.description))), noticeHelp.output)
    .action(async (input: string | undefined, options: ScoreFlags) => {
      if (!options.output) throw new UsageError('notice_output_missing');
      const [{ runScore }, { givenInputs, namerFor, planOutput, writeNoticeOutput, writtenText }] = await Promise.all([import('../commands/score.js'), import('../commands/outputs.js')]);
      const plan = await planOutput('notice', options.output, options.force ?? false, givenInputs([input], options));
      const run = await runScore(input, options);
      const noticeWarnings = await writeNoticeOutput(run, plan, options, namerFor([input]));
      await printWarnings(context.io, [...run.warnings, ...noticeWarnings]);
      io.stderr.write(writtenLine(writtenText('notice', plan)));
    });

  scoringCommand(program, 'check', checkHelp.description).action(async (input: string | undefined, options: ScoreFlags) => {
    const [{ runScore }, { withProgress }] = await Promise.all([import('../commands/score.js'), import('./progress.js')]);
    const run = await withProgress(io.stderr, (progress) => runScore(input, { ...options, onProgress: progress.reading }));
    const { scoringRecordCount } = await import('../score/engine.js');
    const { records, sameAsDerived } = scoringRecordCount(run.result);
    io.stdout.write(checkPassedLine(run.result.subjects.length, records, sameAsDerived));
    await printWarnings(context.io, run.warnings);
  });

  scoringCommand(program, 'explain', explainHelp.description, false)
    .argument('[工作簿]', explainHelp.input)
    .argument('[对象]', explainHelp.who)
    .option('--year', explainHelp.year)
    .option('--annual <工作簿>', explainHelp.annual)
    .option('--partial', explainHelp.partial)
    .action(async (first: string | undefined, second: string | undefined, options: ExplainFlags) => {
      // With the sheets given as CSV files the one argument is the subject.
      const { csvFlagsOf } = await import('../read/input.js');
      const fromCsv = Object.keys(csvFlagsOf(options)).length > 0;
      const [input, who] = second === undefined && fromCsv ? [undefined, first] : [first, second];
      if (who === undefined) throw new UsageError('explain_who_missing');
      if (options.year) {
        if (input === undefined) throw new UsageError('explain_year_folder_missing');
        const [{ runYear }, { explainYear }] = await Promise.all([import('../commands/year.js'), import('../write/explain.js')]);
        const run = await runYear([input], options);
        io.stdout.write(explainYear(run.result, who).join('\n') + '\n');
        return;
      }
      const [{ runScore }, { explainSubject }] = await Promise.all([import('../commands/score.js'), import('../write/explain.js')]);
      const run = await runScore(input, options);
      io.stdout.write(explainSubject(run.result, who, run.roster).join('\n') + '\n');
    });
}
