/**
 * audit.json: the whole jalon, machine-readable (DOMAIN.md "The audit pack"), and its JSON Schema
 * (audit.schema.json, draft-07 so that common validators read it).
 */
import { SCORING_MODELS } from '../../../shared/domain';
import type { PackInput, PackPreuve } from './types';

/** Format tag of audit.json; bump the number on an incompatible change. */
export const AUDIT_FORMAT = 'label-audit-audit/1';

/**
 * The audit.json object. Shapes: `nodes[]` in referential order, each with its score (points, 3 decimals),
 * statut (or null), pilotes (or null) and the ids of its preuves; `preuves[]` with their in-pack paths and,
 * for a file whose bytes could not be packed, the reason (`manquant`).
 */
export function buildAuditJson(
  input: PackInput,
  preuvePaths: Map<string, string[]>,
  missingReason: (p: PackPreuve) => string | null,
): unknown {
  const { referential: ref } = input;
  const preuveIds = new Map<string, string[]>();
  for (const p of input.preuves) {
    for (const id of p.nodeIds) {
      const list = preuveIds.get(id);
      if (list) list.push(p.id); // not a copy per preuve: quadratic with 65 536 preuves on one node
      else preuveIds.set(id, [p.id]);
    }
  }
  return {
    format: AUDIT_FORMAT,
    appVersion: input.appVersion,
    workspace: input.workspace,
    referential: {
      id: ref.id,
      version: ref.version,
      nom: ref.nom,
      model: ref.model,
      hierarchie: ref.hierarchie,
      actionLevel: ref.actionLevel,
      avertissement: ref.avertissement,
      niveaux: ref.niveaux,
    },
    jalon: input.jalon,
    personnalisation: input.personnalisation ?? null,
    score: input.score.root,
    nodes: ref.nodes
      .filter((n) => n.parentId !== null)
      .map((n) => {
        const s = input.statuts.get(n.id);
        const p = input.pilotes.get(n.id);
        return {
          id: n.id,
          identifiant: n.identifiant,
          parentId: n.parentId,
          depth: n.depth,
          type: n.type,
          nom: n.nom,
          score: input.score.nodes[n.id] ?? null,
          statut: s ? { statut: s.statut, detail: s.detail, explication: s.explication, modifiedAt: s.modifiedAt, modifiedBy: s.modifiedBy } : null,
          pilotes: p ? { personnes: p.personnes, services: p.services, echeance: p.echeance } : null,
          preuves: preuveIds.get(n.id) ?? [],
        };
      }),
    preuves: input.preuves.map((p) => ({
      id: p.id,
      kind: p.kind,
      titre: p.titre,
      fileName: p.fileName,
      size: p.size,
      sha256: p.sha256,
      url: p.url,
      addedAt: p.addedAt,
      nodeIds: p.nodeIds,
      paths: preuvePaths.get(p.id) ?? [],
      manquant: missingReason(p),
    })),
  };
}

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const num = { type: 'number' };
const numOrNull = { type: ['number', 'null'] };
const strings = { type: 'array', items: str };
const niveau = {
  type: 'object',
  required: ['rang', 'nom', 'seuil'],
  properties: { rang: { type: 'integer', minimum: 1 }, nom: str, seuil: { type: 'number', minimum: 0, maximum: 1 } },
};
const nodeScoreProps = {
  pointReferentiel: num,
  pointPotentiel: num,
  pointPotentielPerso: numOrNull,
  pointFait: num,
  pointProgramme: num,
  pointPasFait: num,
  pointNonRenseigne: num,
  totalTachesCount: { type: 'integer', minimum: 0 },
  completedTachesCount: { type: 'integer', minimum: 0 },
  concerne: { type: 'boolean' },
  desactive: { type: 'boolean' },
  renseigne: { type: 'boolean' },
  statut: strOrNull,
};
const nodeScore = { type: 'object', required: ['pointReferentiel', 'pointPotentiel', 'pointFait', 'pointProgramme', 'pointPasFait'], properties: nodeScoreProps };

