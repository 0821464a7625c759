// The database file on disk: whether it can be trusted, and what a stopped build left beside it.
import Database from 'better-sqlite3';
import { basename, dirname, join } from 'node:path';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { issueChecksum, processAlive, readMeta, STORE_VERSION } from './writer.js';

/** Largest database checked page by page at every start (a bundled issue's is 7 MB; 1,000× is 2.9 GB). */
const THOROUGH_BYTES = 256 * 2 ** 20;

/** Whether a database is small enough to be checked whole at every start (pages and checksums). */
export function checkedAtStart(dbPath: string): boolean {
  try {
    return statSync(dbPath).size <= THOROUGH_BYTES;
  } catch {
    return false;
  }
}

/**
 * Why the database cannot be served as it is, or null when it opens, is ours, and its pages check
 * out. `thorough` checks every page whatever the size (`gazette verify`).
 */
export function storeProblem(dbPath: string, thorough = false): string | null {
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch (err) {
    return (err as Error).message;
  }
  try {
    const version = db.prepare("SELECT value FROM meta WHERE key = 'store_version'").pluck().get();
    if (version === undefined) return 'it has no store version: not a gazette database';
    // quick_check reads every page once: damage anywhere is found before a question meets it. Past
    // THOROUGH_BYTES that costs seconds at every start; a large file is checked where it is read
    // (SQLite refuses a damaged page with SQLITE_CORRUPT) and by `gazette verify`.
    if (!thorough && !checkedAtStart(dbPath)) {
      db.prepare('SELECT COUNT(*) FROM issues').get();
      return null;
    }
    const check = db.pragma('quick_check', { simple: true });
    return check === 'ok' ? null : `integrity check failed: ${String(check)}`;
  } catch (err) {
    return (err as Error).message;
  } finally {
    db.close();
  }
}

/** A writers' lock whose process is gone (an empty one may be being written: it stays). */
function lockHolderGone(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return pid > 0 && !processAlive(pid);
  } catch {
    return false;
  }
}

/** Removes the temp files and lock of ingests whose process is gone (a killed ingest); returns their names. */
export function removeStaleBuilds(dbPath: string): string[] {
  const dir = dirname(dbPath);
  const stem = basename(dbPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const m = /\.tmp-(\d+)-\d+(?:-journal|-wal|-shm)?$/.exec(name);
    if (name === `${stem}.lock`) return lockHolderGone(join(dir, name));
    return name.startsWith(`${stem}.tmp-`) && m && !processAlive(Number(m[1]));
  });
  for (const name of stale) rmSync(join(dir, name), { force: true });
  return stale;
}

/**
 * The stored issues whose text and facts no longer hash to what their ingest wrote (a byte changed
 * inside a row, which SQLite's page checks cannot see), by file name.
 */
export function damagedIssues(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const issues = db.prepare('SELECT id, source, checksum FROM issues ORDER BY id').all() as { id: number; source: string; checksum: string | null }[];
    return issues.filter((i) => i.checksum !== issueChecksum(db, i.id)).map((i) => i.source);
  } finally {
    db.close();
  }
}

/** What the check of a database found: why it cannot be served, and the issues whose rows changed. */
export interface StoreCheck {
  problem: string | null;
  damaged: string[];
  /**
   * Sound, of this code's STORE_VERSION and with no issue found damaged: what a tool thread may
   * open before the corpus is compared with it (were the corpus to have changed, the version the
   * server then builds is published and followed; see openGazette).
   */
  current: boolean;
}

/**
 * The check a database gets before it is served: its pages (storeProblem) and, when `thorough`,
 * each issue's checksum. A store of another version is rebuilt whole anyway; its rows are not
 * checked. It only reads, so the server runs it on a tool thread while its own code loads.
 */
export function checkStore(dbPath: string, thorough: boolean): StoreCheck {
  const problem = existsSync(dbPath) ? storeProblem(dbPath, thorough) : 'no database yet';
  if (problem) return { problem, damaged: [], current: false };
  const current = readMeta(dbPath, 'store_version') === STORE_VERSION;
  if (!thorough || !current) return { problem, damaged: [], current };
  try {
    const damaged = damagedIssues(dbPath);
    return { problem: null, damaged, current: damaged.length === 0 };
  } catch (err) {
    return { problem: `its rows cannot be read: ${(err as Error).message}`, damaged: [], current: false };
  }
}
