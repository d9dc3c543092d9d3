/**
 * Statut selector of the criterion panel: a radio group of the model's statuts (lib/statuts.ts). Choosing a statut
 * saves it at once (`statuts.set`, one save at a time, the latest choice wins: lib/serialSave.ts), except Détaillé,
 * which opens three % inputs checked here before sending (lib/detail.ts). The radios are never disabled while
 * saving, so the focus and the arrow keys keep working (`aria-busy` says a save runs). A failed save puts the radio
 * back on the stored statut. On a TETE tâche whose sous-action has its own statut, a statut is saved only after an
 * inline confirmation (tete-referentials.md §2.1 cascade, lib/statutChoice.ts). Then the explication.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { Detail, DisplayStatut, Referential, Statut } from '../../../shared/domain';
import { shownError } from '../lib/errors';
import { detailToPercents, parseDetail, type DetailPercents } from '../lib/detail';
import { DetailForm } from './DetailForm';
import { formatDateTime } from '../lib/format';
import { createSerialSaver, type SerialSaver } from '../lib/serialSave';
import { cascadeHint, cascadeQuestion, checkedStatut, type ParentStatut } from '../lib/statutChoice';
import { STATUTS_BY_MODEL, statutLabel } from '../lib/statuts';
import { statutDeltas } from '../lib/whatIf';
import { useTRPC } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';
import { ExplicationEditor, type ExplicationControl } from './ExplicationEditor';
import { InlineConfirm } from './InlineConfirm';
import { StatutBadge } from './StatutBadge';
import { tr } from '../i18n/tr';

/** The stored statut row of `nodes.detail` (null when nothing was ever entered). */
export interface StoredStatut {
  statut: Statut;
  detail: [number, number, number] | null | readonly number[];
  explication: string | null;
  modifiedAt: string;
  modifiedBy: string;
  /** The row's version (issue 5 item 4): sent back as `expectedVersion`, so a concurrent change is a conflict. */
  version?: number;
}

interface Choice {
  statut: Statut;
  detail?: Detail;
}

