/**
 * The Candidature screen in Chromium on the demo workspace (browser mode): opened from the dashboard card, it shows
 * exactly the conditions `readiness.get` computes for the demo's real CAE state (tete-referentials.md §3) — the
 * demo's own facts checked by value — then the target changes, a candidature document is attached, a référent is
 * named through the fiche the condition links to, and Label NR shows its référent. Screenshots go to
 * test-results/screenshots/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReadinessView } from '../../electron/core/services/readiness';
import type { Person } from '../../electron/core/services/people';
import type { ScoreResult } from '../../shared/domain';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { frPercent, frPoints, text, tid } from './ui';

const NNBSP = '\u202f';

/** What the list shows, one entry per condition. */
async function shownConditions(app: E2EApp): Promise<Array<{ id: string; met: string; statut: string; detail: string; action: string | null }>> {
  return app.page.$$eval('[data-testid="conditions"] > li', (lis) =>
    lis.map((li) => {
      const id = (li.getAttribute('data-testid') ?? '').slice('condition-'.length);
      const q = (prefix: string) => li.querySelector(`[data-testid="${prefix}-${id}"]`)?.textContent?.trim() ?? null;
      return { id, met: li.getAttribute('data-met') ?? '', statut: q('condition-statut') ?? '', detail: q('condition-detail') ?? '', action: q('condition-action') };
    }),
  );
}

/** The same list as the engine computes it (statut in words, action after « À faire : »). */
function expected(r: ReadinessView) {
  return r.conditions.map((c) => ({
    id: c.id,
    met: String(c.met),
    statut: c.met ? (c.sansObjet ? '– Sans objet' : '✓ Remplie') : '✗ À faire',
    detail: c.detail,
    action: c.action ? `À faire : ${c.action}` : null,
  }));
}

