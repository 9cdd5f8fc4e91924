#!/usr/bin/env node
// Renders workbooks the way a clerk prints them: LibreOffice converts each to PDF, pdfinfo
// checks every page is A4, pdftoppm makes one PNG per page to look at.
//   npm run render -- 结果.xlsx [more.xlsx…] [--out folder]
// Needs: apt-get install -y libreoffice-calc fonts-noto-cjk poppler-utils
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 ? args[outAt + 1] : mkdtempSync(join(tmpdir(), 'kaohe-render-')));
const files = outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args;
if (files.length === 0) {
  console.error('用法：npm run render -- <工作簿.xlsx> [...] [--out 文件夹]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
// A profile of its own, so a LibreOffice already open (or another render) does not interfere.
const profile = `file://${mkdtempSync(join(tmpdir(), 'kaohe-lo-'))}`;
let bad = 0;
for (const file of files) {
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, resolve(file)], { stdio: 'ignore' });
  const pdf = join(out, basename(file).replace(/\.xlsx$/i, '.pdf'));
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
  // A4 is 595 × 842 points (either way round).
  const notA4 = sizes.filter(([w, h]) => !(Math.abs(Math.min(w, h) - 595) < 2 && Math.abs(Math.max(w, h) - 842) < 2));
  const prefix = join(out, basename(file).replace(/\.xlsx$/i, ''));
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, prefix]);
  const pngs = readdirSync(out).filter((n) => n.startsWith(basename(prefix)) && n.endsWith('.png'));
  console.log(`${file}: ${sizes.length} 页${notA4.length ? `，其中 ${notA4.length} 页不是 A4` : '，全部 A4'} → ${pdf}（${pngs.length} 张 PNG）`);
  if (notA4.length) bad += 1;
}
process.exit(bad ? 1 : 0);
