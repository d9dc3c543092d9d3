/**
 * rapport.pdf: the human report of the audit pack (DOMAIN.md "The audit pack"): cover (authority, referential
 * and version, jalon and date, global score in % and points, niveau reached, completeness), per-axe table,
 * per-mesure table (statut, explication, pilotes, preuves) and the missing-evidence list.
 * DejaVu Sans is embedded so that every French character renders (é, œ, « », ’, ≥); characters it cannot draw
 * (emoji) become « ▯ » (pdf-text.ts). Every % is the model's headline ratio (`ratioFait`, as on screen and in the
 * CLI); counts and points carry thousands separators; dates are written 15/03/2027.
 * Deterministic: CreationDate/ModDate = jalon date; pdfkit derives the file ID from them.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { NodeScore, ReferentialNode, RootScore, ScoringModel } from '../../../shared/domain';
import { formatCountIn, formatDateIn, formatLongDateIn, formatNumberIn, formatPercentIn, type Lang } from '../../../shared/locale';
import { ratioBaseKind, ratioFait, speaksConformite } from '../../../shared/scoring/ratios';
import { countFr, dateFr, niveauHeading, percentFr, pointsFr, ratio, scoreLineFr, shareFr, showsNiveau } from './format';
import { HISTORIQUE_WORDS, PACK_WORDS, PERSONNALISATION_WORDS, statutLabelIn, type PackWords } from './words';
import { drawableTextFor } from './pdf-text';
import { drawTable } from './pdf-table';
import type { PackHistorique, PackInput, PackPersonnalisation, PackPreuve } from './types';
import { streamToBuffer } from './zip-utils';

// Not named `require`: the bundled main process (out/main/main.js, ESM) already declares one (electron-vite shim).
const requireHere = createRequire(import.meta.url);
const FONTS = {
  regular: requireHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: requireHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
const R = 'DejaVu';
const B = 'DejaVu-Bold';

/** What the report needs besides the input: preuves by node, and why a preuve's bytes are missing. */
export interface ReportContext {
  preuvesOf: (nodeId: string) => readonly PackPreuve[];
  missingReason: (p: PackPreuve) => string | null;
  /** Lines of `_manifeste/fichiers-manquants.txt` known before streaming. */
  missingFiles: readonly string[];
}

/**
 * Nodes whose own statut is `fait` (or `conforme`) with no preuve on the node, on an ancestor down from its
 * mesure, or on a descendant. Returned in referential order. Rule: DOMAIN.md "missing-evidence list".
 */
export function faitSansPreuve(input: PackInput, preuvesOf: (nodeId: string) => readonly PackPreuve[]): ReferentialNode[] {
  const { nodes, actionLevel } = input.referential;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const covered = new Set<string>();
  for (const n of nodes) {
    if (preuvesOf(n.id).length === 0) continue;
    // The node and its ancestors up to the mesure are covered by a preuve on a descendant.
    for (let cur: ReferentialNode | undefined = n; cur && cur.parentId !== null; cur = cur.parentId ? byId.get(cur.parentId) : undefined) covered.add(cur.id);
  }
  const hasAncestorPreuve = (n: ReferentialNode): boolean => {
    for (let cur = n.parentId ? byId.get(n.parentId) : undefined; cur && cur.depth >= actionLevel; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      if (preuvesOf(cur.id).length > 0) return true;
    }
    return false;
  };
  return nodes.filter((n) => {
    const s = input.statuts.get(n.id)?.statut;
    return (s === 'fait' || s === 'conforme') && !covered.has(n.id) && !hasAncestorPreuve(n);
  });
}

function descendantsOf(nodes: readonly ReferentialNode[], root: ReferentialNode): ReferentialNode[] {
  const prefix = `${root.identifiant}.`;
  return nodes.filter((n) => n.identifiant.startsWith(prefix));
}

