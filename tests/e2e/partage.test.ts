/**
 * Sharing on the local network in Chromium (issue 5 item 4, "Done when"), browser mode on the demo workspace:
 * the lead turns sharing on (127.0.0.1, another port) and invites a pilote from « Partage »; a second browser
 * context opens the invitation link, sees only that pilote's criteria, changes a statut and adds a preuve; the
 * lead's screen (left open on that pilote's « Mes critères ») shows the change, the banner names the pilote, and
 * the dashboard shows the new score; once revoked, the link — and a forged one — give nothing but a 401 page.
 * Screenshots in test-results/screenshots/partage-*.png.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Referential, ScoreResult } from '../../shared/domain';
import type { Invitation } from '../../electron/core/services/invitations';
import type { MesCriteres, RetardPersonne } from '../../electron/core/services/mes-criteres';
import { describeWithSharedData } from '../helpers/shared-data';
import { startE2EApp, type E2EApp } from './harness';
import { frPercent, tid } from './ui';

describeWithSharedData('Partage in Chromium (demo workspace)', () => {
  let app: E2EApp;
  let lien = '';
  let pilote: RetardPersonne;
  let criteres: MesCriteres;
  beforeAll(async () => {
    app = await startE2EApp({ demo: true });
    pilote = (await app.query<RetardPersonne[]>('mesCriteres.retards'))[0]!;
    criteres = await app.query<MesCriteres>('mesCriteres.list', { owner: { personId: pilote.personId } });
    expect(criteres.criteres.length).toBeGreaterThan(1);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the lead turns sharing on and invites a pilote', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/partage`);
    await page.waitForSelector(tid('partage-demarrer'));
    expect(await page.$(tid('partage-banner'))).toBeNull();
    await page.selectOption(tid('partage-host'), '127.0.0.1');
    // A port that is not one is refused before anything is sent, with the field's own words (issue 8 item 2).
    expect(await page.$eval(`${tid('partage-host')} option[value="127.0.0.1"]`, (o) => o.textContent)).toBe('127.0.0.1 (boucle locale)');
    await page.fill(tid('partage-port'), 'abc');
    await page.click(tid('partage-demarrer'));
    expect(await page.textContent(tid('partage-error'))).toBe('Le port doit être un nombre entier entre 0 et 65535 (0 : un port libre) ; saisi : « abc ».');
    await page.evaluate(() => localStorage.setItem('label-audit.lang', 'en'));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector(tid('partage-demarrer'));
    expect(await page.$eval(`${tid('partage-host')} option[value="127.0.0.1"]`, (o) => o.textContent)).toBe('127.0.0.1 (loopback)');
    await page.selectOption(tid('partage-host'), '127.0.0.1');
    await page.fill(tid('partage-port'), 'abc');
    await page.click(tid('partage-demarrer'));
    expect(await page.textContent(tid('partage-error'))).toBe('The port must be a whole number between 0 and 65535 (0: any free port); entered: “abc”.');
    expect(app.failedRequests).toEqual([]);
    await page.evaluate(() => localStorage.setItem('label-audit.lang', 'fr'));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForSelector(tid('partage-demarrer'));
    await page.selectOption(tid('partage-host'), '127.0.0.1');
    await page.fill(tid('partage-port'), '0');
    await page.click(tid('partage-demarrer'));
    expect(await page.$(tid('partage-error'))).toBeNull();
    const url = await page.textContent(tid('partage-url'));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(url).not.toBe(app.url);
    await page.waitForSelector(tid('partage-banner'));
    await page.selectOption(tid('invitation-role'), 'pilote');
    await page.selectOption(tid('invitation-personne'), pilote.personId);
    await page.click(tid('invitation-creer'));
    lien = await page.inputValue(tid('invitation-lien'));
    expect(lien).toMatch(new RegExp(`^${url!.replace(/[./]/g, '\\$&')}\\?token=[A-Za-z0-9_-]{43}$`));
    await page.waitForSelector(`${tid('invitations')} tbody tr`);
    expect(await page.$$eval(`${tid('invitations')} tbody tr td:first-child`, (tds) => tds.map((td) => td.textContent))).toEqual([pilote.nom]);
    await app.screenshot('partage-lead');
  });

  it("the pilote opens the link: only their criteria; changes a statut and adds a preuve; the lead's screen follows", async () => {
    // The lead leaves the pilote's « Mes critères » open.
    const lead = app.page;
    await lead.goto(`${app.url}#/mes-criteres/${pilote.personId}`);
    await lead.waitForSelector(tid('mes-criteres'));

    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(lien);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await page.waitForSelector(tid('pilote-criteres'));
    expect(await page.textContent(tid('moi'))).toBe(`${pilote.nom} — Pilote`);
    const rows = await page.$$eval(`${tid('pilote-criteres')} tbody tr`, (trs) => trs.map((tr) => tr.getAttribute('data-testid')));
    expect(rows).toEqual(criteres.criteres.map((c) => `pilote-row-${c.nodeId}`));
    expect(await page.$(tid('nav-partage'))).toBeNull();

    // A statut change: a criterion not terminé, set to « fait ».
    // (a leaf worth points, so that the score moves)
    const refs = new Map<string, Referential>();
    for (const id of new Set(criteres.criteres.map((c) => c.referentialId))) refs.set(id, await app.query<Referential>('referentials.get', { referentialId: id }));
    const worth = (c: MesCriteres['criteres'][number]) => {
      const ref = refs.get(c.referentialId)!;
      const node = ref.nodes.find((n) => n.id === c.nodeId)!;
      return node.pointReferentiel > 0 && !ref.nodes.some((n) => n.parentId === c.nodeId) && ['non_renseigne', 'pas_fait'].includes(c.statut);
    };
    const target = criteres.criteres.find(worth)!;
    expect(target).toBeDefined();
    const before = await app.query<ScoreResult>('scores.get', { referentialId: target.referentialId });
    await page.selectOption(tid(`pilote-statut-${target.nodeId}`), 'fait');
    await page.waitForSelector(`${tid(`pilote-row-${target.nodeId}`)}[data-version="${target.version + 1}"]`);
    const statuts = await app.query<Array<{ nodeId: string; statut: string; modifiedBy: string; version: number }>>('statuts.list', { referentialId: target.referentialId });
    expect(statuts.find((s) => s.nodeId === target.nodeId)).toMatchObject({ statut: 'fait', modifiedBy: pilote.nom, version: target.version + 1 });
    const after = await app.query<ScoreResult>('scores.get', { referentialId: target.referentialId });
    expect(after.root.pointFait).toBeGreaterThan(before.root.pointFait);
    await page.waitForFunction(
      ([id, v]) => document.querySelector(`[data-testid="pilote-score-${id}"]`)?.getAttribute('data-value') === v,
      [target.referentialId, String(after.root.score)] as const,
    );

    // A preuve, as a file.
    const preuvesAvant = target.preuves;
    await page.setInputFiles(tid(`pilote-preuve-fichier-${target.nodeId}`), { name: 'deliberation-pilote.txt', mimeType: 'text/plain', buffer: Buffer.from('Délibération du conseil') });
    await page.waitForFunction(
      ([id, n]) => document.querySelector(`[data-testid="pilote-preuves-${id}"]`)?.textContent === `${n} fournie(s)`,
      [target.nodeId, preuvesAvant + 1] as const,
    );
    const history = await app.query<Array<{ who: string; action: string; nodeId: string | null }>>('history.list', { limit: 5 });
    expect(history.filter((e) => e.who === pilote.nom).map((e) => e.action)).toEqual(expect.arrayContaining(['statut.set']));
    expect(history.filter((e) => e.who === pilote.nom).length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: 'test-results/screenshots/partage-pilote.png' });
    expect(errors).toEqual([]);

    // The lead's screen shows the change without a reload (the banner sees the history move), and who is connected.
    await lead.waitForFunction(
      ([id, label]) => document.querySelector(`[data-testid="mes-statut-${id}"]`)?.textContent === label,
      [target.nodeId, 'Fait'] as const,
      { timeout: 15_000 },
    );
    expect(await lead.textContent(tid('partage-connectes'))).toBe(`connecté(s) : ${pilote.nom} (Pilote)`);
    await app.screenshot('partage-lead-suit');
    await lead.click(tid('nav-dashboard'));
    await lead.waitForSelector(tid(`score-global-${target.referentialId}`));
    expect(await lead.getAttribute(tid(`score-global-${target.referentialId}`), 'data-value')).toBe(String(after.root.score));
    expect(await lead.textContent(tid(`score-global-${target.referentialId}`))).toBe(frPercent(after.root.score));

    // A conflict: the lead changes the same criterion meanwhile; the pilote's next change, based on the version
    // their screen shows, is refused with who / when / what, and « Recharger » brings the current one. Nothing lost.
    const shown = Number(await page.getAttribute(tid(`pilote-row-${target.nodeId}`), 'data-version'));
    const res = await fetch(`${app.url}trpc/statuts.set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ referentialId: target.referentialId, nodeId: target.nodeId, statut: 'programme', expectedVersion: shown }),
    });
    expect(res.status).toBe(200);
    await page.selectOption(tid(`pilote-statut-${target.nodeId}`), 'pas_fait');
    await page.waitForSelector(tid(`pilote-recharger-${target.nodeId}`));
    const message = await page.textContent(tid(`pilote-error-${target.nodeId}`));
    expect(message).toMatch(/^Conflit de modification sur .+ : il a été modifié par .+ le \d\d\/\d\d\/\d{4} à \d\d:\d\d depuis que vous l'avez affiché \(statut actuel « Programmé »/);
    expect(message).toContain("Votre modification n'a pas été enregistrée");
    await page.locator(tid(`pilote-row-${target.nodeId}`)).screenshot({ path: 'test-results/screenshots/partage-conflit.png' });
    await page.click(tid(`pilote-recharger-${target.nodeId}`));
    await page.waitForSelector(`${tid(`pilote-row-${target.nodeId}`)}[data-version="${shown + 1}"]`);
    expect(await page.inputValue(tid(`pilote-statut-${target.nodeId}`))).toBe('programme');
    expect(await page.$(tid(`pilote-error-${target.nodeId}`))).toBeNull();
    const finalStatuts = await app.query<Array<{ nodeId: string; statut: string }>>('statuts.list', { referentialId: target.referentialId });
    expect(finalStatuts.find((s) => s.nodeId === target.nodeId)!.statut).toBe('programme');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an invited lecteur is told who they are and that they only read; a write is refused by the core', async () => {
    const lead = app.page;
    await lead.goto(`${app.url}#/partage`);
    await lead.selectOption(tid('invitation-role'), 'lecture');
    await lead.fill(tid('invitation-nom'), 'Élu Lecteur');
    await lead.click(tid('invitation-creer'));
    await lead.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value.includes('token='), tid('invitation-lien'));
    const lienLecture = await lead.inputValue(tid('invitation-lien'));
    const context = await app.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(lienLecture);
    await page.waitForSelector(tid('role-notice'));
    expect(await page.textContent(tid('moi'))).toBe('Élu Lecteur — Lecture seule');
    expect(await page.textContent(tid('role-notice'))).toContain('les modifications sont réservées au référent');
    expect(await page.$(tid('nav-partage'))).toBeNull();
    const refused = await page.evaluate(async () => {
      const r = await fetch('/trpc/people.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nom: 'Intrus' }) });
      return { status: r.status, message: ((await r.json()) as { error?: { message: string } }).error?.message };
    });
    expect(refused).toEqual({ status: 403, message: "Action refusée : le rôle « Lecture seule » (Élu Lecteur) ne permet pas d'ajouter une personne." });
    await context.close();
    const lecture = (await app.query<Invitation[]>('partage.invitations')).find((i) => i.nom === 'Élu Lecteur')!;
    await lead.goto(`${app.url}#/partage`);
    await lead.click(tid(`invitation-revoquer-${lecture.id}`));
    await lead.waitForFunction((sel) => !document.querySelector(sel), tid(`invitation-revoquer-${lecture.id}`));
  });

  it('a revoked link and a forged one get nothing but a 401 page', async () => {
    const lead = app.page;
    const invitation = (await app.query<Invitation[]>('partage.invitations')).find((i) => i.personId === pilote.personId && i.revokedAt === null)!;
    await lead.goto(`${app.url}#/partage`);
    await lead.click(tid(`invitation-revoquer-${invitation.id}`));
    await lead.waitForFunction((id) => document.querySelector(`[data-testid="invitation-etat-${id}"]`)?.textContent === 'Révoquée', invitation.id);

    const context = await app.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    for (const [url, reason] of [
      [lien, `L'invitation ${/^[AEÉIOU]/i.test(pilote.nom) ? "d'" : 'de '}${pilote.nom} (Pilote) a été révoquée le`],
      [lien.replace(/token=.*$/, `token=${Buffer.alloc(32, 9).toString('base64url')}`), "Lien d'invitation inconnu"],
      [lien.replace(/\?token=.*$/, ''), 'réservée aux personnes invitées'],
      [lien.replace(/\?token=.*$/, 'assets/index.js'), 'réservée aux personnes invitées'],
    ] as const) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(401);
      expect(await page.textContent(tid('partage-401'))).toContain(reason);
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    }
    expect(scripts).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/partage-401.png' });
    await context.close();
  });
});
