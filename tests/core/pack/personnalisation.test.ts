/**
 * The personnalisation behind a TETE score travels in the pack (tete-referentials.md §2.5): audit.json carries the
 * identity, every answer (an answer to a hidden question marked prisEnCompte false) and the consequences, valid
 * against audit.schema.json; rapport.pdf has a "Personnalisation" page with the answers and their justification.
 * Built from the demo workspace (Valmont-sur-Loire answers AOM_1 = Non, AOM_2 = 5 %…).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { describeWithSharedData } from '../../helpers/shared-data';
import { entryMap } from './zip-read';

describeWithSharedData('personnalisation in the audit pack (demo workspace, CAE)', () => {
  let dir = '';
  let core: Core;
  let entries: Map<string, Buffer>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'la-pack-perso-'));
    core = createCore({ dataDir: dir, demo: true, log: () => {}, now: () => '2026-11-30T10:00:00.000Z' });
    // AOM_1 = Oui hides AOM_2, whose answer is kept but no longer counts.
    core.personnalisation.setReponse({ questionId: 'AOM_1', valeur: true });
    const r = await core.pack.export('cae');
    entries = await entryMap(r.path);
  }, 120_000);
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audit.json: identity, answers with prisEnCompte, consequences; valid against its schema', () => {
    const audit = JSON.parse(entries.get('audit.json')!.toString('utf8')) as { personnalisation: { identite: unknown; reponses: Array<Record<string, unknown>>; consequences: Array<Record<string, unknown>> } };
    expect(audit.personnalisation.identite).toEqual({ type: 'commune', soustype: null, population: 12400, localisation: 'Metropole', dansAireUrbaine: null });
    const byId = new Map(audit.personnalisation.reponses.map((r) => [r.questionId, r]));
    expect(byId.get('AOM_1')).toMatchObject({ reponse: 'Oui', valeur: true, prisEnCompte: true });
    expect(byId.get('AOM_2')).toMatchObject({ reponse: '5 %', valeur: 0.05, prisEnCompte: false, justification: 'Part de la commune dans la communauté de communes : 5 % des sièges.' });
    const consequences = core.personnalisation.consequences('cae');
    expect(audit.personnalisation.consequences.map((c) => c.nodeId)).toEqual(core.referentials.get('cae').nodes.filter((n) => consequences[n.id]).map((n) => n.id));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(entries.get('audit.schema.json')!.toString('utf8')) as object);
    expect(validate(audit), JSON.stringify(validate.errors)).toBe(true);
  });

  it.runIf(existsSync('/usr/bin/pdftotext'))('rapport.pdf has a Personnalisation page with the identity, answers and justification', () => {
    const pdf = join(dir, 'rapport.pdf');
    writeFileSync(pdf, entries.get('rapport.pdf')!);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/[\u202f\u00a0\s]+/g, ' ');
    expect(text).toContain('Personnalisation');
    expect(text).toContain('Identité de la collectivité : commune · 12 400 habitants · métropole.');
    expect(text).toContain('non prise en compte : question masquée');
    expect(text).toContain('SMICTOM du Val de Loire');
    expect(text).toContain('Conséquences sur le référentiel');
  });

  it('a Label NR pack says null: no personnalisation for the points model', async () => {
    const r = await core.pack.export('label-nr');
    const audit = JSON.parse((await entryMap(r.path)).get('audit.json')!.toString('utf8')) as { personnalisation: unknown };
    expect(audit.personnalisation).toBeNull();
  });
});
