/**
 * What a pilote sees over the shared link (issue 5 item 4): only their criteria (« Mes critères » of their person,
 * by urgency), the score of each referential concerned, and per criterion: change the statut (the version shown is
 * sent back, a change made meanwhile by someone else comes back as a conflict with a « Recharger » button), add a
 * preuve (a file or a link), open the files of their criteria (`/preuves/<id>/fichier`, which the sharing listener
 * serves a pilote for their own criteria only). Everything else is refused by the core anyway (access.ts).
 */
import { useT } from '../i18n';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Statut } from '../../../shared/domain';
import { InlineError, QueryState } from '../components/QueryState';
import { shownError } from '../lib/errors';
import { fileToBase64, isHttpUrl } from '../lib/files';
import { formatDate, formatPercent } from '../lib/format';
import { STATUTS_BY_MODEL, statutLabel } from '../lib/statuts';
import { FilePicker } from '../components/FilePicker';
import { isBrowserMode, type RouterOutputs, useTRPC } from '../trpc/client';

type Critere = RouterOutputs['mesCriteres']['list']['criteres'][number];

export function EspacePilotePage(props: { personId: string; nom: string }) {
  const trpc = useTRPC();
  const { t } = useT();
  const list = useQuery(trpc.mesCriteres.list.queryOptions({ owner: { personId: props.personId } }));
  const referentialIds = [...new Set((list.data?.criteres ?? []).map((c) => c.referentialId))];
  return (
    <div className="page">
      <h1>{t('espacePilote.title', { nom: props.nom })}</h1>
      <div className="toolbar">
        {referentialIds.map((id) => (
          <Score key={id} referentialId={id} nom={list.data?.criteres.find((c) => c.referentialId === id)?.referentialNom ?? id} />
        ))}
      </div>
      <QueryState query={list} what={t('espacePilote.what')}>
        {(data) =>
          data.criteres.length === 0 ? (
            <p className="muted">{t('espacePilote.empty')}</p>
          ) : (
            <table className="table" data-testid="pilote-criteres">
              <thead>
                <tr>
                  <th>{t('mes.colUrgence')}</th>
                  <th>{t('mes.colEcheance')}</th>
                  <th>{t('mes.colCritere')}</th>
                  <th>{t('mes.colStatut')}</th>
                  <th>{t('nav.preuves')}</th>
                </tr>
              </thead>
              <tbody>
                {data.criteres.map((c) => (
                  <Ligne key={`${c.referentialId}|${c.nodeId}`} critere={c} />
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </div>
  );
}

function Score(props: { referentialId: string; nom: string }) {
  const trpc = useTRPC();
  const { t } = useT();
  const score = useQuery(trpc.scores.get.queryOptions({ referentialId: props.referentialId }));
  return (
    <p className="card" data-testid={`pilote-score-${props.referentialId}`} data-value={score.data?.root.score ?? ''}>
      {t('espacePilote.score', { nom: props.nom })} <strong>{score.data ? formatPercent(score.data.root.score) : '…'}</strong>
    </p>
  );
}

function Ligne(props: { critere: Critere }) {
  const c = props.critere;
  const trpc = useTRPC();
  const { t } = useT();
  const qc = useQueryClient();
  const refetch = () => void qc.invalidateQueries();
  const setStatut = useMutation(trpc.statuts.set.mutationOptions({ onSuccess: refetch }));
  const addFile = useMutation(trpc.preuves.addFile.mutationOptions({ onSuccess: refetch }));
  const addLink = useMutation(trpc.preuves.addLink.mutationOptions({ onSuccess: refetch }));
  const [url, setUrl] = useState('');
  const error = setStatut.error ?? addFile.error ?? addLink.error;
  const conflict = setStatut.error ? shownError(setStatut.error).code === 'CONFLICT' : false;
  const browser = isBrowserMode();
  return (
    <tr data-testid={`pilote-row-${c.nodeId}`} data-version={c.version}>
      <td className={`urgence urgence-${c.urgence}`}>{t(`mes.${c.urgence}`)}</td>
      <td>{c.echeance ? formatDate(c.echeance) : '—'}</td>
      <td>
        {c.identifiant} {c.nom}
      </td>
      <td>
        <select
          aria-label={t('espacePilote.statutOf', { id: c.identifiant })}
          data-testid={`pilote-statut-${c.nodeId}`}
          value={c.statut}
          disabled={setStatut.isPending}
          onChange={(ev) => setStatut.mutate({ referentialId: c.referentialId, nodeId: c.nodeId, statut: ev.target.value as Statut, expectedVersion: c.version })}
        >
          {STATUTS_BY_MODEL[c.model]
            .filter((s) => s !== 'detaille')
            .map((s) => (
              <option key={s} value={s}>
                {statutLabel(s, c.model)}
              </option>
            ))}
          {c.statut === 'detaille' && <option value="detaille">{statutLabel('detaille', c.model)}</option>}
        </select>
        {error && (
          <div>
            <InlineError error={error} testId={`pilote-error-${c.nodeId}`} />
            {conflict && (
              <button type="button" data-testid={`pilote-recharger-${c.nodeId}`} onClick={() => (setStatut.reset(), refetch())}>
                {t('espacePilote.reload')}
              </button>
            )}
          </div>
        )}
      </td>
      <td>
        <span data-testid={`pilote-preuves-${c.nodeId}`}>{c.preuves > 0 ? t('mes.fournies', { n: c.preuves }) : c.preuvesManquantes.length > 0 ? t('espacePilote.manquantes', { list: c.preuvesManquantes.join(', ') }) : t('mes.aucunePreuve')}</span>
        {browser && c.fichiers.length > 0 && (
          <ul className="plain small" data-testid={`pilote-fichiers-${c.nodeId}`}>
            {c.fichiers.map((f) => (
              <li key={f.id}>
                <a href={`/preuves/${encodeURIComponent(f.id)}/fichier`} download data-testid={`pilote-preuve-open-${f.id}`} title={t('preuves.openTitle', { name: f.fileName })}>
                  {f.titre}
                </a>
                {f.confidentiel && <span className="muted"> · {t('preuves.confidentielle')}</span>}
              </li>
            ))}
          </ul>
        )}
        <div className="toolbar">
          <FilePicker
            label={t('espacePilote.addFile')}
            accessibleLabel={t('espacePilote.addFileOf', { id: c.identifiant })}
            testId={`pilote-preuve-fichier-${c.nodeId}`}
            onFiles={(files) => {
              const f = files[0]!;
              void fileToBase64(f).then((contentBase64) => addFile.mutate({ referentialId: c.referentialId, nodeId: c.nodeId, fileName: f.name, contentBase64 }));
            }}
          />
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              if (isHttpUrl(url)) addLink.mutate({ referentialId: c.referentialId, nodeId: c.nodeId, url: url.trim() }, { onSuccess: () => setUrl('') });
            }}
          >
            <input aria-label={t('espacePilote.lienOf', { id: c.identifiant })} placeholder="https://…" data-testid={`pilote-preuve-lien-${c.nodeId}`} value={url} onChange={(ev) => setUrl(ev.target.value)} />
            <button type="submit" disabled={!isHttpUrl(url) || addLink.isPending}>
              {t('espacePilote.addLink')}
            </button>
          </form>
        </div>
      </td>
    </tr>
  );
}
