/**
 * Records test/golden/outputs.json: the fingerprints of every output kaohe writes on the golden
 * cases (test/golden/cases.ts). Recorded once from main's in-memory writer (commit 0de71cc, before
 * issue 17); run again only when an output is meant to change, and say so in the commit.
 *   npx tsx test/golden/record.ts            record
 *   npx tsx test/golden/record.ts --dump d   also write each output's full fingerprint to d/ for diffing
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenOutputs } from './cases.js';

const outputs = await goldenOutputs(mkdtempSync(join(tmpdir(), 'kaohe-golden-')));
writeFileSync(join('test', 'golden', 'outputs.json'), JSON.stringify(outputs, null, 1) + '\n');
console.log(`recorded ${Object.keys(outputs).length} outputs`);
