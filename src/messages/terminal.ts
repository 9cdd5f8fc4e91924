/**
 * The words a run prints on the terminal around its results (src/cli, src/commands): the 错误 /
 * 提示 / 已写出 lines, the headings of a list of problems, what `check`, `import`, `schemes` and
 * `year --each` report. Light on imports: the command line loads it before any heavy module.
 */

export const errorLine = (message: string) => `错误：${message}\n`;
export const hintLine = (message: string) => `提示：${message}\n`;
export const writtenLine = (what: string) => `已写出：${what}\n`;

/** A command line commander could not parse: its error, and where to look. */
export const commanderErrorLine = (message: string) => `错误：${message}\n（运行 kaohe --help 查看用法）\n`;

/** A defect in kaohe itself: its stack, for the maintainers. */
export const internalErrorLine = (stack: string) => `kaohe 内部错误（请把以下内容报告给维护者）：\n${stack}\n`;

export const runPhaseText = { reading: '读取', scoring: '校验、计分', writing: '写出' } as const;

/** Commander's English errors, in Chinese; `quoted` is the option, argument or command it names. */
export const commanderText = {
  missingMandatoryOptionValue: (quoted: string) => `缺少必填选项 ${quoted}`,
  missingArgument: (quoted: string) => `缺少参数 ${quoted}`,
  optionMissingArgument: (quoted: string) => `选项 ${quoted} 后面需要填写值`,
  unknownOption: (quoted: string, suggestion: string) => `未知的选项 ${quoted}${suggestion}`,
  unknownCommand: (quoted: string, suggestion: string) => `未知的命令 ${quoted}${suggestion}`,
  excessArguments: (count: string) => `参数过多（${count}个），请检查是否多写了文件名，或含空格的文件名没有加引号`,
  invalidArgument: (quoted: string) => `参数 ${quoted} 的值无效`,
  conflictingOption: '选项互相冲突',
  /** Commander's "(Did you mean --scheme?)": the names it suggests. */
  suggestion: (names: readonly string[]) => `，是否为 ${names.join(' 或 ')}？`,
} as const;

/** A bad scheme file's problems, then where to look for how one is written. */
export const schemeProblemsText = (file: string, lines: readonly string[]) => `考核方案 ${file} 有 ${lines.length} 处问题：\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
export const schemeWritingHint = '（写法可对照内置方案：kaohe schemes 列出的任一方案，用 kaohe scheme show 查看；或见 templates/schemes/README.md）\n';

export const profileProblemsText = (file: string, lines: readonly string[]) => `导出格式描述 ${file} 有 ${lines.length} 处问题：\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
export const profileWritingHint = '（写法可对照 templates/profiles 中的内置格式）\n';

export const inputProblemsHeading = (errors: number) => `输入有 ${errors} 处问题，未计分，也未写出任何文件：\n`;

/** `kaohe scheme check`: the warnings, which do not stop the scheme from running. */
export const schemeWarningsText = (lines: readonly string[]) => `提示（${lines.length} 处）：\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

/** `kaohe check`: the input passed. */
export const checkPassedLine = (subjects: number, records: number, sameAsDerived: number) => `检查通过：${subjects}个考核对象，${recordCountText(records, sameAsDerived)}，可以计分。\n`;

/** The scoring records counted (scoringRecordCount), and the typed rows among them the punches give too, counted once. */
export const recordCountText = (records: number, sameAsDerived: number) => `${records}条计分记录${sameAsDerived > 0 ? `（其中${sameAsDerived}条与考勤重复，只计一次）` : ''}`;

/** `kaohe import`: the workbook written and what it holds. */
export const importWrittenLine = (file: string, counts: { people: number; inExport: number; punches: number; leave: number; shifts: number }) =>
  `已写出：${file}（人员 ${counts.people} 人${counts.inExport === counts.people ? '' : `（其中 ${counts.inExport} 人在导出中）`}，打卡 ${counts.punches} 次，请假/补签 ${counts.leave} 条，班次 ${counts.shifts} 条）\n`;

/** `kaohe attendance`: how kaohe's verdicts agree with the platform's own. */
export const agreementLine = (agreements: readonly string[]) => `\n与平台自己的判定对照：${agreements.join('；')}\n`;
export const differenceLine = (difference: string) => `  不一致：${difference}\n`;

/** `kaohe schemes`: the line under the list. */
export const schemesFooter = '查看详情：kaohe scheme show <编号>；自定义方案：复制 templates/schemes/ 下的文件修改后用 kaohe scheme check 检查';

/** `kaohe scheme check`: a scheme file that passed. */
export const schemeCheckedLine = (file: string, title: string, id: string, items: number, rules: number) =>
  `方案文件 ${file} 检查通过：${title}（${id}），${items} 个大项，${rules} 条细则。\n`;

/** `kaohe year --each`: one centre that could not be scored, with its problems. */
export const centreFailedText = (centre: string, problems: readonly string[]) => `${centre}：有 ${problems.length} 处问题，未计分\n${problems.map((p) => `  ${p}`).join('\n')}\n`;
