/**
 * electron-builder.yml against electron-builder's own JSON schema (node_modules/app-builder-lib/scheme.json, the
 * one electron-builder validates with), and the choices issue 9 asks for: per-user NSIS x64, dmg x64 + arm64,
 * AppImage + deb, native modules unpacked, no rebuild by electron-builder but our beforePack hook, hardened fuses,
 * no publishing, a 512×512 icon.
 */
import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  nsis: Record<string, unknown>;
  electronFuses: Record<string, unknown>;
  files: string[];
};
const validate = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true }).compile(schema);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validation catches a misspelt option (it is not vacuous)', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, perMachin: false } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/nsis', params: { additionalProperty: 'perMachin' } });
  });

  it('targets: NSIS per user without elevation (x64), dmg x64 and arm64, AppImage and deb', () => {
    expect(config.win).toEqual({ target: [{ target: 'nsis', arch: ['x64'] }] });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
    expect(config.mac).toMatchObject({ target: [{ target: 'dmg', arch: ['x64', 'arm64'] }] });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], executableName: 'label-audit' });
    expect(config).toMatchObject({ appId: 'fr.label-audit.app', productName: 'Label Audit', publish: null });
  });

  it('native modules: unpacked from the asar, rebuilt by our hook only', () => {
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config).toMatchObject({ asar: true, npmRebuild: false, nodeGypRebuild: false, beforePack: './scripts/before-pack.mjs' });
    expect(existsSync(join(ROOT, 'scripts', 'before-pack.mjs'))).toBe(true);
  });

  it('hardened fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('the app files, without tests, maps or TypeScript', () => {
    expect(config.files.slice(0, 3)).toEqual(['out/**', 'referential/**', 'package.json']);
    expect(config.files).toEqual(expect.arrayContaining(['!**/*.map', '!tests/**', '!**/*.{ts,tsx,mts,cts}']));
  });

  it('the icon is a 512×512 PNG', () => {
    expect(config.icon).toBe('build/icon.png');
    const png = readFileSync(join(ROOT, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
