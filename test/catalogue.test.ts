import { describe, expect, it } from 'vitest';
import { isSentence, sentencesIn, tsFilesUnder } from './sentences.js';

/**
 * Chinese sentences live in the message catalogue (src/messages.ts, src/messages/); the scheme
 * and profile YAML is data outside src. Everywhere else in src a sentence is a finding: code
 * builds coded data, the catalogue words it. The allow-list names the few files that hold
 * sentences as data, each with why.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/core/input-sheets.ts': "the input contract, declared once: each column's help line is template data beside its headers, type and width (issue 16)",
};
const CATALOGUE = (file: string) => file === 'src/messages.ts' || file.startsWith('src/messages/') || file in ALLOWED;

describe('the message catalogue', () => {
  it('holds every Chinese sentence of src', () => {
    const found = tsFilesUnder('src')
      .flatMap((file) => sentencesIn(file, '.'))
      .filter((f) => !CATALOGUE(f.file))
      .map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`);
    expect(found).toEqual([]);
  });

  it('tells a sentence from a word', () => {
    // words code matches or writes as headers
    for (const word of ['工号', '迟到', '上午', '休息', '考勤起始日期', '独生子女陪护假', 'kaohe']) expect(isSentence(word), word).toBe(false);
    // sentences: Chinese punctuation, or eight characters or more
    for (const sentence of ['请给出考核工作簿', '无打卡、无请假', '首次打卡 08:07 > 08:00 → 迟到7分钟', '年度考核结果公示']) expect(isSentence(sentence), sentence).toBe(true);
  });

  it('finds a sentence in a string, and in a template literal around its values', () => {
    const found = sentencesIn('test/fixtures-catalogue/worded.ts', '.').map((f) => [f.line, f.text]);
    expect(found).toEqual([
      [2, '请用 -o 指定输出文件夹'],
      [3, '首次打卡 ${} ${} → 迟到${}分钟'],
    ]);
  });
});
