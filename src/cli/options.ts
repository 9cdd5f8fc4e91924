import { Option, type Command } from 'commander';
import { UsageError } from '../core/problems.js';

/** Working hours and calendar: they override the 设置 sheet. */
export function withHours(command: Command): Command {
  return command
    .option('--hours <时间>', '全年作息时间，如 08:30-12:00,13:30-17:30')
    .option('--summer-hours <时间>', '夏季作息时间，默认 08:00-11:30,15:00-18:00')
    .option('--winter-hours <时间>', '冬季作息时间，默认 08:00-11:30,14:00-17:30')
    .option('--summer-start <月-日>', '夏季作息开始，默认 05-01')
    .option('--winter-start <月-日>', '冬季作息开始，默认 10-01')
    .option('--grace <分钟>', '迟到、早退宽限分钟，默认 0')
    .option('--calendar <文件>', '补充尚未收录年份的节假日安排 .yaml（也用于公示期）');
}

const csvFlags = {
  roster: '人员表：CSV，或含“人员”表（工号、姓名…）的工作簿',
  records: '记录表 CSV',
  peer: '互评表 CSV',
  marks: '评分表 CSV',
  metrics: '指标表 CSV',
  monthly: '月度得分表 CSV',
  punches: '考勤打卡：CSV，或考勤机、钉钉、企业微信导出的原文件（.xls/.xlsx/.csv/attlog.dat）',
  leave: '请假表：CSV，或钉钉审批、人事请假清单等导出',
  settings: '设置表 CSV',
} as const;

/** Each sheet may come as its own CSV file (UTF-8 or GBK); a command offers the sheets it reads. */
export function withCsv(command: Command, sheets: readonly (keyof typeof csvFlags)[] = Object.keys(csvFlags) as (keyof typeof csvFlags)[]): Command {
  // Three slots also take a workbook or an export (kaohe import's readers).
  const takesFiles = new Set(['roster', 'punches', 'leave']);
  for (const sheet of sheets) command.option(`--${sheet} <${takesFiles.has(sheet) ? '文件' : 'csv'}>`, csvFlags[sheet]);
  return command;
}

/** Exports in any input slot: the layout forced or described, and a span of days that is not a month. */
export function withExports(command: Command): Command {
  return command
    .option('--format <格式>', '指定导出格式（不自动识别），如 dingtalk-daily；kaohe import --formats 列出全部')
    .option('--profile <文件>', '自己编写的导出格式描述 .yaml（写法见 templates/profiles）')
    .option('--from <日期>', '只取此日起的考勤，如 2026-11-02')
    .option('--to <日期>', '只取到此日止的考勤，如 2026-11-08');
}

export function withForce(command: Command): Command {
  return command.option('-f, --force', '允许覆盖已存在的输出文件（只替换普通文件，从不覆盖输入文件）');
}

export function withNotice(command: Command): Command {
  return command.option('--notice-date <日期>', '公示日期，默认今天').option('--notice-days <天数>', '公示期工作日数，默认取“设置”表的公示天数或5');
}

export function withPointValue(command: Command): Command {
  return command.option('--point-value <元>', '每分分值，增加考核奖金额列；默认取“设置”表的每分分值');
}

/**
 * A required option, checked when the command runs rather than by commander, so a mistyped flag
 * (--schem) is reported as such, with the nearest name, instead of as a missing --scheme.
 */
export function requireOption(command: Command, key: string, flags: string): Command {
  return command.hook('preAction', (_, action) => {
    if (action.opts()[key] === undefined) throw new UsageError(`缺少必填选项 ${flags}`);
  });
}

export function withScheme(command: Command): Command {
  return requireOption(command.option('-s, --scheme <方案>', '（必填）考核方案：内置方案编号（见 kaohe schemes）或方案文件路径 .yaml'), 'scheme', '-s, --scheme <方案>');
}

/** Options every command that scores one period's workbook shares. */
export function scoringCommand(program: Command, name: string, description: string, input = true): Command {
  const command = program.command(name).description(description);
  if (input) command.argument('[工作簿]', '考核期工作簿 .xlsx，或放各表 CSV 的文件夹（人员.csv、记录.csv…）');
  withScheme(command)
    .option('-p, --period <考核期>', '考核期，如 2026-10、2026-H1、2026；默认从文件名或记录日期判断')
    .addOption(new Option('--allow-missing-peer', '允许有对象缺互评（该项记0分并标注）'));
  return withExports(withCsv(withHours(command)));
}
