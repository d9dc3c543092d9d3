/**
 * The renderer's budgets (issue 8 item 5, « Light »), checked in CI (.ci/run) and by `npm run budget`:
 * - JavaScript of the built renderer, gzip -9, summed over out/renderer/assets/*.js: ≤ 350 kB (350 000 bytes);
 * - idle CPU of the renderer in Chromium: main-thread task time (CDP Performance metrics `TaskDuration`) over 5 s
 *   of idle on the Tableau de bord and on the unfolded CAE tree of the demo workspace, as % of one core: ≤ 1 %;
 *   `about:blank` idles over the same 5 s in the same run as the baseline;
 * - network: every screen visited, no request to any host but 127.0.0.1 (no web font, no telemetry); the
 *   Content-Security-Policy (shared/csp.ts) names no remote source; the built CSS loads no font nor remote URL.
 * Prints each figure against its budget and exits 1 when one is over (0 otherwise).
 * Run: `npm run budget` (builds the renderer first). Needs /usr/bin/chromium.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { buildRenderer, fr1, RENDERER_DIR, rendererJsSizes, startSession } from './lib/browser-session';

/** Budgets (bytes, % of one core, count). */
export const BUDGETS = { jsGzipBytes: 350_000, idleCpuPercent: 1, externalRequests: 0 } as const;
const IDLE_SECONDS = 5;
const fr2 = (n: number) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

/** Main-thread busy time (s) over `seconds` of idle, as % of one core, from CDP Performance metrics. */
async function idleCpu(page: Page, seconds: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  };
  const t0 = await task();
  const w0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const busy = (await task()) - t0;
  const wall = (Date.now() - w0) / 1000;
  await cdp.detach();
  return (100 * busy) / wall;
}

/** Remote sources named by the CSP (anything but 'self', 'none', 'unsafe-inline', data:). */
export function remoteCspSources(csp: string): string[] {
  return csp
    .split(';')
    .flatMap((d) => d.trim().split(/\s+/).slice(1))
    .filter((s) => !["'self'", "'none'", "'unsafe-inline'", 'data:'].includes(s));
}

/** `@font-face` rules and remote `url(…)` / `@import` in the built CSS files. */
function cssRemote(dir: string): string[] {
  const assets = join(dir, 'assets');
  const found: string[] = [];
  for (const f of readdirSync(assets).filter((x) => x.endsWith('.css'))) {
    const css = readFileSync(join(assets, f), 'utf8');
    if (/@font-face/i.test(css)) found.push(`${f} : @font-face`);
    for (const m of css.matchAll(/url\(\s*['"]?(https?:|\/\/)[^)]*\)|@import\s+['"]?(https?:|\/\/)[^;]*/gi)) found.push(`${f} : ${m[0]}`);
  }
  return found;
}

async function main(): Promise<number> {
  const failures: string[] = [];
  const line = (what: string, value: string, budget: string, ok: boolean) => {
    console.log(`${ok ? 'ok  ' : 'HORS'}  ${what.padEnd(48)} ${value.padStart(12)}   budget ${budget}`);
    if (!ok) failures.push(what);
  };

  await buildRenderer();
  const js = rendererJsSizes();
  const gzip = js.reduce((s, f) => s + f.gzip, 0);
  const raw = js.reduce((s, f) => s + f.bytes, 0);
  console.log(`JavaScript du renderer : ${js.length} fichier(s), ${fr1(raw / 1000)} ko bruts`);
  line('JavaScript gzip -9', `${fr1(gzip / 1000)} ko`, `≤ ${BUDGETS.jsGzipBytes / 1000} ko`, gzip <= BUDGETS.jsGzipBytes);

  const csp = remoteCspSources(CONTENT_SECURITY_POLICY);
  line('Sources distantes dans la CSP', String(csp.length), '0', csp.length === 0);
  const css = cssRemote(RENDERER_DIR);
  line('Polices ou URL distantes dans le CSS', String(css.length), '0', css.length === 0);
  for (const c of [...csp, ...css]) console.log(`      ${c}`);

  const session = await startSession({ demo: true });
  try {
    const { page } = session;
    // Baseline of the same run: an empty page idling as long.
    await page.goto('about:blank');
    const blank = await idleCpu(page, IDLE_SECONDS);
    console.log(`Référence : about:blank au repos ${fr2(blank)} % d'un cœur sur ${IDLE_SECONDS} s`);

    await page.goto(session.url);
    await page.waitForSelector('[data-testid="chart-axes-cae"]');
    await page.waitForTimeout(1000);
    const dash = await idleCpu(page, IDLE_SECONDS);
    line('CPU au repos, tableau de bord (% d’un cœur)', `${fr2(dash)} %`, `≤ ${BUDGETS.idleCpuPercent} %`, dash <= BUDGETS.idleCpuPercent);

    await page.goto(`${session.url}#/referentiel/cae`);
    await page.waitForSelector('[data-testid="node-cae_1"]');
    await page.click('[data-testid="tree-expand-all"]');
    await page.waitForSelector('[data-testid="node-tree"][data-row-count="1470"]');
    await page.waitForTimeout(1000);
    const tree = await idleCpu(page, IDLE_SECONDS);
    line('CPU au repos, arbre CAE déplié (% d’un cœur)', `${fr2(tree)} %`, `≤ ${BUDGETS.idleCpuPercent} %`, tree <= BUDGETS.idleCpuPercent);

    for (const hash of ['#/personnalisation', '#/candidature/cae', '#/mes-criteres', '#/preuves', '#/export/cae', '#/sauvegardes', '#/referentiel/label-nr']) {
      await page.goto(`${session.url}${hash}`);
      await page.waitForLoadState('networkidle');
    }
    line('Requêtes hors 127.0.0.1 (tous les écrans)', String(session.external.length), String(BUDGETS.externalRequests), session.external.length <= BUDGETS.externalRequests);
    for (const u of session.external) console.log(`      ${u}`);
    console.log(`(${session.requests()} requêtes vers 127.0.0.1 au total)`);
  } finally {
    await session.close();
  }

  if (failures.length > 0) {
    console.log(`Budget dépassé : ${failures.join(', ')}.`);
    return 1;
  }
  console.log('Budgets respectés.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