function statutSummary(input: PackInput, mesure: ReferentialNode, desc: readonly ReferentialNode[]): string {
  const lang = input.lang ?? 'fr';
  const own = input.score.nodes[mesure.id]?.statut ?? input.statuts.get(mesure.id)?.statut ?? null;
  if (own !== null && statutLabelIn(lang, own)) return statutLabelIn(lang, own);
  const counts = new Map<string, number>();
  for (const n of desc) {
    if (n.depth !== mesure.depth + 1) continue;
    const s = input.score.nodes[n.id]?.statut ?? input.statuts.get(n.id)?.statut ?? null;
    const label = s === null ? '' : statutLabelIn(lang, s);
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, k]) => PACK_WORDS[lang].statutCount(label, k)).join('\n');
}

/** Level name for people: TETE's `action` is a « mesure » (DOMAIN.md vocabulary); in English, `measure`. */
function levelName(h: string | undefined, w: PackWords = PACK_WORDS.fr): string {
  return h ? (w.levels[h] ?? h) : (w.levels.action ?? 'mesure');
}

/** Numbers and dates of the report in its language (French: the pack's historical formatters, unchanged). */
interface Fmt {
  points(n: number): string;
  count(n: number): string;
  percent(f: number | null): string;
  share(model: ScoringModel, s: NodeScore): string;
  date(iso: string): string;
  longDate(d: Date): string;
}
function fmtFor(lang: Lang): Fmt {
  if (lang === 'fr') return { points: pointsFr, count: countFr, percent: percentFr, share: shareFr, date: (iso) => formatDateIn('fr', iso), longDate: dateFr };
  const percent = (f: number | null) => formatPercentIn('en', f) ?? 'not computable';
  return {
    points: (n) => formatNumberIn('en', n, 3),
    count: (n) => formatCountIn('en', n),
    percent,
    share: (model, s) => {
      const r = ratioFait(model, s);
      if (r !== null) return percent(r);
      return ratioBaseKind(model) === 'evalues' ? 'not computable' : 'not concerned';
    },
    date: (iso) => formatDateIn('en', iso),
    longDate: (d) => formatLongDateIn('en', d),
  };
}

/** The global score line in English (the French one is format.ts `scoreLineFr`, with more detail). */
function scoreLineEn(model: ScoringModel, root: RootScore, f: Fmt): { label: string; value: string } {
  const pct = f.share(model, root);
  if (model === 'rate') return { label: 'Compliance rate', value: `${pct} of the applicable criteria evaluated` };
  if (model === 'progress') return { label: 'Progress', value: `${pct} of the applicable practices filled in` };
  if (model === 'weighted') return { label: 'Score', value: `${pct} of the criteria evaluated (weighted) — ${f.points(root.pointFait)} compliant pts of ${f.points(root.pointFait + root.pointPasFait)} evaluated` };
  return { label: 'Overall score', value: `${f.points(root.pointFait)} / ${f.points(root.pointPotentiel)} points (${pct})` };
}

/**
 * Titles of the five figure columns of the per-axe table (potentiel, fait, %, programmé, pas fait), in the model's
 * words: points for tete/points/weighted; counts of critères (rate, RGAA) or pratiques (progress, guide NR).
 */
export function axeColumnTitles(model: ScoringModel, lang: Lang = 'fr'): [string, string, string, string, string] {
  return PACK_WORDS[lang].axeColumns(model === 'rate' || model === 'progress' ? model : 'points', speaksConformite(model));
}

function pointsCell(model: ScoringModel, s: NodeScore | undefined, f: Fmt = fmtFor('fr')): string {
  if (!s) return '';
  return `${f.points(s.pointFait)} / ${f.points(s.pointPotentiel)}\n${f.share(model, s)}`;
}

/**
 * The pilotes cell of a mesure: people then services set on the mesure or on any of its sous-actions / tâches,
 * each once, in referential order; then the échéances (the mesure's, then its descendants' with their number).
 */
