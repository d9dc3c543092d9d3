/**
 * The Personnalisation screen in Chromium on the demo workspace (tete-referentials.md §2.5): the demo commune's
 * answers are shown with their justification and author; answering AOM_1 = Oui gives cae_1.2.2 back its 12 pts
 * (the rule `si reponse(centre_urbain, NON) et reponse(AOM_1, NON) alors 2/12 sinon si reponse(AOM_1, NON) alors
 * 6/12`), which the dashboard then shows; a hidden question's answer (AOM_2) is kept and said not to count; a bad
 * percentage and a bad population are refused in French. Screenshots go to test-results/screenshots/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScoreResult } from '../../shared/domain';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { text, tid } from './ui';

describeWithSharedData('Personnalisation in Chromium (demo workspace)', () => {
  let app: E2EApp;
  const caePot = async (nodeId: string) => (await app.query<ScoreResult>('scores.get', { referentialId: 'cae' })).nodes[nodeId]!.pointPotentiel;

  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    await app.page.goto(`${app.url}#/personnalisation`);
    await app.page.waitForSelector(tid('question-AOM_1'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the identity and the demo answers, with justification, author and the mesures they change', async () => {
    const { page } = app;
    expect(await page.textContent('h1')).toBe('Personnalisation');
    expect(await page.inputValue(tid('identite-population'))).toBe('12400');
    expect(await page.$eval(`${tid('identite-type')}`, (e) => (e as HTMLSelectElement).value)).toBe('commune');
    const aom = tid('question-AOM_1');
    expect(await page.isChecked(`${aom} input[type=radio] >> nth=1`)).toBe(true); // Non
    expect(await page.inputValue(`${aom} textarea`)).toMatch(/^Compétence mobilité transférée/);
    expect(await text(page, 'question-AOM_1-auteur')).toMatch(/^Réponse « Non » par .+, le /);
    await page.click(`${aom} summary`);
    expect(await text(page, 'impact-cae_1.2.2-reduction')).toMatch(/^CAE 1\.2\.2 Organiser les mobilités sur le territoire — réduction : potentiel 12 pts → 6 pts$/);
    expect(await caePot('cae_1.2.2')).toBe(6);
    await app.screenshot('personnalisation');
    // The fiche says why the mesure is on 6 pts, with a link back here.
    await page.goto(`${app.url}#/referentiel/cae/cae_1.2.2`);
    await page.waitForSelector(tid('panel-personnalisation'));
    expect(await text(page, 'panel-personnalisation')).toBe(
      'Potentiel personnalisé : 6 pts au lieu de 12 (réponses aux questions de compétence). Voir la personnalisation',
    );
    // Its tree row says so too, the whole sentence as its tooltip; an unchanged mesure has no mark.
    await page.waitForSelector(tid('node-perso-cae_1.2.2'));
    expect(await page.getAttribute(tid('node-perso-cae_1.2.2'), 'title')).toBe('Potentiel personnalisé : 6 pts au lieu de 12');
    expect(await text(page, 'node-points-cae_1.2.2')).toMatch(/^[\d,]+ \/ 6 perso\.Potentiel personnalisé : 6 pts au lieu de 12$/);
    expect(await page.locator(tid('node-perso-cae_1.2.1')).count()).toBe(0);
    await page.goto(`${app.url}#/personnalisation`);
    await page.waitForSelector(tid('question-AOM_1'));
  });

  it('answering AOM_1 = Oui gives 1.2.2 its 12 pts back, the impact line and the dashboard follow', async () => {
    const { page } = app;
    const before = (await app.query<ScoreResult>('scores.get', { referentialId: 'cae' })).root.pointPotentiel;
    await page.click(`${tid('question-AOM_1')} label:has-text("Oui")`);
    await page.waitForFunction(() => document.querySelector('[data-testid="question-AOM_1-auteur"]')?.textContent?.includes('« Oui »'));
    expect(await caePot('cae_1.2.2')).toBe(12);
    // 1.2.2 gains 6 pts; the AOM_2 share (5 %) no longer reduces the other mobility rules either.
    expect((await app.query<ScoreResult>('scores.get', { referentialId: 'cae' })).root.pointPotentiel).toBeGreaterThan(before + 6);
    // AOM_2 is asked only when AOM_1 = Non: its answer is kept, shown as not counted.
    expect(await text(app.page, 'question-AOM_2')).toContain("sa réponse est conservée mais n'est pas prise en compte");
    await page.waitForFunction(() => document.querySelector('[data-testid="impact-cae_1.2.2-reduction"]')?.textContent?.endsWith('potentiel complet'));
    const history = await app.query<Array<{ action: string; before: unknown; after: unknown }>>('history.list', {});
    expect(history[0]).toMatchObject({ action: 'reponse.set', before: { question: 'AOM_1', valeur: false }, after: { question: 'AOM_1', valeur: true } });
  });

  it('a justification is saved on leaving the field', async () => {
    const { page } = app;
    const area = `${tid('question-AOM_1')} textarea`;
    await page.fill(area, 'Délibération du 3 mars 2026 reprenant la compétence mobilité.');
    await page.click('h1');
    await expect
      .poll(async () => (await app.query<{ thematiques: Array<{ questions: Array<{ question: { id: string }; reponse: { justification: string | null } | null }> }> }>('personnalisation.questionnaire')).thematiques.flatMap((t) => t.questions).find((q) => q.question.id === 'AOM_1')?.reponse?.justification)
      .toBe('Délibération du 3 mars 2026 reprenant la compétence mobilité.');
  });

  it('a proportion outside 0–100 % is refused in French, nothing saved', async () => {
    const { page } = app;
    const q = tid('question-habitat_2');
    await page.waitForSelector(q);
    await page.fill(`${q} input[inputmode=decimal]`, '150');
    await page.click('h1');
    await page.waitForSelector(`${q} [role=alert]`);
    expect(await page.textContent(`${q} [role=alert]`)).toBe('« 150 » n\'est pas un pourcentage entre 0 et 100.');
    await page.fill(`${q} input[inputmode=decimal]`, '12,5');
    await page.click('h1');
    await page.waitForFunction(() => document.querySelector('[data-testid="question-habitat_2"]')?.textContent?.includes('enregistré : 12,5 %'));
    // Stored as a clean fraction (no float noise), and cleared only by the explicit button.
    const stored = await app.query<{ thematiques: Array<{ questions: Array<{ question: { id: string }; reponse: { valeur: unknown } | null }> }> }>('personnalisation.questionnaire');
    expect(stored.thematiques.flatMap((t) => t.questions).find((i) => i.question.id === 'habitat_2')?.reponse?.valeur).toBe(0.125);
    await page.click(tid('question-habitat_2-effacer'));
    await page.waitForFunction(() => document.querySelector('[data-testid="question-habitat_2"]')?.textContent?.includes('sans réponse'));
  });

  it('a population that is not a number is refused; an EPCI of 30 000 changes the CAE potentiel', async () => {
    const { page } = app;
    const before = (await app.query<ScoreResult>('scores.get', { referentialId: 'cae' })).root.pointPotentiel;
    await page.fill(tid('identite-population'), 'douze mille');
    await page.click(tid('identite-save'));
    expect(await page.textContent(`${tid('identite')} [role=alert]`)).toBe("La population doit être un nombre entier d'habitants (reçu « douze mille »).");
    await page.selectOption(tid('identite-type'), 'EPCI');
    await page.fill(tid('identite-population'), '30 000');
    await page.click(tid('identite-save'));
    await page.waitForSelector(`${tid('identite')} [role=status]`);
    expect(await app.query('personnalisation.identite')).toMatchObject({ type: 'EPCI', population: 30000 });
    expect((await app.query<ScoreResult>('scores.get', { referentialId: 'cae' })).root.pointPotentiel).not.toBe(before);
    expect(app.pageErrors).toEqual([]);
    await app.screenshot('personnalisation-epci');
  });
});
