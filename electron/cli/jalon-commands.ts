/**
 * The jalon commands of `label-audit` (issue 6): `jalon [REFERENTIEL] --name NOM [--kind …]` takes one, `jalons`
 * lists them, `compare A B [--referential R] [--xlsx FICHIER] [--tout]` compares two states (a jalon number or
 * « maintenant »), and `export-pack REFERENTIEL --jalon N [--out FICHIER]` writes a jalon's pack.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UserError } from '../../shared/errors';
import type { Core } from '../core/core';
import { buildPack } from '../core/pack';
import type { PackResult } from '../core/pack/types';
import type { Comparaison, ValeursComparees } from '../core/services/comparaison';
import type { JalonSummary } from '../core/services/jalons';
import { jalonPackInput } from '../core/services/jalons';
import type { CliCommand } from './args';
import type { Caller, CommandIo, CommandOutcome } from './commands';
import { formatBytes, formatPercent, formatPoints } from './format';

const OK: CommandOutcome = { exitCode: 0, errors: [] };

function emit(io: CommandIo, json: unknown, text: () => string): void {
  io.out(io.json ? `${JSON.stringify(json, null, 2)}\n` : `${text()}\n`);
}

const KIND_FR: Record<JalonSummary['kind'], string> = { manuel: 'sauvegarde nommée', 'pre-audit': 'pré-audit', 'post-audit': 'post-audit' };

/** One line per jalon: « n° 2 « Pré-audit » (pré-audit) — 2026-03-01T10:00:04Z par Alice — cae 12,3 % (61,5 / 496 pts) ». */
export function jalonLine(j: JalonSummary): string {
  const refs = j.referentiels.map((r) => `${r.referentialId} ${formatPercent(r.score)} (${formatPoints(r.pointFait)} / ${formatPoints(r.pointPotentiel)} pts)`).join(', ');
  return `n° ${j.id} « ${j.nom} » (${KIND_FR[j.kind]}) — ${j.at} par ${j.who} — ${refs}`;
}

function valeurText(field: keyof ValeursComparees, v: ValeursComparees | null): string {
  if (v === null) return 'absent';
  const x = v[field];
  if (field === 'statut') return (x as string | null) ?? '—';
  if (x === null) return 'non calculable';
  return field.startsWith('pct') ? formatPercent(x as number) : formatPoints(x as number);
}

const FIELD_FR: Record<keyof ValeursComparees, string> = {
  potentiel: 'potentiel',
  pointFait: 'points faits',
  pctFait: '% fait',
  pointProgramme: 'points programmés',
  pctProgramme: '% programmé',
  pointPasFait: 'points pas faits',
  pctPasFait: '% pas fait',
  statut: 'statut',
};

/** The human text of a comparison: the two sides, then one line per changed row with each field before → after. */
export function comparisonText(c: Comparaison): string {
  const head = `Comparaison ${c.nom} (${c.referentialId}) : ${c.a.label} → ${c.b.label} — ${c.changed} ligne${c.changed > 1 ? 's' : ''} modifiée${c.changed > 1 ? 's' : ''}.`;
  const lines = c.lignes
    .filter((l) => l.changes.length > 0)
    .map((l) => `  ${l.identifiant ? `${l.identifiant} ${l.nom}` : 'Total'} : ${l.changes.map((f) => `${FIELD_FR[f]} ${valeurText(f, l.a)} → ${valeurText(f, l.b)}`).join(' ; ')}`);
  return [head, ...lines].join('\n');
}

/** Writes `bytes` to `out` (resolved from `cwd`); its folder must exist. Throws UserError FILE_NOT_FOUND / FILE_UNREADABLE. */
function checkOut(out: string, cwd: string, example: string): string {
  const path = resolve(cwd, out);
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) {
    throw new UserError('FILE_NOT_FOUND', `Le dossier ${dirname(out)} n'existe pas : créez-le ou choisissez un autre chemin.`, { path: out });
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UserError('FILE_UNREADABLE', `${out} désigne un dossier : donnez un nom de fichier, par exemple ${out.replace(/[\\/]+$/, '')}/${example}.`, { path: out });
  }
  return path;
}

type JalonCommand = Extract<CliCommand, { name: 'jalon' | 'jalons' | 'compare' | 'export-pack' }>;

/**
 * Runs a jalon command (see the file header). `export-pack` comes here only with `--jalon`.
 * Throws UserError for bad input (unknown jalon or referential, empty name, no common referential, bad --out).
 */
export async function runJalonCommand(cmd: JalonCommand, caller: Caller, io: CommandIo, core: Core | undefined): Promise<CommandOutcome> {
  switch (cmd.name) {
    case 'jalon': {
      const j = await caller.jalons.take({ name: cmd.nom, kind: cmd.kind, referentialIds: cmd.referentialId === undefined ? undefined : [cmd.referentialId] });
      emit(io, j, () => `Jalon pris : ${jalonLine(j)}.`);
      return OK;
    }
    case 'jalons': {
      const list = await caller.jalons.list();
      emit(io, list, () => (list.length === 0 ? 'Aucun jalon : prenez-en un avec label-audit jalon --name NOM.' : list.map(jalonLine).join('\n')));
      return OK;
    }
    case 'compare': {
      const input = { a: cmd.a, b: cmd.b, referentialId: cmd.referentialId };
      const c = await caller.jalons.compare({ ...input, seulementChanges: !cmd.all });
      let xlsx: string | null = null;
      if (cmd.xlsx !== undefined) {
        const path = checkOut(cmd.xlsx, io.cwd, 'comparaison.xlsx');
        const out = await caller.jalons.compareXlsx(input);
        writeFileSync(path, Buffer.from(out.base64, 'base64'));
        xlsx = path;
      }
      emit(io, { ...c, xlsx }, () => [comparisonText(c), ...(xlsx ? [`Classeur écrit : ${xlsx}.`] : [])].join('\n'));
      return OK;
    }
    case 'export-pack': {
      const id = cmd.jalon!;
      let r: PackResult;
      if (cmd.out !== undefined && core) {
        const path = checkOut(cmd.out, io.cwd, 'paquet.zip');
        r = await buildPack(jalonPackInput(core.ctx, id, cmd.referentialId), path);
      } else {
        r = await caller.jalons.exportPack({ id, referentialId: cmd.referentialId });
      }
      emit(io, { path: r.path, fileName: basename(r.path), entries: r.entries, bytes: r.bytes, missing: r.missing, jalon: id }, () =>
        [
          `Paquet d'audit du jalon n° ${id} écrit : ${r.path} (${r.entries} entrées, ${r.bytes} octets, ${formatBytes(r.bytes)}).`,
          ...(r.missing > 0 ? [`${r.missing} preuve(s) manquante(s) ou altérée(s) : voir _manifeste/fichiers-manquants.txt dans le paquet.`] : []),
        ].join('\n'),
      );
      return OK;
    }
  }
}
