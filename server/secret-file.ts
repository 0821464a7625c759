// A file of secrets kept as SHA-256 hashes only (bearer tokens, feed URLs): a secret is shown
// once, when it is made, and cannot be read back. Saved by rename (0600), so a reader never sees
// half a file; checked in constant time against every entry, so timing tells nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretEntry {
  sha256: string;
  created: string;
}

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** A new secret (after `prefix`) and the hash the file keeps of it. */
export function newSecret(prefix = ''): { secret: string; sha256: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, sha256: digest(secret).toString('hex') };
}

/** The entry a secret opens, or null. Every entry is compared, whatever matches first. */
export function matchSecret<E extends SecretEntry>(entries: E[], secret: string): E | null {
  const d = digest(secret);
  let found: E | null = null;
  for (const e of entries) {
    const h = Buffer.from(e.sha256, 'hex');
    if (h.length === d.length && timingSafeEqual(h, d)) found = e;
  }
  return found;
}

/** What identifies a version of a file: a save by rename changes the inode, an edit in place the size or time. */
export function fileVersion(file: string): string {
  try {
    const s = statSync(file, { bigint: true, throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : 'missing';
  } catch (err) {
    // Unreadable (a folder's permissions changed): reading it says why, once.
    return `unreadable: ${(err as NodeJS.ErrnoException).code}`;
  }
}

/** `{"<key>": [entries]}` in one file, read again only when it has changed. */
export class SecretFile<E extends SecretEntry> {
  private cache: { version: string; entries: E[] } | null = null;

  constructor(
    readonly file: string,
    private readonly key: string,
  ) {}

  read(): E[] {
    if (!existsSync(this.file)) return [];
    const version = fileVersion(this.file);
    if (this.cache?.version === version) return this.cache.entries;
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, unknown>;
    const entries = parsed[this.key];
    if (!Array.isArray(entries)) throw new Error(`${this.file} is not a ${this.key} file ({"${this.key}": [...]})`);
    this.cache = { version, entries: entries as E[] };
    return this.cache.entries;
  }

  write(entries: E[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify({ [this.key]: entries }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
