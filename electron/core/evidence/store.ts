/**
 * Content-addressed evidence store (ARCHITECTURE.md "Storage"): a file's bytes live at `<root>/ab/cdef…` where
 * `abcdef…` is their SHA-256 (hex). Bytes are hashed while they are copied to a temporary file in the same folder,
 * fsynced, then renamed into place and the folder fsynced, so a crash or a power cut never leaves a half-written
 * file under a hash name, and bytes are on the disk before the preuve row that names them is committed. The same
 * bytes are stored once however many preuves use them. Nothing here ever deletes stored bytes (backups rely on it,
 * backup/files.ts). A write that fails (disk full, read-only folder) removes its temp file and throws a UserError.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError, isUserError } from '../../../shared/errors';
import { fsyncDir, removeQuietly, sweepTempFiles } from '../durable-fs';
import { storageError } from '../storage-errors';

/** What the store returns for stored bytes: their hash (64 hex chars) and size in bytes. */
export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface EvidenceStore {
  /** Root folder (`<workspace>/evidence`). */
  readonly root: string;
  /**
   * Streams the file at `path` into the store. Throws UserError FILE_NOT_FOUND (no such file) or FILE_UNREADABLE
   * (a folder, or unreadable), naming the path.
   */
  addFromPath(path: string): Promise<StoredBlob>;
  /** Stores `bytes` (synchronously). */
  addFromBuffer(bytes: Uint8Array): StoredBlob;
  /** Absolute path of the stored bytes for `sha256` (whether or not they are present). */
  pathOf(sha256: string): string;
  /** Whether bytes with this hash are stored. */
  has(sha256: string): boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Prefix of the temp files bytes are written to before their rename (`.tmp-<pid>-<random>`). */
export const EVIDENCE_TEMP_PREFIX = '.tmp-';

/**
 * A failed write into the store as a UserError naming the evidence folder (disk full, read-only or protected
 * folder: storage-errors.ts), saying the preuve was not recorded; other errors unchanged.
 */
function writeError(e: unknown, root: string): unknown {
  if (isUserError(e)) return e;
  // Named by the store's folder, not by the temp file inside it that could not be written.
  const { code, message } = e as { code?: unknown; message?: unknown };
  const mapped = storageError({ code, message }, root, root);
  return isUserError(mapped)
    ? new UserError(mapped.code, { fr: `${mapped.message} La preuve n'a pas été enregistrée.`, en: `${mapped.messageIn('en')} The evidence was not saved.` }, mapped.location)
    : e;
}

/**
 * Opens (creating lazily) the evidence store rooted at `root`, removing the temp files that processes killed while
 * writing left behind (durable-fs.ts `sweepTempFiles`).
 */
export function createEvidenceStore(root: string): EvidenceStore {
  sweepTempFiles(root, EVIDENCE_TEMP_PREFIX);
  const pathOf = (sha256: string): string => {
    if (!SHA256.test(sha256)) throw new UserError('INPUT_INVALID', { fr: `Empreinte SHA-256 invalide : « ${sha256} ».`, en: `Invalid SHA-256 fingerprint: “${sha256}”.` }, { field: 'sha256' });
    return join(root, sha256.slice(0, 2), sha256.slice(2));
  };
  const tempPath = (): string => {
    mkdirSync(root, { recursive: true });
    return join(root, `${EVIDENCE_TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  };
  /** Moves the fsynced temp file to its hash name (folder fsynced), or drops it when those bytes are already stored. */
  const place = (tmp: string, sha256: string): void => {
    const final = pathOf(sha256);
    if (existsSync(final)) {
      removeQuietly(tmp);
      return;
    }
    const dir = join(root, sha256.slice(0, 2));
    const created = !existsSync(dir);
    mkdirSync(dir, { recursive: true });
    renameSync(tmp, final);
    fsyncDir(dir);
    if (created) fsyncDir(root);
  };

  return {
    root,
    pathOf,
    has: (sha256) => existsSync(pathOf(sha256)),
    addFromBuffer(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (existsSync(pathOf(sha256))) return { sha256, size: bytes.byteLength };
      let tmp: string | undefined;
      try {
        tmp = tempPath();
        const fd = openSync(tmp, 'wx');
        try {
          let off = 0;
          while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        place(tmp, sha256);
      } catch (e) {
        if (tmp !== undefined) removeQuietly(tmp);
        throw writeError(e, root);
      }
      return { sha256, size: bytes.byteLength };
    },
    async addFromPath(path) {
      let isFile: boolean;
      try {
        isFile = statSync(path).isFile();
      } catch {
        throw new UserError('FILE_NOT_FOUND', { fr: `Le fichier ${path} est introuvable.`, en: `The file ${path} cannot be found.` }, { path });
      }
      if (!isFile) throw new UserError('FILE_UNREADABLE', { fr: `${path} n'est pas un fichier lisible.`, en: `${path} is not a readable file.` }, { path });
      let tmp: string | undefined;
      let out: FileHandle | undefined;
      const hash = createHash('sha256');
      let size = 0;
      try {
        tmp = tempPath();
        out = await open(tmp, 'wx');
        const input = createReadStream(path);
        try {
          for await (const chunk of input) {
            const buf = chunk as Buffer;
            hash.update(buf);
            size += buf.byteLength;
            let off = 0;
            while (off < buf.byteLength) off += (await out.write(buf, off, buf.byteLength - off)).bytesWritten;
          }
        } catch (e) {
          // A read error names the source file; a write error (disk full) is the store's, mapped below.
          if ((e as { syscall?: string }).syscall === 'write' || (e as { code?: string }).code === 'ENOSPC') throw e;
          throw new UserError('FILE_UNREADABLE', { fr: `Le fichier ${path} n'a pas pu être lu (${(e as Error).message}).`, en: `The file ${path} could not be read (${(e as Error).message}).` }, { path });
        } finally {
          input.destroy();
        }
        await out.sync();
        await out.close();
        out = undefined;
        const sha256 = hash.digest('hex');
        place(tmp, sha256);
        return { sha256, size };
      } catch (e) {
        await out?.close().catch(() => undefined);
        if (tmp !== undefined) removeQuietly(tmp);
        throw writeError(e, root);
      }
    },
  };
}
