/**
 * Every referential importer and the question-CSV importer fed random bytes and truncated, byte-flipped or
 * padded versions of the real files (../shared/data, through DATA): each call returns a referential or throws a
 * UserError, never another exception and never hangs (the test timeout). Through the core, a refused import leaves
 * every table as it was (issue 7 item 3). Fixed seed (FUZZ_SEED); run counts keep the folder under ~60 s.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importReferentialFilesAsync, type ReferentialFormat } from '../../electron/core/referential';
import { decodeUtf8 } from '../../electron/core/referential/decode';
import { parseQuestionsCsv } from '../../electron/core/referential/questions-csv';
import { memoryCore, snapshotTables } from '../core/helpers/context';
import { goodWorkbook } from '../core/referential/grid-xlsx-fixture';
import { DATA, describeWithSharedData } from '../helpers/shared-data';
import { FUZZ_SEED, mutationsOf, resultOrUserError } from './fuzz-helpers';

const bytesOf = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const GRID_CSV = join(import.meta.dirname, '../fixtures/grid/grille-officielle.csv');

describeWithSharedData('fuzz: referential importers on broken real files', () => {
  const cases: Array<{ format: ReferentialFormat; name: string; path?: string; runs: number }> = [
    { format: 'tete-csv', name: basename(DATA.eciStructure), path: DATA.eciStructure, runs: 80 },
    { format: 'rgesn-json', name: basename(DATA.rgesn), path: DATA.rgesn, runs: 120 },
    { format: 'rgaa-json', name: basename(DATA.rgaa), path: DATA.rgaa, runs: 80 },
    { format: 'gbp-json', name: basename(DATA.guideNr), path: DATA.guideNr, runs: 160 },
    { format: 'gbp-csv', name: 'guide.csv', path: join(dirname(DATA.guideNr), basename(DATA.guideNr, '.json') + '.csv'), runs: 160 },
    { format: 'grid-csv', name: 'grille-officielle.csv', path: GRID_CSV, runs: 300 },
    { format: 'grid-json', name: 'label-nr-collectivites.json', runs: 300 },
    { format: 'grid-xlsx', name: 'grille.xlsx', runs: 80 },
  ];
  const originals = new Map<string, Uint8Array>();
  let counts: Record<string, { ok: number; refused: number }> = {};

  beforeAll(async () => {
    for (const c of cases) if (c.path) originals.set(c.format, bytesOf(c.path));
    originals.set('grid-xlsx', await goodWorkbook());
    // The grid JSON shipped with the app (the built-in Label NR grid).
    originals.set('grid-json', bytesOf(join(import.meta.dirname, '../../referential/label-nr-collectivites.json')));
    counts = {};
  });

  afterAll(() => console.info(`[fuzz] importeurs : ${JSON.stringify(counts)}`));

  for (const c of cases) {
    it(`${c.format}: a referential or a UserError (${c.runs} runs)`, async () => {
      const original = originals.get(c.format)!;
      // The unmutated file imports: the fuzz starts from a real, valid input.
      expect(await resultOrUserError(() => importReferentialFilesAsync([{ name: c.name, bytes: original }], { format: c.format }))).toBe('ok');
      const seen = { ok: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(mutationsOf(original), async (bytes) => {
          seen[await resultOrUserError(() => importReferentialFilesAsync([{ name: c.name, bytes }], { format: c.format }))]++;
        }),
        { seed: FUZZ_SEED, numRuns: c.runs },
      );
      counts[c.format] = seen;
      expect(seen.ok + seen.refused).toBe(c.runs);
      expect(seen.refused).toBeGreaterThan(0);
    }, 60_000);
  }

  it('TETE structure + preuves: a broken preuves file beside a good structure', async () => {
    const structure = { name: basename(DATA.eciStructure), bytes: bytesOf(DATA.eciStructure) };
    await fc.assert(
      fc.asyncProperty(mutationsOf(bytesOf(DATA.eciPreuves)), async (bytes) => {
        await resultOrUserError(() => importReferentialFilesAsync([structure, { name: basename(DATA.eciPreuves), bytes }], { format: 'tete-csv' }));
      }),
      { seed: FUZZ_SEED, numRuns: 30 },
    );
  }, 60_000);

  it('format detection (no format forced) on random bytes and broken JSON / CSV names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('x.csv', 'x.json', 'x.xlsx', 'x.txt', 'referentiel-cae-structure.csv'), mutationsOf(bytesOf(DATA.rgesn).subarray(0, 4096)), async (name, bytes) => {
        await resultOrUserError(() => importReferentialFilesAsync([{ name, bytes }]));
      }),
      { seed: FUZZ_SEED, numRuns: 200 },
    );
  }, 60_000);

  it('question CSVs: broken questions, choices, thématiques or compétences file', () => {
    const files = DATA.questionsCsv.map((p) => ({ name: basename(p), bytes: bytesOf(p) }));
    return fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: files.length - 1 }).chain((which) => mutationsOf(files[which]!.bytes).map((bytes) => ({ which, bytes }))),
        async ({ which, bytes }) => {
          const broken = files.map((f, i) => (i === which ? { ...f, bytes } : f));
          await resultOrUserError(() => parseQuestionsCsv(broken.map((f) => ({ name: f.name, text: decodeUtf8(f.name, f.bytes) }))));
        },
      ),
      { seed: FUZZ_SEED, numRuns: 120 },
    );
  }, 60_000);

  it('through the core: a refused import or question import leaves every table unchanged', async () => {
    const { core, ctx, cleanup } = memoryCore();
    try {
      const structure = bytesOf(DATA.eciStructure);
      const questions = DATA.questionsCsv.map((p) => ({ name: basename(p), bytes: bytesOf(p) }));
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(mutationsOf(structure), fc.boolean(), async (bytes, asQuestions) => {
          const before = snapshotTables(ctx);
          const outcome = await resultOrUserError(() =>
            asQuestions
              ? core.personnalisation.importQuestions(questions.map((f, i) => ({ name: f.name, text: decodeUtf8(f.name, i === 0 ? bytes.subarray(0, 2048) : f.bytes) })))
              : core.referentials.importAsync([{ name: 'referentiel-eci-structure.csv', bytes }]),
          );
          if (outcome === 'refused') {
            refused++;
            expect(snapshotTables(ctx)).toEqual(before);
          }
        }),
        { seed: FUZZ_SEED, numRuns: 30 },
      );
      expect(refused).toBeGreaterThan(0);
    } finally {
      cleanup();
    }
  }, 60_000);
});
