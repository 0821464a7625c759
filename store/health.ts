// The database file on disk: whether it can be trusted, and what a stopped build left beside it.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Largest database checked page by page at every start (a bundled issue's is 7 MB; 1,000× is 2.9 GB). */
const THOROUGH_BYTES = 256 * 2 ** 20;

/** Why the database cannot be served as it is, or null when it opens, is ours, and its pages check out. */
export function storeProblem(dbPath: string): string | null {
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
    // (SQLite refuses a damaged page with SQLITE_CORRUPT) and by `gazette ingest --full`.
    if (statSync(dbPath).size > THOROUGH_BYTES) {
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temp files of builds whose process is gone (a killed ingest); returns their names. */
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
    return name.startsWith(`${stem}.tmp-`) && m && !alive(Number(m[1]));
  });
  for (const name of stale) rmSync(join(dir, name), { force: true });
  return stale;
}

/**
 * Rolls back an update that was stopped mid-way (a kill): its journal beside the file holds the
 * pages as they were, and opening the file for writing puts them back and deletes it. True only
 * when that happened. A journal SQLite leaves in place is not hot: the update was stopped before
 * it changed a page of the file (the journal's header is written blank until then), so there is
 * nothing to put back; it is removed, under a write lock so that a running update keeps its own.
 */
export function recoverInterruptedUpdate(dbPath: string): boolean {
  const journal = `${dbPath}-journal`;
  if (!existsSync(journal)) return false;
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    if (!existsSync(journal)) return true;
    db.pragma('busy_timeout = 0');
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
      throw err;
    }
    rmSync(journal, { force: true });
    db.exec('COMMIT');
    return false;
  } finally {
    db.close();
  }
}
