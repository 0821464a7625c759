// Running a CommonJS bundle from V8's code cache: the server's entry points (server/main-entry.ts,
// server/tool-thread.ts) run the bundles `npm run build` makes (server/bundle.ts) this way, so a
// start does not compile a megabyte of code each time. Node 20 has no module compile cache
// (module.enableCompileCache came in Node 22); vm.Script's cachedData is the same cache for a
// script. A cache this V8 rejects (another Node, other V8 flags) or that is missing only costs the
// compile.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/** Where a bundle's cache is kept: beside it. */
export const cacheFileOf = (code: string) => code.replace(/\.cjs$/, '.cache');

/**
 * A bundle compiled, from its cache when there is one that fits. It is wrapped as Node wraps a
 * CommonJS module, strict as the ES modules it was bundled from; import.meta.url is given as the
 * bundle's own (esbuild writes import_meta_url for it, see server/bundle.ts).
 */
export function compileBundle(code: string, useCache = true): { script: Script; rejected: boolean } {
  let cachedData: Buffer | undefined;
  try {
    if (useCache) cachedData = readFileSync(cacheFileOf(code));
  } catch {
    // No cache yet: compiled as any script is.
  }
  // A bundle keeps its entry's #! line, which is not JavaScript inside a function.
  const body = readFileSync(code, 'utf8').replace(/^#!.*/, '');
  const source = `(function (exports, require, module, __filename, __dirname, import_meta_url) {'use strict';${body}\n})`;
  const script = new Script(source, { filename: code, cachedData });
  return { script, rejected: cachedData !== undefined && script.cachedDataRejected === true };
}

/** Runs a compiled bundle as the module at its path. */
export function runBundle(script: Script, code: string): void {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(code), module, code, dirname(code), pathToFileURL(code).href);
}
