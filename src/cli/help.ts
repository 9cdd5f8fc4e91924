import { Help, type Command } from 'commander';
import { displayWidth } from '../write/width.js';

/** Commander's headings and usage words, in Chinese. */
const headings: Readonly<Record<string, string>> = { 'Usage:': '用法：', 'Arguments:': '参数：', 'Options:': '选项：', 'Commands:': '命令：', 'Global Options:': '全局选项：' };
const usageWords = (text: string) => text.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');

/**
 * Help entirely in Chinese, columns aligned by display width (a CJK character takes two
 * columns: commander counts one and misaligns them). Given to configureHelp, which copies
 * these members onto each command's Help object.
 */
export const chineseHelp: Partial<Help> = {
  displayWidth,
  styleTitle: (text: string) => headings[text] ?? text,
  commandUsage(this: Help, command: Command) {
    return usageWords(Help.prototype.commandUsage.call(this, command));
  },
  subcommandTerm(this: Help, command: Command) {
    return usageWords(Help.prototype.subcommandTerm.call(this, command));
  },
  formatHelp(this: Help, command: Command, helper: Help) {
    return Help.prototype.formatHelp.call(this, command, helper).replace(/^用法： /, '用法：');
  },
};

export const rootHelpFooter = `
示例：
  kaohe template --scheme bingcha-monthly -o 2026-11.xlsx        新建一个月的考核工作簿
  kaohe score 2026-10.xlsx --scheme bingcha-monthly -o 结果.xlsx  计分并写出得分表、公示、扣分明细
  kaohe explain 2026-10.xlsx --scheme bingcha-monthly 民政窗口     逐项说明得分
  kaohe year 2026/ --scheme bianmin-10pt -o 2026年度考核.xlsx     全年汇总

运行 kaohe help <命令> 查看某个命令的全部选项；kaohe schemes 列出内置考核方案。
`;
