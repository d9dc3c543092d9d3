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
      <h1>Mes critères</h1>
      <div className="toolbar">
        <label className="field-inline">
          <span>Personne ou service</span>
          <select data-testid="mes-owner-select" value={key ?? ''} onChange={(e) => navigate({ page: 'mes-criteres', ownerKey: e.target.value || null })}>
            <option value="">— choisir —</option>
            <optgroup label="Personnes">
              {(people.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.nom}
                </option>
              ))}
            </optgroup>
            <optgroup label="Services">
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
        <h2 id="retards-titre">Qui est en retard ?</h2>
        <QueryState query={retards} what="la synthèse des retards">
          {(rows) =>
            rows.length === 0 ? (
              <p className="muted">Aucun pilote n'est encore désigné.</p>
            ) : (
              <table className="table" data-testid="retards">
                <thead>
                  <tr>
                    <th>Pilote</th>
                    <th>Critères</th>
                    <th>En retard</th>
                    <th>Échéance sous 30 jours</th>
                    <th>Sans preuve</th>
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
  return (
    <>
      <section className="card">
        <div className="toolbar">
          <button type="button" data-testid="mes-export" disabled={exportXlsx.isPending} onClick={() => exportXlsx.mutate({ owner: props.owner })}>
            Exporter le classeur (.xlsx)
          </button>
          <label className="field-inline">
            <span>Importer le classeur rempli (.xlsx ou .csv)</span>
            <input
              type="file"
              accept=".xlsx,.csv"
              data-testid="mes-import-file"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (!f) return;
                const picked = { fileName: f.name, base64: await fileToBase64(f) };
                setPicked(picked);
                setDecisions({});
                apply.reset();
                preview.mutate(picked);
              }}
            />
          </label>
        </div>
        <InlineError error={exportXlsx.error ?? preview.error ?? apply.error} testId="mes-error" />
        {preview.data && picked && !apply.data && (
          <ImportPreview apercu={preview.data} decisions={decisions} setDecisions={setDecisions} onConfirm={() => apply.mutate({ ...picked, decisions })} pending={apply.isPending} />
        )}
        {apply.data && (
          <p data-testid="mes-import-result" role="status">
            {apply.data.appliques} modification(s) appliquée(s), {apply.data.conflitsGardes} conflit(s) laissé(s) à la valeur de l'application, {apply.data.rejets.length} ligne(s) rejetée(s).
          </p>
        )}
      </section>
      <QueryState query={list} what="les critères">
        {(data) => (
          <section className="card">
            <h2>
              Critères de {data.owner.nom} <span className="muted">({data.criteres.length})</span>
            </h2>
            <table className="table" data-testid="mes-criteres">
              <thead>
                <tr>
                  <th>Urgence</th>
                  <th>Échéance</th>
                  <th>Référentiel</th>
                  <th>Critère</th>
                  <th>Statut</th>
                  <th>Preuves manquantes</th>
                </tr>
              </thead>
              <tbody>
                {data.criteres.map((c) => (
                  <tr key={`${c.referentialId}|${c.nodeId}`} data-testid={`mes-row-${c.nodeId}`} data-urgence={c.urgence}>
                    <td className={`urgence urgence-${c.urgence}`}>{URGENCE[c.urgence]}</td>
                    <td>{c.echeance ? formatDate(c.echeance) : '—'}</td>
                    <td>{c.referentialNom}</td>
                    <td>
                      <a href={formatHash({ page: 'referentiel', referentialId: c.referentialId, nodeId: c.nodeId })}>
                        {c.identifiant} {c.nom}
                      </a>
                    </td>
                    <td data-testid={`mes-statut-${c.nodeId}`}>{statutLabel(c.statut, c.model)}</td>
                    <td>{c.preuves > 0 ? `${c.preuves} fournie(s)` : c.preuvesManquantes.length > 0 ? c.preuvesManquantes.join(', ') : 'aucune preuve'}</td>
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
      <h3>Aperçu de l'import (export du {formatDate(apercu.exporteLe.slice(0, 10))}, {apercu.owner.nom})</h3>
      {apercu.changements.length === 0 && apercu.conflits.length === 0 && <p className="muted">Aucune modification dans ce fichier.</p>}
      {apercu.changements.length > 0 && (
        <table className="table" data-testid="mes-changes">
          <thead>
            <tr>
              <th>Critère</th>
              <th>Champ</th>
              <th>Avant</th>
              <th>Après</th>
            </tr>
          </thead>
          <tbody>
            {apercu.changements.map((c) => (
              <tr key={c.id}>
                <td>{c.identifiant}</td>
                <td>{CHAMP[c.champ]}</td>
                <td>{c.avant}</td>
                <td>{c.apres}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {apercu.conflits.length > 0 && (
        <>
          <h4>Conflits : modifiés dans l'application depuis l'export</h4>
          <table className="table" data-testid="mes-conflicts">
            <thead>
              <tr>
                <th>Critère</th>
                <th>Champ</th>
                <th>À l'export</th>
                <th>Application</th>
                <th>Fichier</th>
                <th>Décision</th>
              </tr>
            </thead>
            <tbody>
              {apercu.conflits.map((c) => (
                <tr key={c.id}>
                  <td>{c.identifiant}</td>
                  <td>{CHAMP[c.champ]}</td>
                  <td>{c.exporte}</td>
                  <td>{c.app}</td>
                  <td>{c.fichier}</td>
                  <td>
                    {(['app', 'fichier'] as const).map((d) => (
                      <label key={d} className="field-inline">
                        <input type="radio" name={c.id} checked={decisions[c.id] === d} onChange={() => props.setDecisions({ ...decisions, [c.id]: d })} />
                        {d === 'app' ? "Garder l'application" : 'Prendre le fichier'}
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
            <li key={`${r.ligne}-${r.cellule}`}>{r.message}</li>
          ))}
        </ul>
      )}
      <button type="button" data-testid="mes-confirm" disabled={undecided || props.pending} onClick={props.onConfirm}>
        Appliquer les modifications
      </button>
    </div>
  );
}
