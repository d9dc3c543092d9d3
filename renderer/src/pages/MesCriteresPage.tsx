/**
 * « Mes critères » (issue 5): pick a person or a service and see their criteria across referentials, sorted by
 * urgency (late first, then due soonest, then no date), with statut, échéance and missing preuves; the lead's
 * overview « Qui est en retard ? »; the spreadsheet round trip: export the pilote's workbook, import it back with a
 * preview (changes before → after, conflicts to decide, rejected rows with sheet and cell) applied on confirmation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InlineError, QueryState } from '../components/QueryState';
import { fileToBase64 } from '../lib/files';
import { formatDate } from '../lib/format';
import { statutLabel } from '../lib/statuts';
import { formatHash, navigate } from '../router';
import { type RouterOutputs, useTRPC } from '../trpc/client';
import { i18next, tr } from '../i18n/tr';
import { FilePicker } from '../components/FilePicker';
import { useDroits } from '../lib/droits';

type Apercu = RouterOutputs['mesCriteres']['previewImport'];
const URGENCE: Record<string, string> = { en_retard: 'En retard', a_venir: 'À venir', sans_date: 'Sans échéance', termine: 'Terminé' };
const CHAMP: Record<string, string> = { statut: 'Statut', explication: 'Explication', echeance: 'Échéance' };

/** `ownerKey` is `<personId>` or `service:<serviceId>` (the hash `#/mes-criteres/<ownerKey>`). */
export function MesCriteresPage(props: { ownerKey: string | null }) {
  const trpc = useTRPC();
  const people = useQuery(trpc.people.list.queryOptions());
  const services = useQuery(trpc.services.list.queryOptions());
  const retards = useQuery(trpc.mesCriteres.retards.queryOptions());
  const key = props.ownerKey;
  const owner = key === null ? null : key.startsWith('service:') ? { serviceId: key.slice(8) } : { personId: key };
  return (
    <div className="page">
      <h1>{tr('mes.title')}</h1>
      <div className="toolbar">
        <label className="field-inline">
          <span>{tr('mes.owner')}</span>
          <select data-testid="mes-owner-select" value={key ?? ''} onChange={(e) => navigate({ page: 'mes-criteres', ownerKey: e.target.value || null })}>
            <option value="">{tr('mes.choose')}</option>
            <optgroup label={tr('mes.people')}>
              {(people.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.nom}
                </option>
              ))}
            </optgroup>
            <optgroup label={tr('mes.services')}>
              {(services.data ?? []).map((s) => (
                <option key={s.id} value={`service:${s.id}`}>
                  {s.nom}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </div>
      <section className="card" aria-labelledby="retards-titre">
        <h2 id="retards-titre">{tr('mes.late')}</h2>
        <QueryState query={retards} what={tr('mes.lateWhat')}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="muted">{tr('mes.noPilote')}</p>
            ) : (
              <table className="table" data-testid="retards">
                <thead>
                  <tr>
                    <th>{tr('mes.colPilote')}</th>
                    <th>{tr('mes.colCriteres')}</th>
                    <th>{tr('mes.colRetard')}</th>
                    <th>{tr('mes.col30')}</th>
                    <th>{tr('mes.colSansPreuve')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.personId} data-testid={`retard-${r.personId}`}>
                      <td>
                        <a href={formatHash({ page: 'mes-criteres', ownerKey: r.personId })}>{r.nom}</a>
                      </td>
                      <td>{r.criteres}</td>
                      <td data-testid={`retard-late-${r.personId}`}>{r.enRetard}</td>
                      <td>{r.sous30Jours}</td>
                      <td>{r.sansPreuve}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </section>
      {owner && <OwnerCriteres owner={owner} />}
    </div>
  );
}

function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function OwnerCriteres(props: { owner: { personId: string } | { serviceId: string } }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.mesCriteres.list.queryOptions({ owner: props.owner }));
  const exportXlsx = useMutation(trpc.mesCriteres.exportXlsx.mutationOptions({ onSuccess: (r) => download(r.fileName, r.base64) }));
  const preview = useMutation(trpc.mesCriteres.previewImport.mutationOptions());
  const apply = useMutation(trpc.mesCriteres.applyImport.mutationOptions({ onSuccess: () => qc.invalidateQueries() }));
  const [picked, setPicked] = useState<{ fileName: string; base64: string } | null>(null);
  const [decisions, setDecisions] = useState<Record<string, 'app' | 'fichier'>>({});
  // The pilote's workbook (export and import) is the référent's tool (lib/droits.tsx).
  const droits = useDroits();
  return (
    <>
      <section className="card">
        {droits.peut('mesCriteres.exportXlsx') && (
          <div className="toolbar">
            <button type="button" data-testid="mes-export" disabled={exportXlsx.isPending} onClick={() => exportXlsx.mutate({ owner: props.owner })}>
              {tr('mes.export')}
            </button>
            <FilePicker
              label={tr('mes.import')}
              testId="mes-import-file"
              accept=".xlsx,.csv"
              onFiles={(files) => {
                const f = files[0]!;
                void fileToBase64(f).then((base64) => {
                  const picked = { fileName: f.name, base64 };
                  setPicked(picked);
                  setDecisions({});
                  apply.reset();
                  preview.mutate(picked);
                });
              }}
            />
          </div>
        )}
        {(preview.isPending || apply.isPending) && (
          // No real measure nor cancel here: the workbook is read in one go, and the changes go in one transaction.
          <div className="import-progress" role="status" data-testid="mes-import-progress">
            <progress aria-label={tr('mes.progressLabel')} />
            <span className="small">{preview.isPending ? tr('mes.analysing') : tr('mes.applying')}</span>
          </div>
        )}
        <InlineError error={exportXlsx.error ?? preview.error ?? apply.error} testId="mes-error" />
        {preview.data && picked && !apply.data && (
          <ImportPreview apercu={preview.data} decisions={decisions} setDecisions={setDecisions} onConfirm={() => apply.mutate({ ...picked, decisions })} pending={apply.isPending} />
        )}
        {apply.data && (
          <p data-testid="mes-import-result" role="status">
            {tr('mes.applied', { applied: apply.data.appliques, kept: apply.data.conflitsGardes, rejected: apply.data.rejets.length })}
          </p>
        )}
      </section>
      <QueryState query={list} what={tr('mes.what')}>
        {(data) => (
          <section className="card">
            <h2>
              {tr('mes.criteresOf', { nom: data.owner.nom })} <span className="muted">({data.criteres.length})</span>
            </h2>
            <table className="table" data-testid="mes-criteres">
              <thead>
                <tr>
                  <th>{tr('mes.colUrgence')}</th>
                  <th>{tr('mes.colEcheance')}</th>
                  <th>{tr('mes.colReferentiel')}</th>
                  <th>{tr('mes.colCritere')}</th>
                  <th>{tr('mes.colStatut')}</th>
                  <th>{tr('mes.colManquantes')}</th>
                </tr>
              </thead>
              <tbody>
                {data.criteres.map((c) => (
                  <tr key={`${c.referentialId}|${c.nodeId}`} data-testid={`mes-row-${c.nodeId}`} data-urgence={c.urgence}>
                    <td className={`urgence urgence-${c.urgence}`}>{c.urgence in URGENCE ? tr(`mes.${c.urgence}`) : c.urgence}</td>
                    <td>{c.echeance ? formatDate(c.echeance) : '—'}</td>
                    <td>{c.referentialNom}</td>
                    <td>
                      <a href={formatHash({ page: 'referentiel', referentialId: c.referentialId, nodeId: c.nodeId })}>
                        {c.identifiant} {c.nom}
                      </a>
                    </td>
                    <td data-testid={`mes-statut-${c.nodeId}`}>{statutLabel(c.statut, c.model)}</td>
                    <td>{c.preuves > 0 ? tr('mes.fournies', { n: c.preuves }) : c.preuvesManquantes.length > 0 ? c.preuvesManquantes.join(', ') : tr('mes.aucunePreuve')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </QueryState>
    </>
  );
}

function ImportPreview(props: {
  apercu: Apercu;
  decisions: Record<string, 'app' | 'fichier'>;
  setDecisions: (d: Record<string, 'app' | 'fichier'>) => void;
  onConfirm: () => void;
  pending: boolean;
}) {
  const { apercu, decisions } = props;
  const undecided = apercu.conflits.some((c) => decisions[c.id] === undefined);
  return (
    <div data-testid="mes-preview">
      <h3>{tr('mes.preview', { date: formatDate(apercu.exporteLe.slice(0, 10)), nom: apercu.owner.nom })}</h3>
      {apercu.changements.length === 0 && apercu.conflits.length === 0 && <p className="muted">{tr('mes.noChange')}</p>}
      {apercu.changements.length > 0 && (
        <table className="table" data-testid="mes-changes">
          <thead>
            <tr>
              <th>{tr('mes.colCritere')}</th>
              <th>{tr('mes.colChamp')}</th>
              <th>{tr('mes.colAvant')}</th>
              <th>{tr('mes.colApres')}</th>
            </tr>
          </thead>
          <tbody>
            {apercu.changements.map((c) => (
              <tr key={c.id}>
                <td>{c.identifiant}</td>
                <td>{c.champ in CHAMP ? tr(`mesChamp.${c.champ}`) : c.champ}</td>
                <td>{c.avant}</td>
                <td>{c.apres}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {apercu.conflits.length > 0 && (
        <>
          <h4>{tr('mes.conflicts')}</h4>
          <table className="table" data-testid="mes-conflicts">
            <thead>
              <tr>
                <th>{tr('mes.colCritere')}</th>
                <th>{tr('mes.colChamp')}</th>
                <th>{tr('mes.colAtExport')}</th>
                <th>{tr('mes.colApp')}</th>
                <th>{tr('mes.colFichier')}</th>
                <th>{tr('mes.colDecision')}</th>
              </tr>
            </thead>
            <tbody>
              {apercu.conflits.map((c) => (
                <tr key={c.id}>
                  <td>{c.identifiant}</td>
                  <td>{c.champ in CHAMP ? tr(`mesChamp.${c.champ}`) : c.champ}</td>
                  <td>{c.exporte}</td>
                  <td>{c.app}</td>
                  <td>{c.fichier}</td>
                  <td>
                    {(['app', 'fichier'] as const).map((d) => (
                      <label key={d} className="field-inline">
                        <input type="radio" name={c.id} checked={decisions[c.id] === d} onChange={() => props.setDecisions({ ...decisions, [c.id]: d })} />
                        {d === 'app' ? tr('mes.keepApp') : tr('mes.takeFile')}
                      </label>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {apercu.rejets.length > 0 && (
        <ul className="error" data-testid="mes-rejects">
          {apercu.rejets.map((r) => (
            // The core sends each rejected row's sentence in both languages (issue 8 item 2).
            <li key={`${r.ligne}-${r.cellule}`}>{i18next.language === 'en' ? r.messageEn : r.message}</li>
          ))}
        </ul>
      )}
      <button type="button" data-testid="mes-confirm" disabled={undecided || props.pending} onClick={props.onConfirm}>
        {tr('mes.apply')}
      </button>
    </div>
  );
}
