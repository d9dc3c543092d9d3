/**
 * The audit pack (zip) builder: everything an auditor needs, with hashes, in one deterministic archive.
 * Layout: DOMAIN.md "The audit pack"; tete-referentials.md §4.6 (evidence folders, fichiers-manquants) and §7
 * (grid columns). Verification: `verifyPack` (verify.ts).
 *
 * Entry order: every content entry sorted by path (UTF-8 byte order), then the three bookkeeping entries whose
 * content depends on the hashes read while streaming: `_manifeste/fichiers-manquants.txt`, `manifest.json`,
 * `SHA256SUMS`.
 */
import { UserError } from '../../../shared/errors';
import { generateDocuments } from './documents';
import { sha256Hex, statEvidence } from './evidence-files';
import { parseJalonDate } from './format';
import { checkPreuves, compareBytes, planEvidence, preuvesByNode, type Availability } from './layout';
import type { BuildPackOptions, PackInput, PackPreuve, PackResult } from './types';
import { PACK_FILE_WORDS, packFileWordsBoth } from './words';
import { writeZip, type FileRecord, type ZipItem } from './zip-writer';

export type { BuildPackOptions, PackInput, PackProgress, PackResult, VerifyResult } from './types';
export { verifyPack } from './verify';
export { sanitizeSegment, uniqueName } from './names';

/** Format tag of manifest.json. */
export const PACK_FORMAT = 'label-audit-pack/1';
export const MANIFEST = 'manifest.json';
export const SHA256SUMS = 'SHA256SUMS';
export const MISSING_FILES = '_manifeste/fichiers-manquants.txt';

/** manifest.json: files (every entry but manifest.json and SHA256SUMS) and the paths sharing stored bytes. */
export interface PackManifest {
  format: typeof PACK_FORMAT;
  appVersion: string;
  referential: { id: string; version: string };
  jalon: { nom: string; date: string };
  /** false when `_manifeste/fichiers-manquants.txt` lists evidence files left out or changed. */
  complete: boolean;
  files: FileRecord[];
  sharedContent: { path: string; sameAs: string }[];
}

/**
 * Builds the audit pack of `input` at `outPath` (written to `outPath + '.part'`, fsynced, then renamed).
 * Evidence whose bytes are missing, unreadable or of the wrong size is listed in
 * `_manifeste/fichiers-manquants.txt` ("<path> — <reason>", in `input.lang`) and the export continues; bytes read with a
 * SHA-256 different from the recorded one are packed as read and listed there too.
 * With `opts.requireComplete`, any such file refuses the pack instead (nothing is left on disk).
 * Same input → byte-identical zip (all dates = `jalon.date`).
 * Shapes: PackResult `{ path, entries (zip entries), bytes (zip size), missing (lines of fichiers-manquants) }`; progress in evidence files and bytes.
 * @throws UserError INPUT_INVALID (jalon date), NODE_UNKNOWN / PREUVE_INVALID (a preuve, see checkPreuves),
 *   PACK_INCOMPLETE (`requireComplete` and a file missing or changed, naming up to 5 of them);
 *   the signal's reason on abort; I/O errors writing `outPath`. No partial file is left behind.
 */
