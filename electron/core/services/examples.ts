/**
 * Example statuts shipped with the app (issue 8 item 5): `referential/exemples/<id>.json`, first of all the app's
 * own RGESN self-assessment (`rgesn-label-audit`), loadable into a workspace where its referential is imported —
 * from the Tableau de bord (`examples.load`) or the command line (`label-audit load-example ID`).
 * File format `label-audit-exemple/1`: `{ format, titre, description, referentialId, statuts: { nodeId: { statut,
 * explication } } }`. Everything is checked before anything is written; the writes are one transaction.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATUTS, type Statut } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import { STATUTS_BY_MODEL } from '../../../shared/statut';
import type { ServiceContext } from './context';
import { getReferential } from './referentials';
import { canHoldStatut, writeStatut } from './statuts';

/** Folder of the shipped examples (`referential/exemples/`, resolved from this file like builtin.ts). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../referential/exemples/', import.meta.url));
const FORMAT = 'label-audit-exemple/1';

/** One example file, parsed. */
export interface Example {
  id: string;
  titre: string;
  description: string;
  referentialId: string;
  statuts: Array<{ nodeId: string; statut: Statut; explication: string | null }>;
}

/** What the list shows of an example. */
export interface ExampleSummary {
  id: string;
  titre: string;
  description: string;
  referentialId: string;
  /** Number of statuts it sets. */
  statuts: number;
}

/** What loading did: statuts written (changed) and left as they were (already the same). */
export interface ExampleLoad {
  id: string;
  referentialId: string;
  written: number;
  unchanged: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads and checks example `id` of `dir`.
 * @throws UserError NOT_FOUND when there is no such example (naming those that exist); INPUT_INVALID naming the
 *   file and the field when the JSON is broken, of another format, or a statut is unknown.
 */
export function readExample(id: string, dir: string = EXAMPLES_DIR): Example {
  const ids = exampleIds(dir);
  if (!/^[a-z0-9-]+$/.test(id) || !ids.includes(id)) {
    throw new UserError(
      'NOT_FOUND',
      { fr: `Exemple inconnu : « ${id} ». Exemples livrés : ${ids.join(', ') || 'aucun'}.`, en: `Unknown example: “${id}”. Examples provided: ${ids.join(', ') || 'none'}.` },
      { field: 'id' },
    );
  }
  const file = `${id}.json`;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    const why = (e as Error).message;
    throw new UserError('INPUT_INVALID', { fr: `L'exemple ${file} n'est pas un JSON lisible : ${why}.`, en: `The example ${file} is not readable JSON: ${why}.` }, { file });
  }
  if (!isRecord(doc) || doc.format !== FORMAT) {
    throw new UserError(
      'INPUT_INVALID',
      { fr: `L'exemple ${file} n'est pas au format ${FORMAT} (champ « format »).`, en: `The example ${file} is not in the ${FORMAT} format (field “format”).` },
      { file, field: 'format' },
    );
  }
  for (const k of ['titre', 'description', 'referentialId'] as const) {
    if (typeof doc[k] !== 'string' || doc[k] === '') {
      throw new UserError('INPUT_INVALID', { fr: `L'exemple ${file} n'a pas de champ « ${k} » (texte).`, en: `The example ${file} has no field “${k}” (text).` }, { file, field: k });
    }
  }
  if (!isRecord(doc.statuts)) {
    throw new UserError('INPUT_INVALID', { fr: `L'exemple ${file} n'a pas d'objet « statuts ».`, en: `The example ${file} has no “statuts” object.` }, { file, field: 'statuts' });
  }
  const statuts: Example['statuts'] = [];
  for (const [nodeId, v] of Object.entries(doc.statuts)) {
    const statut = isRecord(v) ? v.statut : undefined;
    if (typeof statut !== 'string' || !(STATUTS as readonly string[]).includes(statut)) {
      throw new UserError(
        'INPUT_INVALID',
        { fr: `L'exemple ${file} donne à ${nodeId} un statut inconnu : ${JSON.stringify(statut)}.`, en: `The example ${file} gives ${nodeId} an unknown status: ${JSON.stringify(statut)}.` },
        { file, nodeId, field: 'statut' },
      );
    }
    const explication = isRecord(v) && typeof v.explication === 'string' && v.explication.trim() !== '' ? v.explication : null;
    statuts.push({ nodeId, statut: statut as Statut, explication });
  }
  return { id, titre: doc.titre as string, description: doc.description as string, referentialId: doc.referentialId as string, statuts };
}

