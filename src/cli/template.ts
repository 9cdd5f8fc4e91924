import type { Command } from 'commander';
import type { CliContext } from './io.js';
import { requireOption, withForce, withScheme } from './options.js';

/** `kaohe template`: an empty workbook for a scheme. */
export function registerTemplate(program: Command, { io }: CliContext): void {
  const command = withForce(
    withScheme(program.command('template').description('写出某个方案的空白考核工作簿（含下拉选项和填写说明）'))
      .option('-o, --output <文件>', '（必填）写出的工作簿 .xlsx，如 2026-11.xlsx')
      .option('--roster <工作簿>', '从上月工作簿复制“人员”和“设置”表（按表头对应各列）'),
  ).action(async (options: { scheme: string; output: string; roster?: string; force?: boolean }) => {
    const [{ writeTemplate }, { givenInputs, planOutput, writtenText }] = await Promise.all([import('../commands/template.js'), import('../commands/outputs.js')]);
    const plan = await planOutput('template', options.output, options.force ?? false, givenInputs([options.roster], options));
    await writeTemplate(options, plan);
    io.stderr.write(`已写出：${writtenText('template', plan)}\n`);
  });
  requireOption(command, 'output', '-o, --output <文件>');
}
