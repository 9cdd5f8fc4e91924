import { Help, type Command } from 'commander';
import { helpHeadings, usageHeading } from '../messages/help.js';
import { displayWidth } from '../write/width.js';

/** Commander's usage words, in Chinese. */
const usageWords = (text: string) => text.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');

/**
 * Help entirely in Chinese, columns aligned by display width (a CJK character takes two
 * columns: commander counts one and misaligns them). Given to configureHelp, which copies
 * these members onto each command's Help object.
 */
export const chineseHelp: Partial<Help> = {
  displayWidth,
  styleTitle: (text: string) => helpHeadings[text] ?? text,
  commandUsage(this: Help, command: Command) {
    return usageWords(Help.prototype.commandUsage.call(this, command));
  },
  subcommandTerm(this: Help, command: Command) {
    return usageWords(Help.prototype.subcommandTerm.call(this, command));
  },
  formatHelp(this: Help, command: Command, helper: Help) {
    return Help.prototype.formatHelp.call(this, command, helper).replace(new RegExp(`^${usageHeading} `), usageHeading);
  },
};