/** Ids of the examples in `dir` (file names without `.json`), sorted; [] when the folder is missing. */
export function exampleIds(dir: string = EXAMPLES_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
  } catch {
    return [];
  }
}

/** The shipped examples (a broken file is left out of the list; loading it says what is wrong). */
export function listExamples(dir: string = EXAMPLES_DIR): ExampleSummary[] {
  const out: ExampleSummary[] = [];
  for (const id of exampleIds(dir)) {
    try {
      const e = readExample(id, dir);
      out.push({ id, titre: e.titre, description: e.description, referentialId: e.referentialId, statuts: e.statuts.length });
    } catch {
      // Listed nowhere: `readExample` gives the reason when asked for it.
    }
  }
  return out;
}

/**
 * Writes example `id`'s statuts and explications into the workspace, in one transaction.
 * @param opts.remplacer allow it over statuts already entered on that referential (they are replaced where the
 *   example has one; the history keeps the previous values).
 * @throws UserError REFERENTIAL_UNKNOWN when the example's referential is not imported (saying which file to
 *   import); INPUT_INVALID when statuts are already entered and `remplacer` is not set, or when a node is unknown
 *   to the imported version or takes no statut, or a statut is not one of the referential's model — nothing is
 *   written then.
 */
export function loadExample(ctx: ServiceContext, id: string, opts: { remplacer?: boolean; dir?: string } = {}): ExampleLoad {
  const example = readExample(id, opts.dir);
  let ref;
  try {
    ref = getReferential(ctx, example.referentialId);
  } catch {
    throw new UserError(
      'REFERENTIAL_UNKNOWN',
      {
        fr: `L'exemple « ${example.titre} » porte sur le référentiel ${example.referentialId}, absent de cet espace de travail : importez-le d'abord (écran Référentiel ou label-audit import-referential).`,
        en: `The example “${example.titre}” is about the referential ${example.referentialId}, which is not in this workspace: import it first (Referential screen or label-audit import-referential).`,
      },
      { field: 'referentialId' },
    );
  }
  for (const s of example.statuts) {
    if (!ref.nodes.some((n) => n.id === s.nodeId) || !canHoldStatut(ref, s.nodeId)) {
      throw new UserError(
        'INPUT_INVALID',
        {
          fr: `L'exemple ${id}.json nomme ${s.nodeId}, qui ne prend pas de statut dans ${ref.nom} (version ${ref.version}). Rien n'a été écrit.`,
          en: `The example ${id}.json names ${s.nodeId}, which takes no status in ${ref.nom} (version ${ref.version}). Nothing was written.`,
        },
        { nodeId: s.nodeId },
      );
    }
    if (!STATUTS_BY_MODEL[ref.model].includes(s.statut)) {
      throw new UserError(
        'INPUT_INVALID',
        {
          fr: `L'exemple ${id}.json donne à ${s.nodeId} le statut « ${s.statut} », qui n'existe pas pour ${ref.id}. Rien n'a été écrit.`,
          en: `The example ${id}.json gives ${s.nodeId} the status “${s.statut}”, which does not exist for ${ref.id}. Nothing was written.`,
        },
        { nodeId: s.nodeId, field: 'statut' },
      );
    }
  }
  const entered = (ctx.db.prepare("SELECT COUNT(*) AS n FROM statut WHERE referential_id = ? AND statut <> 'non_renseigne'").get(ref.id) as { n: number }).n;
  if (entered > 0 && !opts.remplacer) {
    throw new UserError(
      'INPUT_INVALID',
      {
        fr: `Le référentiel ${ref.nom} a déjà ${entered} statut${entered > 1 ? 's' : ''} saisi${entered > 1 ? 's' : ''} : l'exemple les remplacerait. Choisissez « Remplacer » (ou --remplacer) pour le charger quand même.`,
        en: `The referential ${ref.nom} already has ${entered} status${entered > 1 ? 'es' : ''} entered: the example would replace ${entered > 1 ? 'them' : 'it'}. Choose “Replace the statuses entered” (or --remplacer) to load it anyway.`,
      },
      { field: 'remplacer' },
    );
  }
  let written = 0;
  ctx.db.transaction(() => {
    for (const s of example.statuts) {
      if (writeStatut(ctx, { referentialId: ref.id, nodeId: s.nodeId, statut: s.statut, explication: s.explication }).changed) written++;
    }
  })();
  return { id, referentialId: ref.id, written, unchanged: example.statuts.length - written };
}
