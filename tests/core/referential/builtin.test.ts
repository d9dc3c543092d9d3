import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILTIN_REFERENTIALS_DIR, LABEL_NR_FILE, loadBuiltinLabelNr } from '../../../electron/core/referential/builtin';
import { gridSchema } from '../../../electron/core/referential/grid';
import { UserError } from '../../../shared/errors';
import { DATA, describeWithSharedData } from '../../helpers/shared-data';

type JsonSchema = {
  type?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
};

/** The subset of JSON Schema 2020-12 the grid schema uses; returns the paths that violate it. */
function violations(schema: JsonSchema, value: unknown, path = '$'): string[] {
  if (schema.anyOf) return schema.anyOf.some((s) => violations(s, value, path).length === 0) ? [] : [`${path}: anyOf`];
  if (schema.const !== undefined && value !== schema.const) return [`${path}: const`];
  const t = schema.type;
  if (t === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: object`];
    const obj = value as Record<string, unknown>;
    const out = (schema.required ?? []).filter((k) => !(k in obj)).map((k) => `${path}.${k}: required`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k];
      if (sub) out.push(...violations(sub, v, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: additional`);
    }
    return out;
  }
  if (t === 'array') {
    if (!Array.isArray(value)) return [`${path}: array`];
    const out = value.flatMap((v, i) => (schema.items ? violations(schema.items, v, `${path}[${i}]`) : []));
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${path}: minItems`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${path}: maxItems`);
    return out;
  }
  if (t === 'string') {
    if (typeof value !== 'string') return [`${path}: string`];
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) return [`${path}: pattern`];
    return schema.minLength !== undefined && value.length < schema.minLength ? [`${path}: minLength`] : [];
  }
  if (t === 'number' || t === 'integer') {
    if (typeof value !== 'number' || (t === 'integer' && !Number.isInteger(value))) return [`${path}: ${t}`];
    if (schema.minimum !== undefined && value < schema.minimum) return [`${path}: minimum`];
    if (schema.maximum !== undefined && value > schema.maximum) return [`${path}: maximum`];
    return schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum ? [`${path}: exclusiveMinimum`] : [];
  }
  if (t === 'null') return value === null ? [] : [`${path}: null`];
  return t === undefined ? [] : [`${path}: unknown type ${t}`];
}
const raw = JSON.parse(readFileSync(join(BUILTIN_REFERENTIALS_DIR, LABEL_NR_FILE), 'utf8')) as Record<string, unknown>;
const jsonSchema = JSON.parse(readFileSync(join(BUILTIN_REFERENTIALS_DIR, 'referential.schema.json'), 'utf8')) as JsonSchema & { $schema: string };

/** The object schemas of the grid format: root, thème, critère, niveau, references. */
function levels(s: JsonSchema) {
  const theme = s.properties?.themes?.items;
  const critere = theme?.properties?.criteres?.items;
  return { root: s, theme, critere, niveau: s.properties?.niveaux?.items, references: critere?.properties?.references };
}

