/**
 * Page helpers of the end-to-end tests: selectors by `data-testid` (renderer/TESTIDS.md), opening a node of the
 * tree, setting a statut through the criterion panel, reading the figures a row shows, and the French number
 * formats the UI promises (TESTIDS.md "Number formats"), written here independently of the renderer's code.
 */
import type { Page } from 'playwright-core';
import type { NodeScore } from '../../shared/domain';

/** CSS selector of a `data-testid`. */
export const tid = (id: string): string => `[data-testid="${id}"]`;

const NNBSP = '\u202f';
const pointsFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Points as the UI writes them: up to 3 decimals, decimal comma, U+202F between thousands (3.3 → "3,3"). */
export function frPoints(value: number): string {
  return pointsFormat.format(value);
}

/** A fraction 0..1 as the UI writes it: one decimal, truncated, then U+202F and `%` (0.275 → "27,5 %"). */
export function frPercent(fraction: number | null, empty = 'non calculable'): string {
  if (fraction === null || !Number.isFinite(fraction)) return empty;
  return `${oneDecimal.format(Math.floor(fraction * 1000 + 1e-6) / 10)}${NNBSP}%`;
}

/**
 * % fait of a node as the tree and the panel show it: pointFait / pointPotentiel, or for a 0-point node the
 * leaf ratio faitTachesAvancement / totalTachesCount (tete-referentials.md §2.2); `non concerné` when not concerned.
 */
export function expectedPct(s: NodeScore): string {
  if (!s.concerne) return 'non concerné';
  if (s.pointPotentiel > 0) return frPercent(s.pointFait / s.pointPotentiel, '—');
  return frPercent(s.totalTachesCount > 0 ? s.faitTachesAvancement / s.totalTachesCount : null, '—');
}

/** The statut key a badge should carry for a node score (`data-statut`). */
export function expectedBadge(s: NodeScore): string {
  return s.statut ?? (s.concerne ? 'non_renseigne' : 'non_concerne');
}

/** What one tree row shows. `statut` is null when the row has no badge (computed levels without a statut). */
export interface ShownRow {
  nodeId: string;
  points: string;
  pct: string;
  statut: string | null;
}

/** Reads every visible row of the tree (`node-<id>`, its points, % fait and statut badge). */
export async function readTreeRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval('[data-testid="node-tree"] tbody tr[data-testid^="node-"]', (rows) =>
    rows.map((tr) => {
      const nodeId = (tr.getAttribute('data-testid') ?? '').slice('node-'.length);
      const cell = (id: string) => tr.querySelector(`[data-testid="${id}-${nodeId}"]`);
      return {
        nodeId,
        points: cell('node-points')?.textContent ?? '',
        pct: cell('node-pct')?.textContent ?? '',
        statut: cell('node-statut')?.getAttribute('data-statut') ?? null,
      };
    }),
  );
}

/** Opens the criterion panel of `nodeId` by clicking its row, and waits until it shows that node. */
export async function openNode(page: Page, nodeId: string): Promise<void> {
  await page.click(tid(`node-${nodeId}`));
  await page.waitForSelector(`${tid('criterion-panel')}[data-node-id="${nodeId}"]`);
}

/** Waits until the tree badge of `nodeId` carries `data-statut` = `statut`. */
export async function waitForBadge(page: Page, nodeId: string, statut: string): Promise<void> {
  await page.waitForSelector(`${tid(`node-statut-${nodeId}`)}[data-statut="${statut}"]`);
}

/**
 * Sets a whole statut (fait, programme, pas_fait, non_concerne…) on `nodeId` through its panel's radio, which
 * saves at once, then waits for the tree badge to show `shown` (the display statut; default the same key).
 */
export async function setStatut(page: Page, nodeId: string, statut: string, shown = statut): Promise<void> {
  await openNode(page, nodeId);
  await page.check(tid(`statut-radio-${statut}`));
  await waitForBadge(page, nodeId, shown);
}

/**
 * Chooses Détaillé on `nodeId` (panel already open), types the split in % (strings as a user types them) and
 * presses "Enregistrer la répartition". Does not wait for the outcome: the caller waits for a badge or an error.
 */
export async function submitDetail(page: Page, split: [string, string, string]): Promise<void> {
  await page.check(tid('statut-radio-detaille'));
  await page.fill(tid('detail-fait'), split[0]);
  await page.fill(tid('detail-programme'), split[1]);
  await page.fill(tid('detail-pas-fait'), split[2]);
  await page.click(tid('detail-save'));
}

/** Text content of a test id (trimmed), failing when the element is absent. */
export async function text(page: Page, id: string): Promise<string> {
  const el = await page.waitForSelector(tid(id), { state: 'attached' });
  return ((await el.textContent()) ?? '').trim();
}
