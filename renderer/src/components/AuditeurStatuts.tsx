/**
 * The auditor's statuts of a mesure on the Audit screen (issue 6 item 4; pages/AuditPage.tsx): its sous-actions and
 * tâches (TETE) or the critère itself, each a select changed through `audit.setStatut` in the auditor's name,
 * « Détaillé » with its split (DetailForm). Also `useInvalidateAll`, which every audit write calls.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Detail, Referential, ReferentialNode, Statut } from '../../../shared/domain';
import { useT } from '../i18n';
import { tr } from '../i18n/tr';
import { detailToPercents, parseDetail, type DetailPercents } from '../lib/detail';
import { STATUTS_BY_MODEL, statutLabel } from '../lib/statuts';
import { useTRPC } from '../trpc/client';
import { DetailForm } from './DetailForm';
import { InlineError } from './QueryState';

/** Everything a cycle step changes: the cycle, the statuts (locks), the jalons, the history. */
export function useInvalidateAll() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries();
}

/** The nodes whose statut belongs to a mesure: TETE sous-actions and tâches under it; the critère itself otherwise. */
function statutNodesOf(ref: Referential, mesureId: string): ReferentialNode[] {
  if (ref.model !== 'tete') return ref.nodes.filter((n) => n.id === mesureId);
  const under = new Set([mesureId]);
  const out: ReferentialNode[] = [];
  for (const n of ref.nodes) {
    if (n.parentId !== null && under.has(n.parentId)) {
      under.add(n.id);
      if (n.depth > ref.actionLevel) out.push(n);
    }
  }
  return out;
}

/**
 * The auditor's statut selectors of a mesure's sous-actions and tâches (`audit.setStatut`, in the auditor's name),
 * « Détaillé » included: choosing it opens the three % of its split (the fiche's DetailForm); a sous-action
 * « Détaillé à la tâche » is changed through its tâches below it.
 */
export function AuditeurStatuts(props: { referentialId: string; referential: Referential; mesureId: string }) {
  const { referentialId, referential } = props;
  const trpc = useTRPC();
  const { t } = useT();
  const invalidate = useInvalidateAll();
  const statuts = useQuery(trpc.statuts.list.queryOptions({ referentialId }));
  // The engine's display statut: a sous-action without a statut of its own whose tâches have one is « Détaillé à
  // la tâche » (tete-referentials.md §2.1), not « Non renseigné »; its tâches are changed below it.
  const score = useQuery(trpc.scores.get.queryOptions({ referentialId }));
  const set = useMutation(trpc.audit.setStatut.mutationOptions({ onSuccess: invalidate }));
  const nodes = statutNodesOf(referential, props.mesureId);
  return (
    <div className="audit-statuts">
      <h4>{t('audit.statutsTitle')}</h4>
      <ul>
        {nodes.map((n) => {
          const stored = statuts.data?.find((s) => s.nodeId === n.id);
          const parTache = (stored?.statut ?? 'non_renseigne') === 'non_renseigne' && score.data?.nodes[n.id]?.statut === 'detaille_a_la_tache';
          return (
            <AuditeurStatutRow
              key={n.id}
              node={n}
              referential={referential}
              stored={stored ? { statut: stored.statut, detail: stored.detail } : null}
              parTache={parTache}
              pending={set.isPending}
              onSet={(statut, detail) => set.mutate({ referentialId, nodeId: n.id, statut, ...(detail ? { detail } : {}) })}
            />
          );
        })}
      </ul>
      <InlineError error={set.error} testId="audit-statut-error" />
    </div>
  );
}

/** One node of AuditeurStatuts: its select, and the split of « Détaillé » when it is chosen or stored. */
function AuditeurStatutRow(props: {
  node: ReferentialNode;
  referential: Referential;
  stored: { statut: Statut; detail: readonly number[] | null } | null;
  parTache: boolean;
  pending: boolean;
  onSet(statut: Statut, detail?: Detail): void;
}) {
  const { node: n, referential } = props;
  const stored = props.stored?.statut ?? 'non_renseigne';
  const [editing, setEditing] = useState(false);
  const [percents, setPercents] = useState<DetailPercents>(() => detailToPercents(props.stored?.detail));
  const [error, setError] = useState<string | null>(null);
  // The stored split may arrive after the row is drawn (statuts.list still loading): show it once it does.
  const storedKey = props.stored?.detail?.join('/') ?? '';
  const storedDetail = useRef(props.stored?.detail);
  storedDetail.current = props.stored?.detail;
  useEffect(() => {
    if (!editing) setPercents(detailToPercents(storedDetail.current));
  }, [storedKey, editing]);
  const value: Statut | 'detaille_a_la_tache' = editing ? 'detaille' : props.parTache ? 'detaille_a_la_tache' : stored;
  return (
    <li style={{ paddingLeft: `${(n.depth - referential.actionLevel - 1) * 1.2}em` }}>
      <label className="field-inline">
        <span>
          {n.identifiant} {n.nom}
        </span>
        <select
          data-testid={`audit-statut-${n.id}`}
          value={value}
          disabled={value === 'detaille_a_la_tache'}
          title={value === 'detaille_a_la_tache' ? tr('audit.parTacheHint') : undefined}
          onChange={(e) => {
            const next = e.target.value as Statut;
            setError(null);
            if (next === 'detaille') {
              setEditing(true);
              setPercents(stored === 'detaille' ? detailToPercents(props.stored?.detail) : ['', '', '']);
              return;
            }
            setEditing(false);
            props.onSet(next);
          }}
        >
          {value === 'detaille_a_la_tache' && <option value="detaille_a_la_tache">{tr('statut.detaille_a_la_tache')}</option>}
          {STATUTS_BY_MODEL[referential.model].map((s) => (
            <option key={s} value={s}>
              {statutLabel(s, referential.model)}
            </option>
          ))}
        </select>
      </label>
      {(editing || stored === 'detaille') && (
        <DetailForm
          testId={`audit-detail-${n.id}`}
          label={tr('audit.detailLabel', { ident: n.identifiant })}
          percents={percents}
          onChange={(next) => {
            setPercents(next);
            setError(null);
          }}
          onSubmit={() => {
            const parsed = parseDetail(n.id, percents);
            if (!parsed.ok) return setError(parsed.message);
            // Stays on « Détaillé » while the answer comes (the stored statut then says the same).
            props.onSet('detaille', parsed.detail);
          }}
        />
      )}
      {error && (
        <p className="error small" role="alert" data-testid={`audit-detail-error-${n.id}`}>
          {error}
        </p>
      )}
    </li>
  );
}
