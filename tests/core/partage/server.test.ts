import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { arreterPartage, configurePartage, demarrerPartage, etatPartage } from '../../../electron/core/partage';
import { memoryCore, tempDir, toyTete } from '../helpers/context';

let core: Core;
let cleanup: () => void;
let renderer: { dir: string; cleanup: () => void };
let base: string;
let claire: string;
let token: string;
let invitationId: string;

beforeEach(async () => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  claire = core.people.create({ nom: 'Claire Dupont' }).id;
  core.nodes.setPilotes({ referentialId: 'eci', nodeId: 'eci_1', personIds: [claire], serviceIds: [] });
  renderer = tempDir('label-audit-renderer-');
  mkdirSync(join(renderer.dir, 'assets'));
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><script src="/assets/app.js"></script>');
  writeFileSync(join(renderer.dir, 'assets/app.js'), 'console.log("app")');
  configurePartage(core, { router: appRouter, rendererDir: renderer.dir });
  const etat = await demarrerPartage(core, { host: '127.0.0.1', port: 0 });
  base = etat.url!;
  ({ token, invitation: { id: invitationId } } = core.invitations.create({ role: 'pilote', personId: claire }));
});
afterEach(async () => {
  await arreterPartage(core);
  cleanup();
  renderer.cleanup();
});

const cookieOf = (t: string) => `label_audit_invitation=${t}`;
const get = (path: string, cookie?: string) => fetch(new URL(path, base), { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (path: string, body: unknown, cookie?: string, extra: Record<string, string> = {}) =>
  fetch(new URL(path, base), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...extra } });

async function expect401(res: Response, reason: string): Promise<void> {
  expect(res.status).toBe(401);
  const body = await res.text();
  expect(body).toContain('Accès refusé');
  expect(body).toContain(reason.replace(/'/g, '&#39;'));
  // Then the same in English (issue 8 item 2: the page cannot know the reader's language).
  expect(body).toContain('<h1>Access denied</h1>');
  expect(body).toMatch(/<p data-testid="partage-401-en">[^<]+<\/p>/);
  expect(body.indexOf('Accès refusé')).toBeLessThan(body.indexOf('Access denied'));
  expect(body).not.toContain('<script');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
}

describe('the sharing listener: every request needs a valid invitation token', () => {
  it('sharing is off by default and on at the chosen address', async () => {
    expect(etatPartage(core)).toMatchObject({ disponible: true, actif: true, url: base });
    await arreterPartage(core);
    expect(etatPartage(core)).toMatchObject({ actif: false, url: null });
    await expect(fetch(base)).rejects.toThrow();
  });

  it('no token: a 401 page for the page, the JavaScript and the router alike', async () => {
    await expect401(await get('/'), 'réservée aux personnes invitées');
    await expect401(await get('/assets/app.js'), 'réservée aux personnes invitées');
    await expect401(await get('/trpc/scores.get?input=' + encodeURIComponent(JSON.stringify({ referentialId: 'eci' }))), 'réservée aux personnes invitées');
    await expect401(await post('/trpc/statuts.set', { referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' }), 'réservée aux personnes invitées');
    expect(core.statuts.list('eci')).toEqual([]);
  });

  it('a forged, a malformed, a revoked and an expired token: 401 with the reason', async () => {
    await expect401(await get(`/?token=${Buffer.alloc(32, 1).toString('base64url')}`), "Lien d'invitation inconnu");
    await expect401(await get('/', cookieOf(Buffer.alloc(32, 1).toString('base64url'))), "Lien d'invitation inconnu");
    await expect401(await get('/?token=abc'), 'mal formé');
    const other = core.invitations.create({ role: 'lecture', nom: 'Élu', validiteJours: 1 });
    const clock = core.ctx.now;
    core.ctx.now = () => '2026-03-05T00:00:00.000Z';
    await expect401(await get('/', cookieOf(other.token)), "L'invitation d'Élu (Lecture seule) a expiré le 02/03/2026.");
    core.ctx.now = clock;
    expect((await get('/', cookieOf(token))).status).toBe(200);
    core.invitations.revoke(invitationId);
    await expect401(await get('/', cookieOf(token)), 'a été révoquée');
    await expect401(await get('/assets/app.js', cookieOf(token)), 'a été révoquée');
  });

  it('the invitation link sets an HttpOnly SameSite=Strict cookie and redirects; the cookie then opens the app', async () => {
    const res = await get(`/?token=${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#/');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^label_audit_invitation=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+$`));
    const page = await get('/', cookieOf(token));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/assets/app.js');
    expect(await (await get('/assets/app.js', cookieOf(token))).text()).toBe('console.log("app")');
    expect(core.invitations.list()[0]!.lastSeenAt).not.toBeNull();
  });

  it('the router runs with the invitation’s role: own criterion accepted, another refused (403 FORBIDDEN)', async () => {
    const ok = await post('/trpc/statuts.set', { referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait', expectedVersion: 0 }, cookieOf(token));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: { data: { version: number } } }).result.data.version).toBe(1);
    expect(core.history.list({ nodeId: 'eci_1.1' })[0]!.who).toBe('Claire Dupont');
    const refused = await post('/trpc/statuts.set', { referentialId: 'eci', nodeId: 'eci_2.1.1', statut: 'fait' }, cookieOf(token));
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { data: { userError: { code: string; message: string } } } };
    expect(body.error.data.userError.code).toBe('FORBIDDEN');
    const stale = await post('/trpc/statuts.set', { referentialId: 'eci', nodeId: 'eci_1.1', statut: 'pas_fait', expectedVersion: 0 }, cookieOf(token));
    expect(stale.status).toBe(409);
  });

  it('refuses another Host (DNS rebinding) and a cross-site POST (CSRF)', async () => {
    const port = new URL(base).port;
    const status = await new Promise<number>((done, fail) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}`, cookie: cookieOf(token) } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(403);
    const csrf = await post('/trpc/statuts.set', { referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' }, cookieOf(token), { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(csrf.status).toBe(403);
    expect(core.statuts.list('eci')).toEqual([]);
  });

  it('bad inputs: an address that is not this machine’s, a taken port', async () => {
    await expect(demarrerPartage(core, { host: '10.99.99.99' })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining("L'adresse « 10.99.99.99 » n'est pas une adresse de ce poste") });
    const port = Number(new URL(base).port);
    const second = memoryCore();
    configurePartage(second.core, { router: appRouter, rendererDir: renderer.dir });
    await expect(demarrerPartage(second.core, { host: '127.0.0.1', port })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: `Le port ${port} est déjà utilisé sur 127.0.0.1 : choisissez-en un autre (ou 0 pour un port libre).`,
      en: `Port ${port} is already in use on 127.0.0.1: choose another one (or 0 for a free port).`,
    });
    second.cleanup();
  });

  it('without configurePartage (CLI, in-process), sharing cannot start', async () => {
    const bare = memoryCore();
    await expect(demarrerPartage(bare.core, { host: '127.0.0.1' })).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining("Le partage n'est pas disponible ici") });
    expect(etatPartage(bare.core)).toMatchObject({ disponible: false, actif: false });
    bare.cleanup();
  });
});
