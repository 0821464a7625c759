#!/usr/bin/env node
// gazette-mcp's entry in the built server (`npm run build` writes it as dist/server/main.js): it
// runs the server (server/main.ts, bundled as CommonJS into main.cjs) from V8's code cache
// (server/code-cache.ts), made by the build without running the server, so it holds the code's
// top level.
import { fileURLToPath } from 'node:url';
import { compileBundle, runBundle } from './code-cache.js';

const code = fileURLToPath(new URL('./main.cjs', import.meta.url));
runBundle(compileBundle(code).script, code);
