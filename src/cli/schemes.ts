import type { Command } from 'commander';
import { SchemeError } from '../core/problems.js';
import type { CliContext } from './io.js';
import { reportSchemeError } from './report.js';
import { schemesHelp } from '../messages/help.js';
import { schemeWarningsText } from '../messages/terminal.js';

/** `kaohe schemes`, `kaohe scheme show`, `kaohe scheme check`. */
export function registerSchemes(program: Command, { io, setExitCode }: CliContext): void {
  program
    .command('schemes')
    .description(schemesHelp.list)
    .action(async () => {
      const { listSchemes } = await import('../commands/schemes.js');
      io.stdout.write(await listSchemes());
    });

  const scheme = program.command('scheme').description(schemesHelp.group);
  scheme
    .command('show')
    .description(schemesHelp.show)
    .argument('<方案>', schemesHelp.showScheme)
    .action(async (id: string) => {
      const { showScheme } = await import('../commands/schemes.js');
      io.stdout.write(await showScheme(id));
    });
  scheme
    .command('check')
    .description(schemesHelp.check)
    .argument('<文件>', schemesHelp.checkFile)
    .action(async (file: string) => {
      const [{ checkScheme }, { formatSchemeIssue }] = await Promise.all([import('../commands/schemes.js'), import('../messages.js')]);
      try {
        const { summary, warnings } = await checkScheme(file);
        io.stdout.write(summary);
        // Warnings do not stop a scheme from running: sources and numbers to check by eye.
        if (warnings.length > 0) io.stderr.write(schemeWarningsText(warnings.map(formatSchemeIssue)));
      } catch (error) {
        if (!(error instanceof SchemeError)) throw error;
        // Checking a scheme file makes it the input: its problems are input problems.
        await reportSchemeError(error, io);
        setExitCode(1);
      }
    });
}
