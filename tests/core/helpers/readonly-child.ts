/**
 * Run by tests/core/read-only.test.ts in a process that cannot bypass file permissions (as root: started through
 * `setpriv` without CAP_DAC_OVERRIDE), so that a chmod'ed folder is really read-only to it. argv[2] is a JSON
 * object { first, whole, evidence, backups } of data dirs prepared by the test; prints one JSON document: for each
 * case, the UserError { code, message } it met, or { ok: true }.
 */
import { startCore } from '../../../electron/core/core';

type Outcome = { code: string; message: string } | { ok: true; detail?: unknown };

async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, detail: await fn() };
  } catch (e) {
    const err = e as { code?: string; message?: string; name?: string };
    return { code: err.name === 'UserError' ? String(err.code) : `interne:${String(err.code)}`, message: String(err.message) };
  }
}

const dirs = JSON.parse(process.argv[2] ?? '{}') as Record<'first' | 'whole' | 'evidence' | 'backups', string>;
const open = (dataDir: string) => startCore({ dataDir, demo: false, user: 'Camille', log: () => undefined });
const results: Record<string, Outcome> = {
  first: await outcome(() => open(dirs.first).then((c) => c.close())),
  whole: await outcome(() => open(dirs.whole).then((c) => c.close())),
  evidence: await outcome(async () => {
    const core = await open(dirs.evidence);
    try {
      return core.preuves.addFile({ referentialId: 'label-nr', nodeId: 'label-nr_1.1', fileName: 'deliberation.pdf', bytes: Buffer.from('%PDF-1.7') });
    } finally {
      core.close();
    }
  }),
  backups: await outcome(async () => {
    const core = await open(dirs.backups);
    try {
      const backup = await outcome(() => core.backups.create());
      const imported = await outcome(() =>
        core.referentials.importAsync([{ name: 'grille.csv', text: 'identifiant;intitulé;points\n1;A;\n1.1;A1;10\nTotal;;10\n' }], { id: 'grille' }),
      );
      return { backup, imported, referentials: core.referentials.list().map((r) => r.id), lastError: core.backups.list().lastError };
    } finally {
      core.close();
    }
  }),
};
process.stdout.write(`${JSON.stringify(results)}\n`);
