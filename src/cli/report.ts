import { CommanderError } from 'commander';
import type { InputError, ProfileError, SchemeError } from '../core/problems.js';
import type { CliIo } from '../core/io.js';
import { escapeControls } from '../core/text.js';

/** A scheme file is input too: the values its problems echo are shown with their controls as codes. */
export async function reportSchemeError(error: SchemeError, io: CliIo): Promise<void> {
  const { formatSchemeIssue } = await import('../messages.js');
  io.stderr.write(`考核方案 ${escapeControls(error.file)} 有 ${error.issues.length} 处问题：\n${error.issues.map((i) => `  ${escapeControls(formatSchemeIssue(i))}`).join('\n')}\n`);
  io.stderr.write('（写法可对照内置方案：kaohe schemes 列出的任一方案，用 kaohe scheme show 查看；或见 templates/schemes/README.md）\n');
}

export async function reportProfileError(error: ProfileError, io: CliIo): Promise<void> {
  const { formatProfileIssue } = await import('../messages.js');
  io.stderr.write(`导出格式描述 ${error.file} 有 ${error.issues.length} 处问题：\n${error.issues.map((i) => `  ${formatProfileIssue(i)}`).join('\n')}\n`);
  io.stderr.write('（写法可对照 templates/profiles 中的内置格式）\n');
}

export async function reportInputError(error: InputError, io: CliIo): Promise<void> {
  const { problemLines } = await import('../messages.js');
  const errors = error.problems.filter((p) => p.severity === 'error');
  io.stderr.write(`输入有 ${errors.length} 处问题，未计分，也未写出任何文件：\n`);
  for (const line of problemLines(error.problems)) io.stderr.write(`${line}\n`);
}

/** Commander's "(Did you mean --scheme?)", as a Chinese question. */
function suggestion(message: string): string {
  const similar = /Did you mean (?:one of )?(.+)\?\)/.exec(message)?.[1];
  return similar ? `，是否为 ${similar.split(', ').join(' 或 ')}？` : '';
}

export function commanderMessageChinese(error: CommanderError): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.missingMandatoryOptionValue':
      return `缺少必填选项 ${quoted}`;
    case 'commander.missingArgument':
      return `缺少参数 ${quoted}`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted} 后面需要填写值`;
    case 'commander.unknownOption':
      return `未知的选项 ${quoted}${suggestion(error.message)}`;
    case 'commander.unknownCommand':
      return `未知的命令 ${quoted}${suggestion(error.message)}`;
    case 'commander.excessArguments':
      return `参数过多（${/got (\d+)/.exec(error.message)?.[1] ?? ''}个），请检查是否多写了文件名，或含空格的文件名没有加引号`;
    case 'commander.invalidArgument':
      return `参数 ${quoted} 的值无效`;
    case 'commander.conflictingOption':
      return '选项互相冲突';
    default:
      // Every code commander raises is worded above; keep its English only as a last resort.
      return error.message.replace(/^error: /, '');
  }
}
