// Bearer tokens for the HTTP server, each with a name (a department or a person). The file holds
// only SHA-256 hashes: a token is shown once, when it is made, and cannot be read back. Checking
// compares hashes in constant time, against every entry, so timing tells nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface TokenEntry {
  name: string;
  sha256: string;
  created: string;
}

const NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

function hash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export class TokenStore {
  constructor(readonly file: string) {}

  entries(): TokenEntry[] {
    if (!existsSync(this.file)) return [];
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { tokens?: TokenEntry[] };
    if (!Array.isArray(parsed.tokens)) throw new Error(`${this.file} is not a token file ({"tokens": [...]})`);
    return parsed.tokens;
  }

  private save(tokens: TokenEntry[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify({ tokens }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  /** Makes a token for a name and returns it; only its hash is kept. */
  add(name: string): string {
    if (!NAME.test(name)) throw new Error(`token names are 1–64 letters, digits, . _ or - (got "${name}")`);
    const tokens = this.entries();
    if (tokens.some((t) => t.name === name)) throw new Error(`a token named "${name}" exists; revoke it first`);
    const token = `gz_${randomBytes(32).toString('base64url')}`;
    this.save([...tokens, { name, sha256: hash(token).toString('hex'), created: new Date().toISOString() }]);
    return token;
  }

  revoke(name: string): boolean {
    const tokens = this.entries();
    const kept = tokens.filter((t) => t.name !== name);
    if (kept.length === tokens.length) return false;
    this.save(kept);
    return true;
  }
}

const digests = (entries: TokenEntry[]) => entries.map((e) => ({ name: e.name, digest: Buffer.from(e.sha256, 'hex') }));

/** What identifies a version of a file: a save by rename changes the inode, an edit in place the size or time. */
function version(file: string): string {
  try {
    const s = statSync(file, { bigint: true, throwIfNoEntry: false });
    return s ? `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : 'missing';
  } catch (err) {
    // Unreadable (a folder's permissions changed): reading it says why, once.
    return `unreadable: ${(err as NodeJS.ErrnoException).code}`;
  }
}

/**
 * Checks presented tokens against their hashes. Once it follows the token file, the file is
 * re-read whenever it has changed, so `gazette tokens add` and `revoke` count from the next
 * request, without a restart.
 */
export class TokenCheck {
  private hashes: { name: string; digest: Buffer }[];
  private followed: { file: string; seen: string; onError: (message: string) => void } | null = null;

  constructor(entries: TokenEntry[]) {
    this.hashes = digests(entries);
  }

  /** Re-reads `file` when it changes (read now too, in case it changed since the entries were). A file that cannot be read keeps the tokens last read. */
  follow(file: string, onError: (message: string) => void): void {
    this.followed = { file, seen: '', onError };
    this.refresh();
  }

  private refresh(): void {
    const f = this.followed;
    if (!f) return;
    const now = version(f.file);
    if (now === f.seen) return;
    f.seen = now;
    try {
      this.hashes = digests(new TokenStore(f.file).entries());
    } catch (err) {
      f.onError(`${f.file} could not be read; keeping the ${this.hashes.length} tokens read before: ${(err as Error).message}`);
    }
  }

  get size(): number {
    this.refresh();
    return this.hashes.length;
  }

  /** The token's name, or null. Every entry is compared, whatever matches first. */
  verify(token: string): string | null {
    this.refresh();
    const digest = hash(token);
    let found: string | null = null;
    for (const h of this.hashes) if (h.digest.length === digest.length && timingSafeEqual(h.digest, digest)) found = h.name;
    return found;
  }
}
