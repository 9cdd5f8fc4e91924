import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary folder a test makes (tempDir, mkdtemp, the CLI's own temp files) goes under one
 * folder of this run, removed when the run ends: a test run leaves nothing behind in the system's
 * temp folder. Test workers and the commands they start inherit TMPDIR.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'kaohe-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
