#!/usr/bin/env node
/**
 * CI step (issue 7 item 4): a dependency audit against the npm advisory data. Runs `npm audit --omit=dev --json`
 * and fails on a high or critical advisory not justified in npm-audit-allow.json (`{ package, advisory, reason }`,
 * advisory = GHSA id or URL). When the registry's audit endpoint cannot be reached or answers an error (a mirror
 * without the audit API answers 405), prints a clear warning and does not fail.
 * Usage: `node scripts/npm-audit.mjs`; exit 0 or 1. Parsers exported for tests/scripts/security-checks.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads `npm audit --json` output. Returns `{ reachable: false, reason }` when npm could not get an answer from
 * the audit endpoint (an `error` object or a non-JSON output), else `{ reachable: true, advisories }` with one
 * `{ package, severity, advisory, title, url }` per advisory (direct `via` objects; `advisory` = the GHSA id).
 */
export function parseNpmAudit(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { reachable: false, reason: `réponse illisible (${text.trim().split('\n')[0]?.slice(0, 120) || 'vide'})` };
  }
  if (data.error || data.statusCode >= 400 || !data.vulnerabilities) {
    const reason = [data.statusCode, data.message, data.error?.summary, data.error?.code].filter(Boolean).join(' — ');
    return { reachable: false, reason: reason || 'réponse sans liste de vulnérabilités' };
  }
  const advisories = [];
  for (const [pkg, v] of Object.entries(data.vulnerabilities)) {
    for (const via of v.via ?? []) {
      if (typeof via !== 'object') continue; // a package name: the advisory is listed under that package
      const ghsa = /GHSA(-[0-9a-z]{4}){3}/i.exec(via.url ?? '')?.[0] ?? String(via.source);
      advisories.push({ package: pkg, severity: via.severity, advisory: ghsa, title: via.title, url: via.url });
    }
  }
  return { reachable: true, advisories };
}

/**
 * The advisories that fail the run: severity high or critical, not in `allow` (`{ package, advisory, reason }[]`;
 * `advisory` a GHSA id, matched against the id or the URL).
 */
export function blockingAdvisories(advisories, allow) {
  return advisories.filter(
    (a) =>
      (a.severity === 'high' || a.severity === 'critical') &&
      !allow.some((x) => x.package === a.package && (x.advisory === a.advisory || x.advisory === a.url) && typeof x.reason === 'string' && x.reason.trim() !== ''),
  );
}

function readAllow(file) {
  return JSON.parse(readFileSync(join(root, file), 'utf8'));
}

function runNpmAudit() {
  let text;
  try {
    text = execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 });
  } catch (e) {
    text = e.stdout ?? ''; // npm audit exits 1 when it finds something, and on an endpoint error
  }
  const result = parseNpmAudit(text);
  if (!result.reachable) {
    console.log(`AVERTISSEMENT : audit des dépendances impossible, le service d'avis de sécurité de npm n'a pas répondu (${result.reason}). Audit non bloquant pour ce passage.`);
    return 0;
  }
  const blocking = blockingAdvisories(result.advisories, readAllow('npm-audit-allow.json'));
  console.log(`npm audit : ${result.advisories.length} avis, ${blocking.length} élevé(s) ou critique(s) non justifié(s).`);
  for (const a of blocking) console.log(`NON JUSTIFIÉ : ${a.package} ${a.severity} ${a.advisory} — ${a.title} (${a.url})`);
  return blocking.length === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(runNpmAudit());
