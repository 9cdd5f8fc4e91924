import type { Command } from 'commander';
import { UsageError } from '../core/problems.js';
import type { ScoreRunOptions } from '../commands/score.js';
import type { CliContext } from './io.js';
import { scoringCommand, withOutput } from './options.js';

interface ScoreFlags extends ScoreRunOptions {
  pointValue?: string;
  json?: boolean;
  output?: string;
  force?: boolean;
  noticeDate?: string;
  noticeDays?: string;
}

/** score, notice, check and explain: one period's workbook, read → validate → score, then each its own output. */
export function registerScoring(program: Command, { io }: CliContext): void {
  withOutput(scoringCommand(program, 'score', '计算一个考核期的得分（在终端显示得分表；-o 写出得分表、公示、扣分明细、说明）'))
    .option('--json', '以 JSON 输出结果（供脚本使用）')
    .action(async (input: string | undefined, options: ScoreFlags) => {
      const [{ runScore }, { pointValueOf, writeScoreOutput }] = await Promise.all([import('../commands/score.js'), import('../commands/outputs.js')]);
      const run = await runScore(input, options);
      const pointValue = pointValueOf(options.pointValue, run.settings);
      if (options.output) await writeScoreOutput(run, options.output, pointValue, options);
      if (options.json) {
        const { toScoreJson } = await import('../write/json.js');
        io.stdout.write(JSON.stringify(toScoreJson(run.result, run.warnings.filter((p) => p.severity === 'warning'), pointValue), null, 2) + '\n');
        return;
      }
      const [{ renderScoreTable }, { formatProblem, formatWarning }] = await Promise.all([import('../write/terminal.js'), import('../messages.js')]);
      io.stdout.write(renderScoreTable(run.result) + '\n');
      for (const w of run.warnings) io.stderr.write(`提示：${formatProblem(w)}\n`);
      for (const w of run.result.warnings) io.stderr.write(`提示：${formatWarning(w)}\n`);
      if (options.output) io.stderr.write(`已写出：${options.output}\n`);
    });

  withOutput(scoringCommand(program, 'notice', '只写出公示（更正后重新打印用）')).action(async (input: string | undefined, options: ScoreFlags) => {
    if (!options.output) throw new UsageError('请用 -o 指定公示文件，例如 -o 公示.xlsx');
    const [{ runScore }, { writeNoticeOutput }] = await Promise.all([import('../commands/score.js'), import('../commands/outputs.js')]);
    await writeNoticeOutput(await runScore(input, options), options.output, options);
    io.stderr.write(`已写出：${options.output}\n`);
  });

  scoringCommand(program, 'check', '只检查输入，不计分：列出所有问题（文件、工作表、行、列）').action(async (input: string | undefined, options: ScoreFlags) => {
    const [{ runScore }, { formatProblem }] = await Promise.all([import('../commands/score.js'), import('../messages.js')]);
    const run = await runScore(input, options);
    const records = run.result.subjects.reduce((n, s) => n + s.trace.length, 0);
    io.stdout.write(`检查通过：${run.result.subjects.length}个考核对象，${records}条计分记录，可以计分。\n`);
    for (const w of run.warnings) io.stderr.write(`提示：${formatProblem(w)}\n`);
  });

  scoringCommand(program, 'explain', '逐项说明一个对象的得分是怎么来的（答复申诉用）')
    .argument('<对象>', '工号、姓名或窗口名称')
    .action(async (input: string | undefined, who: string, options: ScoreFlags) => {
      const [{ runScore }, { explainSubject }] = await Promise.all([import('../commands/score.js'), import('../write/explain.js')]);
      const run = await runScore(input, options);
      io.stdout.write(explainSubject(run.result, who).join('\n') + '\n');
    });
}
