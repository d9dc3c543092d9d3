/**
 * `audit.*` and `history.list` over the router (issue 6 items 3–5): inputs checked by zod with a French message
 * naming the field, the core's refusals passed through unchanged (BAD_REQUEST with the user error).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appRouter } from '../../../electron/core/api/router';
import type { Core } from '../../../electron/core/core';
import { memoryCore, toyTete } from '../helpers/context';

let core: Core;
let cleanup: () => void;
let caller: ReturnType<typeof appRouter.createCaller>;
beforeEach(() => {
  ({ core, cleanup } = memoryCore());
  core.referentials.store(toyTete('eci'));
  caller = appRouter.createCaller({ core });
});
afterEach(() => cleanup());

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; userCode: string | undefined; zodPath: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; message: string; cause?: { code?: string; issues?: Array<{ path: unknown[] }> } };
    return { code: err.code, message: err.message, userCode: err.cause?.code, zodPath: err.cause?.issues?.[0]?.path };
  }
  throw new Error('expected a refusal');
}

describe('audit router', () => {
  it('runs a cycle and the auditor writes through audit.setStatut', async () => {
    await caller.audit.demander({ referentialId: 'eci' });
    await caller.audit.ouvrir({ referentialId: 'eci', auditeur: 'Claire' });
    const out = await caller.audit.setStatut({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' });
    expect(out.changed).toBe(true);
    await caller.audit.addNote({ referentialId: 'eci', nodeId: 'eci_1', texte: 'Vu' });
    const r = await caller.audit.attachRapport({ referentialId: 'eci', fileName: 'rapport.txt', contentBase64: Buffer.from('rapport').toString('base64') });
    expect(r.rapport).toMatchObject({ fileName: 'rapport.txt', size: 7, addedBy: 'Claire' });
    expect((await caller.history.list({ who: 'Claire' })).map((e) => e.action)).toEqual(['audit.rapport', 'audit.note', 'statut.set']);
    expect(await caller.history.authors()).toEqual(['Alice Testeuse', 'Claire']);
  });

  it('refuses the authority’s statut while the audit is open (BAD_REQUEST, AUDIT_OUVERT)', async () => {
    await caller.audit.demander({ referentialId: 'eci' });
    await caller.audit.ouvrir({ referentialId: 'eci', auditeur: 'Claire' });
    const err = await refusal(caller.statuts.set({ referentialId: 'eci', nodeId: 'eci_1.1', statut: 'fait' }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.userCode).toBe('AUDIT_OUVERT');
    expect(err.message).toMatch(/^L'audit est ouvert : /);
  });

  it.each([
    ['a decision date written the French way', () => caller.audit.decider({ referentialId: 'eci', niveau: 1, date: '15/04/2026' }), 'date'],
    ['an unknown état', () => caller.audit.setEtat({ referentialId: 'eci', nodeId: 'eci_1', etat: 'fini' as never }), 'etat'],
    ['a report that is not base64', () => caller.audit.attachRapport({ referentialId: 'eci', fileName: 'r.pdf', contentBase64: 'pas du base64 !' }), 'contentBase64'],
    ['a history date range not in AAAA-MM-JJ', () => caller.history.list({ from: '2026-3-1' }), 'from'],
  ])('refuses %s before the core, on the field (the HTTP answer says « Donnée invalide pour « field » … », trpc.ts)', async (_name, call, field) => {
    const before = await caller.history.list();
    const err = await refusal(call());
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.zodPath).toEqual([field]);
    expect(await caller.history.list()).toEqual(before);
  });
});
