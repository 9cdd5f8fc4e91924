// Part of `npm run build`: compiles the built-in export profiles (templates/profiles/*.yaml) once
// into dist/profiles.json, so a run reading an export parses no YAML (src/import/profile.ts).
// Every profile is parsed and checked here as a user's --profile file would be; one that does
// not pass stops the build with its problems.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { profileCacheFile } = await import('../dist/import/profile.js');
const { sha256Hex } = await import('../dist/core/hash.js');
rmSync(profileCacheFile, { force: true });
const { readProfileData } = await import('../dist/import/profile-file.js');

const dir = fileURLToPath(new URL('../templates/profiles/', import.meta.url));
const cache = {};
try {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const id = file.slice(0, -'.yaml'.length);
    const text = readFileSync(join(dir, file), 'utf8');
    cache[id] = { sha256: sha256Hex(text), data: readProfileData(text, id) };
  }
} catch (error) {
  const { formatProfileIssue } = await import('../dist/messages.js');
  process.stderr.write(`built-in profile does not pass:\n${(error.issues ?? []).map((i) => `  ${formatProfileIssue(i)}`).join('\n') || error.stack}\n`);
  process.exit(1);
}
writeFileSync(profileCacheFile, JSON.stringify(cache));
