import { CommanderError } from 'commander';
import type { InputError, Problem, ProfileError, SchemeError } from '../core/problems.js';
import type { CliIo } from '../core/io.js';
import { escapeControls } from '../core/text.js';
import { commanderText, hintLine, inputProblemsHeading, profileProblemsText, profileWritingHint, schemeProblemsText, schemeWritingHint } from '../messages/terminal.js';

/** The warnings of a run, a hint line each (errors are reported by reportInputError). */
export async function printWarnings(io: CliIo, warnings: readonly Problem[]): Promise<void> {
  const { formatProblem } = await import('../messages.js');
  for (const w of warnings) if (w.severity === 'warning') io.stderr.write(hintLine(formatProblem(w)));
}

/** A scheme file is input too: the values its problems echo are shown with their controls as codes. */
export async function reportSchemeError(error: SchemeError, io: CliIo): Promise<void> {
  const { formatSchemeIssue } = await import('../messages.js');
  io.stderr.write(schemeProblemsText(escapeControls(error.file), error.issues.map((i) => escapeControls(formatSchemeIssue(i)))));
  io.stderr.write(schemeWritingHint);
}

export async function reportProfileError(error: ProfileError, io: CliIo): Promise<void> {
  const { formatProfileIssue } = await import('../messages.js');
  io.stderr.write(profileProblemsText(error.file, error.issues.map(formatProfileIssue)));
  io.stderr.write(profileWritingHint);
}

export async function reportInputError(error: InputError, io: CliIo): Promise<void> {
  const { problemLines } = await import('../messages.js');
  const errors = error.problems.filter((p) => p.severity === 'error');
  io.stderr.write(inputProblemsHeading(errors.length));
  for (const line of problemLines(error.problems)) io.stderr.write(`${line}\n`);
}

/** Commander's "(Did you mean --scheme?)", as a Chinese question. */
function suggestion(message: string): string {
  const similar = /Did you mean (?:one of )?(.+)\?\)/.exec(message)?.[1];
  return similar ? commanderText.suggestion(similar.split(', ')) : '';
}

export function commanderMessageChinese(error: CommanderError): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.missingMandatoryOptionValue':
      return commanderText.missingMandatoryOptionValue(quoted);
    case 'commander.missingArgument':
      return commanderText.missingArgument(quoted);
    case 'commander.optionMissingArgument':
      return commanderText.optionMissingArgument(quoted);
    case 'commander.unknownOption':
      return commanderText.unknownOption(quoted, suggestion(error.message));
    case 'commander.unknownCommand':
      return commanderText.unknownCommand(quoted, suggestion(error.message));
    case 'commander.excessArguments':
      return commanderText.excessArguments(/got (\d+)/.exec(error.message)?.[1] ?? '');
    case 'commander.invalidArgument':
      return commanderText.invalidArgument(quoted);
    case 'commander.conflictingOption':
      return commanderText.conflictingOption;
    default:
      // Every code commander raises is worded above; keep its English only as a last resort.
      return error.message.replace(/^error: /, '');
  }
}
