/**
 * The state of one referential as a pack, a jalon and a comparison read it (issue 6 item 1): the tree, the whole
 * ScoreResult, statuts and explications, pilotes, the preuves with the revision of their file, the personnalisation
 * and the authority's identity. `etatCourant` reads it from the live store; a jalon keeps a frozen copy
 * (services/jalons.ts), and `packInputOf` (services/pack.ts) turns either into the pack builder's input, so the
 * pack of a jalon is built from exactly what was frozen (DOMAIN.md "The audit pack"; tete-referentials.md §4.5).
 */
import type { Detail, Referential, ScoreResult } from '../../../shared/domain';
import { identiteFormule, reponsesActives } from '../../../shared/personnalisation';
import type { PackInput, PackPersonnalisation, PackPilotes, PackPreuve, PackStatut } from '../pack/types';
import { type ServiceContext, prepared } from './context';
import { lastChangeAt } from './history';
import { nodesOverview } from './nodes';
import { getIdentite, listQuestions, listReponses, personnalisationFor } from './personnalisation';
import { getReferential } from './referentials';
import { computeScore, listStatuts } from './statuts';
import { getWorkspace } from './workspace';

/**
 * A preuve of the state: the pack's fields (`nodeIds` limited to this referential's nodes; for a file, the name,
 * size and SHA-256 of its revision `revision`, 1-based, null for a link) and whether it is confidentiel.
 */
export interface EtatPreuve extends PackPreuve {
  revision: number | null;
  confidentiel: boolean;
}

/**
 * The state of one referential. `date` is ISO 8601: the last recorded change of the referential (or of the
 * workspace), else its import date. `statuts` and `pilotes` are in node order, as the pack lists them.
 */
export interface EtatReferentiel {
  referential: Referential;
  score: ScoreResult;
  date: string;
  workspace: PackInput['workspace'];
  statuts: Array<{ nodeId: string } & PackStatut>;
  pilotes: Array<{ nodeId: string } & PackPilotes>;
  preuves: EtatPreuve[];
  personnalisation: PackPersonnalisation | null;
}

/**
 * The live state of referential `referentialId` (one full score recompute, statuts, pilotes, preuves with their
 * latest revision, personnalisation). Throws UserError REFERENTIAL_UNKNOWN.
 */
export function etatCourant(ctx: ServiceContext, referentialId: string): EtatReferentiel {
  const referential = getReferential(ctx, referentialId);
  const ws = getWorkspace(ctx);
  const imported = (ctx.db.prepare('SELECT imported_at FROM referential WHERE id = ?').get(referentialId) as { imported_at: string }).imported_at;
  const statuts = listStatuts(ctx, referentialId).map((s) => ({
    nodeId: s.nodeId,
    statut: s.statut,
    detail: s.detail as Detail | null,
    explication: s.explication,
    modifiedAt: s.modifiedAt,
    modifiedBy: s.modifiedBy,
  }));
  const pilotes: EtatReferentiel['pilotes'] = [];
  for (const [nodeId, o] of Object.entries(nodesOverview(ctx, referentialId))) {
    if (o.pilotes.length || o.services.length || o.echeance) pilotes.push({ nodeId, personnes: o.pilotes, services: o.services, echeance: o.echeance });
  }
  const preuves = etatPreuves(ctx, referential);
  return {
    referential,
    score: computeScore(ctx, referentialId),
    date: lastChangeAt(ctx, referentialId) ?? imported,
    workspace: { nom: ws.nom, typeCollectivite: ws.typeCollectivite, codeInsee: ws.codeInsee, population: ws.population },
    statuts,
    pilotes,
    preuves,
    personnalisation: packPersonnalisation(ctx, referential),
  };
}

interface EtatPreuveRow {
  id: string;
  kind: 'fichier' | 'lien';
  titre: string;
  file_name: string | null;
  size: number | null;
  sha256: string | null;
  url: string | null;
  added_at: string;
  confidentiel: number;
  revision: number | null;
}

/**
 * The preuves attached to the referential's nodes, in `listPreuves` order (date added, titre, id), each with its
 * nodes of this referential (by node id) and its latest revision: three queries in all, whatever the number of
 * preuves (reading each preuve on its own cost 4 queries apiece, most of a jalon's time with 1 000 preuves).
 */
function etatPreuves(ctx: ServiceContext, referential: Referential): EtatPreuve[] {
  const rows = prepared(
    ctx.db,
    `SELECT p.id, p.kind, p.titre, p.file_name, p.size, p.sha256, p.url, p.added_at, p.confidentiel,
            (SELECT MAX(r.numero) FROM preuve_revision r WHERE r.preuve_id = p.id) AS revision
       FROM preuve p WHERE p.id IN (SELECT preuve_id FROM preuve_node WHERE referential_id = ?) ORDER BY p.added_at, p.titre, p.id`,
  ).all(referential.id) as EtatPreuveRow[];
  const nodesOf = new Map<string, string[]>();
  for (const l of prepared(ctx.db, 'SELECT preuve_id, node_id FROM preuve_node WHERE referential_id = ? ORDER BY preuve_id, node_id').all(referential.id) as {
    preuve_id: string;
    node_id: string;
  }[]) {
    const list = nodesOf.get(l.preuve_id);
    if (list) list.push(l.node_id);
    else nodesOf.set(l.preuve_id, [l.node_id]);
  }
  return rows.map((p) => ({
    id: p.id,
    kind: p.kind,
    titre: p.titre,
    fileName: p.file_name,
    size: p.size,
    sha256: p.sha256,
    url: p.url,
    addedAt: p.added_at,
    nodeIds: nodesOf.get(p.id) ?? [],
    revision: p.kind === 'fichier' ? (p.revision ?? 0) : null,
    confidentiel: p.confidentiel === 1,
  }));
}

/** The personnalisation part of a TETE referential's state (null for other models): see `PackPersonnalisation`. */
function packPersonnalisation(ctx: ServiceContext, referential: Referential): PackPersonnalisation | null {
  if (referential.model !== 'tete') return null;
  const identite = getIdentite(ctx);
  const { questions } = listQuestions(ctx);
  const reponses = listReponses(ctx);
  const { actives } = reponsesActives(questions, identiteFormule(identite), new Map([...reponses].map(([id, r]) => [id, r.valeur])));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const text = (questionId: string, v: boolean | string | number): string => {
    if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
    if (typeof v === 'number') return `${(Math.round(v * 1000) / 10).toLocaleString('fr-FR')} %`;
    return byId.get(questionId)?.choix.find((c) => c.id === v)?.formulation ?? v;
  };
  const conseq = personnalisationFor(ctx, referential);
  return {
    identite,
    reponses: [...reponses.values()].map((r) => ({
      questionId: r.questionId,
      formulation: byId.get(r.questionId)?.formulation ?? r.questionId,
      reponse: text(r.questionId, r.valeur),
      valeur: r.valeur,
      justification: r.justification,
      prisEnCompte: actives.has(r.questionId),
      modifiedAt: r.modifiedAt,
      modifiedBy: r.modifiedBy,
    })),
    consequences: referential.nodes
      .filter((n) => conseq[n.id] !== undefined)
      .map((n) => ({ nodeId: n.id, identifiant: n.identifiant, nom: n.nom, desactive: conseq[n.id]!.desactive === true, facteur: conseq[n.id]!.potentielPerso ?? null })),
  };
}