export function pilotesCell(input: PackInput, mesure: ReferentialNode, desc: readonly ReferentialNode[]): string {
  const w = PACK_WORDS[input.lang ?? 'fr'];
  const date = (iso: string) => formatDateIn(input.lang ?? 'fr', iso);
  const personnes = new Set<string>();
  const services = new Set<string>();
  const echeances: string[] = [];
  for (const n of [mesure, ...desc]) {
    const pil = input.pilotes.get(n.id);
    if (!pil) continue;
    for (const p of pil.personnes) personnes.add(p);
    for (const sv of pil.services) services.add(sv);
    if (pil.echeance) echeances.push(n === mesure ? w.echeance(date(pil.echeance)) : w.echeanceOf(n.identifiant, date(pil.echeance)));
  }
  const names = [...personnes, ...services].join(', ');
  return [names, ...echeances].filter((l) => l !== '').join('\n');
}

function cover(doc: InstanceType<typeof PDFDocument>, input: PackInput, date: Date, t: (text: string) => string): void {
  const { referential: ref, workspace: ws, score, jalon } = input;
  const lang = input.lang ?? 'fr';
  const w = PACK_WORDS[lang];
  const f = fmtFor(lang);
  const root = score.root;
  doc.font(B).fontSize(22).text(w.reportTitle, { align: 'left' });
  doc.moveDown(0.3).font(R).fontSize(14).text(t(`${ref.nom} — ${w.version} ${ref.version}`));
  if (ref.avertissement) doc.fontSize(10).fillColor('#B03A2E').text(t(ref.avertissement)).fillColor('black');
  doc.moveDown(1);
  const line = (label: string, value: string) => {
    doc.font(B).fontSize(11).text(`${label}${lang === 'fr' ? ' : ' : ': '}`, { continued: true }).font(R).text(t(value));
  };
  line(w.collectivite, ws.nom);
  line(w.type, ws.typeCollectivite);
  if (ws.codeInsee) line(w.codeInsee, ws.codeInsee);
  if (ws.population !== null) line(w.population, `${f.points(ws.population)} ${w.habitants}`);
  line(w.jalon, w.jalonOf(jalon.nom, f.longDate(date)));
  doc.moveDown(0.8);
  const scoreLine = lang === 'fr' ? scoreLineFr(ref.model, root) : scoreLineEn(ref.model, root, f);
  line(scoreLine.label, scoreLine.value);
  if (showsNiveau(ref)) {
    const heading = niveauHeading(ref.model);
    line(lang === 'fr' ? heading.label : w.niveauLabel(ref.model === 'rate'), root.niveau ? root.niveau.nom : w.aucun);
    // The reminder: a threshold is not a label; an RGAA state needs every critère.
    if (root.completude < 1) doc.font(R).fontSize(10).text(t(`(${lang === 'fr' ? heading.reminder : w.niveauReminder(ref.model === 'rate')})`));
    line(w.seuils, ref.niveaux.map((n) => `${n.nom} ≥ ${f.percent(n.seuil)}`).join(lang === 'fr' ? ' ; ' : '; '));
  }
  line(w.completude, `${f.percent(root.completude)} (${w.renseignes(f.count(root.completedTachesCount), f.count(root.totalTachesCount))})`);
  const counts = w.leafCounts(ref.model, root);
  if (counts !== null) line(ref.model === 'rate' ? w.criteres : w.pratiques, counts);
  else line(w.pointsProgrammesLabel, w.pointsProgrammes(f.points(root.pointProgramme), f.points(root.pointPasFait), f.points(root.pointNonRenseigne)));
  doc.moveDown(1).font(R).fontSize(9).fillColor('#555555');
  doc.text(w.generatedBy(input.appVersion));
  doc.fillColor('black');
}

