/**
 * Comparaison (issue 6 item 2), `#/comparaison?a=<jalon>&b=<jalon|maintenant>[&ref=…][&tout=1]`: two states of one
 * referential side by side per node — potentiel, points and % fait / programmé / pas fait, statut — with the changed
 * values highlighted; by default only the changed rows (« Toutes les lignes » shows every node). The same figures
 * as the XLSX (« Exporter en XLSX », the national comparison layout) and the jalon's pack.
 */
import { fr } from '../i18n/fr';
import { plural, tr } from '../i18n/tr';
import { useT } from '../i18n';
import { useMutation, useQuery } from '@tanstack/react-query';
import { InlineError, QueryState } from '../components/QueryState';
import { CHAMPS, coteOf, valeurText } from '../lib/comparaison';
import { downloadBase64 } from '../lib/download';
import { formatCount } from '../lib/format';
import { navigate, type Route } from '../router';
import { useTRPC, type RouterOutputs } from '../trpc/client';
import { useDroits } from '../lib/droits';

type ComparaisonRoute = Extract<Route, { page: 'comparaison' }>;
type Jalon = RouterOutputs['jalons']['list'][number];

/** Referential ids a side holds: a jalon's, or the workspace's for « maintenant ». */
/** A side's label in the interface language: the live side's « Maintenant (date) » is the server's French wording. */
function sideLabel(side: { kind: string; label: string }): string {
  return side.kind === 'maintenant' ? side.label.replace(/^Maintenant/, tr('jalons.now')) : side.label;
}

/** A compared value; the statut column holds the server's French label (« Pas fait »), shown in the interface language. */
function cellText(kind: 'points' | 'percent' | 'text', v: number | string | null | undefined): string {
  if (kind === 'text' && typeof v === 'string') {
    const key = Object.entries(fr.statut).find(([, label]) => label === v)?.[0];
    if (key) return tr(`statut.${key}`);
  }
  return valeurText(kind, v);
}

function referentialsOf(cote: number | 'maintenant', jalons: Jalon[], live: string[]): string[] {
  return cote === 'maintenant' ? live : (jalons.find((j) => j.id === cote)?.referentiels.map((r) => r.referentialId) ?? []);
}

