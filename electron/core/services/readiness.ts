/**
 * Readiness for a label (the Candidature screen, tete-referentials.md §3 and §4.2 "Préparation"): gathers what the
 * store knows — candidature documents (preuves on the referential's root node), pilotes — and the bundled TETE
 * requirements, then runs the pure checklist of shared/readiness.ts on the score the caller computed (the same
 * `scores.get` the dashboard uses, so personnalisation applies as it does there).
 */
import type { ScoreResult } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { Lang } from '../../../shared/locale';
import { type Readiness, type ReadinessContext, defaultCible, readiness } from '../../../shared/readiness';
import { exigencesTete } from '../referential/tete-criteres';
import type { ServiceContext } from './context';
import { preuvesOfNode } from './preuves';
import { getReferential } from './referentials';

/** What `readiness.get` answers: the checklist plus the niveaux to choose from and the default target. */
export interface ReadinessView extends Readiness {
  /** Every niveau of the referential, ascending rang (the target selector). */
  niveaux: Array<{ rang: number; nom: string; seuil: number }>;
  /** The target used when none is given (§4.2: the niveau the score reaches, else the first). */
  cibleParDefaut: number;
}

/**
 * The checklist of referential `referentialId` for niveau `target` (default `defaultCible`), computed on `score`,
 * its words in `lang` (default French; shared/readiness.ts `readiness`).
 * @throws UserError REFERENTIAL_UNKNOWN; INPUT_INVALID when the referential has no niveaux (RGESN), `target` is not
 *   one of them, or `score` is of another referential; REFERENTIAL_INVALID if the bundled requirements file is bad.
 */
export function getReadiness(ctx: ServiceContext, referentialId: string, score: ScoreResult, target?: number, lang: Lang = 'fr'): ReadinessView {
  const ref = getReferential(ctx, referentialId);
  if (score.referential.id !== ref.id) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `Le score fourni est celui du référentiel ${score.referential.id}, pas de ${ref.id}.`, en: `The score given is that of the referential ${score.referential.id}, not of ${ref.id}.` },
      { field: 'referentialId' },
    );
  }
  const cibleParDefaut = defaultCible(ref, score);
  const context: ReadinessContext = {
    documentsCandidature: preuvesOfNode(ctx, ref.id, ref.id).map((p) => ({ id: p.id, titre: p.titre })),
    pilotes: pilotesByNode(ctx, ref.id),
    exigences: ref.model === 'tete' ? exigencesTete(ref.id) : null,
  };
  return {
    ...readiness(ref, score, context, target ?? cibleParDefaut, lang),
    niveaux: [...ref.niveaux].sort((a, b) => a.rang - b.rang).map((n) => ({ rang: n.rang, nom: n.nom, seuil: n.seuil })),
    cibleParDefaut,
  };
}

/** Pilote names by node id, for one referential (nodes without pilote absent). */
function pilotesByNode(ctx: ServiceContext, referentialId: string): Record<string, string[]> {
  const rows = ctx.db
    .prepare('SELECT l.node_id, p.nom FROM pilote l JOIN person p ON p.id = l.person_id WHERE l.referential_id = ? ORDER BY l.node_id, p.nom, p.id')
    .all(referentialId) as Array<{ node_id: string; nom: string }>;
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.node_id] ??= []).push(r.nom);
  return out;
}
