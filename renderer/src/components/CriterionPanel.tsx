/**
 * The criterion panel (fiche) beside the tree: title, description/contexte as plain text, the node's score, the
 * statut selector and explication, pilotes / services / échéance, preuves (file picker, drag-and-drop onto the
 * panel, links) with the preuves attendues, and the node's history. Who may not change them (an invited auditeur or
 * lecteur, lib/droits.tsx) sees the statut, explication, pilotes and échéance as text and the preuves without forms. Escape closes it (after asking, when the
 * explication has unsaved text); opened from the keyboard, it takes the focus on its title.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useFileDrop } from '../lib/fileDrop';
import type { NodeScore, Referential, ReferentialNode } from '../../../shared/domain';
import { toPlainText } from '../lib/richText';
import { formatPercent, formatPts } from '../lib/format';
import { scoreCapOf } from '../lib/score-rules';
import { acceptsStatut, levelLabel, shownStatut } from '../lib/statuts';
import type { TreeIndex } from '../lib/tree';
import { useTRPC } from '../trpc/client';
import type { ExplicationControl } from './ExplicationEditor';
import { HistoryList } from './HistoryList';
import { formatHash } from '../router';
import { InlineConfirm } from './InlineConfirm';
import { NodeScoreBlock } from './NodeScoreBlock';
import { PilotesEditor, PilotesLecture } from './PilotesEditor';
import { PreuvesSection, useUploadFiles } from './PreuvesSection';
import { QueryState } from './QueryState';
import { StatutEditor, StatutLecture } from './StatutEditor';
import { useDroits } from '../lib/droits';
import { tr } from '../i18n/tr';

export interface CriterionPanelProps {
  referential: Referential;
  index: TreeIndex;
  node: ReferentialNode;
  score: NodeScore | null;
  /** Every node's score of the referential (for the rules that read other nodes, e.g. CAE 3.3.5 capped by 1.2.3). */
  scores?: Readonly<Record<string, NodeScore>>;
  /** Moves the focus to the title once shown (the panel was opened with Enter on a tree row). */
  focusTitle?: boolean;
  onClose(): void;
}

export function CriterionPanel({ referential, index, node, score, scores, focusTitle, onClose }: CriterionPanelProps) {
  const trpc = useTRPC();
  const referentialId = referential.id;
  const detail = useQuery(trpc.nodes.detail.queryOptions({ referentialId, nodeId: node.id }));
  // Preuves already on the node, to tell a re-uploaded file from a new one.
  const knownPreuves = useRef<ReadonlySet<string>>(new Set());
  knownPreuves.current = new Set(detail.data?.preuves.map((p) => p.id) ?? []);
  const upload = useUploadFiles(referentialId, node.id, () => knownPreuves.current);
  // An invited auditeur or lecteur sees the values as text (the core would refuse their changes anyway).
  const droits = useDroits();
  const canStatut = droits.peut('statuts.set');
  const canPilotes = droits.peut('nodes.setPilotes');
  const canAddFiles = droits.peut('preuves.addFile');
  const hasChildren = (index.children.get(node.id)?.length ?? 0) > 0;
  const editable = acceptsStatut(node, referential.model, referential.actionLevel, hasChildren);
  const level = levelLabel(referential.hierarchie[node.depth] ?? node.type);
  // The same badge as the tree row: none on a computed level (a mesure has no statut of its own).
  const badge = score ? shownStatut(node, score, referential.model, referential.actionLevel, hasChildren) : undefined;
  // A TETE tâche's sous-action, for the cascade note (tete-referentials.md §2.1).
  const parentNode = node.parentId !== null ? index.byId.get(node.parentId) : undefined;
  const parent = referential.model === 'tete' && parentNode && parentNode.depth > referential.actionLevel ? { id: parentNode.id, identifiant: parentNode.identifiant } : null;
  const explication = useRef<ExplicationControl | null>(null);
  const [closeAsked, setCloseAsked] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) title.current?.focus();
  }, [focusTitle]);

  /** Closes, or first asks when the explication has unsaved text. */
  const requestClose = () => {
    if (explication.current?.dirty()) setCloseAsked(true);
    else onClose();
  };
  // Escape anywhere closes the fiche (the focus may be on the page after a button it held went away), except where
  // Escape has a meaning of its own: the search box clears, an inline confirmation cancels (it stops the event).
  const requestCloseRef = useRef(requestClose);
  requestCloseRef.current = requestClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input[type="search"], select')) return;
      e.preventDefault();
      requestCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const { dragOver, dropProps } = useFileDrop((files) => upload.run(files));
  // Dropping files is offered only to who may add them.
  const dropTarget = canAddFiles ? dropProps : {};

  return (
    <aside
      className={`panel${dragOver ? ' drag-over' : ''}`}
      data-testid="criterion-panel"
      data-node-id={node.id}
      aria-labelledby="panel-title"
      {...dropTarget}
    >
      <header className="panel-header">
        <div>
          <p className="muted small">
            {capitalize(level)} <span className="ident">{node.identifiant}</span>
            {node.categorie ? ` · ${node.categorie}` : ''}
          </p>
          <h2 id="panel-title" data-testid="panel-title" tabIndex={-1} ref={title}>
            {node.nom}
          </h2>
        </div>
        <button type="button" className="icon" aria-label={tr('panel.close')} title={tr('panel.close')} data-testid="panel-close" onClick={requestClose}>
          ×
        </button>
      </header>
      {closeAsked && (
        <InlineConfirm
          testId="close-warning"
          autoFocus
          message={tr('panel.unsaved')}
          onCancel={() => setCloseAsked(false)}
          actions={[
            {
              label: tr('panel.saveClose'),
              primary: true,
              testId: 'close-save',
              onClick: () => {
                void explication.current?.save().then((ok) => (ok ? onClose() : setCloseAsked(false)));
              },
            },
            { label: tr('panel.discard'), testId: 'close-discard', onClick: onClose },
            { label: tr('panel.back'), testId: 'close-cancel', onClick: () => setCloseAsked(false) },
          ]}
        />
      )}

      {score && <NodeScoreBlock score={score} badge={badge} model={referential.model} breakdown={!editable || hasChildren} />}
      {scores && <ScoreCapNote node={node} scores={scores} index={index} referentialId={referentialId} />}

      {/* The referential's help (issue 8 item 6): every text it carries for the node; expected preuves are in PreuvesSection. */}
      <TextBlock title={tr('panel.description')} text={node.description} testId="panel-text-description" />
      <TextBlock title={tr('panel.contexte')} text={node.contexte} collapsed testId="panel-text-contexte" />
      <TextBlock title={tr('panel.exemples')} text={node.exemples} collapsed testId="panel-text-exemples" />
      <TextBlock title={referential.model === 'weighted' ? tr('panel.moyenControle') : tr('panel.perimetre')} text={node.perimetreEvaluation} collapsed testId="panel-text-perimetre" />
      <TextBlock title={tr('panel.ressources')} text={node.ressources} collapsed testId="panel-text-ressources" />
      <TextBlock title={tr('panel.reductionPotentiel')} text={node.reductionPotentiel} collapsed testId="panel-text-reduction" />

      <QueryState query={detail} what={tr('panel.what')}>
        {(d) => (
          <>
            {editable && !canStatut ? (
              <StatutLecture referential={referential} stored={d.statut} display={score?.statut ?? null} />
            ) : editable ? (
              <StatutEditor
                referential={referential}
                nodeId={node.id}
                stored={d.statut}
                display={score?.statut ?? null}
                parent={parent}
                explicationControl={explication}
              />
            ) : (
              <p className="muted small" data-testid="statut-computed">
                {tr('panel.computed', { levels: belowLevels(referential.hierarchie, node.depth) })}
              </p>
            )}
            {canPilotes ? (
              <PilotesEditor referentialId={referentialId} nodeId={node.id} pilotes={d.pilotes} services={d.services} echeance={d.echeance} />
            ) : (
              <PilotesLecture pilotes={d.pilotes} services={d.services} echeance={d.echeance} />
            )}
            <PreuvesSection
              referentialId={referentialId}
              nodeId={node.id}
              preuves={d.preuves}
              preuvesAttendues={d.preuvesAttendues}
              upload={upload}
            />
            <HistoryList events={d.history} model={referential.model} fullHref={formatHash({ page: 'historique', referentialId: referential.id, nodeId: node.id })} />
          </>
        )}
      </QueryState>
    </aside>
  );
}

