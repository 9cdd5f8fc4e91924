import { Option, type Command } from 'commander';
import { UsageError } from '../core/problems.js';
import { csvOptionHelp, sharedOptionHelp } from '../messages/help.js';

/**
 * Working hours and calendar: they override the 设置 sheet. --hours (all year) beside a season's
 * flag is a usage error: either could be meant for that season, and neither is guessed.
 */
export function withHours(command: Command): Command {
  return command
    .hook('preAction', (_, action) => {
      const { hours, summerHours, winterHours } = action.opts<{ hours?: string; summerHours?: string; winterHours?: string }>();
      const seasons = [summerHours === undefined ? [] : ['--summer-hours'], winterHours === undefined ? [] : ['--winter-hours']].flat();
      if (hours !== undefined && seasons.length > 0) throw new UsageError('hours_flags_both', { flags: seasons.join('、') });
    })
    .option('--hours <时间>', sharedOptionHelp.hours)
    .option('--summer-hours <时间>', sharedOptionHelp.summerHours)
    .option('--winter-hours <时间>', sharedOptionHelp.winterHours)
    .option('--summer-start <月-日>', sharedOptionHelp.summerStart)
    .option('--winter-start <月-日>', sharedOptionHelp.winterStart)
    .option('--grace <分钟>', sharedOptionHelp.grace)
    .option('--calendar <文件>', sharedOptionHelp.calendar);
}

/**
 * An option that takes a value, given twice (--punches 1_attlog.dat --punches 2_attlog.dat):
 * commander keeps the last value and drops the first without a word, so a second clock's file
 * would silently replace the first and its punches become absences. Refused for every command
 * when the values differ.
 */
export function refuseRepeatedValues(command: Command): void {
  const given = new Map<string, unknown>();
  for (const option of command.options) {
    if (!option.required && !option.optional) continue;
    command.on(`option:${option.name()}`, (value: unknown) => {
      // The same value twice (a wrapper script adding --scheme again) chooses nothing: accepted.
      if (given.has(option.name()) && given.get(option.name()) !== value) throw new UsageError('option_repeated', { flag: option.long ?? option.flags, file: TAKES_FILES.has(option.name()) ? 1 : 0 });
      given.set(option.name(), value);
    });
  }
  for (const sub of command.commands) refuseRepeatedValues(sub);
}

/** The sheet slots that also take a workbook or an export (kaohe import's readers). */
const TAKES_FILES = new Set(['roster', 'punches', 'leave']);

/** Each sheet may come as its own CSV file (UTF-8 or GBK); a command offers the sheets it reads. */
export function withCsv(command: Command, sheets: readonly (keyof typeof csvOptionHelp)[] = Object.keys(csvOptionHelp) as (keyof typeof csvOptionHelp)[]): Command {
  for (const sheet of sheets) command.option(`--${sheet} <${TAKES_FILES.has(sheet) ? '文件' : 'csv'}>`, csvOptionHelp[sheet]);
  return command;
}

/** Exports in any input slot: the layout forced or described, and a span of days that is not a month. */
export function withExports(command: Command): Command {
  return command
    .option('--format <格式>', sharedOptionHelp.format)
    .option('--profile <文件>', sharedOptionHelp.profile)
    .option('--from <日期>', sharedOptionHelp.from)
    .option('--to <日期>', sharedOptionHelp.to);
}

/** -o: the file to write. An empty name (-o "") is a usage error, never a run that writes nothing. */
export function withOutput(command: Command, help: string): Command {
  return command.option('-o, --output <文件>', help, (value: string) => {
    if (value.trim() === '') throw new UsageError('output_empty');
    return value;
  });
}

export function withForce(command: Command): Command {
  return command.option('-f, --force', sharedOptionHelp.force);
}

export function withNotice(command: Command): Command {
  return command.option('--notice-date <日期>', sharedOptionHelp.noticeDate).option('--notice-days <天数>', sharedOptionHelp.noticeDays);
}

export function withPointValue(command: Command): Command {
  return command.option('--point-value <元>', sharedOptionHelp.pointValue);
}

/**
 * A required option, checked when the command runs rather than by commander, so a mistyped flag
 * (--schem) is reported as such, with the nearest name, instead of as a missing --scheme.
 */
export function requireOption(command: Command, key: string, flags: string): Command {
  return command.hook('preAction', (_, action) => {
    if (action.opts()[key] === undefined) throw new UsageError('option_required', { flags });
  });
}

export function withScheme(command: Command): Command {
  return requireOption(command.option('-s, --scheme <方案>', sharedOptionHelp.scheme), 'scheme', '-s, --scheme <方案>');
}

/** Options every command that scores one period's workbook shares. */
export function scoringCommand(program: Command, name: string, description: string, input = true): Command {
  const command = program.command(name).description(description);
  if (input) command.argument('[工作簿]', sharedOptionHelp.workbook);
  withScheme(command)
    .option('-p, --period <考核期>', sharedOptionHelp.period)
    .addOption(new Option('--allow-missing-peer', sharedOptionHelp.allowMissingPeer));
  return withExports(withCsv(withHours(command)));
}
