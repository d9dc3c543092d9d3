/**
 * The labelling requirements of the TETE referentials beyond the score, bundled with the app (users' machines have
 * no ../shared): `referential/tete-criteres-labellisation.json` — per-action prerequisites (tete-referentials.md §3,
 * platform seed `28-criteres.sql`, row for row `derived/labellisation-criteres-action.csv`), référent roles
 * (§3 condition 5), candidature documents (§3 condition 4) and validity. Checked with zod when first read.
 */
import { z } from 'zod';
import type { ExigencesLabellisation } from '../../../shared/readiness';
import { UserError, type Bilingual } from '../../../shared/errors';
import bundled from '../../../referential/tete-criteres-labellisation.json';

/** File name of the bundled requirements, for messages. */
export const TETE_CRITERES_FILE = 'tete-criteres-labellisation.json';

const text = z.string().trim().min(1);
const nodeIdOf = z.string().regex(/^[a-z][a-z0-9-]*_[0-9A-Za-z.]+$/, 'identifiant de nœud attendu, ex. « cae_1.1.2 »');
const etoile = z.number().int().min(1).max(5);
const pourcentage = z.number().min(0).max(100);

const critereSchema = z
  .object({
    etoile,
    priorite: z.number().int().min(1),
    referentiel: z.string().regex(/^[a-z][a-z0-9-]*$/),
    actionId: nodeIdOf,
    formulation: text,
    minRealisePourcentage: pourcentage,
    minProgrammePourcentage: pourcentage.nullable(),
  })
  .strict();

const referentielSchema = z
  .object({
    validiteAnnees: z.number().int().positive(),
    referents: z.array(z.object({ role: z.string().regex(/^[a-z][a-z0-9-]*$/), nom: text, actionId: nodeIdOf }).strict()),
    documentsCandidature: z.array(z.object({ etoiles: z.array(etoile).min(1), texte: text }).strict()),
  })
  .strict();

/** Runtime check of `tete-criteres-labellisation.json`. */
export const teteCriteresSchema = z
  .object({
    $comment: text,
    source: text,
    referentiels: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), referentielSchema),
    criteres: z.array(critereSchema),
  })
  .strict();

/** The file, as validated. */
export type TeteCriteresFile = z.infer<typeof teteCriteresSchema>;

function fail(fileName: string, path: string, message: Bilingual): never {
  throw new UserError('REFERENTIAL_INVALID', { fr: `${fileName}, ${path} : ${message.fr}.`, en: `${fileName}, ${path}: ${message.en}.` }, { file: fileName, path });
}

/**
 * Validates the requirements file `data` (parsed JSON): the schema above, then per referential no duplicate
 * (étoile, action) nor (étoile, priorité), each action prefixed by its referential id, each référent's action
 * prefixed by the referential's id, and every étoile 1..5 covered at most once by the documents.
 * @throws UserError REFERENTIAL_INVALID naming the file and the JSON path (`criteres[3].actionId`).
 */
export function parseTeteCriteres(data: unknown, fileName = TETE_CRITERES_FILE): TeteCriteresFile {
  const checked = teteCriteresSchema.safeParse(data, { error: z.locales.fr().localeError });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    // The same check again with zod's English messages, for the English sentence (same first issue).
    const issueEn = teteCriteresSchema.safeParse(data, { error: z.locales.en().localeError }).error?.issues[0];
    const path = issue ? pathText(issue.path) : '(racine)';
    fail(fileName, path, { fr: issue?.message ?? 'format invalide', en: issueEn?.message ?? 'invalid format' });
  }
  const file = checked.data;
  const seen = new Map<string, number>();
  file.criteres.forEach((c, i) => {
    if (!c.actionId.startsWith(`${c.referentiel}_`)) {
      fail(fileName, `criteres[${i}].actionId`, { fr: `l'action ${c.actionId} n'appartient pas au référentiel ${c.referentiel}`, en: `measure ${c.actionId} does not belong to the referential ${c.referentiel}` });
    }
    for (const key of [`action ${c.referentiel} ${c.etoile} ${c.actionId}`, `priorité ${c.referentiel} ${c.etoile} ${c.priorite}`]) {
      const previous = seen.get(key);
      if (previous !== undefined) {
        const which = key.startsWith('action');
        fail(fileName, `criteres[${i}]`, {
          fr: `doublon de criteres[${previous}] (${c.referentiel}, étoile ${c.etoile}, ${which ? c.actionId : `priorité ${c.priorite}`})`,
          en: `duplicate of criteres[${previous}] (${c.referentiel}, star ${c.etoile}, ${which ? c.actionId : `priority ${c.priorite}`})`,
        });
      }
      seen.set(key, i);
    }
  });
  for (const [id, r] of Object.entries(file.referentiels)) {
    r.referents.forEach((ref, i) => {
      if (!ref.actionId.startsWith(`${id}_`)) {
        fail(fileName, `referentiels.${id}.referents[${i}].actionId`, { fr: `l'action ${ref.actionId} n'appartient pas au référentiel ${id}`, en: `measure ${ref.actionId} does not belong to the referential ${id}` });
      }
    });
    const covered = new Set<number>();
    r.documentsCandidature.forEach((d, i) => {
      for (const e of d.etoiles) {
        if (covered.has(e)) fail(fileName, `referentiels.${id}.documentsCandidature[${i}].etoiles`, { fr: `l'étoile ${e} a déjà ses documents`, en: `star ${e} already has its documents` });
        covered.add(e);
      }
    });
  }
  return file;
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(racine)';
}

let cached: TeteCriteresFile | null = null;

/** The bundled file, validated once. @throws UserError REFERENTIAL_INVALID when the shipped file is malformed. */
export function teteCriteres(): TeteCriteresFile {
  cached ??= parseTeteCriteres(bundled);
  return cached;
}

/**
 * The requirements of referential `referentialId` (`cae`, `eci`) from the bundled file: its criteria, référents,
 * candidature documents and validity; null for a referential the file does not list (te, imported ids).
 */
export function exigencesTete(referentialId: string): ExigencesLabellisation | null {
  const file = teteCriteres();
  const r = file.referentiels[referentialId];
  if (!r) return null;
  return {
    validiteAnnees: r.validiteAnnees,
    criteres: file.criteres.filter((c) => c.referentiel === referentialId).map((c) => ({ ...c })),
    referents: r.referents.map((x) => ({ ...x })),
    documentsCandidature: r.documentsCandidature.map((d) => ({ etoiles: [...d.etoiles], texte: d.texte })),
  };
}
