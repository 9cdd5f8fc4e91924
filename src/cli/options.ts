import { Option, type Command } from 'commander';

/** Working hours and calendar: they override the 设置 sheet. */
export function withHours(command: Command): Command {
  return command
    .option('--hours <时间>', '全年作息时间，如 08:30-12:00,13:30-17:30')
    .option('--summer-hours <时间>', '夏季作息时间，默认 08:00-11:30,15:00-18:00')
    .option('--winter-hours <时间>', '冬季作息时间，默认 08:00-11:30,14:00-17:30')
    .option('--summer-start <月-日>', '夏季作息开始，默认 05-01')
    .option('--winter-start <月-日>', '冬季作息开始，默认 10-01')
    .option('--grace <分钟>', '迟到、早退宽限分钟，默认 0')
    .option('--calendar <文件>', '补充尚未收录年份的节假日安排 .yaml');
}

/** Each sheet may come as its own CSV file (UTF-8 or GBK). */
export function withCsv(command: Command): Command {
  return command
    .option('--roster <csv>', '人员表 CSV')
    .option('--records <csv>', '记录表 CSV')
    .option('--peer <csv>', '互评表 CSV')
    .option('--marks <csv>', '评分表 CSV')
    .option('--metrics <csv>', '指标表 CSV')
    .option('--monthly <csv>', '月度得分表 CSV')
    .option('--punches <csv>', '考勤打卡 CSV')
    .option('--leave <csv>', '请假表 CSV')
    .option('--settings <csv>', '设置表 CSV');
}

export function withOutput(command: Command): Command {
  return command
    .option('--point-value <元>', '每分分值，增加考核奖金额列；默认取“设置”表的每分分值')
    .option('-o, --output <文件>', '写出工作簿 .xlsx')
    .option('-f, --force', '允许覆盖已存在的输出文件')
    .option('--notice-date <日期>', '公示日期，默认今天')
    .option('--notice-days <天数>', '公示期工作日数，默认取“设置”表的公示天数或5');
}

/** Options every command that scores a workbook shares. */
export function scoringCommand(program: Command, name: string, description: string): Command {
  const command = program
    .command(name)
    .description(description)
    .argument('[工作簿]', '考核期工作簿 .xlsx，或放各表 CSV 的文件夹（人员.csv、记录.csv…）')
    .requiredOption('-s, --scheme <方案>', '考核方案：内置方案编号（见 kaohe schemes）或方案文件路径 .yaml')
    .option('-p, --period <考核期>', '考核期，如 2026-10、2026-H1、2026；默认从文件名或记录日期判断')
    .addOption(new Option('--allow-missing-peer', '允许有对象缺互评（该项记0分并标注）'));
  return withCsv(withHours(command));
}
