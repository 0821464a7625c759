#!/usr/bin/env node
// gazette-mcp's entry in the built server (`npm run build` writes it as dist/server/main.js): it
// runs the server (server/main.ts, bundled as CommonJS into main.cjs) from V8's code cache
// (server/code-cache.ts), made by the build after a session of the server, so it holds the code
// a start and the first calls run.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cacheFileOf, compileBundle, runBundle } from './code-cache.js';

const code = fileURLToPath(new URL('./main.cjs', import.meta.url));
// The build runs the server once through a session (server/bundle.ts) and keeps what it compiled.
const making = process.env.GAZETTE_MAKE_CODE_CACHE === '1';
const { script } = compileBundle(code, !making);
if (making) process.on('exit', () => writeFileSync(cacheFileOf(code), script.createCachedData()));
runBundle(script, code);
