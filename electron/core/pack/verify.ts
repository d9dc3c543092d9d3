/**
 * `verifyPack`: checks an audit pack the way an auditor's tool would (DOMAIN.md "The audit pack":
 * `label-audit verify pack.zip checks it all`). Streaming (yauzl), never throws for a bad pack.
 */
import { basename } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { HashingPassThrough } from './evidence-files';
import { collisionKey, unsafePathReason } from './names';
import type { VerifyResult } from './types';

/** Limits against zip bombs; the defaults are those of the brief (20 GiB, 100 000 entries). */
export interface VerifyLimits {
  /** Maximum sum of declared uncompressed sizes, bytes. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Maximum uncompressed / compressed ratio of an entry bigger than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  /** Maximum size of manifest.json and SHA256SUMS, read in memory. */
  maxIndexBytes: number;
}

export const DEFAULT_LIMITS: VerifyLimits = {
  maxTotalBytes: 20 * 1024 ** 3,
  maxEntries: 100_000,
  maxRatio: 200,
  ratioMinBytes: 1024 * 1024,
  maxIndexBytes: 64 * 1024 * 1024,
};

const MANIFEST = 'manifest.json';
const SUMS = 'SHA256SUMS';
const UTF8_FLAG = 1 << 11;

interface EntryInfo {
  name: string;
  size: number;
  compressed: number;
  offset: number;
  skip: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** yauzl / zlib reasons (English) in French, the library's words kept in parentheses for support. */
export function zipReasonFr(e: unknown): string {
  const text = message(e);
  const known: [RegExp, string][] = [
    [/end of central directory record signature not found|invalid comment length/i, "fin d'archive introuvable : fichier tronqué ou qui n'est pas un zip"],
    [/invalid (stored block lengths|distance|code|block type)|incorrect header check|unexpected end of file/i, 'données compressées abîmées'],
    [/crc32|checksum/i, 'somme de contrôle CRC-32 fausse'],
    [/invalid (central directory|local file header)|signature/i, 'structure zip invalide'],
    [/too many|multi-disk|zip64/i, 'archive zip de forme non prise en charge'],
  ];
  const found = known.find(([re]) => re.test(text));
  return `${found ? found[1] : 'archive zip illisible'} (${text})`;
}

function open(path: string): Promise<ZipFile> {
  return yauzl.openPromise(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true });
}

/** The raw name of an entry (decodeStrings is off so that yauzl does not refuse unsafe names before we report them). */
function rawName(e: Entry): Buffer {
  return e.fileName as unknown as Buffer;
}

/** Pass 1: the central directory only (no data decompressed), with name, bomb and overlap checks. */
async function scan(path: string, limits: VerifyLimits, problems: string[]): Promise<EntryInfo[]> {
  const zip = await open(path);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    problems.push(`${basename(path)} : ${zip.entryCount} entrées, au-delà de la limite de ${limits.maxEntries} (archive refusée)`);
    return [];
  }
  const infos: EntryInfo[] = [];
  const keys = new Map<string, string>();
  for await (const e of zip.eachEntry()) {
    const raw = rawName(e);
    const name = raw.toString('utf8');
    const info: EntryInfo = { name, size: e.uncompressedSize, compressed: e.compressedSize, offset: e.relativeOffsetOfLocalHeader, skip: false };
    infos.push(info);
    if (raw.some((b) => b > 0x7f) && (e.generalPurposeBitFlag & UTF8_FLAG) === 0) problems.push(`${name} : nom non ASCII sans l'indicateur UTF-8`);
    const unsafe = unsafePathReason(name);
    if (unsafe) {
      problems.push(`${name} : nom d'entrée dangereux (${unsafe})`);
      info.skip = true;
    }
    const key = collisionKey(name);
    const other = keys.get(key);
    if (other !== undefined) problems.push(`${name} : même nom (à la casse près) que l'entrée ${other}`);
    else keys.set(key, name);
    if (e.isEncrypted()) {
      problems.push(`${name} : entrée chiffrée`);
      info.skip = true;
    }
    if (info.size >= limits.ratioMinBytes && info.size / Math.max(info.compressed, 1) > limits.maxRatio) {
      problems.push(`${name} : taux de compression suspect (${info.size} octets pour ${info.compressed} compressés)`);
      info.skip = true;
    }
  }
  const total = infos.reduce((s, i) => s + i.size, 0);
  if (total > limits.maxTotalBytes) {
    problems.push(`${basename(path)} : ${total} octets une fois décompressée, au-delà de la limite de ${limits.maxTotalBytes} octets (archive refusée)`);
    for (const i of infos) i.skip = true;
  }
  const byOffset = [...infos].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i + 1 < byOffset.length; i++) {
    const a = byOffset[i] as EntryInfo;
    const b = byOffset[i + 1] as EntryInfo;
    if (a.offset + 30 + a.compressed > b.offset) {
      problems.push(`${a.name} : chevauche l'entrée ${b.name} (archive malformée)`);
      a.skip = true;
      b.skip = true;
    }
  }
  return infos;
}

