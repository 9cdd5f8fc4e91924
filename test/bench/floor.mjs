// The floor: exceljs's streaming reader reading every cell of the given workbooks, nothing else.
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { peakKB } from './peak.mjs';

let cells = 0;
for (const path of process.argv.slice(2)) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  for await (const sheet of reader) {
    for await (const row of sheet) row.eachCell(() => (cells += 1));
  }
}
writeFileSync(process.env.KAOHE_BENCH_OUT, JSON.stringify({ maxRSS: peakKB(), cpu: process.cpuUsage(), cells }));
