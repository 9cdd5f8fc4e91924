import type { Command } from 'commander';
import type { CliContext } from './io.js';
import { requireOption, withForce, withOutput, withScheme } from './options.js';
import { templateHelp } from '../messages/help.js';
import { writtenLine } from '../messages/terminal.js';

/** `kaohe template`: an empty workbook for a scheme. */
export function registerTemplate(program: Command, { io }: CliContext): void {
  const command = withForce(
    withOutput(withScheme(program.command('template').description(templateHelp.description)), templateHelp.output).option('--roster <工作簿>', templateHelp.roster),
  ).action(async (options: { scheme: string; output: string; roster?: string; force?: boolean }) => {
    const [{ writeTemplate }, { givenInputs, planOutput, writtenText }] = await Promise.all([import('../commands/template.js'), import('../commands/outputs.js')]);
    const plan = await planOutput('template', options.output, options.force ?? false, givenInputs([options.roster], options));
    await writeTemplate(options, plan);
    io.stderr.write(writtenLine(writtenText('template', plan)));
  });
  requireOption(command, 'output', '-o, --output <文件>');
}
