/**
 * Candidature: what still stands between the authority and the label level it wants (tete-referentials.md §3;
 * DOMAIN.md "Audit cycle", demande). Choose the referential and the target étoile / niveau (default: the one the
 * score reaches, §4.2), see each condition of `readiness.get` — Remplie / À faire / Sans objet in words, its detail
 * with numbers, what to do and a link to the node or screen — and attach the candidature documents (preuves on the
 * referential's root node) with the same preuve component as the fiche.
 */
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type RefObject } from 'react';
import { useFileDrop } from '../lib/fileDrop';
import { PreuvesSection, useUploadFiles } from '../components/PreuvesSection';
import { QueryState } from '../components/QueryState';
import { conditionLink, conditionStatut, niveauOptionLabel, summaryText } from '../lib/candidature';
import { navigate } from '../router';
import { useTRPC, type RouterOutputs } from '../trpc/client';

type ReadinessView = RouterOutputs['readiness']['get'];

export function CandidaturePage(props: { referentialId: string | null }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.referentials.list.queryOptions());
  // RGESN (weighted) has no niveaux: there is no label to ask for.
  const candidates = (list.data ?? []).filter((r) => r.model !== 'weighted');
  const referentialId = props.referentialId ?? candidates[0]?.id ?? null;

  return (
    <div className="page">
      <h1>Candidature au label</h1>
      <p className="muted">
        Avant une demande, l'organisme labellisateur vérifie la complétude, le score, les critères propres à certaines mesures, les documents de
        candidature et les référents nommés. Choisissez le niveau visé : chaque condition dit ce qui manque et où agir.
      </p>
      <QueryState query={list} what="la liste des référentiels">
        {() =>
          referentialId === null ? (
            <p>Aucun référentiel avec des niveaux de label n'est chargé.</p>
          ) : (
            <>
              <div className="toolbar">
                <label className="field-inline">
                  <span>Référentiel</span>
                  <select
                    data-testid="candidature-referential-select"
                    value={referentialId}
                    onChange={(e) => navigate({ page: 'candidature', referentialId: e.target.value })}
                  >
                    {candidates.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.nom} ({r.version})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {/* Keyed: another referential starts again from its own default target. */}
              <Checklist key={referentialId} referentialId={referentialId} />
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function Checklist({ referentialId }: { referentialId: string }) {
  const trpc = useTRPC();
  const [target, setTarget] = useState<number | undefined>(undefined);
  const readiness = useQuery({
    ...trpc.readiness.get.queryOptions(target === undefined ? { referentialId } : { referentialId, target }),
    placeholderData: (previous) => previous,
  });
  const documentsRef = useRef<HTMLElement>(null);
  const goToDocuments = () => {
    documentsRef.current?.scrollIntoView({ block: 'start' });
    documentsRef.current?.focus();
  };

  return (
    <QueryState query={readiness} what="la liste de candidature">
      {(r) => (
        <>
          <div className="toolbar">
            <label className="field-inline">
              <span>Niveau visé</span>
              <select data-testid="candidature-target" value={r.cible.rang} onChange={(e) => setTarget(Number(e.target.value))}>
                {r.niveaux.map((n) => (
                  <option key={n.rang} value={n.rang}>
                    {niveauOptionLabel(n)}
                    {n.rang === r.cibleParDefaut ? ' (seuil de score atteint)' : ''}
                  </option>
                ))}
              </select>
            </label>
            {r.validiteAnnees !== null && <span className="muted small">Label valable {r.validiteAnnees} ans.</span>}
          </div>
          <p className={`candidature-summary ${r.met ? 'is-met' : 'is-todo'}`} role="status" data-testid="candidature-summary" data-met={r.met} aria-busy={readiness.isFetching}>
            {summaryText(r)}
          </p>
          <Conditions referentialId={referentialId} readiness={r} onDocuments={goToDocuments} />
          <Documents referentialId={referentialId} sectionRef={documentsRef} expected={r.conditions.some((c) => c.id === 'documents-candidature')} />
        </>
      )}
    </QueryState>
  );
}

function Conditions(props: { referentialId: string; readiness: ReadinessView; onDocuments(): void }) {
  const { referentialId, readiness } = props;
  return (
    <section aria-labelledby="conditions-title">
      <h2 id="conditions-title">Conditions pour {readiness.cible.nom}</h2>
      <ul className="conditions" data-testid="conditions">
        {readiness.conditions.map((c) => {
          const statut = conditionStatut(c);
          const link = conditionLink(referentialId, c.where);
          return (
            <li key={c.id} className={`condition condition-${statut.key}`} data-testid={`condition-${c.id}`} data-met={c.met} data-statut={statut.key}>
              <span className={`badge ${statut.badge}`} data-testid={`condition-statut-${c.id}`}>
                <span aria-hidden="true">{statut.symbol} </span>
                {statut.text}
              </span>
              <div className="condition-body">
                <h3>{c.label}</h3>
                <p data-testid={`condition-detail-${c.id}`}>{c.detail}</p>
                {c.action && (
                  <p className="condition-action" data-testid={`condition-action-${c.id}`}>
                    <strong>À faire :</strong> {c.action}
                  </p>
                )}
                {link && (c.action || link.kind === 'href') && (
                  <p className="condition-link">
                    {link.kind === 'href' ? (
                      <a href={link.href} data-testid={`condition-link-${c.id}`}>
                        {link.text}
                      </a>
                    ) : (
                      <button type="button" className="link-button" data-testid={`condition-link-${c.id}`} onClick={props.onDocuments}>
                        {link.text}
                      </button>
                    )}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Documents(props: { referentialId: string; sectionRef: RefObject<HTMLElement | null>; expected: boolean }) {
  const { referentialId } = props;
  const trpc = useTRPC();
  // Candidature documents are preuves on the referential's root node, whose id is the referential id.
  const detail = useQuery(trpc.nodes.detail.queryOptions({ referentialId, nodeId: referentialId }));
  const known = useRef<ReadonlySet<string>>(new Set());
  known.current = new Set(detail.data?.preuves.map((p) => p.id) ?? []);
  const upload = useUploadFiles(referentialId, referentialId, () => known.current);
  const { dragOver, dropProps } = useFileDrop((files) => upload.run(files));

  return (
    <section
      ref={props.sectionRef}
      tabIndex={-1}
      className={`card documents-candidature${dragOver ? ' drag-over' : ''}`}
      data-testid="documents-candidature"
      aria-label="Documents de candidature"
      {...dropProps}
    >
      <QueryState query={detail} what="les documents de candidature">
        {(d) => (
          <>
            <PreuvesSection
              referentialId={referentialId}
              nodeId={referentialId}
              preuves={d.preuves}
              preuvesAttendues={[]}
              upload={upload}
              title="Documents de candidature"
              headingLevel={2}
              owner="la candidature"
              dropTarget="sur ce cadre"
              emptyText="Aucun document de candidature pour l'instant. Déposez des fichiers sur ce cadre ou ajoutez un lien."
            />
            <p className="muted small">
              {props.expected
                ? "Ils sont rattachés au référentiel lui-même et vont dans le pack d'audit (dossier « preuves »)."
                : "Ce référentiel n'en exige pas pour la demande ; ceux joints ici vont dans le pack d'audit (dossier « preuves »)."}
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
