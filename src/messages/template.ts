import type { Scheme } from '../scheme/model.js';

/** The words of the template workbook (its 说明 sheet and dropdown prompts) and of the README's input tables. */
export const templateText = {
  /** How the 工号/姓名/窗口 columns are filled, by whom the scheme assesses. */
  who: {
    unit: '工号、姓名或窗口填一项；按窗口考核时人员的记录计入其窗口',
    person: '工号或姓名填一项（重名时必须填工号）',
  },
  helpTitle: (scheme: Pick<Scheme, 'title' | 'id'>) => `${scheme.title}（${scheme.id}）考核工作簿填写说明`,
  helpIntro: '一个考核期一个工作簿，文件名写考核期，如 2026-11.xlsx；各表第一行是表头，不要改名。',
  /** 【人员】 */
  sheetHeading: (name: string) => `【${name}】`,
  columnHelp: (header: string, help: string) => `  ${header}：${help}`,
  settingHelp: (key: string, help: string, fallback: string | undefined) => `  ${key}：${help}${fallback === undefined ? '' : `（默认 ${fallback}）`}`,
  schemeHeading: '【考核方案】',
  dropdownTitle: '请从下拉中选择',
  dropdownError: (header: string) => `请从下拉列表中选择${header}`,
} as const;

/** The scheme id a 说明 title (templateText.helpTitle) names, read back; null for any other text. */
export function templateSchemeOf(title: string): string | null {
  return /（([^（）]+)）考核工作簿填写说明$/.exec(title.trim())?.[1] ?? null;
}
