/**
 * Smoke mode (`--smoke-test`) and the start-up error box, under Node with Electron replaced by a stand-in:
 * - runSmokeTest itself on the REAL core and the bundled grid, its success line and its failures;
 * - main.ts started with `--smoke-test`: one stdout line, exit 0, no window, no single-instance lock;
 * - main.ts with a better-sqlite3 whose native file cannot be loaded (better-sqlite3's own `nativeBinding` option
 *   pointed at a file that is not a library, so the real loader fails): smoke mode prints the cause and exits 1;
 *   normal start shows `dialog.showErrorBox` naming the cause and the file, and opens no window.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentRuntime } from '../../electron/core/db/native';
import { isSmokeTest, runSmokeTest, SMOKE_FAILED, SMOKE_OK } from '../../electron/shell/smoke';
import { sqliteFailureBox, startupErrorBox } from '../../electron/shell/startup';
import { UserError } from '../../shared/errors';
import { tempDir } from '../core/helpers/context';

const fake = vi.hoisted(() => ({
  tempRoot: '',
  brokenBinding: null as string | null,
  calls: [] as string[],
  windows: 0,
  errorBoxes: [] as Array<[string, string]>,
  exit: null as null | ((code: number) => void),
}));

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => (fake.calls.push('requestSingleInstanceLock'), true),
    disableHardwareAcceleration: () => fake.calls.push('disableHardwareAcceleration'),
    on: (event: string) => fake.calls.push(`on:${event}`),
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (fake.calls.push(`getPath:${name}`), name === 'temp' ? fake.tempRoot : join(fake.tempRoot, 'userData')),
    quit: () => fake.calls.push('quit'),
    exit: (code: number) => {
      fake.calls.push(`exit:${code}`);
      fake.exit?.(code);
    },
  },
  BrowserWindow: class {
    constructor() {
      fake.windows++;
    }
  },
  dialog: { showErrorBox: (title: string, message: string) => fake.errorBoxes.push([title, message]) },
  ipcMain: { on: () => undefined, removeListener: () => undefined },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  shell: { openExternal: () => undefined },
  session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
}));

// The real better-sqlite3, but loading `fake.brokenBinding` as its native file when set.
vi.mock('better-sqlite3', async (importOriginal) => {
  const Real = ((await importOriginal()) as { default: new (file: string, opts?: object) => object }).default;
  function Database(file: string, opts: object = {}) {
    return new Real(file, fake.brokenBinding ? { ...opts, nativeBinding: fake.brokenBinding } : opts);
  }
  return { default: Database };
});

const tmp = tempDir('label-audit-smoke-test-');
afterAll(() => tmp.cleanup());
const garbage = join(tmp.dir, 'better_sqlite3.node');
writeFileSync(garbage, 'pas une bibliothèque partagée');

const grid = JSON.parse(readFileSync(join(__dirname, '../../referential/label-nr-collectivites.json'), 'utf8')) as {
  themes: Array<{ criteres: Array<{ points: number }> }>;
};
const firstCriterePoints = grid.themes[0]!.criteres[0]!.points;

/** A host collecting the lines. */
function host(tempRoot: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    host: { tempRoot, runtime: currentRuntime(), out: async (l: string) => void out.push(l), err: async (l: string) => void err.push(l) },
  };
}

beforeEach(() => {
  fake.tempRoot = join(tmp.dir, `run-${Math.random().toString(36).slice(2)}`);
  mkdirSync(fake.tempRoot);
  fake.brokenBinding = null;
  fake.calls.length = 0;
  fake.errorBoxes.length = 0;
  fake.windows = 0;
});
afterEach(() => vi.resetModules());

describe('runSmokeTest', () => {
  it('imports the bundled grid, scores one critère fait, prints one line and cleans its temp workspace', async () => {
    const h = host(fake.tempRoot);
    expect(await runSmokeTest(h.host)).toBe(0);
    expect(h.err).toEqual([]);
    expect(h.out).toHaveLength(1);
    const rt = currentRuntime();
    expect(h.out[0]).toBe(
      `${SMOKE_OK} Label Audit 0.1.0 : label-nr (grille-travail-2026.1) ${firstCriterePoints}/1000 points après 1 critère fait, ` +
        `SQLite ${h.out[0]!.match(/SQLite (3\.\d+\.\d+)/)?.[1]}, Node.js ${rt.node} (NODE_MODULE_VERSION ${rt.modules}), ${rt.platform}-${rt.arch}`,
    );
    expect(readdirSync(fake.tempRoot)).toEqual([]);
  });

  it('better-sqlite3 cannot be loaded → exit 1 and one line naming the cause and the file', async () => {
    const h = host(fake.tempRoot);
    const missing = join(tmp.dir, 'absent', 'better_sqlite3.node');
    expect(await runSmokeTest({ ...h.host, nativeBinding: missing })).toBe(1);
    expect(h.out).toEqual([]);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(new RegExp(`^${SMOKE_FAILED} : Le fichier du module SQLite \\(better-sqlite3\\) \\(.*absent.better_sqlite3\\.node\\) est introuvable`));
    expect(readdirSync(fake.tempRoot)).toEqual([]);
  });

  it('the bundled grid missing → exit 1 naming the file; the temp workspace is still removed', async () => {
    const h = host(fake.tempRoot);
    expect(await runSmokeTest({ ...h.host, referentialDir: join(tmp.dir, 'vide') })).toBe(1);
    expect(h.err).toEqual([expect.stringMatching(new RegExp(`^${SMOKE_FAILED} : .*label-nr-collectivites\\.json`))]);
    expect(readdirSync(fake.tempRoot)).toEqual([]);
  });

  it('recognises the switch', () => {
    expect(isSmokeTest(['/opt/Label Audit/label-audit', '--smoke-test'])).toBe(true);
    expect(isSmokeTest(['/opt/Label Audit/label-audit', '--smoke-test-other'])).toBe(false);
  });
});

