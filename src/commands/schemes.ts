import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { UsageError, type SchemeIssue } from '../core/problems.js';
import { builtinSchemeHeading, builtinSchemeIds, loadScheme, loadSchemeWithWarnings } from '../scheme/load.js';
import { schemeCheckedLine, schemesFooter } from '../messages/terminal.js';

const subjectChinese = { person: '个人', unit: '窗口/科室' } as const;
const periodChinese = { month: '月度', half: '半年', year: '年度' } as const;

/** `kaohe schemes`: one line per built-in scheme (the compiled copies' headings: nothing to compile). */
export async function listSchemes(): Promise<string> {
  const schemes = await Promise.all(builtinSchemeIds().map(async (id) => [id, await builtinSchemeHeading(id)] as const));
  const lines = schemes.map(([id, s]) => {
    return `${id.padEnd(20)} ${s.title}（${subjectChinese[s.subject]}，${periodChinese[s.period]}）`;
  });
  return [...lines, '', schemesFooter].join('\n') + '\n';
}

/** `kaohe scheme show <id|file>`. */
export async function showScheme(idOrPath: string): Promise<string> {
  const { describeScheme } = await import('../messages/scheme.js');
  return describeScheme(await loadScheme(idOrPath)).join('\n') + '\n';
}

/**
 * `kaohe scheme check <file>`: a summary and the warnings (a value without source, a number its
 * quote does not state and that is not marked), or a SchemeError listing every problem.
 */
export async function checkScheme(file: string): Promise<{ summary: string; warnings: SchemeIssue[] }> {
  if (!existsSync(file)) throw new UsageError('scheme_check_file_missing', { file, builtin: builtinSchemeIds().includes(file) ? 1 : 0 });
  const { scheme, warnings } = await loadSchemeWithWarnings(file.includes('/') || file.includes('\\') ? file : `./${file}`);
  const { rulesOf } = await import('../scheme/model.js');
  const rules = scheme.items.flatMap(rulesOf).length;
  return { summary: schemeCheckedLine(basename(file), scheme.title, scheme.id, scheme.items.length, rules), warnings };
}
