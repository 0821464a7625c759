// A server whose corpus yielded nothing (every file rejected, an empty or missing folder, no
// database to fall back on) still starts: its instructions say why, and every tool call is refused
// with the same words, so a client learns the cause instead of seeing the connection close.
import type { GazetteReader } from '../domain/reader.js';

/** A reader over nothing: the resource lists no document and the prompt finds none. */
export function emptyGazette(): GazetteReader {
  return {
    issues: () => [],
    notices: () => [],
    notice: () => null,
    texts: () => [],
    textTitles: () => [],
    outline: () => [],
    paragraphs: () => [],
    clause: () => null,
    resolveDocument: () => ({ kind: 'none', suggestions: [] }),
    documentText: () => null,
    search: () => ({ results: [], total: 0, closeCall: false }),
    questionWords: () => ({ phrases: [], unknown: [] }),
    verifyQuote: () => [],
    findTasks: () => [],
    listTasks: () => ({ tasks: [], total: 0 }),
    units: () => [],
    appointments: () => ({ appointments: [], total: 0 }),
    people: () => [],
    close: () => undefined,
  };
}
