/**
 * The services' errors in English (issue 8 item 2: "every message, error and export in the chosen language"): one
 * real refusal per service file, its French reference and its English sentence, word for word, with the same ids,
 * names, numbers and dates (English dates as shared/locale.ts writes them: 1 Mar 2026). French stays as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { ServiceContext } from '../../../electron/core/services/context';
import { comparisonGrids } from '../../../electron/core/services/comparaison';
import { readExample } from '../../../electron/core/services/examples';
import { listHistory } from '../../../electron/core/services/history';
import { authenticate, createInvitation } from '../../../electron/core/services/invitations';
import { getJalon } from '../../../electron/core/services/jalons';
import { criteresOf } from '../../../electron/core/services/mes-criteres';
import { verifyPackFile } from '../../../electron/core/services/pack';
import { previewPiloteImport } from '../../../electron/core/services/pilote-sheet';
import { listRevisions } from '../../../electron/core/services/preuves-library';
import { checkHttpUrl } from '../../../electron/core/services/preuves';
import { getReadiness } from '../../../electron/core/services/readiness';
import { checkTree } from '../../../electron/core/services/referential-store';
import { getReferential, requireNode } from '../../../electron/core/services/referentials';
import { computeScore } from '../../../electron/core/services/statuts';
import type { UserError } from '../../../shared/errors';
import { userError, userErrorAsync } from '../../helpers/errors';
import { memoryCore, toyTete } from '../helpers/context';

let core: Core;
let ctx: ServiceContext;
let cleanup: () => void;
beforeEach(() => {
  ({ core, ctx, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  core.referentials.store(toyTete('cae'));
});
afterEach(() => cleanup());

/** The error's code, French message and English sentence. */
const both = (e: UserError) => ({ code: e.code, fr: e.message, en: e.en });