describe('built-in Label NR working grid', () => {
  const ref = loadBuiltinLabelNr();
  const themes = ref.nodes.filter((n) => n.depth === 1);
  const criteres = ref.nodes.filter((n) => n.depth === 2);

  it('carries the headline fields, the warning, the niveaux from the file and a 3-year validity', () => {
    expect(ref).toMatchObject({
      id: 'label-nr',
      version: 'grille-travail-2026.1',
      nom: 'Label Numérique Responsable — collectivités',
      model: 'points',
      actionLevel: 2,
      redistribution: false,
      avertissement: "Grille de travail, non officielle : la grille officielle du Label NR est remise par l'organisme labellisateur.",
      niveaux: [
        { rang: 1, nom: 'Niveau 1', seuil: 0.3 },
        { rang: 2, nom: 'Niveau 2', seuil: 0.5 },
      ],
    });
    expect(ref.nodes[0]?.meta.validiteAnnees).toBe('3');
  });

  it('has the 4 public thèmes and the collectivités module, about 40 critères summing to exactly 1 000 points', () => {
    expect(themes.map((t) => t.nom)).toEqual([
      'Stratégie et gouvernance',
      'Soutien à la stratégie NR',
      'Cycle de vie des services numériques',
      'Extension de la démarche NR',
      'Leviers externes des collectivités',
    ]);
    expect(themes[4]?.meta.module).toBe('Leviers externes des collectivités');
    expect(themes.map((t) => t.pointReferentiel)).toEqual([250, 180, 300, 120, 150]);
    expect(criteres).toHaveLength(40);
    for (const t of themes) expect(criteres.filter((c) => c.parentId === t.id).length).toBeGreaterThanOrEqual(6);
    for (const t of themes) expect(criteres.filter((c) => c.parentId === t.id).length).toBeLessThanOrEqual(10);
    expect(ref.nodes[0]?.pointReferentiel).toBe(1000);
    expect(criteres.reduce((s, c) => s + (c.points ?? NaN), 0)).toBe(1000);
  });

  it('gives every critère integer points, a description and 1 to 3 preuves attendues', () => {
    for (const c of criteres) {
      expect(Number.isInteger(c.points), c.id).toBe(true);
      expect(c.description?.length ?? 0, c.id).toBeGreaterThan(40);
      const n = ref.preuvesAttendues.filter((p) => p.nodeIds.includes(c.id)).length;
      expect(n, c.id).toBeGreaterThanOrEqual(1);
      expect(n, c.id).toBeLessThanOrEqual(3);
    }
    const inventaire = ref.preuvesAttendues.find((p) => p.id === 'inventaire_du_parc_informatique');
    expect(inventaire?.nodeIds).toEqual(['label-nr_1.3', 'label-nr_3.1']);
  });

  it('is valid against the zod schema, and the JSON Schema requires the same keys at every level', () => {
    expect(gridSchema.safeParse(raw).success).toBe(true);
    expect(jsonSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const fromZod = levels(z.toJSONSchema(gridSchema) as JsonSchema);
    const written = levels(jsonSchema);
    for (const level of ['root', 'theme', 'critere', 'niveau', 'references'] as const) {
      expect(written[level]?.required ?? [], level).toEqual(fromZod[level]?.required ?? []);
      expect(Object.keys(written[level]?.properties ?? {}).sort(), level).toEqual(Object.keys(fromZod[level]?.properties ?? {}).sort());
    }
    expect(written.root.required).toEqual(['id', 'version', 'nom', 'model', 'avertissement', 'niveaux', 'themes']);
    expect(written.critere?.required).toEqual(['identifiant', 'nom', 'description', 'points', 'preuvesAttendues']);
  });

  it('is valid against the JSON Schema, which rejects what the zod schema rejects', () => {
    expect(violations(jsonSchema, raw)).toEqual([]);
    const broken = structuredClone(raw) as { themes: Array<{ criteres: Array<Record<string, unknown>> }>; couleur?: string };
    broken.themes[0]!.criteres[0]!.points = '35';
    delete broken.themes[1]!.criteres[0]!.preuvesAttendues;
    broken.themes[2]!.criteres[0]!.identifiant = '3-1';
    broken.couleur = 'vert';
    expect(violations(jsonSchema, broken).sort()).toEqual([
      '$.couleur: additional',
      '$.themes[0].criteres[0].points: number',
      '$.themes[1].criteres[0].preuvesAttendues: required',
      '$.themes[2].criteres[0].identifiant: pattern',
    ]);
    expect(gridSchema.safeParse(broken).error?.issues).toHaveLength(4);
  });

  it('refuses a missing folder with FILE_NOT_FOUND naming the path', () => {
    try {
      loadBuiltinLabelNr('/nulle/part');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).code).toBe('FILE_NOT_FOUND');
      expect((e as UserError).message).toBe('La grille Label NR intégrée est introuvable : /nulle/part/label-nr-collectivites.json.');
      expect((e as UserError).en).toBe('The built-in Label NR grid cannot be found: /nulle/part/label-nr-collectivites.json.');
    }
  });
});

describeWithSharedData('cross-references of the built-in grid point at real ids', () => {
  const ref = loadBuiltinLabelNr();
  const refs = (key: string) => ref.nodes.flatMap((n) => (n.meta[`references.${key}`] ?? '').split(', ').filter((s) => s !== ''));

  it('RGESN 2024 numéros exist', () => {
    const numeros = new Set((JSON.parse(readFileSync(DATA.rgesn, 'utf8')) as Array<{ numero: string }>).map((c) => c.numero));
    expect(refs('rgesn').length).toBeGreaterThan(20);
    expect(refs('rgesn').filter((id) => !numeros.has(id))).toEqual([]);
  });

  it('good-practice guide ids exist', () => {
    const guide = JSON.parse(readFileSync(DATA.guideNr, 'utf8')) as { thematiques: Array<Record<string, unknown>> };
    const ids = new Set(
      guide.thematiques.flatMap((t) => Object.values(t).flatMap((v) => (Array.isArray(v) ? v.map((p) => (p as { id?: string }).id) : []))),
    );
    expect(ids.size).toBe(59);
    expect(refs('gbp-nr').length).toBeGreaterThan(40);
    expect(refs('gbp-nr').filter((id) => !ids.has(id))).toEqual([]);
  });

  it('RGAA thématique numbers exist', () => {
    const rgaa = JSON.parse(readFileSync(DATA.rgaa, 'utf8')) as { topics: Array<{ number: number }> };
    const numbers = new Set(rgaa.topics.map((t) => String(t.number)));
    expect(refs('rgaa').filter((id) => !numbers.has(id))).toEqual([]);
    expect(refs('rgaa')).toContain('8');
  });
});
