// The fixture PDFs (test/fixtures/pdf, made by evals/pdf-fixtures.ts), each with the issue text it was typeset from.
import { join } from 'node:path';
import { fixtures, FIXTURE_DIR, type FixtureEntry } from '../../evals/extractors.js';

export interface PdfFixture extends FixtureEntry {
  name: string;
  pdf: string;
}

export const PDF_FIXTURES: PdfFixture[] = fixtures().map((f) => ({ ...f, name: f.layout, pdf: join(FIXTURE_DIR, `${f.layout}.pdf`) }));
