/**
 * Export: builds the audit pack of a referential (`pack.export`), shows the file (its full path in Electron, only its
 * name in browser mode, where the server's folder means nothing), its entries and size, offers the download in
 * browser mode (`/exports/<fileName>`, served by electron/web.ts) and checks it
 * (`pack.verify`: hashes, manifest, names). Confidentiel preuves stay out of the pack (listed as retenues in
 * `_manifeste/fichiers-manquants.txt`) unless « Inclure les preuves confidentielles » is ticked.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { InlineError } from '../components/QueryState';
import { formatBytes, formatCount } from '../lib/format';
import { navigate } from '../router';
import { isBrowserMode, useTRPC } from '../trpc/client';

export function ExportPage(props: { referentialId: string | null }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.referentials.list.queryOptions());
  const referentialId = props.referentialId ?? list.data?.[0]?.id ?? null;
  const exportPack = useMutation(trpc.pack.export.mutationOptions());
  const verify = useMutation(trpc.pack.verify.mutationOptions());
  const [includeConfidentiel, setIncludeConfidentiel] = useState(false);

  // A new referential or a new pack invalidates the previous results on screen.
  const [shownFor, setShownFor] = useState(referentialId);
  useEffect(() => {
    if (shownFor === referentialId) return;
    setShownFor(referentialId);
    exportPack.reset();
    verify.reset();
  }, [referentialId, shownFor, exportPack, verify]);

  const result = exportPack.data;
  const browser = isBrowserMode();
  return (
    <div className="page">
      <h1>Export du pack d'audit</h1>
      <p className="muted">
        Le pack (zip) contient le rapport PDF, la grille XLSX et CSV, audit.json, les preuves rangées par critère, le manifeste et
        les empreintes SHA-256.
      </p>
      <div className="toolbar">
        <label className="field-inline">
          <span>Référentiel</span>
          <select
            data-testid="export-referential-select"
            value={referentialId ?? ''}
            onChange={(e) => navigate({ page: 'export', referentialId: e.target.value })}
          >
            {(list.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.nom} ({r.version})
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline" title="Sinon, elles sont listées comme retenues dans _manifeste/fichiers-manquants.txt">
          <input type="checkbox" data-testid="export-include-confidentiel" checked={includeConfidentiel} onChange={(e) => setIncludeConfidentiel(e.target.checked)} />
          <span>Inclure les preuves confidentielles</span>
        </label>
        <button
          type="button"
          data-testid="export-button"
          disabled={referentialId === null || exportPack.isPending}
          onClick={() => {
            verify.reset();
            if (referentialId) exportPack.mutate({ referentialId, includeConfidentiel });
          }}
        >
          {exportPack.isPending ? 'Export en cours…' : "Exporter le pack d'audit"}
        </button>
      </div>
      <InlineError error={exportPack.error} testId="export-error" />

      {result && (
        <section className="card" data-testid="export-result">
          <h2>Pack créé</h2>
          <dl className="facts">
            <dt>Fichier</dt>
            {/* The server's folder means nothing in a browser (it may even be another machine's /tmp): the name and the download link. */}
            <dd data-testid="export-path" className="path">
              {browser ? result.fileName : result.path}
            </dd>
            <dt>Entrées</dt>
            <dd data-testid="export-entries" data-value={result.entries}>
              {formatCount(result.entries)}
            </dd>
            <dt>Taille</dt>
            <dd data-testid="export-size" data-value={result.bytes}>
              {formatBytes(result.bytes)}
            </dd>
          </dl>
          <div className="row">
            {browser && (
              <a className="button" data-testid="export-download" href={`/exports/${encodeURIComponent(result.fileName)}`} download={result.fileName}>
                Télécharger le pack (zip)
              </a>
            )}
            <button type="button" className="secondary" data-testid="verify-button" disabled={verify.isPending} onClick={() => verify.mutate({ path: result.path })}>
              {verify.isPending ? 'Vérification…' : 'Vérifier le pack'}
            </button>
          </div>
          <InlineError error={verify.error} testId="verify-error" />
          {verify.data && (
            <div data-testid="verify-result" data-ok={verify.data.ok} role="status">
              {verify.data.ok ? (
                <p className="ok">Pack vérifié : {formatCount(verify.data.entries)} entrées, toutes les empreintes concordent.</p>
              ) : (
                <>
                  <p className="error">
                    Le pack présente {formatCount(verify.data.problems.length)} problème{verify.data.problems.length > 1 ? 's' : ''} :
                  </p>
                  <ul>
                    {verify.data.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
