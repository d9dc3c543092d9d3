/**
 * The offline packaging check (issue 9 "Here"): a copy of the project (sources, with bait files that must stay out)
 * is built by electron-vite, then packed by `electron-builder --linux --dir -c.npmRebuild=false
 * -c.electronDist=<stand-in>` with the beforePack rebuild skipped (no Electron headers offline), into a temporary
 * folder. The packaged tree is then checked by listing it (@electron/asar): the app, the unpacked native module,
 * no tests, maps or TypeScript; the fuses of the binary flipped; and the packaged main process run under Node with
 * Electron replaced by a stand-in in `--smoke-test` mode, once whole and once with its native module removed.
 *
 * Slow (≈ 30–60 s: a build and a packaging): vitest project `packaging`, part of `npm test`, not of `--project unit`.
 */
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMOKE_FAILED, SMOKE_OK } from '../../../electron/shell/smoke';
import { STAND_IN_LOCALES, writeElectronDist, writeElectronModule } from './stand-in';

const ROOT = join(__dirname, '../../..');
const NODE_MODULES = realpathSync(join(ROOT, 'node_modules'));
/** What of the project a packaging reads (the rest — tests, docs — must not matter). */
const PROJECT_ENTRIES = ['package.json', 'package-lock.json', 'electron-builder.yml', 'electron.vite.config.ts', 'tsconfig.json', 'electron', 'shared', 'renderer', 'referential', 'scripts', 'build'];

let work = '';
let staging = '';
let appDir = '';
let asarFile = '';
let entries: string[] = [];
let builderLog = '';