export function StatutEditor(props: {
  referential: Referential;
  nodeId: string;
  stored: StoredStatut | null;
  /** The node's display statut from the engine (NodeScore.statut). */
  display: DisplayStatut | null;
  /** The parent sous-action of a TETE tâche (id and identifiant), for the cascade note; null otherwise. */
  parent: { id: string; identifiant: string } | null;
  explicationControl?: { current: ExplicationControl | null };
}) {
  const { referential, nodeId, stored, display } = props;
  const referentialId = referential.id;
  const model = referential.model;
  const trpc = useTRPC();
  const statutsList = useQuery(trpc.statuts.list.queryOptions({ referentialId }));
  // The personnalisation the core applies (§2.5), so "+0,6 pt" matches the score the save returns.
  const perso = useQuery(trpc.personnalisation.consequences.queryOptions({ referentialId }));
  // The « +0,6 pt » beside each choice scores the whole referential once per choice (CAE: 1 470 nodes, 5 times):
  // computed after the fiche is painted, so that opening it does not wait for them.
  const [deltas, setDeltas] = useState<Partial<Record<Statut, string>> | null>(null);
  useEffect(() => {
    setDeltas(null);
    if (!statutsList.data || !perso.data) return;
    const [rows, personnalisation] = [statutsList.data, perso.data];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDeltas(statutDeltas(referential, rows, nodeId, STATUTS_BY_MODEL[model], personnalisation)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [referential, statutsList.data, perso.data, nodeId, model]);
  const parent: ParentStatut | null = props.parent
    ? { identifiant: props.parent.identifiant, statut: statutsList.data?.find((r) => r.nodeId === props.parent!.id)?.statut ?? null }
    : null;
  const refresh = useRefresh();
  const groupId = useId();
  const storedChecked = checkedStatut(stored?.statut ?? null, display);
  const storedDetailKey = stored?.detail ? stored.detail.join('/') : '';
  const [choice, setChoice] = useState<Statut | null>(storedChecked);
  const [percents, setPercents] = useState<DetailPercents>(() => detailToPercents(stored?.detail));
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ choice: Choice; question: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const lastSent = useRef<Choice | null>(null);

  // The server is the truth: follow it when the stored row changes (after the saves, a cascade, another window),
  // unless saves are still running or the user is answering a confirmation.
  const storedRef = useRef({ checked: storedChecked, detail: stored?.detail ?? null });
  storedRef.current = { checked: storedChecked, detail: stored?.detail ?? null };
  useEffect(() => {
    if (busyRef.current) return;
    setChoice(storedRef.current.checked);
    setPercents(detailToPercents(storedRef.current.detail));
    setConfirm(null);
  }, [storedChecked, storedDetailKey]);

  // The version this editor's saves are based on: the displayed row's, then each save's answer (sharing: a change
  // made meanwhile by someone else is refused as a conflict instead of being overwritten).
  const versionRef = useRef(stored?.version ?? 0);
  useEffect(() => {
    if (!busyRef.current) versionRef.current = stored?.version ?? 0;
  }, [stored?.version]);
  const setStatut = useMutation(trpc.statuts.set.mutationOptions({ onSuccess: (res) => refresh.afterStatut(referentialId, res.score) }));
  const mutateRef = useRef(setStatut.mutateAsync);
  mutateRef.current = setStatut.mutateAsync;
  const saverRef = useRef<SerialSaver<Choice> | null>(null);
  saverRef.current ??= createSerialSaver(
    (c) =>
      mutateRef.current({ referentialId, nodeId, statut: c.statut, ...(c.detail ? { detail: c.detail } : {}), expectedVersion: versionRef.current }).then((res) => {
        versionRef.current = res.version;
        return res;
      }),
    (failed) => {
      busyRef.current = false;
      setBusy(false);
      // A refused whole statut: the radio goes back to what is stored (the error says why). A refused split keeps
      // the Détaillé form open with what was typed.
      if (failed && lastSent.current?.statut !== 'detaille') setChoice(storedRef.current.checked);
    },
  );

  const send = (c: Choice) => {
    setChoice(c.statut);
    setConfirm(null);
    lastSent.current = c;
    busyRef.current = true;
    setBusy(true);
    saverRef.current!.submit(c);
  };

  /** Sends `c`, or first asks the cascade question when it would reset the sous-action's own statut. */
  const sendOrConfirm = (c: Choice) => {
    const question = cascadeQuestion(parent, c.statut, model);
    if (question) {
      setChoice(c.statut);
      setConfirm({ choice: c, question });
    } else {
      send(c);
    }
  };

  const choose = (statut: Statut) => {
    setLocalError(null);
    setStatut.reset();
    setConfirm(null);
    if (statut === 'detaille') {
      setChoice('detaille');
      if (stored?.statut !== 'detaille') setPercents(['', '', '']);
      return;
    }
    sendOrConfirm({ statut });
  };

  const saveDetail = () => {
    setStatut.reset();
    const parsed = parseDetail(nodeId, percents);
    if (!parsed.ok) {
      setLocalError(parsed.message);
      return;
    }
    setLocalError(null);
    sendOrConfirm({ statut: 'detaille', detail: parsed.detail });
  };

  const cancelConfirm = () => {
    setConfirm(null);
    if (choice !== 'detaille') setChoice(storedRef.current.checked);
  };

  // While saves run, show nothing rather than a message a later answer may replace.
  const errorMessage = busy ? null : (localError ?? (setStatut.error ? shownError(setStatut.error).message : null));
  const hint = display === 'non_renseignable' ? cascadeHint(parent, model) : null;

  return (
    <section className="panel-section" aria-labelledby={`${groupId}-legend`}>
      {display === 'detaille_a_la_tache' && choice === null && (
        <p className="statut-note" data-testid="statut-hint">
          <strong>{tr('statutEditor.hintTitle')}</strong> <span className="muted">{tr('statutEditor.hintBody')}</span>
        </p>
      )}
      {hint && (
        <p className="statut-note" data-testid="statut-hint">
          {hint}
        </p>
      )}
      <fieldset className="statuts" data-testid="statut-group" aria-busy={busy}>
        <legend id={`${groupId}-legend`}>
          {tr('statutEditor.legend')}
          {busy && <span className="muted small">{tr('statutEditor.saving')}</span>}
        </legend>
        {STATUTS_BY_MODEL[model].map((s) => (
          <label key={s} className={`radio radio-${s}`}>
            <input
              type="radio"
              name={`${groupId}-statut`}
              value={s}
              checked={choice === s}
              data-testid={`statut-radio-${s}`}
              onChange={() => choose(s)}
            />
            {statutLabel(s, model)}
            {deltas?.[s] && (
              <span className="delta small" data-testid={`statut-delta-${s}`} title={tr('statutEditor.deltaTitle')}>
                {deltas[s]}
              </span>
            )}
          </label>
        ))}
      </fieldset>

      {choice === 'detaille' && (
        <DetailForm
          testId="detail"
          percents={percents}
          onChange={(next) => {
            setPercents(next);
            setLocalError(null);
          }}
          onSubmit={saveDetail}
        />
      )}

      {confirm && (
        <InlineConfirm
          testId="statut-confirm"
          message={confirm.question}
          onCancel={cancelConfirm}
          actions={[
            { label: tr('common.confirm'), primary: true, testId: 'statut-confirm-ok', onClick: () => send(confirm.choice) },
            { label: tr('common.cancel'), testId: 'statut-confirm-cancel', onClick: cancelConfirm },
          ]}
        />
      )}

      {errorMessage && (
        <p className="error" role="alert" data-testid="statut-error">
          {errorMessage}
          {setStatut.error && shownError(setStatut.error).code === 'CONFLICT' && (
            <>
              {' '}
              <button type="button" data-testid="statut-conflict-reload" onClick={() => (setStatut.reset(), refresh.afterNode(), refresh.afterScores())}>
                Recharger
              </button>
            </>
          )}
        </p>
      )}
      {stored && (
        <p className="muted small" data-testid="statut-modified">
          {tr('statutEditor.modified', { date: formatDateTime(stored.modifiedAt), who: stored.modifiedBy })}
        </p>
      )}

      <ExplicationEditor referentialId={referentialId} nodeId={nodeId} stored={stored?.explication ?? null} control={props.explicationControl} versionRef={versionRef} />
    </section>
  );
}

/**
 * The statut and explication as text, for who may not change them (an invited auditeur or lecteur: lib/droits.tsx):
 * the statut's badge, the split of a Détaillé statut, who changed it last, and the explication — no form.
 */
export function StatutLecture(props: { referential: Referential; stored: StoredStatut | null; display: DisplayStatut | null }) {
  const { stored, display } = props;
  const model = props.referential.model;
  const detail = stored?.statut === 'detaille' && stored.detail ? detailToPercents(stored.detail) : null;
  return (
    <section className="panel-section" data-testid="statut-lecture">
      <h3>{tr('statutEditor.legend')}</h3>
      <p>
        <StatutBadge statut={stored?.statut ?? display} model={model} testId="statut-lecture-badge" />
        {detail && (
          <span className="muted small" data-testid="statut-lecture-detail">
            {' '}
            {tr('statutEditor.fait')} {detail[0]} % · {tr('statutEditor.programme')} {detail[1]} % · {tr('statutEditor.pasFait')} {detail[2]} %
          </span>
        )}
      </p>
      {stored && (
        <p className="muted small" data-testid="statut-modified">
          {tr('statutEditor.modified', { date: formatDateTime(stored.modifiedAt), who: stored.modifiedBy })}
        </p>
      )}
      <h4>{tr('explication.label')}</h4>
      {stored?.explication ? (
        <p className="prose" data-testid="explication-lecture">
          {stored.explication}
        </p>
      ) : (
        <p className="muted small" data-testid="explication-lecture">
          {tr('explication.none')}
        </p>
      )}
    </section>
  );
}
