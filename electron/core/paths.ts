/**
 * Where the app keeps its data (ARCHITECTURE.md "Storage"): one folder per workspace (an authority) holding its
 * SQLite file and its content-addressed evidence store, an exports folder, and a small settings file.
 *
 * ```
 * <dataDir>/settings.json                          { "currentWorkspace": "<workspaceId>" }
 * <dataDir>/workspaces/<workspaceId>/label-audit.sqlite
 * <dataDir>/workspaces/<workspaceId>/evidence/ab/cdef…
 * <dataDir>/exports/
 * ```
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name Electron uses for `app.getPath('userData')` (package.json `productName`). */
export const PRODUCT_NAME = 'Label Audit';

/** Paths of one workspace inside a data dir. */
export interface WorkspacePaths {
  dir: string;
  db: string;
  evidence: string;
}

/**
 * Electron's `userData` folder for productName "Label Audit", computed without Electron so the CLI and the
 * browser mode find the same data as the desktop app:
 * Linux `$XDG_CONFIG_HOME || ~/.config`/Label Audit; macOS `~/Library/Application Support/Label Audit`;
 * Windows `%APPDATA%/Label Audit`.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** Paths of workspace `workspaceId` (an id made of `[a-z0-9-]`). Creates nothing. */
export function workspacePaths(dataDir: string, workspaceId: string): WorkspacePaths {
  const dir = join(dataDir, 'workspaces', workspaceId);
  return { dir, db: join(dir, 'label-audit.sqlite'), evidence: join(dir, 'evidence') };
}

/** `<dataDir>/exports`, created when missing. */
export function exportsDir(dataDir: string): string {
  const dir = join(dataDir, 'exports');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Contents of `<dataDir>/settings.json`. */
export interface Settings {
  currentWorkspace: string | null;
}

/** Reads `<dataDir>/settings.json`; a missing or unreadable file gives `{ currentWorkspace: null }`. */
export function readSettings(dataDir: string): Settings {
  const file = join(dataDir, 'settings.json');
  if (!existsSync(file)) return { currentWorkspace: null };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Settings>;
    return { currentWorkspace: typeof parsed.currentWorkspace === 'string' ? parsed.currentWorkspace : null };
  } catch {
    return { currentWorkspace: null };
  }
}

/** Writes `<dataDir>/settings.json` atomically (temp file + rename). */
export function writeSettings(dataDir: string, settings: Settings): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'settings.json');
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  renameSync(tmp, file);
}
