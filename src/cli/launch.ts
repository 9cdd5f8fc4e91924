import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import type { CliIo } from '../core/io.js';

/**
 * How bin/kaohe.js runs the command line: the bundle of it as one CommonJS script
 * (scripts/build-bundle.mjs), compiled with V8's code cache made at build time
 * (scripts/build-code-cache.mjs). Half of a first run's CPU is V8 compiling, and Node 20 has no
 * compile cache for modules; from the cache, V8 neither parses the script nor compiles the
 * functions a build-time run called, so a month's run starts with their bytecode (issue 17).
 * A cache that is not this script's, or that this V8 rejects (another Node, other V8 flags), is
 * not used: the script is compiled from its source, as without one. Nothing is written at run time.
 */
export const CLI_SCRIPT = 'cli.cjs';
export const CLI_CODE_CACHE = 'cli.cache';

type Main = (argv: readonly string[], io?: CliIo) => Promise<number>;
type ScriptBody = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

export interface LoadedCli {
  readonly main: Main;
  /** Whether V8 took the code cache. */
  readonly cacheUsed: boolean;
  /** The cache of the script as it is now (the functions run so far included), as CLI_CODE_CACHE holds it. */
  codeCache(): Buffer;
}

/** The bundled command line in bundleDir, with its code cache unless `useCache` is false (the build making it). */
export function loadCli(bundleDir: string, useCache = true): LoadedCli {
  const file = resolve(bundleDir, CLI_SCRIPT);
  const source = readFileSync(file);
  const cachedData = useCache ? cacheOf(source, join(bundleDir, CLI_CODE_CACHE)) : undefined;
  // Node's own CommonJS wrapper, so the bundle's require, module and __filename are those of its file.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, { filename: file, cachedData });
  const module = { exports: {} as { main: Main } };
  (script.runInThisContext() as ScriptBody)(module.exports, createRequire(file), module, file, dirname(file));
  return {
    main: module.exports.main,
    cacheUsed: cachedData !== undefined && script.cachedDataRejected !== true,
    codeCache: () => {
      const data = script.createCachedData();
      return Buffer.concat([digestOf(source, data), data]);
    },
  };
}

/**
 * The cache data in `cacheFile` if it was made from this source, else undefined (no file, or a
 * stale or damaged one). V8 itself checks a cache against its version and flags and the source's
 * length only, and a damaged cache can crash it: the file starts with a digest of both.
 */
function cacheOf(source: Buffer, cacheFile: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = file.subarray(DIGEST_BYTES);
  return file.length > DIGEST_BYTES && digestOf(source, data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

const DIGEST_BYTES = 32;

function digestOf(source: Buffer, data: Buffer): Buffer {
  return createHash('sha256').update(source).update(data).digest();
}