/** Identity of a pack in one line: fr "commune · 12 400 habitants · métropole", en "commune · 12,400 inhabitants · mainland France". */
function identiteLine(id: PackPersonnalisation['identite'], lang: Lang): string {
  const w = PERSONNALISATION_WORDS[lang];
  return [
    id.type ?? w.typeNonPrecise,
    id.soustype,
    id.population === null ? w.populationNonPrecisee : w.habitants(lang === 'fr' ? countFr(id.population) : formatCountIn('en', id.population)),
    id.localisation === 'DOM' ? w.dom : w.metropole,
    id.dansAireUrbaine === null ? null : id.dansAireUrbaine ? w.dansAireUrbaine : w.horsAireUrbaine,
  ]
    .filter((x) => x !== null)
    .join(' · ');
}

/** An answer in `lang`: yes/no and shares are rewritten; an option's label is referential content, kept as stored. */
function reponseIn(lang: Lang, r: PackPersonnalisation['reponses'][number]): string {
  if (lang === 'fr') return r.reponse;
  const w = PERSONNALISATION_WORDS[lang];
  if (typeof r.valeur === 'boolean') return r.valeur ? w.oui : w.non;
  if (typeof r.valeur === 'number') return w.part(r.valeur);
  return r.reponse;
}

/**
 * The "Personnalisation" page of a TETE report (tete-referentials.md §2.5), in `lang` (words.ts
 * PERSONNALISATION_WORDS): the identity, each answer with its justification (an answer to a hidden question is
 * marked « non prise en compte »), and the consequences.
 */
function personnalisationSection(
  doc: InstanceType<typeof PDFDocument>,
  p: PackPersonnalisation,
  t: (text: string) => string,
  rows: (cells: string[][]) => string[][],
  fonts: { regular: string; bold: string },
  lang: Lang,
): void {
  const w = PERSONNALISATION_WORDS[lang];
  const date = (iso: string) => (lang === 'fr' ? iso.slice(0, 10).split('-').reverse().join('/') : formatDateIn(lang, iso));
  doc.addPage().font(B).fontSize(14).text(w.title).moveDown(0.3);
  doc.font(R).fontSize(10).text(t(w.identite(identiteLine(p.identite, lang)))).moveDown(0.4);
  if (p.reponses.length === 0) doc.text(w.aucuneReponse).moveDown(0.4);
  else {
    drawTable(
      doc,
      [
        { title: w.columns.question, width: 300 },
        { title: w.columns.reponse, width: 120 },
        { title: w.columns.justification, width: 230 },
        { title: w.columns.parLe, width: 120 },
      ],
      rows(
        p.reponses.map((r) => [
          `${r.formulation} (${r.questionId})`,
          r.prisEnCompte ? reponseIn(lang, r) : w.nonPriseEnCompte(reponseIn(lang, r)),
          r.justification ?? '',
          `${r.modifiedBy}, ${date(r.modifiedAt)}`,
        ]),
      ),
      fonts,
      8,
    );
  }
  const pw = PACK_WORDS[lang];
  doc.moveDown(0.6).font(B).fontSize(12).text(w.consequences).moveDown(0.3);
  if (p.consequences.length === 0) doc.font(R).fontSize(10).text(w.aucuneConsequence);
  else {
    drawTable(
      doc,
      [
        { title: pw.no, width: 70 },
        { title: pw.intitule, width: 520 },
        { title: w.effet, width: 180 },
      ],
      rows(
        p.consequences.map((c) => [
          c.identifiant,
          c.nom,
          [c.desactive ? w.desactive : null, c.facteur !== null ? w.potentielFois(c.facteur) : null].filter((x) => x !== null).join(', '),
        ]),
      ),
      fonts,
      8,
    );
  }
}

/** Most recent events the report's history page lists (all of them are in historique.csv). */
export const HISTORIQUE_PAGE_MAX = 40;

