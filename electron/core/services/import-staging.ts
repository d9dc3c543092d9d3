/**
 * Files of a référentiel import waiting for their run (issue 8 item 4). The import with progress is a tRPC
 * subscription, whose input travels in the URL over HTTP (browser mode): the renderer first sends the bytes with
 * a mutation that stages them here, in memory, and gets an id; the subscription `referentials.importEvents`
 * then takes them by that id. A staging is used once, expires after `ttlMs`, and the bytes held are bounded
 * (per staging and in total), so an abandoned upload cannot fill the memory.
 * After its run, the outcome of a staging (done, cancelled, failed) stays readable until the staging expires: a
 * renderer that cancelled learns whether the store had already begun (then the import completed).
 */
import { randomBytes } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import type { ImportOptions } from '../referential';
import type { BinarySourceFile } from '../referential/decode';
import type { ImportResult } from './referentials';

/** Limits of the staging area; the defaults are `STAGING_DEFAULTS`. */
export interface StagingLimits {
  /** Bytes of one staging (all its files together). */
  maxBytes: number;
  /** Bytes of every staging not yet run, together. */
  maxTotalBytes: number;
  /** Milliseconds a staging (and then its outcome) is kept. */
  ttlMs: number;
}

/** 32 Mio per import (the CAE structure CSV is 0.9 Mo, the Label NR workbook 0.1 Mo), 64 Mio held, 10 minutes. */
export const STAGING_DEFAULTS: StagingLimits = { maxBytes: 32 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, ttlMs: 10 * 60_000 };

/** What `stage` answers: the id to give `referentials.importEvents`, the bytes held, the expiry (ISO 8601). */
export interface StagingTicket {
  stagingId: string;
  bytes: number;
  expiresAt: string;
}

/** Where a staged import stands. `failed.message` is the French message of its error. */
export type ImportOutcome =
  | { state: 'staged' }
  | { state: 'running' }
  | { state: 'done'; result: ImportResult }
  | { state: 'cancelled' }
  | { state: 'failed'; message: string };

/** Files and options of one staged import, as `take` hands them over, and who staged it (null: not said). */
export interface StagedImport {
  files: BinarySourceFile[];
  opts: ImportOptions;
  author: string | null;
}

/** The staging area of one open workspace (see the file docstring). */
export interface ImportStaging {
  /**
   * Holds `files` for one import. Throws UserError INPUT_INVALID when they exceed `maxBytes` (naming the size and
   * the limit) or when the area already holds too much (`maxTotalBytes`: try again once the other imports ran).
   * `author`: the name the history will record for the import (the caller of the staging mutation: a subscription
   * runs later, outside the call that staged it).
   */
  stage(files: BinarySourceFile[], opts?: ImportOptions, author?: string): StagingTicket;
  /**
   * Hands over the files of `stagingId` and forgets them (state `running`). Throws UserError NOT_FOUND when the
   * id is unknown or expired, INPUT_INVALID when it was already used.
   */
  take(stagingId: string): StagedImport;
  /** Records how the run of `stagingId` ended (ignored for an id no longer known). */
  settle(stagingId: string, outcome: Exclude<ImportOutcome, { state: 'staged' | 'running' }>): void;
  /** Where `stagingId` stands. Throws UserError NOT_FOUND when it is unknown or expired. */
  outcome(stagingId: string): ImportOutcome;
}

interface Entry {
  files: BinarySourceFile[] | null;
  opts: ImportOptions;
  author: string | null;
  bytes: number;
  expiresAt: number;
  outcome: ImportOutcome;
}

const MIB = 1024 * 1024;
const mib = (n: number) => `${(n / MIB).toFixed(1).replace('.', ',')} Mio`;
const mibEn = (n: number) => `${(n / MIB).toFixed(1)} MiB`;

/** A staging area with `limits` (default `STAGING_DEFAULTS`) and a clock in ms (tests). */
export function createImportStaging(limits: Partial<StagingLimits> = {}, now: () => number = Date.now): ImportStaging {
  const { maxBytes, maxTotalBytes, ttlMs } = { ...STAGING_DEFAULTS, ...limits };
  const entries = new Map<string, Entry>();
  const sweep = () => {
    const t = now();
    for (const [id, e] of entries) if (e.expiresAt <= t) entries.delete(id);
  };
  const find = (stagingId: string): Entry => {
    sweep();
    const entry = entries.get(stagingId);
    if (!entry) {
      throw new UserError(
        'NOT_FOUND',
        {
          fr: `L'import préparé « ${stagingId} » est inconnu ou a expiré (il est gardé ${Math.round(ttlMs / 60_000)} minutes) : choisissez à nouveau les fichiers et relancez l'import.`,
          en: `The prepared import “${stagingId}” is unknown or has expired (it is kept ${Math.round(ttlMs / 60_000)} minutes): choose the files again and start the import again.`,
        },
        { field: 'stagingId' },
        { stagingId },
      );
    }
    return entry;
  };
  return {
    stage(files, opts = {}, author) {
      sweep();
      const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
      if (bytes > maxBytes) {
        throw new UserError(
          'INPUT_INVALID',
          {
            fr: `Les fichiers à importer (${files.map((f) => f.name).join(', ')}) pèsent ${mib(bytes)}, plus que les ${mib(maxBytes)} qu'un import accepte. Rien n'a été importé.`,
            en: `The files to import (${files.map((f) => f.name).join(', ')}) weigh ${mibEn(bytes)}, more than the ${mibEn(maxBytes)} an import accepts. Nothing was imported.`,
          },
          { field: 'files' },
        );
      }
      const held = [...entries.values()].reduce((n, e) => n + (e.files === null ? 0 : e.bytes), 0);
      if (held + bytes > maxTotalBytes) {
        throw new UserError(
          'INPUT_INVALID',
          {
            fr: `Trop d'imports attendent déjà leur lancement (${mib(held)} en mémoire, ${mib(maxTotalBytes)} au plus) : réessayez dans quelques minutes. Rien n'a été importé.`,
            en: `Too many imports are already waiting to run (${mibEn(held)} in memory, ${mibEn(maxTotalBytes)} at most): try again in a few minutes. Nothing was imported.`,
          },
          { field: 'files' },
        );
      }
      const stagingId = randomBytes(16).toString('hex');
      const expiresAt = now() + ttlMs;
      entries.set(stagingId, { files, opts, author: author ?? null, bytes, expiresAt, outcome: { state: 'staged' } });
      return { stagingId, bytes, expiresAt: new Date(expiresAt).toISOString() };
    },
    take(stagingId) {
      const entry = find(stagingId);
      if (entry.files === null) {
        throw new UserError(
          'INPUT_INVALID',
          {
            fr: `L'import préparé « ${stagingId} » a déjà été lancé : choisissez à nouveau les fichiers pour l'importer encore.`,
            en: `The prepared import “${stagingId}” has already been run: choose the files again to import them once more.`,
          },
          { field: 'stagingId' },
        );
      }
      const files = entry.files;
      entry.files = null;
      entry.outcome = { state: 'running' };
      return { files, opts: entry.opts, author: entry.author };
    },
    settle(stagingId, outcome) {
      const entry = entries.get(stagingId);
      if (entry) entry.outcome = outcome;
    },
    outcome: (stagingId) => find(stagingId).outcome,
  };
}
