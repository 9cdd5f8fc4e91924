import type { Command } from 'commander';
import type { CliContext } from './io.js';

/** `kaohe template`: an empty workbook for a scheme. */
export function registerTemplate(program: Command, { io }: CliContext): void {
  program
    .command('template')
    .description('写出某个方案的空白考核工作簿（含下拉选项和填写说明）')
    .requiredOption('-s, --scheme <方案>', '考核方案：内置方案编号或方案文件路径 .yaml')
    .requiredOption('-o, --output <文件>', '写出的工作簿，如 2026-11.xlsx')
    .option('--roster <工作簿>', '从上月工作簿复制“人员”表')
    .option('-f, --force', '允许覆盖已存在的输出文件')
    .action(async (options: { scheme: string; output: string; roster?: string; force?: boolean }) => {
      const { writeTemplate } = await import('../commands/template.js');
      await writeTemplate(options);
      io.stderr.write(`已写出：${options.output}\n`);
    });
}