export function ComparaisonPage(props: { route: ComparaisonRoute }) {
  const trpc = useTRPC();
  const { t } = useT();
  const jalons = useQuery(trpc.jalons.list.queryOptions());
  const referentials = useQuery(trpc.referentials.list.queryOptions());
  const a = coteOf(props.route.a);
  const b = coteOf(props.route.b) ?? 'maintenant';
  const go = (patch: Partial<ComparaisonRoute>) => navigate({ ...props.route, ...patch });
  return (
    <div className="page page-wide">
      <h1>{t('comparaison.title')}</h1>
      <QueryState query={jalons} what={t('jalons.listWhat')}>
        {(list) => {
          if (list.length === 0) return <p data-testid="cmp-no-jalon">{t('comparaison.noJalon')}</p>;
          // A jalon named in the address that this workspace does not have (a stale or mistyped link): say so.
          const unknown = [a, b].find((c) => typeof c === 'number' && !list.some((j) => j.id === c));
          if (unknown !== undefined)
            return (
              <p className="avertissement" role="alert" data-testid="cmp-unknown-jalon">
                {t('comparaison.unknownJalon', { id: unknown })} <a href="#/jalons">{t('nav.jalons')}</a>
              </p>
            );
          const sideA = a ?? list[list.length - 1]!.id;
          const live = (referentials.data ?? []).map((r) => r.id);
          const inA = referentialsOf(sideA, list, live);
          const common = referentialsOf(b, list, live).filter((id) => inA.includes(id));
          const ref = props.route.referentialId ?? common[0] ?? null;
          const option = (j: Jalon) => (
            <option key={j.id} value={String(j.id)}>
              {t('comparaison.option', { id: j.id, nom: j.nom })}
            </option>
          );
          return (
            <>
              <div className="toolbar">
                <label className="field-inline">
                  <span>{t('jalons.stateA')}</span>
                  <select data-testid="cmp-a" value={String(sideA)} onChange={(e) => go({ a: e.target.value })}>
                    <option value="maintenant">{t('jalons.now')}</option>
                    {list.map(option)}
                  </select>
                </label>
                <label className="field-inline">
                  <span>{t('jalons.stateB')}</span>
                  <select data-testid="cmp-b" value={String(b)} onChange={(e) => go({ b: e.target.value })}>
                    <option value="maintenant">{t('jalons.now')}</option>
                    {list.map(option)}
                  </select>
                </label>
                {common.length > 1 && (
                  <label className="field-inline">
                    <span>{t('nav.referentiel')}</span>
                    <select data-testid="cmp-ref" value={ref ?? ''} onChange={(e) => go({ referentialId: e.target.value })}>
                      {common.map((id) => (
                        <option key={id} value={id}>
                          {id}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <label className="check">
                  <input type="checkbox" data-testid="cmp-tout" checked={props.route.tout} onChange={(e) => go({ tout: e.target.checked })} />
                  <span>{t('comparaison.tout')}</span>
                </label>
              </div>
              {ref === null ? (
                <p className="avertissement" role="alert" data-testid="cmp-no-common">
                  {t('comparaison.noCommon')}
                </p>
              ) : (
                <ComparisonTable a={sideA} b={b} referentialId={ref} tout={props.route.tout} />
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function ComparisonTable(props: { a: number | 'maintenant'; b: number | 'maintenant'; referentialId: string; tout: boolean }) {
  const trpc = useTRPC();
  const { t } = useT();
  const input = { a: props.a, b: props.b, referentialId: props.referentialId };
  const cmp = useQuery(trpc.jalons.compare.queryOptions({ ...input, seulementChanges: !props.tout }));
  const droits = useDroits();
  const xlsx = useMutation(trpc.jalons.compareXlsx.mutationOptions({ onSuccess: (r) => downloadBase64(r.fileName, r.base64) }));
  return (
    <QueryState query={cmp} what={t('comparaison.what')}>
      {(c) => (
        <>
          <div className="toolbar">
            <p data-testid="cmp-summary" data-value={c.changed}>
              {t('comparaison.summary', { nom: c.nom, a: sideLabel(c.a), b: sideLabel(c.b), changed: c.changed === 0 ? t('comparaison.noChange') : tr(`comparaison.changed_${plural(c.changed)}`, { n: formatCount(c.changed) }) })}
            </p>
            {droits.peut('jalons.compareXlsx') && (
              <button type="button" className="secondary" data-testid="cmp-xlsx" disabled={xlsx.isPending} onClick={() => xlsx.mutate(input)}>
                {xlsx.isPending ? t('export.running') : t('comparaison.xlsx')}
              </button>
            )}
          </div>
          <InlineError error={xlsx.error} testId="cmp-xlsx-error" />
          {c.lignes.length === 0 ? (
            <p data-testid="cmp-empty">{t('comparaison.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="comparaison" data-testid="cmp-table">
                <thead>
                  <tr>
                    <th scope="col" rowSpan={2}>
                      {t('jalons.no')}
                    </th>
                    <th scope="col" rowSpan={2}>
                      {t('comparaison.intitule')}
                    </th>
                    <th scope="colgroup" colSpan={CHAMPS.length} data-testid="cmp-label-a">
                      {sideLabel(c.a)}
                    </th>
                    <th scope="colgroup" colSpan={CHAMPS.length} className="cote-b" data-testid="cmp-label-b">
                      {sideLabel(c.b)}
                    </th>
                  </tr>
                  <tr>
                    {[...CHAMPS, ...CHAMPS].map((f, i) => (
                      <th key={i} scope="col" className={`${f.kind === 'text' ? '' : 'num'}${i >= CHAMPS.length ? ' cote-b' : ''}`} title={t(`comparaison.champ_${f.key}`)}>
                        {t(`comparaison.court_${f.key}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {c.lignes.map((l) => (
                    <tr key={l.nodeId} data-testid={`cmp-row-${l.nodeId}`} data-changes={l.changes.join(' ')} className={`depth-${Math.min(l.depth, 5)}${l.changes.length ? ' changed' : ''}`}>
                      <th scope="row">{l.identifiant || t('comparaison.total')}</th>
                      <td>{l.identifiant ? l.nom : ''}</td>
                      {CHAMPS.map((f) => (
                        <td key={`a-${f.key}`} className={f.kind === 'text' ? '' : 'num'} data-testid={`cmp-${l.nodeId}-a-${f.key}`}>
                          {l.a ? cellText(f.kind, l.a[f.key]) : t('comparaison.absent')}
                        </td>
                      ))}
                      {CHAMPS.map((f) => {
                        const changed = l.changes.includes(f.key);
                        return (
                          <td
                            key={`b-${f.key}`}
                            className={`cote-b${f.kind === 'text' ? '' : ' num'}${changed ? ' diff' : ''}`}
                            data-testid={`cmp-${l.nodeId}-b-${f.key}`}
                            data-changed={changed ? 'true' : undefined}
                          >
                            {l.b ? cellText(f.kind, l.b[f.key]) : t('comparaison.absent')}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </QueryState>
  );
}