export async function buildPack(input: PackInput, outPath: string, opts: BuildPackOptions = {}): Promise<PackResult> {
  opts.signal?.throwIfAborted();
  const date = parseJalonDate(input.jalon.date);
  const lang = input.lang ?? 'fr';
  const fileWords = PACK_FILE_WORDS[lang];
  checkPreuves(input.referential, input.preuves);
  const availability = await statEvidence(input.preuves, input.evidencePath);
  opts.signal?.throwIfAborted();
  const availabilityOf = (sha: string): Availability => availability.get(sha) ?? { ok: false, reason: packFileWordsBoth((w) => w.absent) };
  const plan = planEvidence(input.referential, input.preuves, availabilityOf, input.evidencePath, lang);
  if (opts.requireComplete && plan.missing.length > 0) {
    // The refusal names the files in both languages, whatever the pack's (the error is shown in the interface's).
    const inOther = planEvidence(input.referential, input.preuves, availabilityOf, input.evidencePath, lang === 'fr' ? 'en' : 'fr').missing;
    throw incomplete(lang === 'fr' ? { fr: plan.missing, en: inOther } : { fr: inOther, en: plan.missing });
  }
  const byNode = preuvesByNode(input.preuves);
  const missingReason = (p: PackPreuve): string | null => {
    if (p.kind !== 'fichier' || p.sha256 === null) return null;
    const a = availability.get(p.sha256);
    // audit.json is language-neutral: its reasons stay the French reference.
    return a && !a.ok ? a.reason.fr : null;
  };
  const documents = await generateDocuments(input, plan, { preuvesOf: (id) => byNode.get(id) ?? [], missingReason, missingFiles: plan.missing }, date);
  opts.signal?.throwIfAborted();

  const items: ZipItem[] = [
    ...documents.map((d): ZipItem => ({ kind: 'buffer', path: d.path, data: d.data })),
    ...plan.files.map((file): ZipItem => ({ kind: 'evidence', file })),
  ];
  const pathOf = (i: ZipItem) => (i.kind === 'buffer' ? i.path : i.file.path);
  items.sort((a, b) => compareBytes(pathOf(a), pathOf(b)));
  const expectedSha = new Map(plan.files.map((f) => [f.path, f.sha256]));

  let missingCount = 0;
  const trailer = (records: FileRecord[]) => {
    const changedIn = (l: 'fr' | 'en') =>
      records
        .filter((r) => expectedSha.has(r.path) && expectedSha.get(r.path) !== r.sha256)
        .map((r) => `${r.path} — ${PACK_FILE_WORDS[l].changed(r.sha256, expectedSha.get(r.path) as string)}`);
    const changed = changedIn(lang);
    if (opts.requireComplete && changed.length > 0) throw incomplete({ fr: changedIn('fr'), en: changedIn('en') });
    const missingLines = [...plan.missing, ...changed];
    missingCount = missingLines.length;
    const lines = [...missingLines, ...(input.retenues ?? [])].sort(compareBytes);
    const missingText = lines.length === 0 ? `${fileWords.noneMissing}\n` : `${lines.join('\n')}\n`;
    const missing = Buffer.from(missingText, 'utf8');
    const withHash = [...records, { path: MISSING_FILES, size: missing.length, sha256: sha256Hex(missing) }].sort((a, b) => compareBytes(a.path, b.path));
    const manifest: PackManifest = {
      format: PACK_FORMAT,
      appVersion: input.appVersion,
      referential: { id: input.referential.id, version: input.referential.version },
      jalon: { nom: input.jalon.nom, date: input.jalon.date },
      complete: lines.length === 0,
      files: withHash,
      sharedContent: plan.shared,
    };
    const sums = withHash.map((r) => `${r.sha256}  ${r.path}\n`).join('');
    return [
      { path: MISSING_FILES, data: missing },
      { path: MANIFEST, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
      { path: SHA256SUMS, data: Buffer.from(sums, 'utf8') },
    ];
  };
  const written = await writeZip(items, trailer, outPath, date, opts);
  return { ...written, missing: missingCount };
}

/** The PACK_INCOMPLETE refusal: how many files, the first 5 lines of fichiers-manquants (in each language), what to do. */
function incomplete(both: { fr: string[]; en: string[] }): UserError {
  const lines = both.fr;
  const n = lines.length;
  const shown = lines.slice(0, 5).join(' ; ');
  const more = n > 5 ? ` ; et ${n - 5} autre${n - 5 > 1 ? 's' : ''}` : '';
  const moreEn = n > 5 ? `; and ${n - 5} other${n - 5 > 1 ? 's' : ''}` : '';
  return new UserError(
    'PACK_INCOMPLETE',
    {
      fr:
        `Pack complet exigé : ${n} fichier${n > 1 ? 's' : ''} de preuve ${n > 1 ? 'manquent ou ont changé' : 'manque ou a changé'} (${shown}${more}). ` +
        'Rajoutez-les, ou exportez sans exiger un pack complet : ils seront listés dans _manifeste/fichiers-manquants.txt.',
      en:
        `Complete pack required: ${n} evidence file${n > 1 ? 's are' : ' is'} missing or changed (${both.en.slice(0, 5).join('; ')}${moreEn}). ` +
        'Add them back, or export without requiring a complete pack: they will be listed in _manifeste/fichiers-manquants.txt.',
    },
    { path: lines[0]?.split(' — ')[0] },
  );
}