/** Imports main.ts with `extra` appended to process.argv; resolves with the exit code passed to app.exit. */
async function startMain(extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = process.argv;
  process.argv = [...argv, ...extra];
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string, cb?: () => void) => {
    stdout += chunk;
    cb?.();
    return true;
  }) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string, cb?: () => void) => {
    stderr += chunk;
    cb?.();
    return true;
  }) as typeof process.stderr.write);
  const logged = vi.spyOn(console, 'error').mockImplementation((line: string) => void (stderr += `${line}\n`));
  try {
    const exited = new Promise<number>((resolve) => (fake.exit = resolve));
    await import('../../electron/shell/main');
    const code = await exited;
    return { code, stdout, stderr };
  } finally {
    process.argv = argv;
    out.mockRestore();
    err.mockRestore();
    logged.mockRestore();
  }
}

describe('main.ts with Electron replaced by a stand-in', () => {
  it('--smoke-test: one success line on stdout, exit 0, no window, no lock, no user data', async () => {
    const r = await startMain(['--smoke-test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${SMOKE_OK} Label Audit 0\\.1\\.0 : label-nr \\(grille-travail-2026\\.1\\) ${firstCriterePoints}/1000 points après 1 critère fait, SQLite 3\\.\\d+\\.\\d+, Node\\.js .*\\n$`));
    expect(r.stderr).toBe('');
    expect(fake.windows).toBe(0);
    expect(fake.calls).not.toContain('requestSingleInstanceLock');
    expect(fake.calls).not.toContain('getPath:userData');
    expect(fake.calls).toContain('getPath:temp');
    expect(existsSync(join(fake.tempRoot, 'userData'))).toBe(false);
  });

  it('--smoke-test with a native file that is not a library: the cause on stderr, exit 1', async () => {
    fake.brokenBinding = garbage;
    const r = await startMain(['--smoke-test']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${SMOKE_FAILED} : Le module SQLite (better-sqlite3) (${garbage}) n'a pas pu être chargé par Node.js ${process.versions.node} (${process.platform}-${process.arch}) : ${garbage}: file too short. Réinstallez Label Audit avec l'installateur correspondant à ce système ; vos données (dossier de l'utilisateur) ne sont pas touchées par une réinstallation.\n`,
    );
    expect(fake.errorBoxes).toEqual([]);
  });

  it('normal start with SQLite not loadable: an error box naming the cause and the file, exit 1, no window', async () => {
    fake.brokenBinding = join(tmp.dir, 'absent', 'better_sqlite3.node');
    const r = await startMain([]);
    expect(r.code).toBe(1);
    expect(fake.windows).toBe(0);
    expect(fake.errorBoxes).toHaveLength(1);
    const [title, message] = fake.errorBoxes[0]!;
    expect(title).toBe('Label Audit ne peut pas ouvrir sa base de données');
    expect(message).toContain(`Le fichier du module SQLite (better-sqlite3) (${fake.brokenBinding}) est introuvable`);
    expect(r.stderr).toContain(message);
    // Nothing was created in the user's data folder.
    expect(existsSync(join(fake.tempRoot, 'userData'))).toBe(false);
  });

  it('normal start with an invalid data-dir.json: the box shows its French message', async () => {
    mkdirSync(join(fake.tempRoot, 'userData'));
    writeFileSync(join(fake.tempRoot, 'userData', 'data-dir.json'), '{ cassé');
    const r = await startMain([]);
    expect(r.code).toBe(1);
    expect(fake.windows).toBe(0);
    expect(fake.errorBoxes[0]?.[0]).toBe('Label Audit ne peut pas démarrer');
    expect(fake.errorBoxes[0]?.[1]).toMatch(/^Le fichier .*data-dir\.json est invalide : ce n'est pas du JSON/);
  });
});

describe('error boxes', () => {
  it('a UserError keeps its message; anything else is an internal error, first line only', () => {
    expect(startupErrorBox(new UserError('DB_FROM_FUTURE', 'La base X a été écrite par une version plus récente.'))).toEqual({
      title: 'Label Audit ne peut pas démarrer',
      message: 'La base X a été écrite par une version plus récente.',
    });
    expect(startupErrorBox(new Error('boum\n    at x (y.js:1:1)'))).toEqual({ title: 'Label Audit ne peut pas démarrer', message: 'Erreur interne au démarrage : boum' });
    expect(sqliteFailureBox({ cause: 'abi', file: null, title: 'T', message: 'M' })).toEqual({ title: 'T', message: 'M' });
  });
});
