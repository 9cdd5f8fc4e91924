import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds Chinese sentences written in code. A sentence is text with two or more Chinese
 * characters and either sentence punctuation (，。；：！？、“”《》… or →) or eight characters or
 * more; a single word (工号, 迟到, 上午, 休息) is data the code matches or writes as a header.
 * A template literal is judged by its text without the values (首次打卡 ${t} → 迟到${m}分钟).
 */
const CJK = /[\u3400-\u9fff]/gu;
const PUNCTUATION = /[，。；：！？、“”《》…→]/u;

export function isSentence(text: string): boolean {
  const characters = text.match(CJK)?.length ?? 0;
  return characters >= 2 && (PUNCTUATION.test(text) || characters >= 8);
}

interface Found {
  file: string;
  line: number;
  text: string;
}

/** Every string and template text in `file` that is a sentence. */
export function sentencesIn(file: string, root: string): Found[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${}');
    if (text !== null && isSentence(text)) {
      found.push({ file: relative(root, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFilesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
