/**
 * The native SQLite module's load check (electron/core/db/native.ts) against the REAL loader's errors: a missing
 * `.node` file, a file that is not a shared object, an ELF of the other word size, an ELF of another processor, the
 * `bindings` package finding no build, and Node's ABI-mismatch message (verbatim from node/src/node_binding.cc:
 * that one cannot be produced here, where only Node 20's headers exist).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainNativeLoadError, nodeFileOf, probeSqlite, type NativeRuntime } from '../../electron/core/db/native';
import { tempDir } from './helpers/context';

const require = createRequire(import.meta.url);
const sqlitePkg = dirname(require.resolve('better-sqlite3/package.json'));
const realNode = join(sqlitePkg, 'build', 'Release', 'better_sqlite3.node');
const tmp = tempDir('label-audit-native-');
afterAll(() => tmp.cleanup());

const electron45: NativeRuntime = { electron: '45.5.0', node: '22.20.0', modules: '150', platform: 'linux', arch: 'x64' };

/** A copy of the real module with bytes changed by `patch`. */
function patched(name: string, patch: (b: Buffer) => void): string {
  const bytes = Buffer.from(readFileSync(realNode));
  patch(bytes);
  const file = join(tmp.dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('probeSqlite', () => {
  it('loads the real module under Node and reports the SQLite version', () => {
    const probe = probeSqlite();
    expect(probe).toEqual({ ok: true, sqliteVersion: expect.stringMatching(/^3\.\d+\.\d+$/) });
  });

  it('a missing .node file → cause "missing", naming the file', () => {
    const file = join(tmp.dir, 'absent', 'better_sqlite3.node');
    const probe = probeSqlite(file);
    expect(probe.ok).toBe(false);
    if (probe.ok) return;
    expect(probe.failure).toMatchObject({ cause: 'missing', file, title: 'Label Audit ne peut pas ouvrir sa base de données' });
    expect(probe.failure.message).toContain(`Le fichier du module SQLite (better-sqlite3) (${file}) est introuvable`);
    expect(probe.failure.message).toContain('Réinstallez Label Audit');
  });

  it('a file that is not a shared object → cause "other" with the loader\'s words', () => {
    const file = join(tmp.dir, 'garbage.node');
    writeFileSync(file, 'pas une bibliothèque');
    const probe = probeSqlite(file);
    if (probe.ok) throw new Error('should fail');
    expect(probe.failure.cause).toBe('other');
    expect(probe.failure.file).toBe(file);
    expect(probe.failure.message).toContain(`${file}: file too short`);
  });

  it.runIf(process.platform === 'linux')('an ELF of the other word size → cause "arch", naming the system', () => {
    const file = patched('elf32.node', (b) => (b[4] = 1)); // EI_CLASS = ELFCLASS32
    const probe = probeSqlite(file, electron45);
    if (probe.ok) throw new Error('should fail');
    expect(probe.failure.cause).toBe('arch');
    expect(probe.failure.message).toContain('ne convient pas à ce système (linux-x64)');
    expect(probe.failure.message).toContain('wrong ELF class: ELFCLASS32');
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'an ELF built for arm64 → cause "arch" although glibc says "No such file" (the file is there)',
    () => {
      const file = patched('arm64.node', (b) => b.writeUInt16LE(0xb7, 18)); // e_machine = EM_AARCH64
      const probe = probeSqlite(file, electron45);
      if (probe.ok) throw new Error('should fail');
      expect(probe.failure).toMatchObject({ cause: 'arch', file });
    },
  );

  it('the bindings package finding no build → cause "missing", naming a path it tried', () => {
    // A copy of better-sqlite3's JavaScript and its two helpers, without build/: the same state as an installer
    // that lost the unpacked .node file.
    const nm = join(tmp.dir, 'nobuild', 'node_modules');
    mkdirSync(nm, { recursive: true });
    cpSync(join(sqlitePkg, 'lib'), join(nm, 'better-sqlite3', 'lib'), { recursive: true });
    cpSync(join(sqlitePkg, 'package.json'), join(nm, 'better-sqlite3', 'package.json'));
    for (const dep of ['bindings', 'file-uri-to-path']) {
      cpSync(dirname(createRequire(join(sqlitePkg, 'package.json')).resolve(`${dep}/package.json`)), join(nm, dep), { recursive: true });
    }
    const Copy = createRequire(join(nm, 'x.js'))('better-sqlite3') as new (f: string) => unknown;
    let thrown: unknown;
    try {
      new Copy(':memory:');
    } catch (e) {
      thrown = e;
    }
    expect(String(thrown)).toContain('Could not locate the bindings file');
    const failure = explainNativeLoadError(thrown, electron45);
    expect(failure.cause).toBe('missing');
    expect(failure.file).toMatch(/nobuild[\\/]node_modules[\\/]better-sqlite3[\\/].*better_sqlite3\.node$/);
  });
});

describe('explainNativeLoadError on messages of other runtimes', () => {
  const abiMessage =
    "The module '/opt/Label Audit/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
    'was compiled against a different Node.js version using\n' +
    'NODE_MODULE_VERSION 115. This version of Node.js requires\n' +
    'NODE_MODULE_VERSION 150. Please try re-compiling or re-installing\n' +
    'the module (for instance, using `npm rebuild` or `npm install`).';

  it('Node built instead of Electron (the nodedir trap) → cause "abi" naming both versions and Electron', () => {
    const failure = explainNativeLoadError(Object.assign(new Error(abiMessage), { code: 'ERR_DLOPEN_FAILED' }), electron45);
    expect(failure.cause).toBe('abi');
    expect(failure.file).toBe('/opt/Label Audit/resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(failure.message).toContain('(NODE_MODULE_VERSION 115) alors que Electron 45.5.0 attend NODE_MODULE_VERSION 150');
  });

  it('macOS: a module of the other processor → cause "arch"', () => {
    const mac =
      "dlopen(/Applications/Label Audit.app/Contents/Resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node, 0x0001): tried: '/Applications/Label Audit.app/Contents/Resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node' (mach-o file, but is an incompatible architecture (have 'x86_64', need 'arm64e' or 'arm64'))";
    const failure = explainNativeLoadError(new Error(mac), { ...electron45, platform: 'darwin', arch: 'arm64' });
    expect(failure.cause).toBe('arch');
    expect(failure.file).toMatch(/^\/Applications\/Label Audit\.app\/.*better_sqlite3\.node$/);
    expect(failure.message).toContain('(darwin-arm64)');
  });

  it('Windows: "not a valid Win32 application" → cause "arch", the \\\\?\\ prefix dropped', () => {
    const win = '\\\\?\\C:\\Users\\agent\\AppData\\Local\\Programs\\label-audit\\resources\\app.asar.unpacked\\node_modules\\better-sqlite3\\build\\Release\\better_sqlite3.node is not a valid Win32 application.\r\n';
    const failure = explainNativeLoadError(new Error(win), { ...electron45, platform: 'win32' });
    expect(failure.cause).toBe('arch');
    expect(failure.file).toBe('C:\\Users\\agent\\AppData\\Local\\Programs\\label-audit\\resources\\app.asar.unpacked\\node_modules\\better-sqlite3\\build\\Release\\better_sqlite3.node');
  });

  it('glibc "No such file" for a file that is really absent → "missing"; under Node the runtime is named Node.js', () => {
    const msg = '/x/better_sqlite3.node: cannot open shared object file: No such file or directory';
    expect(explainNativeLoadError(new Error(msg), electron45, () => false).cause).toBe('missing');
    expect(explainNativeLoadError(new Error(msg), electron45, () => true).cause).toBe('arch');
    const other = explainNativeLoadError('bizarre', { ...electron45, electron: undefined, node: '20.19.0' });
    expect(other.message).toBe(
      "Le module SQLite (better-sqlite3) n'a pas pu être chargé par Node.js 20.19.0 (linux-x64) : bizarre. Réinstallez Label Audit avec l'installateur correspondant à ce système ; vos données (dossier de l'utilisateur) ne sont pas touchées par une réinstallation.",
    );
  });

  it('nodeFileOf finds no file in a message without one', () => {
    expect(nodeFileOf('Module did not self-register.')).toBeNull();
  });
});
