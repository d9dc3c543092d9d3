/**
 * The parsers of the CI security steps (scripts/electronegativity.mjs, scripts/npm-audit.mjs) on canned outputs:
 * a real Electronegativity 1.10.3 CSV report of electron/, npm audit's JSON with advisories, and the answers of
 * an unreachable audit endpoint. The committed allow-lists are checked for shape and reasons.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElectronegativityCsv, triageFindings, type AllowedFinding } from '../../scripts/electronegativity.mjs';
import { blockingAdvisories, parseNpmAudit, type AllowedAdvisory } from '../../scripts/npm-audit.mjs';

const root = join(import.meta.dirname, '../..');

// Electronegativity 1.10.3, `-i electron -r -e 45.5.0 -o report.csv`, on this tree (2026-11).
const REPORT = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","TENTATIVE","web.ts","254:36",N/A,"Failed to parse CSP, it may not be valid.",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK
CSP_GLOBAL_CHECK,"LOW","TENTATIVE","core/partage/server.ts","120:36",N/A,"Failed to parse CSP, it may not be valid.",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK
AUXCLICK_JS_CHECK,"MEDIUM","FIRM","shell/main.ts","38:14","const win = new BrowserWindow(windowOptions(preloadPath));","Limit navigation flows to untrusted origins. Middle-click may cause Electron to open a link within a new window",https://github.com/doyensec/electronegativity/wiki/AUXCLICK_JS_CHECK
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","shell/main.ts","38:14","const win = new BrowserWindow(windowOptions(preloadPath));","Review the use of the contextIsolation option",https://github.com/doyensec/electronegativity/wiki/CONTEXT_ISOLATION_JS_CHECK
SANDBOX_JS_CHECK,"MEDIUM","FIRM","shell/main.ts","38:14","const win = new BrowserWindow(windowOptions(preloadPath));","Use sandbox for untrusted origins",https://github.com/doyensec/electronegativity/wiki/SANDBOX_JS_CHECK
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","shell/main.ts","72:35","openExternal: (url: string) => shell.openExternal(url),","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","shell/security.ts","139:10","await opener.openExternal(url);","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK
`;

const allow = JSON.parse(readFileSync(join(root, 'electronegativity-allow.json'), 'utf8')) as AllowedFinding[];

describe('Electronegativity report', () => {
  it('parses every finding with its check, file, location and sample', () => {
    const findings = parseElectronegativityCsv(REPORT);
    expect(findings.map((f) => `${f.check} ${f.severity} ${f.file}:${f.location}`)).toEqual([
      'CSP_GLOBAL_CHECK LOW web.ts:254:36',
      'CSP_GLOBAL_CHECK LOW core/partage/server.ts:120:36',
      'AUXCLICK_JS_CHECK MEDIUM shell/main.ts:38:14',
      'CONTEXT_ISOLATION_JS_CHECK HIGH shell/main.ts:38:14',
      'SANDBOX_JS_CHECK MEDIUM shell/main.ts:38:14',
      'OPEN_EXTERNAL_JS_CHECK MEDIUM shell/main.ts:72:35',
      'OPEN_EXTERNAL_JS_CHECK MEDIUM shell/security.ts:139:10',
    ]);
    expect(findings[3]?.sample).toBe('const win = new BrowserWindow(windowOptions(preloadPath));');
  });

  it('the committed allow-list justifies exactly these findings', () => {
    expect(triageFindings(parseElectronegativityCsv(REPORT), allow)).toEqual({ unjustified: [], unused: [] });
  });

  it('fails on a new finding, and names an allow-list entry nothing uses', () => {
    const extra = `${REPORT}NODE_INTEGRATION_JS_CHECK,"INFORMATIONAL","CERTAIN","shell/other.ts","3:1","new BrowserWindow({ webPreferences: { nodeIntegration: true } })","Disable nodeIntegration for untrusted origins",https://x\n`;
    const { unjustified, unused } = triageFindings(parseElectronegativityCsv(extra), [...allow, { check: 'EVAL_CHECK', file: 'core/x.ts', reason: 'plus utilisé du tout' }]);
    expect(unjustified.map((f) => `${f.check} ${f.file}`)).toEqual(['NODE_INTEGRATION_JS_CHECK shell/other.ts']);
    expect(unused).toEqual([{ check: 'EVAL_CHECK', file: 'core/x.ts', reason: 'plus utilisé du tout' }]);
  });

  it('an empty report is clean; an entry without a reason or a report of another shape is an error', () => {
    expect(parseElectronegativityCsv('issue, severity, confidence, filename, location, sample, description, url\n')).toEqual([]);
    expect(() => triageFindings([], [{ check: 'EVAL_CHECK', file: 'a.ts', reason: '' }])).toThrow(/entrée 1 : check, file et une raison/);
    expect(() => parseElectronegativityCsv('a,b\n1,2\n')).toThrow(/rapport Electronegativity inattendu/);
  });
});

const AUDIT = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    'tar-fs': {
      name: 'tar-fs',
      severity: 'high',
      via: [{ source: 1101, name: 'tar-fs', title: 'tar-fs can extract outside the specified dir', url: 'https://github.com/advisories/GHSA-8cj5-5rvv-wf4v', severity: 'high' }],
    },
    'prebuild-install': { name: 'prebuild-install', severity: 'high', via: ['tar-fs'] },
    brace: { name: 'brace', severity: 'moderate', via: [{ source: 7, title: 'ReDoS', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'moderate' }] },
    xmldom: { name: 'xmldom', severity: 'critical', via: [{ source: 9, title: 'Misinterpretation of malicious XML', url: 'https://github.com/advisories/GHSA-crh6-fp67-6883', severity: 'critical' }] },
  },
  metadata: { vulnerabilities: { high: 2, critical: 1, moderate: 1 } },
});

describe('npm audit', () => {
  it('lists advisories with their GHSA id; high and critical ones block unless justified', () => {
    const r = parseNpmAudit(AUDIT);
    if (!r.reachable) throw new Error('attendu : joignable');
    expect(r.advisories.map((a) => `${a.package} ${a.severity} ${a.advisory}`)).toEqual([
      'tar-fs high GHSA-8cj5-5rvv-wf4v',
      'brace moderate GHSA-aaaa-bbbb-cccc',
      'xmldom critical GHSA-crh6-fp67-6883',
    ]);
    expect(blockingAdvisories(r.advisories, []).map((a) => a.package)).toEqual(['tar-fs', 'xmldom']);
    const justified: AllowedAdvisory[] = [{ package: 'tar-fs', advisory: 'GHSA-8cj5-5rvv-wf4v', reason: 'outil de build seulement, jamais livré' }];
    expect(blockingAdvisories(r.advisories, justified).map((a) => a.package)).toEqual(['xmldom']);
    expect(blockingAdvisories(r.advisories, [{ ...justified[0]!, reason: '' }]).map((a) => a.package)).toEqual(['tar-fs', 'xmldom']);
  });

  it('a clean audit blocks nothing', () => {
    expect(parseNpmAudit(JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }))).toEqual({ reachable: true, advisories: [] });
  });

  it.each([
    [
      'a mirror without the audit API (405)',
      JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, body: '', error: { summary: '', detail: '' } }),
      '405 — 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    ],
    ['no network', JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed', detail: '' } }), 'request to https://registry.npmjs.org failed — ENOTFOUND'],
    ['no JSON at all', 'npm error audit endpoint returned an error\n', 'réponse illisible (npm error audit endpoint returned an error)'],
  ])('an unreachable endpoint is a warning, not a failure: %s', (_name, text, reason) => {
    expect(parseNpmAudit(text)).toEqual({ reachable: false, reason });
  });

  it('the committed allow-list is a list of justified entries', () => {
    const list = JSON.parse(readFileSync(join(root, 'npm-audit-allow.json'), 'utf8')) as AllowedAdvisory[];
    expect(Array.isArray(list)).toBe(true);
    for (const a of list) expect(a.reason.trim().length, a.package).toBeGreaterThan(10);
  });
});