describe('errors of the services in English (one per service file)', () => {
  it('audit-lock.ts: a write while the audit is open names the referential, cycle, auditor and day', () => {
    core.audit.demander('eci');
    core.audit.ouvrir('eci', 'Claire Auditrice');
    expect(both(userError(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' })))).toEqual({
      code: 'AUDIT_OUVERT',
      fr: "L'audit est ouvert : le référentiel eci (cycle 1) est en cours d'audit par Claire Auditrice depuis le 01/03/2026. Le statut de eci_1.1 ne peut être modifié que par l'auditeur, dans l'écran « Audit », jusqu'à la clôture de l'audit.",
      en: 'The audit is open: the referential eci (cycle 1) has been under audit by Claire Auditrice since 1 Mar 2026. The status of eci_1.1 can only be changed by the auditor, in the “Audit” screen, until the audit is closed.',
    });
  });

  it('audit-workspace.ts: a note before the request names the step and when it is possible', () => {
    expect(both(userError(() => core.audit.addNote('eci', 'eci_1', 'Vu')))).toEqual({
      code: 'AUDIT_ETAPE',
      fr: "Une note d'audit sur eci_1 s'écrit entre la demande et la décision : le cycle 1 du référentiel eci est « en préparation » (possible quand il est « audit demandé » ou « audit ouvert » ou « audit clos »).",
      en: 'An audit note on eci_1 is written between the request and the decision: cycle 1 of the referential eci is “in preparation” (possible when it is “audit requested” or “audit open” or “audit closed”).',
    });
    expect(userError(() => core.audit.addNote('eci', 'eci_1', '   ')).en).toBe('The note on eci_1 is empty.');
  });

  it('audit.ts: a step asked at the wrong time names the action, the step and the order of the steps', () => {
    expect(both(userError(() => core.audit.ouvrir('eci', 'Claire Auditrice')))).toEqual({
      code: 'AUDIT_ETAPE',
      fr: "Impossible d'ouvrir l'audit : le cycle 1 du référentiel eci est « en préparation », il doit être « audit demandé ». Ordre des étapes : préparation → audit demandé → audit ouvert → audit clos → décision.",
      en: 'Cannot open the audit: cycle 1 of the referential eci is “in preparation”, it must be “audit requested”. Order of the steps: preparation → audit requested → audit open → audit closed → decision.',
    });
  });

  it('comparaison.ts: a referential neither side holds', () => {
    expect(both(userError(() => comparisonGrids(ctx, { a: 'maintenant', b: 'maintenant', referentialId: 'zzz' })))).toEqual({
      code: 'REFERENTIAL_UNKNOWN',
      fr: 'Comparaison impossible : l’état courant ne contient pas le référentiel « zzz » (il contient : cae, eci).',
      en: 'Cannot compare: the current state does not contain the referential “zzz” (it contains: cae, eci).',
    });
  });

  it('examples.ts: an unknown example names those that exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'label-audit-examples-'));
    try {
      expect(both(userError(() => readExample('nope', dir)))).toEqual({
        code: 'NOT_FOUND',
        fr: 'Exemple inconnu : « nope ». Exemples livrés : aucun.',
        en: 'Unknown example: “nope”. Examples provided: none.',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('history.ts: a filter date that does not exist', () => {
    expect(both(userError(() => listHistory(ctx, { from: '2026-02-30' })))).toEqual({
      code: 'INPUT_INVALID',
      fr: "La date de début du filtre de l'historique « 2026-02-30 » n'est pas une date valide (AAAA-MM-JJ).",
      en: 'The start date of the history filter “2026-02-30” is not a valid date (YYYY-MM-DD).',
    });
  });

  it('invitations.ts: an expired link names the person, the role and the day, in English words', () => {
    const { token } = createInvitation(ctx, { role: 'auditeur', nom: 'Claire Auditrice', validiteJours: 1 });
    expect(both(userError(() => authenticate(ctx, token, '2026-03-05T00:00:00.000Z')))).toEqual({
      code: 'INVITATION_INVALID',
      fr: "L'invitation de Claire Auditrice (Auditeur) a expiré le 02/03/2026.",
      en: 'The invitation for Claire Auditrice (Auditor) expired on 2 Mar 2026.',
    });
    expect(userError(() => createInvitation(ctx, { role: 'lecture', nom: 'X', validiteJours: 91 })).en).toBe('Invalid validity period: 91 day(s); it ranges from 1 to 90 days.');
  });

  it('jalons.ts: an unknown jalon is an unknown milestone', () => {
    expect(both(userError(() => getJalon(ctx, 99)))).toEqual({
      code: 'NOT_FOUND',
      fr: "Le jalon n° 99 n'existe pas dans cet espace de travail (voir la liste des jalons).",
      en: 'Milestone no. 99 does not exist in this workspace (see the list of milestones).',
    });
  });

  it('mes-criteres.ts: the criteria of a service that does not exist', () => {
    expect(both(userError(() => criteresOf(ctx, { kind: 'service', id: 's-x' })))).toEqual({
      code: 'NOT_FOUND',
      fr: "Le service « s-x » n'existe pas.",
      en: 'The service “s-x” does not exist.',
    });
  });

  it('nodes.ts: a due date that is not a day', () => {
    expect(both(userError(() => core.nodes.setEcheance({ referentialId: 'eci', nodeId: 'eci_1.1', echeance: '2026-02-30' })))).toEqual({
      code: 'INPUT_INVALID',
      fr: "L'échéance « 2026-02-30 » de eci_1.1 n'est pas une date AAAA-MM-JJ valide.",
      en: 'The due date “2026-02-30” of eci_1.1 is not a valid YYYY-MM-DD date.',
    });
  });

  it('pack.ts: checking a pack that is not there', async () => {
    const path = join(ctx.dataDir, 'absent.zip');
    expect(both(await userErrorAsync(verifyPackFile(path)))).toEqual({
      code: 'FILE_NOT_FOUND',
      fr: `Le paquet d'audit ${path} est introuvable.`,
      en: `The audit pack ${path} cannot be found.`,
    });
  });

  it('people.ts: a person named like another one', () => {
    core.people.create({ nom: 'Jeanne Martin' });
    expect(both(userError(() => core.people.create({ nom: '  jeanne  MARTIN ' })))).toEqual({
      code: 'INPUT_INVALID',
      fr: 'Une personne nommée « Jeanne Martin » existe déjà.',
      en: 'A person named “Jeanne Martin” already exists.',
    });
  });

  it('personnalisation.ts: a population that is not a whole number', () => {
    expect(both(userError(() => core.personnalisation.setIdentite({ population: 1.5 })))).toEqual({
      code: 'INPUT_INVALID',
      fr: "La population doit être un nombre entier d'habitants (reçu 1.5).",
      en: 'The population must be a whole number of inhabitants (received 1.5).',
    });
  });

  it('pilote-sheet.ts: a file that does not come from an export of this workspace', async () => {
    const bytes = new TextEncoder().encode('Critères — réf. 00000000-0000-0000-0000-000000000000\nIdentifiant;Statut\neci_1.1;Fait\n');
    expect(both(await userErrorAsync(previewPiloteImport(ctx, { name: 'x.csv', bytes })))).toEqual({
      code: 'INPUT_INVALID',
      fr: "Le fichier x.csv ne vient pas d'un export « Mes critères » de cet espace de travail (référence d'export « 00000000-0000-0000-0000-000000000000 » inconnue) : exportez à nouveau le classeur du pilote.",
      en: 'The file x.csv does not come from a “My criteria” export of this workspace (export reference “00000000-0000-0000-0000-000000000000” unknown): export the lead’s workbook again.',
    });
  });

  it('preuves-library.ts: the versions of a preuve that does not exist', () => {
    expect(both(userError(() => listRevisions(ctx, 'p-x')))).toEqual({ code: 'NOT_FOUND', fr: "La preuve « p-x » n'existe pas.", en: 'The evidence “p-x” does not exist.' });
  });

  it('preuves.ts: a link that is not http(s)', () => {
    expect(both(userError(() => checkHttpUrl('ftp://example.org/a.pdf')))).toEqual({
      code: 'PREUVE_INVALID',
      fr: 'Seuls les liens http:// ou https:// sont acceptés comme preuve (reçu « ftp://example.org/a.pdf »).',
      en: 'Only http:// or https:// links are accepted as evidence (received “ftp://example.org/a.pdf”).',
    });
  });

  it('readiness.ts: the score of another referential', () => {
    expect(both(userError(() => getReadiness(ctx, 'eci', computeScore(ctx, 'cae'))))).toEqual({
      code: 'INPUT_INVALID',
      fr: 'Le score fourni est celui du référentiel cae, pas de eci.',
      en: 'The score given is that of the referential cae, not of eci.',
    });
  });

  it('referential-store.ts: a node twice in a tree', () => {
    const ref = toyTete('eci');
    const twice = { ...ref, nodes: [...ref.nodes, ref.nodes[1]!] };
    expect(both(userError(() => checkTree(twice)))).toEqual({
      code: 'REFERENTIAL_INVALID',
      fr: `Le nœud ${ref.nodes[1]!.id} apparaît deux fois dans le référentiel eci.`,
      en: `The item ${ref.nodes[1]!.id} appears twice in the referential eci.`,
    });
  });

  it('referentials.ts: an unknown node and an unknown referential', () => {
    expect(both(userError(() => requireNode(getReferential(ctx, 'eci'), 'eci_9')))).toEqual({
      code: 'NODE_UNKNOWN',
      fr: "Le nœud « eci_9 » n'existe pas dans le référentiel eci.",
      en: 'The item “eci_9” does not exist in the referential eci.',
    });
    expect(userError(() => getReferential(ctx, 'zzz')).en).toBe('The referential “zzz” is not loaded in this workspace.');
  });

  it('statuts.ts: a statut of another model, and a write on a stale version (who, when, what it holds now)', () => {
    expect(both(userError(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'conforme' })))).toEqual({
      code: 'STATUT_INVALID',
      fr: "Le statut « conforme » n'existe pas pour le référentiel eci (fait, programme, pas_fait, non_renseigne, detaille, non_concerne).",
      en: 'The status “conforme” does not exist for the referential eci (fait, programme, pas_fait, non_renseigne, detaille, non_concerne).',
    });
    core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', explication: 'Délibération du 3 mars' });
    const conflict = userError(() => core.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'pas_fait', expectedVersion: 0 }));
    expect(conflict.code).toBe('CONFLICT');
    // The time is the machine's local time, as in the French message.
    expect(conflict.en).toMatch(
      /^Edit conflict on 1\.1: it was changed by Alice Testeuse on [0-3]?\d (Feb|Mar) 2026 at \d\d:\d\d since you displayed it \(current status “Done”, explanation “Délibération du 3 mars”\)\. Your change was not saved: reload to see the current version, then make it again if needed\.$/,
    );
    expect(conflict.message).toMatch(/^Conflit de modification sur 1\.1 : il a été modifié par Alice Testeuse le \d\d\/0[23]\/2026 à \d\d:\d\d depuis que vous l'avez affiché \(statut actuel « Fait »/);
  });

  it('workspace.ts: an INSEE code of the wrong shape', () => {
    expect(both(userError(() => core.workspace.update({ codeInsee: '123' })))).toEqual({
      code: 'INPUT_INVALID',
      fr: 'Le code INSEE « 123 » est invalide : 5 caractères (ex. 45234, 2A004).',
      en: 'The INSEE code “123” is invalid: 5 characters (e.g. 45234, 2A004).',
    });
  });
});
