import { Command, CommanderError } from 'commander';
import { InputError, OutputError, ProfileError, SchemeError, UsageError } from '../core/problems.js';
import { escapeControls } from '../core/text.js';
import { kaoheVersion } from '../core/version.js';
import { registerAttendance } from './attendance.js';
import { registerImport } from './import.js';
import { processIo, type CliIo } from '../core/io.js';
import type { CliContext } from './io.js';
import { commanderMessageChinese, reportInputError, reportProfileError, reportSchemeError } from './report.js';
import { registerSchemes } from './schemes.js';
import { registerScoring } from './score.js';
import { registerTemplate } from './template.js';
import { registerYear } from './year.js';
import { chineseHelp } from './help.js';
import { refuseRepeatedValues } from './options.js';
import { helpWidthOf } from './prebuilt-help.js';
import { programHelp } from '../messages/help.js';
import { commanderErrorLine, errorLine, internalErrorLine } from '../messages/terminal.js';

/**
 * The command line as a function: arguments and streams in, exit code out; nothing happens at
 * import. bin/kaohe.js calls it with the process's own; tests call it in-process.
 * Heavy modules (exceljs) are imported inside the actions so `kaohe --help` starts fast.
 */
const EXIT_INPUT = 1;
const EXIT_USAGE = 2;
/** A defect in kaohe itself (a stack trace): neither the input nor the command line is at fault. */
const EXIT_INTERNAL = 3;

function buildProgram(context: CliContext): Command {
  const program = new Command()
    .name('kaohe')
    .description(programHelp.description)
    .version(kaoheVersion(), '-V, --version', programHelp.version)
    .helpOption('-h, --help', programHelp.help)
    .helpCommand('help [命令]', programHelp.helpCommand)
    .configureHelp(chineseHelp)
    .showSuggestionAfterError(true)
    .exitOverride()
    // Commander's own (English) errors are reworded below; help and version go to the streams given.
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
      outputError: () => undefined,
      // Commander's own rule, on the streams given: a terminal's width, else 80 (prebuilt-help.ts relies on it).
      getOutHelpWidth: () => helpWidthOf(context.io.stdout),
      getErrHelpWidth: () => helpWidthOf(context.io.stderr),
    })
    .addHelpText('after', programHelp.footer);
  registerScoring(program, context);
  registerAttendance(program, context);
  registerImport(program, context);
  registerYear(program, context);
  registerTemplate(program, context);
  registerSchemes(program, context);
  refuseRepeatedValues(program);
  return program;
}

/** Known errors print their message only; anything else is a defect and shows its stack. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram({ io, setExitCode: (code) => (exitCode = code) });
  // `kaohe` alone: what it can do, on stdout, and no error (the same text as `kaohe --help`).
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  // `kaohe help scor`: said as `kaohe scor` is (unknown, with the nearest), not as the program's whole help.
  const helpFor = argv[0] === 'help' && argv.length === 2 ? argv[1] : undefined;
  const args = helpFor !== undefined && !program.commands.some((c) => c.name() === helpFor || c.aliases().includes(helpFor)) ? [helpFor] : argv;
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      // A command group without its subcommand (kaohe scheme): its help is already on stderr.
      if (error.code === 'commander.help') return EXIT_USAGE;
      io.stderr.write(commanderErrorLine(commanderMessageChinese(error)));
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      await reportInputError(error, io);
      return EXIT_INPUT;
    }
    // A scheme or profile file that does not pass is a bad input file (the user's own YAML), as in `scheme check`.
    if (error instanceof ProfileError) {
      await reportProfileError(error, io);
      return EXIT_INPUT;
    }
    if (error instanceof SchemeError) {
      await reportSchemeError(error, io);
      return EXIT_INPUT;
    }
    // An output that exists (without --force) or cannot be written is a usage problem: the input is fine.
    if (error instanceof OutputError) {
      const { formatOutputError } = await import('../messages.js');
      // Messages echo paths: controls in them are shown as codes.
      io.stderr.write(errorLine(escapeControls(formatOutputError(error))));
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      const { formatUsageError } = await import('../messages/usage.js');
      // Messages echo paths and flag values: controls in them are shown as codes.
      io.stderr.write(errorLine(escapeControls(formatUsageError(error))));
      return EXIT_USAGE;
    }
    io.stderr.write(internalErrorLine(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    return EXIT_INTERNAL;
  }
}
