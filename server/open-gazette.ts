// openGazette(config): the one way the server (its main thread and each tool thread), the CLI, the
// evals and the tests open the store and the context tools run in. An ingest publishes a new
// version of the store as a new file renamed over the old; the reader here notices (one stat per
// turn of the event loop) and moves to a fresh reader of the new file, so every tool thread,
// list, resource and instruction answers from the version published when it began.
import Database from 'better-sqlite3';
import { statSync, type Stats } from 'node:fs';
import type { GazetteReader } from '../domain/reader.js';
import { inDateRange, isoDate } from '../domain/text.js';
import { SqliteGazette } from '../store/sqlite-gazette.js';
import type { ToolContext } from '../tools/common.js';

/** What a gazette is opened with: plain data, so a tool thread is given the very same. */
export interface GazetteConfig {
  dbPath: string;
  /** Today for every answer that depends on it (YYYY-MM-DD); the clock's date when absent. */
  today?: string;
}

export interface OpenHooks {
  logError: (tool: string, err: unknown) => void;
  /** Told when a new version is served, or cannot be opened and the last is kept. */
  note?: (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => void;
  /** Warm each version's search index when it is opened (tool threads: the first search is not the slow one). */
  warm?: boolean;
}

/** Which version of the store is served: the ingest's fingerprint of the corpus and when it was written. */
export interface StoreVersion {
  fingerprint: string | null;
  builtAt: string | null;
}

export interface OpenedGazette {
  /** The reader of the version published now (the same one for everything run in one turn of the event loop). */
  gazette: GazetteReader;
  ctx: ToolContext;
  version: () => StoreVersion;
  /** `make` as a value made once per version of the store (what a server made per request would otherwise remake). */
  perVersion: <T>(make: () => T) => () => T;
  close: () => void;
}

/** A date given as today, checked: a wrong one is refused at start rather than answered with. */
export function fixedToday(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date || !inDateRange(date)) throw new Error(`today must be a real date YYYY-MM-DD, not ${JSON.stringify(value)}`);
  return date;
}

/** A file by identity: a published version is a new file, so a new inode. */
type FileId = Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs'>;
const idOf = ({ dev, ino, size, mtimeMs }: Stats): FileId => ({ dev, ino, size, mtimeMs });
const same = (a: FileId | null, b: FileId | null) => !!a && !!b && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

interface Version {
  reader: SqliteGazette;
  id: FileId;
  version: StoreVersion;
}

function readVersion(dbPath: string): StoreVersion {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const meta = new Map(db.prepare("SELECT key, value FROM meta WHERE key IN ('fingerprint', 'built_at')").raw().all() as [string, string][]);
    return { fingerprint: meta.get('fingerprint') ?? null, builtAt: meta.get('built_at') ?? null };
  } finally {
    db.close();
  }
}

/** The file the path names now, opened; tried again if it was replaced while being opened. */
function openVersion(dbPath: string, warm: boolean): Version {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = idOf(statSync(dbPath));
    const reader = new SqliteGazette(dbPath);
    try {
      const version = readVersion(dbPath);
      if (same(before, idOf(statSync(dbPath)))) {
        if (warm) reader.warmUp();
        return { reader, id: before, version };
      }
    } catch (err) {
      reader.close();
      throw err;
    }
    reader.close();
  }
  throw new Error(`${dbPath} was replaced again and again while it was being opened`);
}

/** The version published now, one reader per version; the last one kept while a new one cannot be opened. */
class LiveStore {
  private current: Version;
  /** A file that failed to open, not tried again until the path names another. */
  private failed: FileId | null = null;
  private pinned = false;

  constructor(
    private readonly dbPath: string,
    private readonly hooks: OpenHooks,
  ) {
    this.current = openVersion(dbPath, hooks.warm ?? false);
  }

  /**
   * The reader for this turn of the event loop. Tool calls, list and resource handlers run within
   * one turn, so each answer comes from one version; a swap happens only as a turn begins, when
   * nothing runs on the old reader, which is closed then.
   */
  reader(): SqliteGazette {
    if (!this.pinned) {
      this.pinned = true;
      setImmediate(() => (this.pinned = false));
      this.refresh();
    }
    return this.current.reader;
  }

  version(): StoreVersion {
    this.reader();
    return this.current.version;
  }

  close(): void {
    this.current.reader.close();
  }

  private refresh(): void {
    let id: FileId;
    try {
      id = idOf(statSync(this.dbPath));
    } catch {
      return; // the path is gone for now: the version held stays served
    }
    if (same(id, this.current.id) || same(id, this.failed)) return;
    try {
      const next = openVersion(this.dbPath, this.hooks.warm ?? false);
      const old = this.current;
      this.current = next;
      this.failed = null;
      old.reader.close();
      this.hooks.note?.('info', 'serving a new version of the store', { db: this.dbPath, ...next.version });
    } catch (err) {
      this.failed = id;
      this.hooks.note?.('warn', `a new version of the store cannot be opened; still serving the last: ${(err as Error).message}`, {
        db: this.dbPath,
        ...this.current.version,
      });
    }
  }
}

export function openGazette(config: GazetteConfig, hooks: OpenHooks): OpenedGazette {
  const store = new LiveStore(config.dbPath, hooks);
  const close = () => store.close();
  // Every property asked of the reader is the current version's: a method is bound to that version.
  const gazette = new Proxy({} as GazetteReader, {
    get: (_target, key) => {
      if (key === 'close') return close;
      const reader = store.reader();
      const value = (reader as unknown as Record<PropertyKey, unknown>)[key];
      return typeof value === 'function' ? value.bind(reader) : value;
    },
  });
  const today =
    config.today === undefined
      ? () => new Date().toISOString().slice(0, 10)
      : (
          (fixed) => () =>
            fixed
        )(fixedToday(config.today));
  const perVersion = <T>(make: () => T) => {
    let made: { version: StoreVersion; value: T } | null = null;
    return () => {
      const version = store.version();
      if (made?.version !== version) made = { version, value: make() };
      return made.value;
    };
  };
  return { gazette, ctx: { gazette, logError: hooks.logError, today }, version: () => store.version(), perVersion, close };
}
