/**
 * The bad-input corpus (issue 7 item 5): every file of tests/fixtures/bad goes through the core (or the CLI
 * in-process for situation files) on a real workspace on disk; the test checks the exact French message the user
 * sees (tests/fixtures/bad/expected.json) and that the store is byte-for-byte unchanged: every table's rows
 * (`snapshotTables`), the database file's bytes after a checkpoint, and the evidence folder's listing.
 *
 * How a file is used, by its name: `pack-*.zip` → `pack.verify` (the problems listed); `preuve-nom-*.nom` → a file
 * preuve whose name is the file's content; `lien-*.url` → a link preuve to the file's content; `questions-*.csv` →
 * `personnalisation.importQuestions`; `situation-*` → `label-audit score eci --situation FILE`; anything else →
 * `referentials.importAsync`. Binary files are written by make-binary.mjs beside them.
 * With BAD_CORPUS_RECORD=1 the messages are written to expected.json instead (then reviewed by hand).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { createCore, type Core } from '../../electron/core/core';
import { isUserError } from '../../shared/errors';
import { fixedClock, snapshotTables, tempDir, toyTete } from './helpers/context';

const CORPUS = join(import.meta.dirname, '../fixtures/bad');
const EXPECTED_FILE = join(CORPUS, 'expected.json');
const RECORD = process.env.BAD_CORPUS_RECORD === '1';

/** What the user sees for one bad file: a UserError's code and message, or a refused pack's problems. */
type Outcome = { code: string; message: string } | { problems: string[] };

const files = readdirSync(CORPUS)
  .filter((f) => f !== 'expected.json' && f !== 'make-binary.mjs')
  .sort();
const expected = RECORD ? {} : (JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as Record<string, Outcome>);
const recorded: Record<string, Outcome> = {};

const tmp = tempDir('label-audit-bad-');
const dataDir = tmp.dir;

function openCore(): Core {
  return createCore({ dataDir, demo: false, user: 'Alice Testeuse', now: fixedClock(), log: () => undefined });
}

/** Every file under the data folder (relative path → SHA-256), the database after a checkpoint included; backups aside. */
function diskState(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      // Backups may be added (the daily one when the CLI opens the workspace, one before an import): a new backup
      // loses nothing; the store itself (database, evidence, settings) must not move.
      if (e.isDirectory() && relative(dataDir, p) === 'sauvegardes') continue;
      if (e.isDirectory()) walk(p);
      else out[relative(dataDir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dataDir);
  return out;
}

/** A corpus file as the user would type it from the repository root (messages name paths as given). */
const shownPath = (file: string): string => relative(process.cwd(), join(CORPUS, file));

async function run(core: Core, file: string): Promise<Outcome> {
  const path = shownPath(file);
  const text = () => readFileSync(path, 'utf8');
  const caught = async (fn: () => unknown): Promise<Outcome> => {
    try {
      await fn();
    } catch (e) {
      if (!isUserError(e)) throw e;
      return { code: e.code, message: e.message };
    }
    throw new Error(`${file} : accepté alors qu'il devait être refusé`);
  };
  if (file.startsWith('pack-')) {
    const r = await core.pack.verify(path);
    expect(r.ok, file).toBe(false);
    return { problems: r.problems };
  }
  if (file.startsWith('preuve-nom-')) {
    return caught(() => core.preuves.addFile({ referentialId: 'eci', nodeId: 'eci_1.1', fileName: text(), bytes: new TextEncoder().encode('%PDF-1.4\n') }));
  }
  if (file.startsWith('lien-')) return caught(() => core.preuves.addLink({ referentialId: 'eci', nodeId: 'eci_1.1', url: text() }));
  if (file.startsWith('questions-')) return caught(() => core.personnalisation.importQuestions([path]));
  return caught(() => core.referentials.importAsync([path]));
}

/** `label-audit score eci --situation FILE` in-process: the single stderr line and exit code 1. */
async function runSituation(file: string): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['score', 'eci', '--situation', shownPath(file), '--data-dir', dataDir], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: process.cwd(),
  });
  expect({ code, stdout }, file).toEqual({ code: 1, stdout: '' });
  expect(stderr.endsWith('\n') && stderr.split('\n').length === 2, `une seule ligne : ${stderr}`).toBe(true);
  return { code: 'CLI', message: stderr.trimEnd() };
}

let baseline: Record<string, string> = {};

beforeAll(() => {
  const core = openCore();
  core.referentials.store(toyTete('eci'));
  core.close();
  baseline = diskState();
});

afterAll(() => {
  if (RECORD) writeFileSync(EXPECTED_FILE, `${JSON.stringify(recorded, null, 2)}\n`);
  tmp.cleanup();
});

describe('bad-input corpus (tests/fixtures/bad)', () => {
  it('holds at least 40 distinct bad inputs, each with its expected message', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const digests = new Set(files.map((f) => createHash('sha256').update(readFileSync(join(CORPUS, f))).digest('hex')));
    expect(digests.size).toBe(files.length);
    if (!RECORD) expect(Object.keys(expected).sort()).toEqual(files);
  });

  for (const file of files) {
    it(file, async () => {
      let outcome: Outcome;
      if (file.startsWith('situation-')) {
        outcome = await runSituation(file);
      } else {
        const core = openCore();
        try {
          const before = snapshotTables(core.ctx);
          outcome = await run(core, file);
          expect(snapshotTables(core.ctx), 'tables').toEqual(before);
        } finally {
          core.close();
        }
      }
      recorded[file] = outcome;
      expect(diskState(), 'fichiers du dossier de données').toEqual(baseline);
      if (!RECORD) expect(outcome).toEqual(expected[file]);
    });
  }
});