/**
 * The referential's score rule on this node, when it has one (tete-referentials.md §2.3 step 6; CAE 3.3.5 is capped by
 * 1.2.3): the rule in the referential's words, the % fait of the nodes it reads (links) and of this one, and whether
 * the cap applies now.
 */
function ScoreCapNote(props: { node: ReferentialNode; scores: Readonly<Record<string, NodeScore>>; index: TreeIndex; referentialId: string }) {
  const cap = scoreCapOf(props.node, props.scores, props.index.byId);
  if (cap === null) return null;
  const lowest = cap.sources.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  return (
    <section className="text-block score-cap" data-testid="panel-score-cap" data-reached={cap.reached}>
      <h3>{tr('scoreBlock.capTitle')}</h3>
      <p className="prose">{cap.description ?? cap.formula}</p>
      <ul className="small">
        {cap.sources.map((src) => (
          <li key={src.nodeId}>
            <a href={formatHash({ page: 'referentiel', referentialId: props.referentialId, nodeId: src.nodeId })}>
              {tr('scoreBlock.capSource', { ident: src.identifiant, pct: formatPercent(src.ratio) })}
            </a>
          </li>
        ))}
        <li>{tr('scoreBlock.capOwn', { pct: formatPercent(cap.ratio) })}</li>
      </ul>
      <p className="small" data-testid="panel-score-cap-state">
        {cap.reached ? tr('scoreBlock.capReached', { ident: lowest.identifiant }) : tr('scoreBlock.capNotReached')}
        {cap.retires > 0 && ` ${tr('scoreBlock.capRetires', { pts: formatPts(cap.retires) })}`}
      </p>
    </section>
  );
}

function TextBlock(props: { title: string; text: string | null; collapsed?: boolean; testId?: string }) {
  const text = toPlainText(props.text);
  if (text === '') return null;
  if (props.collapsed) {
    return (
      <details className="text-block" data-testid={props.testId}>
        <summary>{props.title}</summary>
        <p className="prose">{text}</p>
      </details>
    );
  }
  return (
    <section className="text-block" data-testid={props.testId}>
      <h3>{props.title}</h3>
      <p className="prose">{text}</p>
    </section>
  );
}

/** Plural names of the levels under `depth`: TETE mesure → "sous-actions et tâches"; Label NR thème → "critères". */
function belowLevels(hierarchie: readonly string[], depth: number): string {
  // French and English both make these plurals with -s (critère → critères, task → tasks) but criterion.
  const names = hierarchie.slice(depth + 1).map((l) => (levelLabel(l) === 'criterion' ? 'criteria' : `${levelLabel(l)}s`));
  if (names.length === 0) return tr('level.critere_plural');
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} ${tr('level.and')} ${names[names.length - 1]}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