/** A child process's environment without vitest's variables (NODE_ENV=test would change the build). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_ENV' || k === 'TEST') delete env[k];
  return env;
}

function run(args: string[], cwd: string, extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, { cwd, env: childEnv(extra), encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'label-audit-pack-'));
  staging = join(work, 'projet');
  mkdirSync(staging);
  for (const e of PROJECT_ENTRIES) cpSync(join(ROOT, e), join(staging, e), { recursive: true });
  symlinkSync(NODE_MODULES, join(staging, 'node_modules'), 'junction');
  // electron-builder lists the production dependencies with `npm list`. Through this symlink npm resolves packages
  // outside the staging root and, unless it trusts node_modules/.package-lock.json, calls them extraneous and drops
  // every transitive dependency (pdfkit without fontkit). npm trusts that hidden lockfile only while it is newer than
  // the package folders, and running the other tests (vite's caches) makes it older: refresh its date (mtime only).
  const hidden = join(NODE_MODULES, '.package-lock.json');
  if (existsSync(hidden)) utimesSync(hidden, new Date(), new Date());
  // Bait: files the `files` patterns must keep out of the package.
  mkdirSync(join(staging, 'tests'));
  writeFileSync(join(staging, 'tests', 'appât.test.ts'), 'export {};\n');
  writeFileSync(join(staging, 'referential', 'appât.ts'), 'export {};\n');

  const build = run([join(NODE_MODULES, 'electron-vite', 'bin', 'electron-vite.js'), 'build'], staging);
  if (build.code !== 0) throw new Error(`electron-vite build a échoué (${build.code}) :\n${build.output.slice(-3000)}`);
  writeFileSync(join(staging, 'out', 'main', 'main.js.map'), '{"version":3}');
  writeFileSync(join(staging, 'out', 'renderer', 'appât.js.map'), '{"version":3}');

  const dist = join(work, 'electron-dist');
  writeElectronDist(dist);
  const out = join(work, 'release');
  const pack = run(
    [join(NODE_MODULES, 'electron-builder', 'cli.js'), '--linux', '--dir', '--x64', '-c.npmRebuild=false', `-c.electronDist=${dist}`, `-c.directories.output=${out}`],
    staging,
    { LABEL_AUDIT_SKIP_NATIVE_REBUILD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  );
  builderLog = pack.output;
  if (pack.code !== 0) throw new Error(`electron-builder a échoué (${pack.code}) :\n${pack.output.slice(-3000)}`);
  appDir = join(out, 'linux-unpacked');
  asarFile = join(appDir, 'resources', 'app.asar');
  entries = listPackage(asarFile, { isPack: false }).map((e) => e.replace(/\\/g, '/'));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --linux --dir, offline, against a stand-in Electron', () => {
  it('ran our beforePack hook, which said the module was not rebuilt', () => {
    expect(builderLog).toContain('better-sqlite3 NON recompilé (LABEL_AUDIT_SKIP_NATIVE_REBUILD=1)');
    expect(builderLog).toContain('skipped dependencies rebuild');
  });

  it('lays out the app: the renamed executable, app.asar and its unpacked folder, fr and en-US locales only', () => {
    expect(statSync(join(appDir, 'label-audit')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(appDir, 'electron'))).toBe(false);
    expect(readdirSync(join(appDir, 'resources')).sort()).toEqual(['app.asar', 'app.asar.unpacked']);
    expect(readdirSync(join(appDir, 'locales')).sort()).toEqual(['en-US.pak', 'fr.pak']);
    expect(STAND_IN_LOCALES).toContain('de');
    expect(existsSync(join(appDir, 'LICENSE.electron.txt'))).toBe(true);
  });

  it('flipped the fuses of the binary to the hardened values', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'label-audit'));
    const on = 49;
    const off = 48;
    // FuseV1Options order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
    // EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
    // LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => (wire as unknown as Record<number, number>)[i])).toEqual([off, on, off, off, on, on, off, off]);
  });

  it('app.asar holds the built app, package.json, the referentials and the production dependencies', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        '/out/main/main.js',
        '/out/preload/preload.cjs',
        '/out/renderer/index.html',
        '/package.json',
        '/referential/label-nr-collectivites.json',
        '/referential/referential.schema.json',
        '/node_modules/better-sqlite3/lib/index.js',
        '/node_modules/zod/package.json',
        '/node_modules/pdfkit/package.json',
        '/node_modules/dejavu-fonts-ttf/package.json',
      ]),
    );
    expect(entries.some((e) => /^\/out\/renderer\/assets\/index-[\w-]+\.js$/.test(e))).toBe(true);
    const pkg = JSON.parse(extractFile(asarFile, 'package.json').toString('utf8')) as { name: string; main: string; productName: string };
    expect(pkg).toMatchObject({ name: 'label-audit', productName: 'Label Audit', main: 'out/main/main.js' });
  });

  it('the native module is unpacked beside the archive, identical to the project\'s, and is the only .node', () => {
    const node = '/node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(entries).toContain(node);
    expect((statFile(asarFile, node.slice(1)) as { unpacked?: boolean }).unpacked).toBe(true);
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', ...node.split('/').filter(Boolean));
    const source = join(dirname(createRequire(join(staging, 'package.json')).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    expect(readFileSync(unpacked).equals(readFileSync(source))).toBe(true);
    expect(entries.filter((e) => e.endsWith('.node'))).toEqual([node]);
  });

  it('keeps out tests, source maps, TypeScript sources and what only the CLI or a rebuild needs', () => {
    expect(entries.filter((e) => e.startsWith('/tests') || e.includes('/tests/appât'))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => /\.(ts|tsx|mts|cts)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => /^\/(electron|shared|renderer|scripts|build)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => /^\/node_modules\/(tsx|esbuild|@esbuild)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => /^\/node_modules\/better-sqlite3\/(src|deps|binding\.gyp)/.test(e))).toEqual([]);
    expect(entries.filter((e) => /^\/node_modules\/better-sqlite3\/build\//.test(e))).toEqual([
      '/node_modules/better-sqlite3/build/Release',
      '/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ]);
    expect(entries).not.toContain('/electron-builder.yml');
  });

  describe('the packaged main process under Node, Electron replaced by a stand-in', () => {
    let extracted = '';
    beforeAll(() => {
      extracted = join(work, 'extrait');
      extractAll(asarFile, extracted);
      writeElectronModule(join(extracted, 'node_modules'));
      const pkg = JSON.parse(readFileSync(join(extracted, 'package.json'), 'utf8')) as { main: string };
      expect(pkg.main).toBe('out/main/main.js');
    });

    it('--smoke-test prints the success line and exits 0', () => {
      const r = run([join(extracted, 'out', 'main', 'main.js'), '--smoke-test'], work);
      expect(r.output).toMatch(new RegExp(`^${SMOKE_OK} Label Audit 0\\.1\\.0 : label-nr \\(grille-travail-2026\\.1\\) \\d+/1000 points après 1 critère fait, SQLite 3\\.\\d+\\.\\d+, Node\\.js [\\d.]+ \\(NODE_MODULE_VERSION ${process.versions.modules}\\), linux-x64\\n$`));
      expect(r.code).toBe(0);
    });

    it('without its native module (quarantined by an antivirus), --smoke-test names the cause and exits 1', () => {
      rmSync(join(extracted, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
      const r = run([join(extracted, 'out', 'main', 'main.js'), '--smoke-test'], work);
      expect(r.code).toBe(1);
      expect(r.output).toMatch(new RegExp(`^${SMOKE_FAILED} : Le fichier du module SQLite \\(better-sqlite3\\) \\(.*better_sqlite3\\.node\\) est introuvable : l'installation est incomplète`));
      expect(r.output.trim().split('\n')).toHaveLength(1);
    });
  });
});
