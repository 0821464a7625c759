#!/usr/bin/env node
// gazette-mcp: builds the database if the corpus changed, then serves the tools over stdio (the
// default) or, with --http, over Streamable HTTP for an office (see --help).
// Only what starts the tool threads is imported before they start; the rest (the MCP SDK, the
// ingest, the store) is loaded while they load the tools' code.
import { corpusDir, databasePath } from '../corpus/paths.js';
import type { ToolDef } from '../tools/common.js';
import { callBudgetMs, hostDefaults, HTTP_OPTIONS, httpOptions, isLoopback } from './http-options.js';
import { logger } from './logger.js';
import type { GazetteConfig } from './open-gazette.js';
import { ToolPool } from './tool-pool.js';

const HELP = `gazette-mcp — the gazette as MCP tools

  gazette-mcp                 serve over stdio (what a desktop chat client starts)
  gazette-mcp --http [opts]   serve over Streamable HTTP for an office

HTTP options (flag, or environment variable):
${HTTP_OPTIONS.map(([flag, env, what, def]) => `  ${flag.padEnd(20)} ${env.padEnd(28)} ${what} (default: ${def})`).join('\n')}

Corpus and database: GAZETTE_CORPUS_DIR, GAZETTE_DB. Logs: GAZETTE_LOG_LEVEL (to stderr).
Today for every answer about dates (tests, replaying a day): GAZETTE_TODAY=YYYY-MM-DD (default: the clock).`;

async function main(): Promise<void> {
  const started = performance.now();
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(`${HELP}\n`);
    return;
  }
  const dir = corpusDir();
  const dbPath = databasePath();
  if (argv.length && !argv.includes('--http')) throw new Error(`unknown arguments: ${argv.join(' ')} (options are for --http; see --help)`);
  const options = argv.includes('--http') ? httpOptions(argv, process.env, dbPath) : null;
  const config: GazetteConfig = { dbPath, today: process.env.GAZETTE_TODAY || undefined };
  // Tool calls run in threads of their own: a call over its budget or its heap is answered with
  // isError and the server goes on. Over stdio one thread; its small young generation also keeps
  // less garbage resident (1,000× corpus, 1,000 calls: 204 MB against 261 MB on the main thread).
  const pool = new ToolPool({
    config,
    size: options?.workers ?? 1,
    budgetMs: options?.callBudgetMs ?? callBudgetMs(process.env.GAZETTE_CALL_BUDGET_MS),
    logger,
    openLater: true,
    checkStore: true,
  });
  const [{ ensureDatabase }, { createServer }, { emptyGazette }, { openGazette }, { serverInstructions }, checked] = await Promise.all([
    import('../ingest/ingest.js'),
    import('./create-server.js'),
    import('./no-corpus.js'),
    import('./open-gazette.js'),
    import('../tools/index.js'),
    pool.storeCheck(),
  ]);
  // A corpus that yields no notices, with no database to fall back on (every file rejected, an
  // empty or missing folder): the server starts anyway, says why in its instructions, and refuses
  // every tool call with the same words, rather than exiting before the client hears why.
  let noCorpus: string | undefined;
  let rebuilt = false;
  try {
    // The store checked on the tool thread (checked here when the thread could not).
    const ensured = ensureDatabase(dir, dbPath, undefined, checked ?? undefined);
    rebuilt = ensured.rebuilt;
    for (const w of ensured.warnings) logger.warn(w);
    for (const f of ensured.summary?.failures ?? []) logger.warn({ file: f.file }, `corpus file skipped: ${f.reason}`);
    const unplaced = ensured.summary?.issues.reduce((n, i) => n + i.unplaced, 0) ?? 0;
    if (unplaced) logger.warn({ unplaced }, 'some fact markers could not be placed; run `npm run ingest` to read the report');
  } catch (err) {
    noCorpus = (err as Error).message;
    logger.error({ corpusDir: dir, db: dbPath }, `the corpus yielded no notices: ${noCorpus}; serving anyway, every tool call refused with this reason`);
  }
  const logError = (tool: string, err: unknown) => logger.error({ err, tool }, 'tool failed');
  // The main thread's reader (instructions, resources, the prompt) follows the published version as the tool threads do.
  const opened = noCorpus === undefined ? openGazette(config, { logError, note: (level, message, fields) => logger[level](fields, message) }) : null;
  if (opened) pool.open();
  else await pool.close();
  const gazette = opened?.gazette ?? emptyGazette();
  const ready = {
    corpusDir: dir,
    db: dbPath,
    rebuilt,
    notices: gazette.issues().reduce((n, i) => n + i.notices, 0),
    version: opened?.version(),
    ...(noCorpus === undefined ? {} : { noCorpus }),
  };
  const serverOptions = {
    logError,
    noCorpus,
    today: opened?.ctx.today,
    runTool: opened ? (tool: ToolDef, args: unknown) => pool.run(tool.name, args) : undefined,
    instructions: opened?.perVersion(() => serverInstructions(opened.ctx)),
  };

  if (!options) {
    const { serveStdio } = await import('./transports/stdio.js');
    const onClose = () => {
      void pool.close();
      gazette.close();
    };
    await serveStdio(createServer(gazette, serverOptions), logger, onClose);
    if (opened) await pool.ready();
    logger.info({ ...ready, startupMs: Math.round(performance.now() - started) }, 'gazette-mcp ready');
    return;
  }

  const [{ TokenCheck, TokenStore }, { feedRoute, feedsFile, FeedStore }, { serveHttp }] = await Promise.all([
    import('./tokens.js'),
    import('./feeds.js'),
    import('./transports/http.js'),
  ]);
  const tokens = new TokenCheck(new TokenStore(options.tokensFile).entries());
  if (!isLoopback(options.host) && tokens.size === 0 && !options.insecureNoAuth) {
    throw new Error(
      `refusing to serve ${options.host} without tokens: add one with \`gazette tokens add NAME\` (file ${options.tokensFile}), or pass --insecure-no-auth`,
    );
  }
  if (tokens.size === 0) logger.warn({ host: options.host }, 'no tokens configured: anyone who can reach this address can call the tools');
  let serving = false;
  // A feed request reads the version published then, so a feed follows the issues ingested since start.
  const feeds = feedRoute(new FeedStore(feedsFile(dbPath)), gazette);
  const http = serveHttp(
    () => createServer(gazette, serverOptions),
    options,
    tokens,
    logger,
    () => (serving ? { version: opened?.version() ?? null } : null),
    feeds,
  );
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(options.port, options.host, resolve);
  });
  if (opened) await pool.ready();
  serving = true;
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info(
    {
      ...ready,
      url: `${hostDefaults(options.host, port).origins[0]}${options.path}`,
      stateless: options.stateless,
      tokens: tokens.size,
      startupMs: Math.round(performance.now() - started),
    },
    'gazette-mcp ready',
  );
  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    logger.info({ why }, 'shutting down');
    await http.close();
    await pool.close();
    gazette.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  logger.fatal({ err }, `gazette-mcp failed to start: ${(err as Error).message}`);
  process.exit(1);
});
