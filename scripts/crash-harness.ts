/**
 * `npm run crash -- [--kills N] [--jobs J] [--seed S] [--max-delay MS] [--keep]`: the crash harness of
 * tests/crash/harness.ts (issue 7 item 1). Kills a child making changes N times (default 200) with SIGKILL, on J
 * workspaces in parallel (default 2), checks the store after each kill, prints the figures, then the line `N kills, C corrupt, L lost` last. Exit 0 only with 0 corrupt, 0 lost and
 * no child failing on its own. The long run: `npm run crash -- --kills 2000`.
 */
import { parseArgs } from 'node:util';
import { runCrashHarness, summaryLine } from '../tests/crash/harness';

const { values } = parseArgs({
  options: { kills: { type: 'string' }, jobs: { type: 'string' }, seed: { type: 'string' }, 'max-delay': { type: 'string' }, keep: { type: 'boolean' } },
  strict: true,
});
const int = (text: string | undefined, name: string, fallback?: number): number | undefined => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`Option --${name} : « ${text} » n'est pas un entier positif.`);
    process.exit(2);
  }
  return n;
};
const kills = int(values.kills, 'kills', 200)!;
const report = await runCrashHarness({
  kills,
  seed: int(values.seed, 'seed'),
  jobs: int(values.jobs, 'jobs'),
  maxDelayMs: int(values['max-delay'], 'max-delay'),
  keep: values.keep === true,
  log: (line) => console.log(`  … ${line}`),
});
console.log(
  [
    `graine ${report.seed} (rejouer : npm run crash -- --kills ${kills} --seed ${report.seed})`,
    `${report.jobs} espace(s) de travail en parallèle ; enfant ${report.bundled ? 'empaqueté par esbuild' : 'lancé par tsx'} ; démarrage médian ${report.startupMs} ms ; vérification médiane ${report.verifyMs} ms ; ${report.seconds} s au total`,
    `${report.acknowledged} changements acquittés : ${Object.entries(report.byKind).map(([k, n]) => `${n} ${k}`).join(', ')}`,
    `${report.leftovers} fichier(s) temporaire(s) laissé(s) par un enfant tué (${report.leftoverKinds.evidence} preuves, ${report.leftoverKinds.sauvegardes} sauvegardes), effacés au démarrage suivant`,
    ...report.problems.map((p) => `PROBLÈME ${p}`),
    ...report.childErrors.map((e) => `ENFANT ${e}`),
  ].join('\n'),
);
console.log(summaryLine(report));
process.exit(report.corrupt === 0 && report.lost === 0 && report.childErrors.length === 0 ? 0 : 1);
