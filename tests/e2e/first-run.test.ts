/**
 * The first-run guide of a new (empty) workspace in Chromium (issue 8 item 6): identité, référentiels, pilotes,
 * each done from the dashboard; closed for good; never shown on the demo workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2EApp, type E2EApp } from './harness';
import { text, tid } from './ui';

describe('first-run guide (empty workspace)', () => {
  let app: E2EApp;

  beforeAll(async () => {
    app = await startE2EApp({ demo: false });
    await app.page.goto(app.url);
    await app.page.waitForSelector(tid('first-run-guide'));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows three steps with their state; the built-in Label NR grid counts as a referential', async () => {
    const { page } = app;
    expect(await page.getAttribute(tid('guide-step-identite'), 'data-done')).toBe('false');
    expect(await page.getAttribute(tid('guide-step-referentiels'), 'data-done')).toBe('true');
    expect(await page.getAttribute(tid('guide-step-pilotes'), 'data-done')).toBe('false');
    expect(await text(page, 'guide-step-identite')).toContain('Nom à saisir.');
    expect(await text(page, 'guide-step-pilotes')).toContain('Aucun pilote pour l’instant.');
    expect(await page.getAttribute(tid('guide-import'), 'href')).toBe('#/referentiel');
  });

  it('names the collectivité and adds a pilote with a new service, from the guide', async () => {
    const { page } = app;
    await page.fill(tid('guide-nom'), 'Commune de Saint-Essai');
    await page.click(tid('guide-nom-save'));
    await page.waitForSelector(`${tid('guide-step-identite')}[data-done="true"]`);
    expect(await text(page, 'workspace-nom')).toBe('Commune de Saint-Essai');
    await page.fill(tid('guide-personne'), 'Agnès Lefort');
    await page.fill(tid('guide-service'), 'Services techniques');
    await page.click(tid('guide-personne-add'));
    await page.waitForSelector(`${tid('guide-step-pilotes')}[data-done="true"]`);
    expect(await text(page, 'guide-step-pilotes')).toContain('1 pilote, 1 service.');
    const people = await app.query<Array<{ nom: string; serviceId: string | null }>>('people.list');
    const services = await app.query<Array<{ id: string; nom: string }>>('services.list');
    expect(people.map((p) => p.nom)).toEqual(['Agnès Lefort']);
    expect(services.map((s) => s.nom)).toEqual(['Services techniques']);
    expect(people[0]!.serviceId).toBe(services[0]!.id);
    expect(await text(page, 'guide-close')).toBe('Terminer');
    await app.screenshot('first-run-guide');
  });

  it('an empty name is not sent; a closed guide stays closed after a reload', async () => {
    const { page } = app;
    await page.fill(tid('guide-nom'), '   ');
    expect(await page.isDisabled(tid('guide-nom-save'))).toBe(true);
    await page.click(tid('guide-close'));
    await page.waitForSelector(tid('first-run-guide'), { state: 'detached' });
    await page.reload();
    await page.waitForSelector(tid('workspace-nom'));
    await page.waitForSelector(tid('referential-card-label-nr'));
    expect(await page.$(tid('first-run-guide'))).toBeNull();
  });
});

describe('first-run guide on the demo workspace', () => {
  it('is not shown: the demo is named and has pilotes', async () => {
    const demo = await startE2EApp({ demo: true });
    try {
      await demo.page.goto(demo.url);
      await demo.page.waitForSelector(tid('referential-card-label-nr'));
      expect(await demo.page.$(tid('first-run-guide'))).toBeNull();
    } finally {
      await demo.close();
    }
  });
});
