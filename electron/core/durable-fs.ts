/**
 * Small helpers for files that must survive a crash or a power cut (issue 7 item 1): fsync of a file and of the
 * folder holding a renamed file (a rename is durable only once its folder is synced, POSIX), and the sweep of
 * temporary files left by a process that was killed mid-write.
 */
import { closeSync, fsyncSync, openSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Flushes the bytes of `file` to the disk (fsync). Throws the fs error (ENOSPC, EIO…). */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes the entries of folder `dir` (after a rename or an unlink in it), so that the new name is on the disk.
 * Best effort: Windows cannot open a folder for fsync (EPERM/EISDIR), where NTFS journals renames anyway.
 */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on this platform or file system: the rename is still atomic, only its durability is the OS's.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Deletes each file that exists; errors are ignored (used on a failure path, where the first error matters). */
export function removeQuietly(...files: string[]): void {
  for (const f of files) {
    try {
      unlinkSync(f);
    } catch {
      // Absent or already gone.
    }
  }
}

/** Whether process `pid` is running (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Deletes the temporary files `<prefix><pid>-…` directly inside `dir` whose process is no longer running (killed
 * while writing them): they never hold anything a user saved, since a file is renamed to its final name only once
 * complete. Files of this process or of a live one are kept. Returns the names deleted; a missing folder is empty.
 */
export function sweepTempFiles(dir: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // Another process swept it first, or the folder is read-only: harmless, it is retried at the next start.
    }
  }
  return removed;
}
