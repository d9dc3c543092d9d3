/**
 * Statut selector of the criterion panel: a radio group of the model's statuts (lib/statuts.ts). Choosing a statut
 * saves it at once (`statuts.set`), except Détaillé which opens three % inputs (fait / programmé / pas fait)
 * saved with a button; the server's error (DETAIL_INVALID…) is shown inline. Then the explication, saved on blur
 * or with its button (`statuts.setExplication`).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Referential, Statut } from '../../../shared/domain';
import { shownError } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { detailToPercents, parseDetail, STATUTS_BY_MODEL, statutLabel, type DetailPercents } from '../lib/statuts';
import { useTRPC } from '../trpc/client';
import { useRefresh } from '../trpc/refresh';
import { statutDeltas } from '../lib/whatIf';
import { InlineError } from './QueryState';

/** The stored statut row of `nodes.detail` (null when nothing was ever entered). */
export interface StoredStatut {
  statut: Statut;
  detail: [number, number, number] | null | readonly number[];
  explication: string | null;
  modifiedAt: string;
  modifiedBy: string;
}

export function StatutEditor(props: { referential: Referential; nodeId: string; stored: StoredStatut | null }) {
  const { referential, nodeId, stored } = props;
  const referentialId = referential.id;
  const model = referential.model;
  const trpc = useTRPC();
  const statutsList = useQuery(trpc.statuts.list.queryOptions({ referentialId }));
  const deltas = useMemo(
    () => (statutsList.data ? statutDeltas(referential, statutsList.data, nodeId, STATUTS_BY_MODEL[model]) : null),
    [referential, statutsList.data, nodeId, model],
  );
  const refresh = useRefresh();
  const groupId = useId();
  const storedStatut: Statut = stored?.statut ?? 'non_renseigne';
  const [choice, setChoice] = useState<Statut>(storedStatut);
  const [percents, setPercents] = useState<DetailPercents>(() => detailToPercents(stored?.detail));
  const [localError, setLocalError] = useState<string | null>(null);

  // The server is the truth: follow it when the stored row changes (after a save, a cascade, another window).
  useEffect(() => {
    setChoice(storedStatut);
    setPercents(detailToPercents(stored?.detail));
  }, [storedStatut, stored?.detail]);

  const setStatut = useMutation(
    trpc.statuts.set.mutationOptions({
      onSuccess: (res) => refresh.afterStatut(referentialId, res.score),
    }),
  );

  const choose = (statut: Statut) => {
    setChoice(statut);
    setLocalError(null);
    setStatut.reset();
    if (statut === 'detaille') {
      if (stored?.statut !== 'detaille') setPercents(['', '', '']);
      return;
    }
    setStatut.mutate({ referentialId, nodeId, statut });
  };

  const saveDetail = () => {
    const parsed = parseDetail(percents);
    if (!parsed.ok) {
      // Still ask the server: its French message is the reference, ours only helps while typing.
      setLocalError(parsed.message);
    } else {
      setLocalError(null);
    }
    const detail: [number, number, number] = parsed.ok ? parsed.detail : (percents.map((p) => Number(p.replace(',', '.')) / 100 || 0) as [number, number, number]);
    setStatut.mutate({ referentialId, nodeId, statut: 'detaille', detail });
  };

  // The server's UserError message wins; a bare validation refusal (no UserError) is better explained by ours.
  const server = setStatut.error ? shownError(setStatut.error) : null;
  // While the server has not answered, show nothing rather than a message it may replace a moment later.
  const errorMessage = setStatut.isPending ? null : server && (server.code !== 'INPUT_INVALID' || localError === null) ? server.message : localError;

  const total = percents.reduce((sum, p) => sum + (Number(p.replace(',', '.')) || 0), 0);

  return (
    <section className="panel-section" aria-labelledby={`${groupId}-legend`}>
      <fieldset className="statuts" data-testid="statut-group" disabled={setStatut.isPending}>
        <legend id={`${groupId}-legend`}>Statut</legend>
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
              <span className="delta small" data-testid={`statut-delta-${s}`} title="Effet sur le score global (aperçu)">
                {deltas[s]}
              </span>
            )}
          </label>
        ))}
      </fieldset>

      {choice === 'detaille' && (
        <div className="detail" data-testid="detail-form">
          {(['fait', 'programme', 'pas-fait'] as const).map((k, i) => (
            <label key={k} className="field-inline">
              <span>{['Fait', 'Programmé', 'Pas fait'][i]} (%)</span>
              <input
                type="number"
                inputMode="decimal"
                min={0}
                max={100}
                step={0.1}
                data-testid={`detail-${k}`}
                value={percents[i]}
                onChange={(e) => {
                  const next = [...percents] as DetailPercents;
                  next[i] = e.target.value;
                  setPercents(next);
                }}
              />
            </label>
          ))}
          <span className={`small ${Math.round(total * 10) === 1000 ? 'ok' : 'muted'}`} data-testid="detail-total" aria-live="polite">
            Total : {new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(total)}{'\u202f'}%
          </span>
          <button type="button" data-testid="detail-save" onClick={saveDetail} disabled={setStatut.isPending}>
            Enregistrer la répartition
          </button>
        </div>
      )}

      {errorMessage && (
        <p className="error" role="alert" data-testid="statut-error">
          {errorMessage}
        </p>
      )}
      {stored && (
        <p className="muted small" data-testid="statut-modified">
          Modifié le {formatDateTime(stored.modifiedAt)} par {stored.modifiedBy}
        </p>
      )}

      <ExplicationEditor referentialId={referentialId} nodeId={nodeId} stored={stored?.explication ?? null} />
    </section>
  );
}

function ExplicationEditor(props: { referentialId: string; nodeId: string; stored: string | null }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const id = useId();
  const [text, setText] = useState(props.stored ?? '');
  useEffect(() => setText(props.stored ?? ''), [props.stored]);
  const save = useMutation(trpc.statuts.setExplication.mutationOptions({ onSuccess: () => refresh.afterNode() }));
  const dirty = text !== (props.stored ?? '');
  const submit = () => {
    if (!dirty || save.isPending) return;
    save.mutate({ referentialId: props.referentialId, nodeId: props.nodeId, explication: text.trim() === '' ? null : text });
  };

  return (
    <div className="field">
      <label htmlFor={`${id}-explication`}>Explication</label>
      <textarea
        id={`${id}-explication`}
        data-testid="explication"
        rows={4}
        placeholder="Justifiez le statut : ce qui est fait, par qui, où en trouver la preuve."
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={submit}
      />
      <div className="row">
        <button type="button" className="secondary" data-testid="explication-save" onClick={submit} disabled={!dirty || save.isPending}>
          Enregistrer l'explication
        </button>
        <span className="muted small" aria-live="polite" data-testid="explication-state">
          {save.isPending ? 'Enregistrement…' : dirty ? 'Modifications non enregistrées' : save.isSuccess ? 'Enregistré' : ''}
        </span>
      </div>
      <InlineError error={save.error} testId="explication-error" />
    </div>
  );
}
