// Calendar subscription feeds over HTTP. A calendar program subscribes by URL and cannot send a
// bearer header, so each feed has a secret URL of its own (`gazette feeds add`): the file keeps
// only the secret's SHA-256, as the token file does, and a revoked feed's URL gets 404 at once
// (the file is read again whenever it changes). Feeds are read-only, rate-limited per address, and
// carry an ETag of their content, so a calendar polling with If-None-Match gets 304 until the next
// issue is ingested.
import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { feedOf, type FeedSpec } from '../domain/calendar-feed.js';
import { InputError } from '../domain/errors.js';
import type { GazetteReader } from '../domain/reader.js';
import { CALENDAR_MIME, renderIcs } from '../tools/ical.js';
import { matchSecret, newSecret, SecretFile, type SecretEntry } from './secret-file.js';
import { FEEDS_PREFIX, RateLimit, type FeedRoute } from './transports/http.js';

export interface FeedEntry extends SecretEntry {
  /** A short name to list and revoke it by; not the secret. */
  id: string;
  spec: FeedSpec;
}

/** Feed requests a minute from one address: calendar programs poll every few minutes at most. */
export const FEED_RATE_PER_MINUTE = 60;

/** The feed file: GAZETTE_FEEDS, else feeds.json beside the database. */
export function feedsFile(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.GAZETTE_FEEDS ?? join(dirname(dbPath), 'feeds.json');
}

/** What a feed holds, in words: 住建局 lead tasks, probation ends of 田力. */
export function describeSpec(spec: FeedSpec): string {
  if (spec.kind === 'tasks') return `tasks ${spec.unit ?? '(all units)'} role=${spec.role} remind=${spec.remindWorkingDays}wd`;
  return `probation ${spec.person ? `person=${spec.person}` : spec.unit ? `unit=${spec.unit}` : '(everyone)'}`;
}

export class FeedStore {
  private readonly secrets: SecretFile<FeedEntry>;

  constructor(readonly file: string) {
    this.secrets = new SecretFile<FeedEntry>(file, 'feeds');
  }

  entries(): FeedEntry[] {
    return this.secrets.read();
  }

  /** Makes a feed and returns its id and secret; only the secret's hash is kept. */
  add(spec: FeedSpec): { id: string; secret: string } {
    const feeds = this.entries();
    const { secret, sha256 } = newSecret();
    let id: string;
    do id = `f${randomBytes(3).toString('hex')}`;
    while (feeds.some((f) => f.id === id));
    this.secrets.write([...feeds, { id, sha256, spec, created: new Date().toISOString() }]);
    return { id, secret };
  }

  revoke(id: string): boolean {
    const feeds = this.entries();
    const kept = feeds.filter((f) => f.id !== id);
    if (kept.length === feeds.length) return false;
    this.secrets.write(kept);
    return true;
  }

  /** The feed a secret opens, or null. Every entry is compared, whatever matches first. */
  find(secret: string): FeedEntry | null {
    return matchSecret(this.entries(), secret);
  }
}

export const feedPath = (secret: string) => `${FEEDS_PREFIX}${secret}.ics`;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/**
 * The route for `/feeds/<secret>.ics`. `gazette` reads the version of the store published now
 * (openGazette), so a feed follows the issues ingested since the server started.
 */
export function feedRoute(store: FeedStore, gazette: GazetteReader, limit = new RateLimit(FEED_RATE_PER_MINUTE)): FeedRoute {
  return (req, res, path) => {
    const wait = limit.take(req.socket.remoteAddress ?? 'anonymous');
    if (wait) {
      send(res, 429, `too many requests; retry in ${wait} s / 请求过于频繁，请 ${wait} 秒后重试\n`, { 'Retry-After': String(wait) });
      return null;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'feeds are read-only: GET or HEAD / 订阅地址只读，只接受 GET 或 HEAD\n', { Allow: 'GET, HEAD' });
      return null;
    }
    const m = /^([A-Za-z0-9_-]{16,128})\.ics$/.exec(path.slice(FEEDS_PREFIX.length));
    const entry = m ? store.find(m[1]) : null;
    if (!entry) {
      send(res, 404, 'no such feed: revoked or mistyped / 没有这个订阅：已撤销或地址有误\n');
      return null;
    }
    let body: string;
    try {
      body = renderIcs(feedOf(gazette, entry.spec));
    } catch (err) {
      // The unit a feed names is gone from the corpus: the feed has nothing to serve.
      if (!(err instanceof InputError)) throw err;
      send(res, 404, `${err.message}\n`);
      return entry.id;
    }
    const etag = `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 27)}"`;
    // Calendars revalidate on every poll: the ETag changes when an ingested issue changes the feed.
    const headers = { ETag: etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      res.writeHead(304, headers);
      res.end();
      return entry.id;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': `${CALENDAR_MIME}; charset=utf-8`,
      'Content-Length': String(Buffer.byteLength(body)),
      'Content-Disposition': `inline; filename="${entry.id}.ics"`,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return entry.id;
  };
}
