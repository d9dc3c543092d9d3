#!/usr/bin/env node
/**
 * CI step (issue 7 item 4): runs Doyensec's Electronegativity, pinned and through npx (never a dependency of the
 * project), over electron/ with the Electron version of package.json, parses its CSV report and fails when a
 * finding is not justified in electronegativity-allow.json (`{ check, file, reason }`, matched on check id + file;
 * a short, reviewed list). Allow-list entries no finding uses are reported, so the list shrinks with the code.
 * Usage: `node scripts/electronegativity.mjs`; exit 0 when every finding is justified, 1 otherwise or when the
 * tool could not run. The parsers are exported for tests/scripts/security-checks.test.ts (types in .d.mts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';


export const ELECTRONEGATIVITY = '@doyensec/electronegativity@1.10.3';
/** The Electron version of package.json, given to Electronegativity (it cannot detect it from the sources). */
export const ELECTRON_VERSION = '45.5.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Findings of an Electronegativity CSV report (`-o file.csv`): header `issue, severity, confidence, filename,
 * location, sample, description, url`. Returns `{ check, severity, confidence, file, location, sample,
 * description }[]` (file with `/` separators). Throws an Error on a report without that header.
 */
export function parseElectronegativityCsv(text) {
  const rows = parseCsv(text, { columns: (h) => h.map((c) => c.trim()), skip_empty_lines: true, relax_quotes: true, trim: true });
  if (text.trim() !== '' && rows.length > 0 && !('issue' in rows[0] && 'filename' in rows[0])) {
    throw new Error(`rapport Electronegativity inattendu (colonnes : ${Object.keys(rows[0]).join(', ')})`);
  }
  return rows.map((r) => ({
    check: r.issue,
    severity: r.severity,
    confidence: r.confidence,
    file: r.filename.replace(/\\/g, '/'),
    location: r.location,
    sample: r.sample,
    description: r.description,
  }));
}

/**
 * Splits `findings` by the allow-list `allow` (`{ check, file, reason }[]`, each with a non-empty reason, else an
 * Error): `{ unjustified: findings not allowed, unused: allow entries no finding matched }`.
 */
export function triageFindings(findings, allow) {
  for (const [i, a] of allow.entries()) {
    if (!a.check || !a.file || typeof a.reason !== 'string' || a.reason.trim().length < 10) {
      throw new Error(`liste d'exceptions, entrée ${i + 1} : check, file et une raison (≥ 10 caractères) sont obligatoires`);
    }
  }
  const matches = (a, f) => a.check === f.check && a.file === f.file;
  return {
    unjustified: findings.filter((f) => !allow.some((a) => matches(a, f))),
    unused: allow.filter((a) => !findings.some((f) => matches(a, f))),
  };
}

function readAllow(file) {
  return JSON.parse(readFileSync(join(root, file), 'utf8'));
}

function runElectronegativity() {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const out = join(dir, 'report.csv');
  try {
    execFileSync('npx', ['--yes', ELECTRONEGATIVITY, '-i', 'electron', '-r', '-e', ELECTRON_VERSION, '-o', out], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    });
    const findings = parseElectronegativityCsv(readFileSync(out, 'utf8'));
    const { unjustified, unused } = triageFindings(findings, readAllow('electronegativity-allow.json'));
    console.log(`Electronegativity : ${findings.length} constat(s), ${findings.length - unjustified.length} justifié(s) dans electronegativity-allow.json.`);
    for (const a of unused) console.log(`avertissement : exception inutilisée ${a.check} ${a.file} (à retirer de electronegativity-allow.json)`);
    for (const f of unjustified) console.log(`NON JUSTIFIÉ : ${f.check} (${f.severity}) ${f.file}:${f.location} — ${f.description} — ${f.sample}`);
    return unjustified.length === 0 ? 0 : 1;
  } catch (e) {
    console.log(`Electronegativity n'a pas pu s'exécuter : ${e.message}`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(runElectronegativity());