/** Pass 2: hashes every entry not skipped; keeps manifest.json and SHA256SUMS bytes. */
async function hashAll(path: string, infos: EntryInfo[], limits: VerifyLimits, problems: string[]) {
  const hashes = new Map<string, { sha256: string; size: number }>();
  const index = new Map<string, Buffer>();
  const skip = new Set(infos.filter((i) => i.skip).map((i) => i.offset));
  const zip = await open(path);
  for await (const e of zip.eachEntry()) {
    const name = rawName(e).toString('utf8');
    if (skip.has(e.relativeOffsetOfLocalHeader) || name.endsWith('/')) continue;
    try {
      const stream = await zip.openReadStreamPromise(e);
      const hasher = new HashingPassThrough();
      const keep = (name === MANIFEST || name === SUMS) && e.uncompressedSize <= limits.maxIndexBytes;
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          if (keep) chunks.push(chunk);
          cb();
        },
      });
      await pipeline(stream, hasher, sink);
      if (keep) index.set(name, Buffer.concat(chunks));
      hashes.set(name, { sha256: hasher.digest ?? '', size: hasher.bytes });
    } catch (err) {
      problems.push(`${name} : lecture impossible, ${zipReasonFr(err)}`);
    }
  }
  return { hashes, index };
}

interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

function parseManifest(bytes: Buffer | undefined, problems: string[]): { files: ManifestFile[]; shared: { path: string; sameAs: string }[] } | null {
  if (!bytes) {
    problems.push(`${MANIFEST} : absent ou illisible, le contenu du pack ne peut pas être vérifié`);
    return null;
  }
  let m: unknown;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    problems.push(`${MANIFEST} : JSON invalide (${message(e)})`);
    return null;
  }
  const obj = m as { format?: unknown; files?: unknown; sharedContent?: unknown };
  if (obj.format !== 'label-audit-pack/1') problems.push(`${MANIFEST} : format « ${String(obj.format)} » inconnu (attendu label-audit-pack/1)`);
  if (!Array.isArray(obj.files)) {
    problems.push(`${MANIFEST} : la liste « files » manque`);
    return null;
  }
  const files: ManifestFile[] = [];
  obj.files.forEach((f: unknown, i: number) => {
    const r = f as Partial<ManifestFile>;
    if (typeof r?.path === 'string' && typeof r.size === 'number' && typeof r.sha256 === 'string') files.push(r as ManifestFile);
    else problems.push(`${MANIFEST} : l'élément ${i + 1} de « files » est mal formé`);
  });
  const shared = Array.isArray(obj.sharedContent) ? (obj.sharedContent as { path: string; sameAs: string }[]) : [];
  return { files, shared };
}