describeWithSharedData('Candidature screen in Chromium (demo workspace)', () => {
  let app: E2EApp;
  const readiness = (referentialId: string, target?: number) => app.query<ReadinessView>('readiness.get', target === undefined ? { referentialId } : { referentialId, target });
  /** Waits until the list shows the server's conditions for `target`. */
  const waitForList = async (r: ReadinessView) => {
    await app.page.waitForFunction(
      ([id, detail]) => document.querySelector(`[data-testid="condition-detail-${id}"]`)?.textContent === detail,
      [r.conditions[r.conditions.length - 1]!.id, r.conditions[r.conditions.length - 1]!.detail] as const,
    );
    await app.page.waitForFunction((label) => document.querySelector('#conditions-title')?.textContent === label, `Conditions pour ${r.cible.nom}`);
  };

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.goto(app.url);
    await app.page.waitForSelector(tid('referential-card-cae'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens from the CAE card on the étoile the score reaches, with the demo’s real conditions', async () => {
    const { page } = app;
    await page.click(tid('candidature-link-cae'));
    await page.waitForSelector(tid('conditions'));
    expect(new URL(page.url()).hash).toBe('#/candidature/cae');
    const server = await readiness('cae');
    expect(server.cibleParDefaut).toBe(1);
    expect(await page.inputValue(tid('candidature-target'))).toBe('1');
    expect(await shownConditions(app)).toEqual(expected(server));

    // The demo's facts (electron/core/demo.ts): 40 CAE statuts, pilotes on the first six mesures only, no document.
    expect((await shownConditions(app)).map((c) => [c.id, c.met])).toEqual([
      ['completude', 'false'],
      ['score', 'true'],
      ['critere:cae_5.1.2.1.1', 'false'],
      ['critere:cae_5.1.1.1.3', 'false'],
      ['critere:cae_5.1.1.3.2', 'false'],
      ['critere:cae_1.1.2', 'true'],
      ['critere:cae_1.1.2.0.1', 'true'],
      ['critere:cae_1.1.2.0.2', 'true'],
      ['documents-candidature', 'false'],
      ['referent:elu', 'false'],
      ['referent:technique', 'false'],
    ]);
    // 1.1.2 (10 pts): 1.1.2.1 (2) and 1.1.2.4 (1) fait in the demo → 30 %.
    expect(await text(page, 'condition-detail-critere:cae_1.1.2')).toBe(`30,0${NNBSP}% fait, il faut 20${NNBSP}% fait.`);
    // Valmont-sur-Loire is a commune of 12 400: the personnalisation deactivates PCAET and BEGES compliance (§2.5).
    expect(await text(page, 'condition-detail-critere:cae_1.1.2.0.1')).toBe('Sans objet : 1.1.2.0.1 est désactivé par la personnalisation.');
    expect(await text(page, 'condition-statut-critere:cae_1.1.2.0.2')).toBe('– Sans objet');
    expect(await text(page, 'candidature-summary')).toBe('4 conditions remplies sur 11 pour 1 étoile : il en reste 7 à remplir.');
    expect(await page.getAttribute(tid('condition-link-referent:elu'), 'href')).toBe('#/referentiel/cae/cae_5.1.2');
    expect(await page.getAttribute(tid('condition-link-completude'), 'href')).toBe('#/referentiel/cae/cae_1.1.1.3.1');
    // Accessible: one h1, an h2 per block, an h3 per condition, labelled selects.
    expect(await page.$$eval('h1', (h) => h.map((e) => e.textContent))).toEqual(['Candidature au label']);
    expect(await page.$$eval('h2', (h) => h.map((e) => e.textContent))).toEqual(['Conditions pour 1 étoile', 'Documents de candidature']);
    expect(await page.$$eval('[data-testid="conditions"] h3', (h) => h.length)).toBe(11);
    expect(await page.$eval(tid('candidature-target'), (s) => s.closest('label')?.querySelector('span')?.textContent)).toBe('Niveau visé');
    await app.screenshot('candidature-cae-1');
  });

  it('another target: 2 étoiles adds the score seuil and the délibération criterion', async () => {
    const { page } = app;
    await page.selectOption(tid('candidature-target'), '2');
    const server = await readiness('cae', 2);
    await waitForList(server);
    expect(await shownConditions(app)).toEqual(expected(server));
    // The demo's figures after its personnalisation (answers change the potentiel): read from the server.
    const root = (await app.query<ScoreResult>('scores.get', { referentialId: 'cae' })).root;
    const manque = Math.round((0.35 * root.pointPotentiel - root.pointFait) * 1000) / 1000;
    expect(await text(page, 'condition-detail-score')).toBe(
      `${frPercent(root.pointFait / root.pointPotentiel)} fait (${frPoints(root.pointFait)} / ${frPoints(root.pointPotentiel)} pts), il faut 35${NNBSP}% : il manque ${frPoints(manque)} pts.`,
    );
    expect(await page.getAttribute(tid('condition-critere:cae_1.1.1.1.1'), 'data-met')).toBe('true');
    expect(await text(page, 'condition-detail-documents-candidature')).toBe(
      'Aucun document de candidature. Attendu pour 2 étoiles : le dossier de demande de labellisation et ses annexes.',
    );
  });

  it('a candidature document attached here fulfils its condition', async () => {
    const { page } = app;
    await page.click(tid('condition-link-documents-candidature'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('documents-candidature');
    const file = { name: 'dossier-demande-labellisation.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% dossier de demande\n%%EOF\n') };
    await page.setInputFiles(`${tid('documents-candidature')} ${tid('preuve-file-input')}`, file);
    await page.waitForSelector(`${tid('condition-documents-candidature')}[data-met="true"]`);
    expect(await text(page, 'condition-detail-documents-candidature')).toBe(
      '1 document : « dossier-demande-labellisation.pdf ». Attendu pour 2 étoiles : le dossier de demande de labellisation et ses annexes.',
    );
    expect(await text(page, 'preuves-list')).toContain('dossier-demande-labellisation.pdf');
    // Stored on the root node: the fiche API sees it there.
    const root = await app.query<{ preuves: Array<{ fileName: string }> }>('nodes.detail', { referentialId: 'cae', nodeId: 'cae' });
    expect(root.preuves.map((p) => p.fileName)).toEqual(['dossier-demande-labellisation.pdf']);
    await app.screenshot('candidature-cae-2-document');
  });

  it('the référent link opens mesure 5.1.2; a pilote ticked there names the élu·e référent·e', async () => {
    const { page } = app;
    await page.click(tid('condition-link-referent:elu'));
    await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="cae_5.1.2"]`);
    const people = await app.query<Person[]>('people.list');
    const claire = people.find((p) => p.nom === 'Claire Morel')!;
    await page.check(tid(`pilote-${claire.id}`));
    // Saved when the core has it (the checkbox saves at once).
    for (let i = 0; i < 100; i++) {
      const d = await app.query<{ pilotes: Array<{ id: string }> }>('nodes.detail', { referentialId: 'cae', nodeId: 'cae_5.1.2' });
      if (d.pilotes.some((p) => p.id === claire.id)) break;
      await page.waitForTimeout(50);
    }
    await page.goBack();
    await page.waitForSelector(tid('conditions'));
    await page.waitForSelector(`${tid('condition-referent:elu')}[data-met="true"]`);
    expect(await text(page, 'condition-detail-referent:elu')).toBe('Pilote : Claire Morel.');
    const server = await readiness('cae', 1);
    expect(await shownConditions(app)).toEqual(expected(server));
  });

  it('Label NR: completeness, the niveau seuil and the référent of critère 1.2', async () => {
    const { page } = app;
    await page.selectOption(tid('candidature-referential-select'), 'label-nr');
    await page.waitForSelector(tid('condition-referent:label-nr_1.2'));
    const server = await readiness('label-nr');
    await waitForList(server);
    expect(await shownConditions(app)).toEqual(expected(server));
    expect((await shownConditions(app)).map((c) => [c.id, c.met])).toEqual([
      ['completude', 'false'],
      ['score', 'true'],
      ['referent:label-nr_1.2', 'false'],
    ]);
    expect(await text(page, 'condition-detail-score')).toBe(`40,7${NNBSP}% fait (399 / 980 pts), il faut 30${NNBSP}%.`);
    expect(await page.$$eval(`${tid('candidature-target')} option`, (o) => o.map((e) => e.textContent))).toEqual([
      `Niveau 1 — au moins 30${NNBSP}% fait (seuil de score atteint)`,
      `Niveau 2 — au moins 50${NNBSP}% fait`,
    ]);
    await app.screenshot('candidature-label-nr');
    expect(app.pageErrors).toEqual([]);
    expect(app.failedRequests).toEqual([]);
  });

  it('in English: the CAE conditions and the target choices are English, the server’s English words shown as they come', async () => {
    const { page } = app;
    await page.evaluate(() => localStorage.setItem('label-audit.lang', 'en'));
    await page.goto(`${app.url}#/candidature/cae`);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const server = await app.query<ReadinessView>('readiness.get', { referentialId: 'cae', lang: 'en' });
    const last = server.conditions[server.conditions.length - 1]!;
    await page.waitForFunction(([id, detail]) => document.querySelector(`[data-testid="condition-detail-${id}"]`)?.textContent === detail, [last.id, last.detail] as const);
    const shown = await shownConditions(app);
    expect(shown.map((c) => c.detail)).toEqual(server.conditions.map((c) => c.detail));
    expect(shown.map((c) => c.action)).toEqual(server.conditions.map((c) => (c.action ? `To do: ${c.action}` : null)));
    expect(await page.$eval('[data-testid="condition-completude"] h3', (h) => h.textContent)).toBe('Referential filled in at 100% (completeness)');
    expect(await text(page, 'condition-detail-completude')).toMatch(/^Completeness \d+\.\d%: [\d,]+ elements \(tasks or sub-actions\) without a status out of [\d,]+, in \d+ measures? out of \d+; the first: /);
    expect(await page.$eval('[data-testid="condition-referent:elu"] h3', (h) => h.textContent)).toBe('Elected referent named (lead of the measure 5.1.2)');
    const options = await page.$$eval(`${tid('candidature-target')} option`, (o) => o.map((e) => e.textContent ?? ''));
    expect(options[0]).toMatch(/^1 étoile — no minimum score/);
    expect(options[1]).toBe('2 étoiles — at least 35% done');
    const body = (await page.textContent('main')) ?? '';
    for (const french of ['Complétude', 'sans statut', 'Donnez un statut', 'Sans objet :', 'Au moins un document', 'nommé·e', 'sans score minimum', 'au moins 35']) expect(body).not.toContain(french);
    await app.screenshot('candidature-en');
    await page.evaluate(() => localStorage.setItem('label-audit.lang', 'fr'));
    expect(app.pageErrors).toEqual([]);
    expect(app.failedRequests).toEqual([]);
  });
});
