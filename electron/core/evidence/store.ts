/**
 * Content-addressed evidence store (ARCHITECTURE.md "Storage"): a file's bytes live at `<root>/ab/cdef…` where
 * `abcdef…` is their SHA-256 (hex). Bytes are hashed while they are copied to a temporary file in the same folder,
 * fsynced, then renamed into place, so a crash never leaves a half-written file under a hash name. The same bytes
 * are stored once however many preuves use them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';

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

/** Opens (creating lazily) the evidence store rooted at `root`. */
export function createEvidenceStore(root: string): EvidenceStore {
  const pathOf = (sha256: string): string => {
    if (!SHA256.test(sha256)) throw new UserError('INPUT_INVALID', `Empreinte SHA-256 invalide : « ${sha256} ».`, { field: 'sha256' });
    return join(root, sha256.slice(0, 2), sha256.slice(2));
  };
  const tempPath = (): string => {
    mkdirSync(root, { recursive: true });
    return join(root, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  };
  /** Moves the fsynced temp file to its hash name, or drops it when those bytes are already stored. */
  const place = (tmp: string, sha256: string): void => {
    const final = pathOf(sha256);
    if (existsSync(final)) {
      unlinkSync(tmp);
      return;
    }
    mkdirSync(join(root, sha256.slice(0, 2)), { recursive: true });
    renameSync(tmp, final);
  };

  return {
    root,
    pathOf,
    has: (sha256) => existsSync(pathOf(sha256)),
    addFromBuffer(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (existsSync(pathOf(sha256))) return { sha256, size: bytes.byteLength };
      const tmp = tempPath();
      const fd = openSync(tmp, 'wx');
      try {
        let off = 0;
        while (off < bytes.byteLength) off += writeSync(fd, bytes, off, bytes.byteLength - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      place(tmp, sha256);
      return { sha256, size: bytes.byteLength };
    },
    async addFromPath(path) {
      let isFile: boolean;
      try {
        isFile = statSync(path).isFile();
      } catch {
        throw new UserError('FILE_NOT_FOUND', `Le fichier ${path} est introuvable.`, { path });
      }
      if (!isFile) throw new UserError('FILE_UNREADABLE', `${path} n'est pas un fichier lisible.`, { path });
      const tmp = tempPath();
      const out = await open(tmp, 'wx');
      const hash = createHash('sha256');
      let size = 0;
      try {
        try {
          for await (const chunk of createReadStream(path)) {
            const buf = chunk as Buffer;
            hash.update(buf);
            size += buf.byteLength;
            let off = 0;
            while (off < buf.byteLength) off += (await out.write(buf, off, buf.byteLength - off)).bytesWritten;
          }
        } catch (e) {
          throw new UserError('FILE_UNREADABLE', `Le fichier ${path} n'a pas pu être lu (${(e as Error).message}).`, { path });
        }
        await out.sync();
      } catch (e) {
        await out.close();
        unlinkSync(tmp);
        throw e;
      }
      await out.close();
      const sha256 = hash.digest('hex');
      place(tmp, sha256);
      return { sha256, size };
    },
  };
}
