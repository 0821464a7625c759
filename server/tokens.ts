// Bearer tokens for the HTTP server, each with a name (a department or a person). The file holds
// only SHA-256 hashes: a token is shown once, when it is made, and cannot be read back. Checking
// compares hashes in constant time, against every entry, so timing tells nothing.
import { fileVersion, matchSecret, newSecret, SecretFile, type SecretEntry } from './secret-file.js';

export interface TokenEntry extends SecretEntry {
  name: string;
}

const NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

export class TokenStore {
  private readonly secrets: SecretFile<TokenEntry>;

  constructor(readonly file: string) {
    this.secrets = new SecretFile<TokenEntry>(file, 'tokens');
  }

  entries(): TokenEntry[] {
    return this.secrets.read();
  }

  /** Makes a token for a name and returns it; only its hash is kept. */
  add(name: string): string {
    if (!NAME.test(name)) throw new Error(`token names are 1–64 letters, digits, . _ or - (got "${name}")`);
    const tokens = this.entries();
    if (tokens.some((t) => t.name === name)) throw new Error(`a token named "${name}" exists; revoke it first`);
    const { secret, sha256 } = newSecret('gz_');
    this.secrets.write([...tokens, { name, sha256, created: new Date().toISOString() }]);
    return secret;
  }

  revoke(name: string): boolean {
    const tokens = this.entries();
    const kept = tokens.filter((t) => t.name !== name);
    if (kept.length === tokens.length) return false;
    this.secrets.write(kept);
    return true;
  }
}

/**
 * Checks presented tokens against their hashes. Once it follows the token file, the file is
 * re-read whenever it has changed, so `gazette tokens add` and `revoke` count from the next
 * request, without a restart.
 */
export class TokenCheck {
  private entries: TokenEntry[];
  private followed: { file: string; seen: string; onError: (message: string) => void } | null = null;

  constructor(entries: TokenEntry[]) {
    this.entries = entries;
  }

  /** Re-reads `file` when it changes (read now too, in case it changed since the entries were). A file that cannot be read keeps the tokens last read. */
  follow(file: string, onError: (message: string) => void): void {
    this.followed = { file, seen: '', onError };
    this.refresh();
  }

  private refresh(): void {
    const f = this.followed;
    if (!f) return;
    const now = fileVersion(f.file);
    if (now === f.seen) return;
    f.seen = now;
    try {
      this.entries = new TokenStore(f.file).entries();
    } catch (err) {
      f.onError(`${f.file} could not be read; keeping the ${this.entries.length} tokens read before: ${(err as Error).message}`);
    }
  }

  get size(): number {
    this.refresh();
    return this.entries.length;
  }

  /** The token's name, or null. Every entry is compared, whatever matches first. */
  verify(token: string): string | null {
    this.refresh();
    return matchSecret(this.entries, token)?.name ?? null;
  }
}