/**
 * Verifies the pack at `zipPath`:
 * - every file of manifest.json exists as an entry with that size and SHA-256;
 * - SHA256SUMS lists exactly the manifest's files with the same hashes;
 * - no entry outside the manifest (except manifest.json and SHA256SUMS); sharedContent points at listed files;
 * - entry names are safe (no `..`, absolute path, drive letter, backslash; Windows-safe, NFC, UTF-8 flagged,
 *   no case-insensitive duplicates);
 * - zip-bomb limits (`DEFAULT_LIMITS`: 20 GiB, 100 000 entries, compression ratio, overlapping entries).
 * Shapes: `{ ok, entries (zip entries seen), problems: French lines starting with the entry path }`.
 * Never throws for a bad pack: not a zip / truncated → `["<file> n'est pas une archive zip lisible : …"]`.
 */
export async function verifyPack(zipPath: string, limits: Partial<VerifyLimits> = {}): Promise<VerifyResult> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const problems: string[] = [];
  let infos: EntryInfo[];
  let hashed: Awaited<ReturnType<typeof hashAll>>;
  try {
    infos = await scan(zipPath, lim, problems);
    if (infos.length === 0 || infos.every((i) => i.skip)) return { ok: false, entries: infos.length, problems: problems.length ? problems : [`${basename(zipPath)} : archive vide`] };
    hashed = await hashAll(zipPath, infos, lim, problems);
  } catch (e) {
    return { ok: false, entries: 0, problems: [`${basename(zipPath)} n'est pas une archive zip lisible : ${zipReasonFr(e)}`] };
  }
  const { hashes, index } = hashed;
  const manifest = parseManifest(index.get(MANIFEST), problems);
  const entryNames = new Set(infos.map((i) => i.name));
  if (manifest) {
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    for (const f of manifest.files) {
      const h = hashes.get(f.path);
      if (!entryNames.has(f.path)) problems.push(`${f.path} : listé dans ${MANIFEST} mais absent de l'archive`);
      else if (!h) continue; // already reported (unsafe, unreadable or suspicious)
      else if (h.size !== f.size) problems.push(`${f.path} : taille ${h.size} octets au lieu de ${f.size} selon ${MANIFEST}`);
      else if (h.sha256 !== f.sha256) problems.push(`${f.path} : empreinte SHA-256 différente de celle de ${MANIFEST} (contenu modifié)`);
    }
    for (const name of entryNames) {
      if (name !== MANIFEST && name !== SUMS && !listed.has(name)) problems.push(`${name} : entrée absente de ${MANIFEST}`);
    }
    for (const s of manifest.shared) {
      if (!listed.has(s.sameAs)) problems.push(`${s.path} : contenu partagé avec ${s.sameAs}, qui n'est pas dans ${MANIFEST}`);
      if (entryNames.has(s.path)) problems.push(`${s.path} : déclaré comme contenu partagé mais présent dans l'archive`);
      const unsafe = unsafePathReason(s.path);
      if (unsafe) problems.push(`${s.path} : chemin de contenu partagé dangereux (${unsafe})`);
    }
    checkSums(index.get(SUMS), listed, problems);
  }
  return { ok: problems.length === 0, entries: infos.length, problems };
}

function checkSums(bytes: Buffer | undefined, listed: Map<string, ManifestFile>, problems: string[]): void {
  if (!bytes) {
    problems.push(`${SUMS} : absent ou illisible`);
    return;
  }
  const seen = new Set<string>();
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line === '') return;
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!m) {
        problems.push(`${SUMS} : ligne ${i + 1} mal formée`);
        return;
      }
      const [, sha, path] = m as unknown as [string, string, string];
      seen.add(path);
      const f = listed.get(path);
      if (!f) problems.push(`${path} : listé dans ${SUMS} mais pas dans ${MANIFEST}`);
      else if (f.sha256 !== sha) problems.push(`${path} : empreinte de ${SUMS} différente de celle de ${MANIFEST}`);
    });
  for (const path of listed.keys()) if (!seen.has(path)) problems.push(`${path} : absent de ${SUMS}`);
}
