import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, exportsDir, readSettings, workspacePaths, writeSettings } from '../../electron/core/paths';
import { tempDir } from './helpers/context';

describe('defaultDataDir (Electron userData for productName "Label Audit")', () => {
  it('Linux: $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/a')).toBe('/x/cfg/Label Audit');
    expect(defaultDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/Label Audit');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '' }, '/home/a')).toBe('/home/a/.config/Label Audit');
  });
  it('macOS: ~/Library/Application Support', () => {
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/Label Audit');
  });
  it('Windows: %APPDATA%', () => {
    expect(defaultDataDir('win32', { APPDATA: 'C:/Users/a/AppData/Roaming' }, 'C:/Users/a')).toBe(join('C:/Users/a/AppData/Roaming', 'Label Audit'));
  });
});

describe('data dir layout', () => {
  it('workspace paths, exports folder, settings.json round trip', () => {
    const tmp = tempDir();
    expect(workspacePaths('/d', 'valmont')).toEqual({
      dir: '/d/workspaces/valmont',
      db: '/d/workspaces/valmont/label-audit.sqlite',
      evidence: '/d/workspaces/valmont/evidence',
    });
    expect(readSettings(tmp.dir)).toEqual({ currentWorkspace: null });
    writeSettings(tmp.dir, { currentWorkspace: 'valmont' });
    expect(readSettings(tmp.dir)).toEqual({ currentWorkspace: 'valmont' });
    writeFileSync(join(tmp.dir, 'settings.json'), '{ broken');
    expect(readSettings(tmp.dir)).toEqual({ currentWorkspace: null });
    const ex = exportsDir(tmp.dir);
    expect(ex).toBe(join(tmp.dir, 'exports'));
    expect(existsSync(ex)).toBe(true);
    mkdirSync(ex, { recursive: true });
    tmp.cleanup();
  });
});
