/**
 * The personnalisation and readiness commands of issue 3's CLI contract, in-process (`runCli`) on the real CAE and
 * question pool: set-identite, set-reponse (with justification and history), score --situation in the contract's
 * JSON layout (missing identity = a commune in metropolitan France), readiness --level N --json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { parseCli } from '../../electron/cli/args';
import { DATA, describeWithSharedData } from '../helpers/shared-data';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

describe('set-identite / set-reponse / readiness arguments', () => {
  it('parses the identity options, inconnu clears, French thousands accepted', () => {
    expect(parseCli(['set-identite', '--type', 'EPCI', '--population', '30 000', '--localisation', 'DOM', '--aire-urbaine', 'non'])).toMatchObject({
      name: 'set-identite',
      type: 'EPCI',
      population: 30000,
      localisation: 'DOM',
      dansAireUrbaine: false,
      soustype: undefined,
    });
    expect(parseCli(['set-identite', '--type', 'inconnu', '--population', 'inconnue'])).toMatchObject({ type: null, population: null });
  });
  it.each([
    [['set-identite', '--type', 'region'], 'Option --type : « region » inconnu (commune, EPCI ou inconnu).'],
    [['set-identite', '--population', 'beaucoup'], "Option --population : « beaucoup » n'est pas un nombre entier d'habitants (au plus 100 000 000)."],
    [['set-identite', '--population', '12.5'], "Option --population : « 12.5 » n'est pas un nombre entier d'habitants (au plus 100 000 000)."],
    [['set-identite', '--population', '1e23'], "Option --population : « 1e23 » n'est pas un nombre entier d'habitants (au plus 100 000 000)."],
    [['set-identite', '--localisation', 'Lune'], 'Option --localisation : « Lune » inconnu (DOM ou metropole).'],
    [['readiness', 'cae', '--level', 'deux'], "Option --level : « deux » n'est pas un niveau (1, 2, 3…)."],
    [['set-reponse', 'AOM_1'], 'La commande set-reponse attend : QUESTION VALEUR (reçu 1 argument).'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message);
  });
});

describeWithSharedData('personnalisation through the CLI on the real CAE', () => {
  let dir = '';
  const run = (args: string[]) => cli([...args, '--data-dir', dir]);
  const pot = async (nodeId: string) => (JSON.parse((await run(['score', 'cae', '--json'])).stdout) as { nodes: Record<string, { pointPotentiel: number }> }).nodes[nodeId]!.pointPotentiel;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'la-perso-cli-'));
    expect((await run(['import-questions', ...DATA.questionsCsv])).code).toBe(0);
    expect((await run(['import-referential', DATA.caeStructure])).code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('set-identite then set-reponse AOM_1 non / centre_urbain non: 1.2.2 on 2 pts; the answer and its justification stored', async () => {
    const id = await run(['set-identite', '--type', 'EPCI', '--population', '30000']);
    expect(id.stdout).toBe('Identité enregistrée : EPCI, 30 000 habitants, métropole.\n'.replace(' 000', '\u202f000'));
    expect(await pot('cae_1.2.2')).toBe(12);
    const r = await run(['set-reponse', 'AOM_1', 'non', '--justification', 'Compétence exercée par le syndicat mixte']);
    expect(r.stdout).toBe('Réponse enregistrée : AOM_1 = false (justification : Compétence exercée par le syndicat mixte).\n');
    expect(await pot('cae_1.2.2')).toBe(6);
    await run(['set-reponse', 'centre_urbain', 'NON']);
    expect(await pot('cae_1.2.2')).toBe(2);
    expect((await run(['set-reponse', 'centre_urbain', 'aucune'])).stdout).toBe('Réponse effacée : centre_urbain.\n');
    // AOM_2 is asked only when AOM_1 = Non: answered while AOM_1 = Oui, it is kept and said not to count.
    await run(['set-reponse', 'AOM_1', 'oui']);
    expect((await run(['set-reponse', 'AOM_2', '35%'])).stdout).toBe(
      "Réponse enregistrée : AOM_2 = 0.35.\nAttention : la question AOM_2 est masquée par l'identité ou par une autre réponse (Si reponse(AOM_1, NON) alors VRAI) : la réponse est conservée mais ne compte pas.\n",
    );
    await run(['set-reponse', 'AOM_1', 'non']);
    expect(await pot('cae_1.2.2')).toBe(6);
  });

  it.each([
    [['set-reponse', 'AOM_1', 'peut-être'], 'Réponse « peut-être » invalide pour la question AOM_1 : oui ou non attendu.'],
    [['set-reponse', 'voirie_1', 'voirie_1_z'], 'Réponse « voirie_1_z » invalide pour la question voirie_1 : une option parmi voirie_1_a, voirie_1_b, voirie_1_c.'],
    [['set-reponse', 'AOM_2', '150%'], 'Réponse « 150% » invalide pour la question AOM_2 : une proportion entre 0 et 1 (0,35 ou 35%).'],
    [['set-reponse', 'XYZ', 'oui'], 'Question de personnalisation « XYZ » inconnue : importez les questions (label-audit import-questions), ou vérifiez l\'identifiant.'],
  ])('%j is refused with one line, nothing stored', async (args, message) => {
    const before = (await run(['score', 'cae', '--json'])).stdout;
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(message);
    expect((await run(['score', 'cae', '--json'])).stdout).toBe(before);
  });

  it('score --situation in the contract JSON: no identity = a commune in metropolitan France (PCAET obligation deactivated)', async () => {
    const file = join(dir, 'situation.json');
    writeFileSync(file, JSON.stringify({ reponses: { AOM_1: false }, statuts: { 'cae_1.2.2.2': 'fait', 'cae_1.2.2.3': [0.5, 0.5, 0] } }));
    const r = await run(['score', 'cae', '--situation', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { root: { concerne: boolean; desactive: boolean }; nodes: Record<string, { desactive: boolean; concerne: boolean; pointPotentiel: number; pointFait: number }> };
    expect(out.root).toMatchObject({ concerne: true, desactive: false });
    expect(out.nodes['cae_1.1.2.0.1']).toMatchObject({ desactive: true, concerne: false });
    expect(out.nodes['cae_1.2.2']!.pointPotentiel).toBe(6);
    // An EPCI of 30 000 inhabitants: the PCAET obligation applies again.
    writeFileSync(file, JSON.stringify({ identite: { type: 'EPCI', population: ['plus_de_20000'], localisation: 'metropole' }, statuts: {} }));
    const epci = JSON.parse((await run(['score', 'cae', '--situation', file, '--json'])).stdout) as typeof out;
    expect(epci.nodes['cae_1.1.2.0.1']).toMatchObject({ desactive: false, concerne: true });
    // {} is the contract's empty situation: a commune, so the PCAET obligation is deactivated again.
    writeFileSync(file, '{}');
    expect((JSON.parse((await run(['score', 'cae', '--situation', file, '--json'])).stdout) as typeof out).nodes['cae_1.1.2.0.1']).toMatchObject({ desactive: true });
    writeFileSync(file, '{"statuts": {"cae_1": "fait"}}');
    expect((await run(['score', 'cae', '--situation', file])).stderr.trim()).toBe(
      'Situation « situation.json », statuts.cae_1 : ce nœud ne prend pas de statut (seulement les sous-actions et les tâches).',
    );
    writeFileSync(file, '{"statuts": {"cae_1.1.1.1.1": "fait",}}');
    expect((await run(['score', 'cae', '--situation', file])).stderr.trim()).toBe(
      'Situation « situation.json » : JSON illisible ligne 1 (virgule, guillemet ou accolade en trop ou manquant).',
    );
    writeFileSync(file, JSON.stringify({ identite: { type: 'region' } }));
    const bad = await run(['score', 'cae', '--situation', file]);
    expect([bad.code, bad.stderr.trim()]).toEqual([1, 'Situation « situation.json », identite.type : « region » inconnu (commune ou EPCI).']);
  });

  it('readiness --level 2 --json: {level, met, conditions[{id, met, detail}]}, completeness unmet', async () => {
    const r = await run(['readiness', 'cae', '--level', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { level: number; met: boolean; conditions: Array<{ id: string; met: boolean; detail: string }> };
    expect(doc.level).toBe(2);
    expect(doc.met).toBe(false);
    expect(doc.conditions.map((c) => c.id)).toEqual(expect.arrayContaining(['completude', 'score', 'critere:cae_1.1.1.1.1', 'documents-candidature']));
    expect(doc.conditions.find((c) => c.id === 'completude')).toMatchObject({ met: false });
    const text = await run(['readiness', 'cae', '--level', '2']);
    expect(text.stdout.split('\n')[0]).toMatch(/^Candidature cae — 2 étoiles : \d+ condition\(s\) à remplir\.$/);
    expect(text.stdout).toMatch(/^✗ .+ : .+ → .+$/m);
  });

  it('readiness of RGAA speaks conformité: no minimum for « Non conforme », conformes over évalués, what is missing', async () => {
    expect((await run(['import-referential', DATA.rgaa])).code).toBe(0);
    const level1 = JSON.parse((await run(['readiness', 'rgaa', '--level', '1', '--json'])).stdout) as { conditions: Array<{ id: string; met: boolean; detail: string }> };
    expect(level1.conditions.find((c) => c.id === 'score')).toMatchObject({ met: true, detail: "Aucun des critères n'est encore évalué." });
    await run(['set-statut', 'rgaa', 'rgaa_1.1', 'conforme']);
    await run(['set-statut', 'rgaa', 'rgaa_1.2', 'non_conforme']);
    const level3 = JSON.parse((await run(['readiness', 'rgaa', '--level', '3', '--json'])).stdout) as { conditions: Array<{ id: string; met: boolean; detail: string; action: string | null }> };
    expect(level3.conditions.find((c) => c.id === 'score')).toMatchObject({
      met: false,
      detail: '50,0\u202f% conformes (1 sur 2 évalués), il faut 100\u202f%.',
      action: 'Il manque 1 critère conforme sur la base actuelle : traitez les critères non conformes.',
    });
    expect(level3.conditions.find((c) => c.id === 'completude')?.action).toMatch(/« non applicable » compte aussi/);
  });
});
