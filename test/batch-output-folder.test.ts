import { mkdirSync, readdirSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runBatch } from '../src/commands/batch.js';
import { tempDir } from './workbook.js';

// access() is the folder's write check: the test makes it answer EACCES, as a read-only folder
// does for anyone but root (the tests may run as root). Listed in vitest.config.ts as mocking.
vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return { ...real, access: vi.fn(real.access) };
});

const io = { stdout: { write: () => undefined }, stderr: { write: () => undefined } };

describe('kaohe year --each -o under a read-only folder', () => {
  it('-o under a folder this run may not write, naming that folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, '北街'));
    const readOnly = tempDir();
    vi.mocked(access).mockRejectedValueOnce(Object.assign(new Error('permission denied'), { code: 'EACCES' }));
    await expect(runBatch([root], { scheme: 'bianmin-10pt', output: join(readOnly, '结果') }, io)).rejects.toMatchObject({ name: 'OutputError', code: 'output_folder', args: { folder: readOnly, reason: 'EACCES' } });
    expect(readdirSync(readOnly)).toEqual([]);
  });
});
