// The scan floor: the physical cost of reading a workbook's cells. yauzl opens the zip, Node's
// zlib inflates each sheet and the shared strings, and an indexOf loop finds every cell and its
// value text, doing nothing else (no types, dates, rows or merges). Nothing can read the cells
// faster than this; kaohe's reader does this and more.
import { writeFileSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { peakKB } from './peak.mjs';

const openZip = (path) => new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))));

async function entriesOf(zip) {
  const entries = [];
  await new Promise((resolve, reject) => {
    zip.on('entry', (entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

const inflated = (zip, entry) =>
  new Promise((resolve, reject) => zip.openReadStream(entry, { decompress: false }, (error, stream) => (error ? reject(error) : resolve(stream.pipe(createInflateRaw())))));

/** Counts each `<c` element and takes its `<v>` or `<t>` text (as Latin-1, undecoded). */
async function scanCells(stream) {
  let cells = 0;
  let valueBytes = 0;
  let rest = '';
  for await (const chunk of stream) {
    const s = rest + chunk.toString('latin1');
    let pos = 0;
    for (;;) {
      const open = s.indexOf('<c ', pos);
      if (open < 0) {
        pos = Math.max(pos, s.length - 2);
        break;
      }
      const gt = s.indexOf('>', open);
      if (gt < 0) break;
      if (s.charCodeAt(gt - 1) === 47 /* / */) {
        // <c r="A1" s="3"/>: a cell with no value
        cells += 1;
        pos = gt + 1;
        continue;
      }
      const end = s.indexOf('</c>', gt);
      if (end < 0) break;
      const v = s.indexOf('<v>', gt);
      const t = s.indexOf('<t', gt);
      const from = v >= 0 && v < end ? v + 3 : t >= 0 && t < end ? s.indexOf('>', t) + 1 : end;
      valueBytes += s.indexOf('<', from) - from;
      cells += 1;
      pos = end + 4;
    }
    rest = s.slice(pos);
  }
  return { cells, valueBytes };
}

/** The shared strings' texts, as a reader must have them to show a cell. */
async function scanStrings(stream) {
  const strings = [];
  let rest = '';
  for await (const chunk of stream) {
    const s = rest + chunk.toString('latin1');
    let pos = 0;
    for (;;) {
      const si = s.indexOf('<si>', pos);
      const close = si < 0 ? -1 : s.indexOf('</si>', si);
      if (close < 0) break;
      const t = s.indexOf('<t', si);
      strings.push(s.slice(s.indexOf('>', t) + 1, s.indexOf('</t>', t)));
      pos = close + 5;
    }
    rest = s.slice(pos);
  }
  return strings.length;
}

let cells = 0;
let strings = 0;
for (const path of process.argv.slice(2)) {
  const zip = await openZip(path);
  for (const entry of await entriesOf(zip)) {
    const name = entry.fileName.replace(/^\//, '');
    if (name === 'xl/sharedStrings.xml') strings += await scanStrings(await inflated(zip, entry));
    else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) cells += (await scanCells(await inflated(zip, entry))).cells;
  }
  zip.close();
}
writeFileSync(process.env.KAOHE_BENCH_OUT, JSON.stringify({ maxRSS: peakKB(), cpu: process.cpuUsage(), cells, strings }));
