// Part of `npm run build`: compiles the built-in schemes (templates/schemes/*.yaml) once into
// dist/schemes.json, so runs with a built-in scheme parse no YAML (src/scheme/cache.ts). Every
// scheme is parsed and checked here as a user's scheme file would be; one that does not pass
// stops the build with its problems.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { schemeCacheFile } = await import('../dist/scheme/cache.js');
// Never build from an earlier cache: every scheme is parsed afresh.
rmSync(schemeCacheFile, { force: true });
const { builtinSchemeDir, builtinSchemeIds, loadSchemeWithWarnings } = await import('../dist/scheme/load.js');
const { readSchemeText } = await import('../dist/scheme/parse.js');
const { sha256Hex } = await import('../dist/core/hash.js');

const cache = {};
try {
  for (const id of builtinSchemeIds()) {
    const text = readFileSync(join(builtinSchemeDir, `${id}.yaml`), 'utf8');
    const { file, warnings } = readSchemeText(text, id);
    // The schemes it names must exist and pass too.
    await loadSchemeWithWarnings(id);
    cache[id] = { sha256: sha256Hex(text), file, warnings };
  }
} catch (error) {
  const { formatSchemeIssue } = await import('../dist/messages.js');
  process.stderr.write(`built-in scheme does not pass:\n${(error.issues ?? []).map((i) => `  ${formatSchemeIssue(i)}`).join('\n') || error.stack}\n`);
  process.exit(1);
}
writeFileSync(schemeCacheFile, JSON.stringify(cache));
