import type { Command } from 'commander';
import type { ImportFlags } from '../commands/import.js';
import type { CliContext } from './io.js';
import { withExports, withForce } from './options.js';

/** `kaohe import`: exports from clocks, DingTalk and WeCom into the month workbook's sheets. */
export function registerImport(program: Command, { io }: CliContext): void {
  withExports(
    withForce(
      program
        .command('import')
        .description('把考勤机、钉钉、企业微信的导出文件转成考核工作簿的 人员/考勤/请假/班次/设置 表，先核对再计分')
        .argument('[导出文件...]', '考勤导出文件（.xls/.xlsx/.csv/attlog.dat），可给多个')
        .option('-o, --output <文件>', '写出的工作簿，如 2026-11.xlsx')
        .option('--roster <文件>', '人员表（CSV 或工作簿）：按工号、考勤号码或姓名对应导出中的人员')
        .option('-p, --period <月份>', '只取这个月的考勤，如 2026-11')
        .option('--calendar <文件>', '补充尚未收录年份的节假日安排 .yaml')
        .option('--formats', '列出能识别的导出格式'),
    ),
  ).action(async (paths: string[], options: Partial<ImportFlags> & { formats?: boolean }) => {
    if (options.formats) {
      const { builtinProfiles } = await import('../import/profile.js');
      for (const p of builtinProfiles()) io.stdout.write(`${p.id.padEnd(22)} ${p.family}  ${p.name}\n`);
      return;
    }
    const { UsageError } = await import('../core/problems.js');
    if (!options.output) throw new UsageError('请用 -o 指定写出的工作簿，例如 -o 2026-11.xlsx');
    const [{ runImport }, { formatImportNote, formatProblem }] = await Promise.all([import('../commands/import.js'), import('../messages.js')]);
    const run = await runImport(paths, { ...options, output: options.output });
    for (const note of run.notes) io.stderr.write(`${formatImportNote(note)}\n`);
    for (const w of run.warnings) io.stderr.write(`提示：${formatProblem(w)}\n`);
    io.stderr.write(`已写出：${options.output}（人员 ${run.counts.people} 人，打卡 ${run.counts.punches} 次，请假/补签 ${run.counts.leave} 条，班次 ${run.counts.shifts} 条）\n`);
  });
}
