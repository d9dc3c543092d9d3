/**
 * Access to the real referential files in ../shared/data (beside the checkout; never copied into the project).
 * Where the folder is absent (a user's fresh machine) tests that need it are skipped with a visible message;
 * with CI=true they fail instead, so CI can never pass by skipping them.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of ../shared/data (override with LABEL_AUDIT_SHARED_DATA). */
export const SHARED_DATA = process.env.LABEL_AUDIT_SHARED_DATA ?? resolve(here, '../../../shared/data');

const QUESTIONS_SAMPLES = 'tet-referentiels/snapshot-2026-08-07_dbb36dc/apps/backend/src/collectivites/personnalisations/import-personnalisation-questions/samples';
const TETE_SAMPLES = 'tet-referentiels/snapshot-2026-08-07_dbb36dc/apps/backend/src/referentiels/import-referentiel/samples';

/** Paths of the real files the tests use, relative to SHARED_DATA. */
export const DATA = {
  caeStructure: join(SHARED_DATA, TETE_SAMPLES, 'referentiel-cae-structure.csv'),
  caePreuves: join(SHARED_DATA, TETE_SAMPLES, 'referentiel-cae-preuves.csv'),
  eciStructure: join(SHARED_DATA, TETE_SAMPLES, 'referentiel-eci-structure.csv'),
  eciPreuves: join(SHARED_DATA, TETE_SAMPLES, 'referentiel-eci-preuves.csv'),
  teStructure: join(SHARED_DATA, TETE_SAMPLES, 'referentiel-te-structure.csv'),
  propagationFixtures: join(SHARED_DATA, 'tet-referentiels/markdown-2025-10-08_f8f62ac/markdown/tests/propagation'),
  referentielFixtures: join(SHARED_DATA, 'tet-referentiels/markdown-2025-10-08_f8f62ac/markdown/tests/referentiels'),
  personnalisationFixtures: join(SHARED_DATA, 'tet-referentiels/markdown-2025-10-08_f8f62ac/markdown/tests/personnalisation'),
  /** The platform's personnalisation question CSVs: questions, options (choices), thématiques, compétences. */
  questionsCsv: ['questions', 'choices', 'thematiques', 'competences'].map((k) =>
    join(SHARED_DATA, QUESTIONS_SAMPLES, `import-personnalisation-${k}.csv`),
  ),
  etoiles: join(SHARED_DATA, 'tet-referentiels/derived/labellisation-etoiles.csv'),
  criteresAction: join(SHARED_DATA, 'tet-referentiels/derived/labellisation-criteres-action.csv'),
  rgesn: join(SHARED_DATA, 'referentials-public/rgesn-2024/referentiel-ecoconception.json'),
  rgaa: join(SHARED_DATA, 'referentials-public/rgaa-4.1.2/criteres.json'),
  guideNr: join(SHARED_DATA, 'referentials-public/guide-bonnes-pratiques-nr-v1/guide-bonnes-pratiques-numerique-responsable-export-version-v1.json'),
} as const;

export const sharedDataAvailable = existsSync(SHARED_DATA);

/**
 * `describe` for suites that read ../shared/data: skipped with a visible message where it is absent,
 * failing (the suite throws) when CI=true.
 */
export function describeWithSharedData(name: string, fn: () => void): void {
  if (sharedDataAvailable) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`../shared/data est introuvable (${SHARED_DATA}) : CI ne peut pas sauter ces tests.`);
    });
    return;
  }
  console.warn(`[skipped] ${name}: ../shared/data absent (${SHARED_DATA})`);
  describe.skip(name, fn);
}