/**
 * The « Historique » page (issue 6 item 5): the audit cycle's steps, then the HISTORIQUE_PAGE_MAX most recent
 * changes, newest first, each as when (UTC: fr `30/11/2026 14:05`, en `30 Nov 2026 14:05`), who, N° and its
 * sentence, in `lang` (words.ts HISTORIQUE_WORDS; the sentences were written in `lang` by pack-history.ts);
 * historique.csv holds them all.
 */
function historiqueSection(
  doc: InstanceType<typeof PDFDocument>,
  lines: readonly PackHistorique[],
  t: (text: string) => string,
  rows: (cells: string[][]) => string[][],
  fonts: { regular: string; bold: string },
  lang: Lang,
): void {
  const w = HISTORIQUE_WORDS[lang];
  const f = fmtFor(lang);
  const when = (at: string) => `${f.date(at)} ${at.slice(11, 16)}`;
  const columns = [
    { title: w.columns.date, width: 90 },
    { title: w.columns.who, width: 130 },
    { title: w.columns.no, width: 60 },
    { title: w.columns.change, width: 490 },
  ];
  const row = (l: PackHistorique) => [when(l.at), l.who, l.identifiant ?? '', l.description];
  doc.addPage().font(B).fontSize(14).text(w.title).moveDown(0.3);
  doc.font(R).fontSize(10).text(t(w.intro(f.count(lines.length), lines.length))).moveDown(0.4);
  const audit = lines.filter((l) => l.action.startsWith('audit.') && l.nodeId === null);
  if (audit.length > 0) {
    doc.font(B).fontSize(12).text(w.cycle).moveDown(0.3);
    drawTable(doc, columns, rows(audit.map(row)), fonts, 8);
    doc.moveDown(0.6);
  }
  const recent = lines.slice(-HISTORIQUE_PAGE_MAX).reverse();
  doc.font(B).fontSize(12).text(t(lines.length > HISTORIQUE_PAGE_MAX ? w.latest(f.count(HISTORIQUE_PAGE_MAX)) : w.all)).moveDown(0.3);
  if (recent.length === 0) doc.font(R).fontSize(10).text(w.none);
  else drawTable(doc, columns, rows(recent.map(row)), fonts, 8);
}

/**
 * Renders the report and returns the PDF bytes (A4 landscape, DejaVu Sans embedded, page numbers).
 * `date` is the jalon date (metadata and every date shown).
 */
