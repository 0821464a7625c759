// The layers, checked from the sources: each folder imports only the layers below it, tools see
// the corpus only through the GazetteReader interface, search/ sees a store only through its
// storage port, and no file imports itself in a circle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const LAYERS = ['domain', 'search', 'corpus', 'store', 'ingest', 'tools', 'server', 'cli', 'evals'] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import besides itself. */
const ALLOWED: Record<Layer, Layer[]> = {
  domain: [],
  search: ['domain'],
  corpus: ['domain'],
  store: ['domain', 'search', 'corpus'],
  ingest: ['domain', 'search', 'corpus', 'store'],
  tools: ['domain'],
  server: ['domain', 'search', 'corpus', 'store', 'ingest', 'tools'],
  cli: ['domain', 'search', 'corpus', 'store', 'ingest', 'tools', 'server'],
  evals: ['domain', 'search', 'corpus', 'store', 'ingest', 'tools', 'server'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = LAYERS.flatMap((layer) => sources(join(ROOT, layer)));
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'));
    return [file, specs];
  }),
);
const layerOf = (file: string) => relative(ROOT, file).split('/')[0] as Layer;

describe('architecture', () => {
  it('each layer imports only the layers below it', () => {
    const wrong: string[] = [];
    for (const [file, specs] of imports) {
      for (const spec of specs) {
        const from = layerOf(file);
        const to = layerOf(spec);
        if (to !== from && !ALLOWED[from].includes(to)) wrong.push(`${relative(ROOT, file)} → ${relative(ROOT, spec)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('search/ is backend-independent: it imports no package, only node: modules and the layers it may', () => {
    const packages = files
      .filter((f) => layerOf(f) === 'search')
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^.'][^']*)'/g)]
          .filter((m) => !m[1].startsWith('node:'))
          .map((m) => `${relative(ROOT, f)} → ${m[1]}`),
      );
    expect(packages).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of imports.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('checks something: every layer has sources and the scan sees their imports', () => {
    for (const layer of LAYERS)
      expect(
        files.some((f) => layerOf(f) === layer),
        layer,
      ).toBe(true);
    expect(imports.get(join(ROOT, 'tools', 'cite-clause.ts'))).toContain(join(ROOT, 'domain', 'clause-ref.ts'));
  });
});
