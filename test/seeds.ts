import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseQuoteText } from '../src/scheme/sources.js';

/**
 * The seed policy texts (docs/seeds, copies of the originals) by the readable titles the built-in schemes cite, each
 * narrowed to its own section: a quote of 栟茶镇便民服务中心考核办法 must be found in that
 * section of the 003 collection, not in its 月度考核办法.
 */
const seedDir = join(import.meta.dirname, '..', 'docs', 'seeds');

interface Section {
  file: string;
  /** The section starts at the first occurrence of `from` and ends before `to` (or at the end). */
  from?: string;
  to?: string;
}

export const seedSections: Record<string, Section> = {
  'xxx街道机关先进科室考核评比“千分制”管理办法': { file: '000_678b1269cd9002a2.txt' },
  便民服务中心考核制度: { file: '001_9aec20a9be85863a.txt', from: '便民服务中心考核制度\n为进一步加强中心管理' },
  'XX市政务服务中心大厅窗口工作人员考评办法(试行)': { file: '002_82cb7c61a03ba65f.txt', to: '篇2' },
  栟茶镇便民服务中心考核办法: { file: '003_45a152b946857baa.txt', from: '考核办法为加强便民服务中心', to: '月度考核办法(试行)为进一步' },
  '栟茶镇便民服务中心月度考核办法(试行)': { file: '003_45a152b946857baa.txt', from: '月度考核办法(试行)为进一步', to: '投诉督查管理制度为了' },
  栟茶镇便民服务中心请假制度: { file: '003_45a152b946857baa.txt', from: '请假制度 一、工作人员不得无故', to: '投诉责任追究暂行办法一' },
  栟茶镇便民服务中心值班制度: { file: '003_45a152b946857baa.txt', from: '值班制度根据便民服务中心布局', to: '登记交接制度一' },
  栟茶镇便民服务中心纪律规范: { file: '003_45a152b946857baa.txt', from: '纪律规范为进一步', to: '请假制度 一' },
};

/** The normalised text of a titled seed section, or null for an unknown title. */
export function seedText(title: string): string | null {
  const section = seedSections[title];
  if (!section) return null;
  const text = readFileSync(join(seedDir, section.file), 'utf8');
  const start = section.from === undefined ? 0 : text.indexOf(section.from);
  if (start < 0) throw new Error(`section start "${section.from}" not found in ${section.file}`);
  const end = section.to === undefined ? text.length : text.indexOf(section.to, start + 1);
  if (end < 0) throw new Error(`section end "${section.to}" not found in ${section.file}`);
  return normaliseQuoteText(text.slice(start, end));
}

/**
 * Whether a quote stands in the text verbatim (after normalising spaces and full/half-width
 * punctuation). "……" in a quote leaves out words: each fragment must be found, in order.
 */
export function quoteFound(quote: string, text: string): boolean {
  let from = 0;
  for (const fragment of quote.split(/…+/).map(normaliseQuoteText).filter(Boolean)) {
    const at = text.indexOf(fragment, from);
    if (at < 0) return false;
    from = at + fragment.length;
  }
  return true;
}