export async function writeReportPdf(input: PackInput, ctx: ReportContext, date: Date): Promise<Buffer> {
  const { referential: ref, score } = input;
  const lang = input.lang ?? 'fr';
  const w = PACK_WORDS[lang];
  const f = fmtFor(lang);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 40, bottom: 40, left: 36, right: 36 },
    bufferPages: true,
    font: FONTS.regular,
    lang: lang === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: {
      Title: `${w.reportTitle} — ${ref.nom} — ${input.workspace.nom}`,
      Author: input.workspace.nom,
      Subject: lang === 'en' ? `Milestone “${input.jalon.nom}”` : `Jalon « ${input.jalon.nom} »`,
      Creator: `Label Audit ${input.appVersion}`,
      Producer: 'Label Audit (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const bytes = streamToBuffer(doc);
  doc.registerFont(R, FONTS.regular);
  doc.registerFont(B, FONTS.bold);
  const fonts = { regular: R, bold: B };
  const t = drawableTextFor(doc, [R, B]);
  const rows = (cells: string[][]) => cells.map((r) => r.map(t));

  cover(doc, input, date, t);

  const axes = ref.nodes.filter((n) => n.depth === 1);
  doc.moveDown(1.5).font(B).fontSize(14).text(t(w.scoresBy(levelName(ref.hierarchie[1], w)))).moveDown(0.4);
  drawTable(
    doc,
    [
      { title: w.no, width: 40 },
      { title: w.intitule, width: 260 },
      ...axeColumnTitles(ref.model, lang).map((title, i) => ({ title, width: i === 2 ? 90 : 70, align: 'right' as const })),
      { title: w.completude, width: 100, align: 'right' },
    ],
    rows(
      axes.map((a) => {
        const s = score.nodes[a.id];
        return [
          a.identifiant,
          a.nom,
          s ? f.points(s.pointPotentiel) : '',
          s ? f.points(s.pointFait) : '',
          s ? f.share(ref.model, s) : '',
          s ? f.points(s.pointProgramme) : '',
          s ? f.points(s.pointPasFait) : '',
          s ? f.percent(ratio(s.completedTachesCount, s.totalTachesCount)) : '',
        ];
      }),
    ),
    fonts,
    9,
  );

  if (input.personnalisation) personnalisationSection(doc, input.personnalisation, t, rows, fonts, lang);

  doc.addPage().font(B).fontSize(14).text(t(w.detailBy(levelName(ref.hierarchie[ref.actionLevel], w)))).moveDown(0.4);
  const mesures = ref.nodes.filter((n) => n.depth === ref.actionLevel);
  drawTable(
    doc,
    [
      { title: w.no, width: 42 },
      { title: w.intitule, width: 150 },
      { title: ref.model === 'rate' ? w.conformesApplicables : ref.model === 'progress' ? w.faitesApplicables : w.pointsFaitsPotentiel, width: 78, align: 'right' },
      { title: w.statut, width: 85 },
      { title: w.explication, width: 175 },
      { title: w.pilotes, width: 105 },
      { title: w.preuves, width: 135 },
    ],
    rows(
      mesures.map((m) => {
        const desc = descendantsOf(ref.nodes, m);
        const expl = [m, ...desc]
          .map((n) => ({ n, e: input.statuts.get(n.id)?.explication }))
          .filter((x) => x.e)
          .map((x) => (x.n === m ? (x.e as string) : w.explicationOf(x.n.identifiant, x.e as string)));
        const seen = new Set<string>();
        const preuves: string[] = [];
        for (const n of [m, ...desc]) {
          for (const p of ctx.preuvesOf(n.id)) {
            if (seen.has(p.id)) continue;
            seen.add(p.id);
            preuves.push(ctx.missingReason(p) ? `${p.titre} (${w.fichierManquant})` : p.titre);
          }
        }
        return [
          m.identifiant,
          m.nom,
          pointsCell(ref.model, score.nodes[m.id], f),
          statutSummary(input, m, desc),
          expl.join('\n'),
          pilotesCell(input, m, desc),
          preuves.join('\n'),
        ];
      }),
    ),
    fonts,
    8,
  );

  doc.addPage().font(B).fontSize(14).text(w.preuvesManquantes).moveDown(0.4);
  const sans = faitSansPreuve(input, ctx.preuvesOf);
  doc.font(R).fontSize(10);
  if (sans.length === 0) doc.text(w.aucunFaitSansPreuve);
  else {
    doc.text(w.faitSansPreuve(f.count(sans.length))).moveDown(0.3);
    drawTable(doc, [{ title: w.no, width: 70 }, { title: w.intitule, width: 600 }], rows(sans.map((n) => [n.identifiant, n.nom])), fonts, 9);
  }
  doc.moveDown(1).font(B).fontSize(12).text(w.fichiersNonInclus).moveDown(0.3).font(R).fontSize(10);
  if (ctx.missingFiles.length === 0) doc.text(w.aucunFichierManquant);
  else for (const l of ctx.missingFiles) doc.text(t(`• ${l}`));

  if (input.historique) historiqueSection(doc, input.historique, t, rows, fonts, lang);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(R)
      .fontSize(7)
      .fillColor('#666666')
      .text(t(w.footer(input.workspace.nom, ref.nom, input.jalon.nom, i + 1, range.count)), 36, doc.page.height - 25, {
        width: doc.page.width - 72,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
  doc.end();
  return bytes;
}
