import type { Command } from 'commander';
import type { ImportFlags } from '../commands/import.js';
import type { CliContext } from './io.js';
import { withExports, withForce, withOutput } from './options.js';
import { importHelp } from '../messages/help.js';
import { hintLine, importWrittenLine } from '../messages/terminal.js';

/** `kaohe import`: exports from clocks, DingTalk and WeCom into the month workbook's sheets. */
export function registerImport(program: Command, { io }: CliContext): void {
  withExports(
    withForce(
      withOutput(program.command('import').description(importHelp.description).argument('[导出文件...]', importHelp.exports), importHelp.output)
        .option('--roster <文件>', importHelp.roster)
        .option('-p, --period <月份>', importHelp.period)
        .option('--calendar <文件>', importHelp.calendar)
        .option('--formats', importHelp.formats),
    ),
  ).action(async (paths: string[], options: Partial<ImportFlags> & { formats?: boolean }) => {
    if (options.formats) {
      const { builtinProfiles } = await import('../import/profile.js');
      for (const p of await builtinProfiles()) io.stdout.write(`${p.id.padEnd(22)} ${p.family}  ${p.name}\n`);
      return;
    }
    const { UsageError } = await import('../core/problems.js');
    if (!options.output) throw new UsageError('import_output_missing');
    const [{ runImport }, { formatImportNote, formatProblem }] = await Promise.all([import('../commands/import.js'), import('../messages.js')]);
    const run = await runImport(paths, { ...options, output: options.output });
    for (const note of run.notes) io.stderr.write(`${formatImportNote(note)}\n`);
    for (const w of run.warnings) io.stderr.write(hintLine(formatProblem(w)));
    io.stderr.write(importWrittenLine(options.output, run.counts));
  });
}