/** JSON Schema (draft-07) of audit.json, written to audit.schema.json. */
export const AUDIT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://label-audit.invalid/schemas/audit-1.json',
  title: 'Label Audit — état complet d’un jalon (audit.json)',
  type: 'object',
  required: ['format', 'appVersion', 'workspace', 'referential', 'jalon', 'personnalisation', 'score', 'nodes', 'preuves'],
  properties: {
    format: { const: AUDIT_FORMAT },
    appVersion: str,
    workspace: {
      type: 'object',
      required: ['nom', 'typeCollectivite', 'codeInsee', 'population'],
      properties: { nom: str, typeCollectivite: str, codeInsee: strOrNull, population: { type: ['integer', 'null'], minimum: 0 } },
    },
    referential: {
      type: 'object',
      required: ['id', 'version', 'nom', 'model', 'hierarchie', 'actionLevel', 'niveaux'],
      properties: {
        id: str,
        version: str,
        nom: str,
        model: { enum: [...SCORING_MODELS] },
        hierarchie: strings,
        actionLevel: { type: 'integer', minimum: 1 },
        avertissement: strOrNull,
        niveaux: { type: 'array', items: niveau },
      },
    },
    jalon: { type: 'object', required: ['nom', 'date'], properties: { nom: str, date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' } } },
    personnalisation: {
      description: 'Référentiels TETE : identité, réponses aux questions de compétence (prisEnCompte faux pour une question masquée) et leurs conséquences (tete-referentials.md §2.5).',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['identite', 'reponses', 'consequences'],
          properties: {
            identite: {
              type: 'object',
              required: ['type', 'soustype', 'population', 'localisation', 'dansAireUrbaine'],
              properties: {
                type: { enum: ['commune', 'EPCI', null] },
                soustype: strOrNull,
                population: { type: ['integer', 'null'], minimum: 0 },
                localisation: { enum: ['DOM', 'Metropole'] },
                dansAireUrbaine: { type: ['boolean', 'null'] },
              },
            },
            reponses: {
              type: 'array',
              items: {
                type: 'object',
                required: ['questionId', 'formulation', 'reponse', 'valeur', 'justification', 'prisEnCompte', 'modifiedAt', 'modifiedBy'],
                properties: {
                  questionId: str,
                  formulation: str,
                  reponse: str,
                  valeur: { type: ['boolean', 'string', 'number'] },
                  justification: strOrNull,
                  prisEnCompte: { type: 'boolean' },
                  modifiedAt: str,
                  modifiedBy: str,
                },
              },
            },
            consequences: {
              type: 'array',
              items: {
                type: 'object',
                required: ['nodeId', 'identifiant', 'nom', 'desactive', 'facteur'],
                properties: { nodeId: str, identifiant: str, nom: str, desactive: { type: 'boolean' }, facteur: numOrNull },
              },
            },
          },
        },
      ],
    },
    score: {
      type: 'object',
      required: ['pointPotentiel', 'pointFait', 'score', 'completude', 'niveau'],
      properties: { ...nodeScoreProps, score: numOrNull, completude: { type: 'number', minimum: 0, maximum: 1 }, niveau: { oneOf: [niveau, { type: 'null' }] } },
    },
    nodes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'identifiant', 'parentId', 'depth', 'type', 'nom', 'score', 'statut', 'pilotes', 'preuves'],
        properties: {
          id: str,
          identifiant: str,
          parentId: strOrNull,
          depth: { type: 'integer', minimum: 1 },
          type: str,
          nom: str,
          score: { oneOf: [nodeScore, { type: 'null' }] },
          statut: {
            oneOf: [
              { type: 'null' },
              {
                type: 'object',
                required: ['statut', 'detail', 'explication', 'modifiedAt', 'modifiedBy'],
                properties: {
                  statut: { enum: ['fait', 'programme', 'pas_fait', 'non_renseigne', 'detaille', 'non_concerne', 'conforme', 'non_conforme', 'non_applicable'] },
                  detail: { oneOf: [{ type: 'null' }, { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 }, minItems: 3, maxItems: 3 }] },
                  explication: strOrNull,
                  modifiedAt: str,
                  modifiedBy: str,
                },
              },
            ],
          },
          pilotes: {
            oneOf: [
              { type: 'null' },
              { type: 'object', required: ['personnes', 'services', 'echeance'], properties: { personnes: strings, services: strings, echeance: strOrNull } },
            ],
          },
          preuves: strings,
        },
      },
    },
    preuves: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'kind', 'titre', 'fileName', 'size', 'sha256', 'url', 'addedAt', 'nodeIds', 'paths', 'manquant'],
        properties: {
          id: str,
          kind: { enum: ['fichier', 'lien'] },
          titre: str,
          fileName: strOrNull,
          size: { type: ['integer', 'null'], minimum: 0 },
          sha256: { oneOf: [{ type: 'null' }, { type: 'string', pattern: '^[0-9a-f]{64}$' }] },
          url: strOrNull,
          addedAt: str,
          nodeIds: strings,
          paths: { ...strings, description: 'Chemins dans le pack (fichiers : chaque emplacement ; liens : leur liens.csv).' },
          manquant: { ...strOrNull, description: 'Raison pour laquelle les octets du fichier ne sont pas dans le pack.' },
        },
      },
    },
  },
} as const;
