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
import { useDroits } from '../lib/droits';
import { PreuvesSection, useUploadFiles } from '../components/PreuvesSection';
import { QueryState } from '../components/QueryState';
import { conditionLink, conditionStatut, niveauOptionLabel, summaryText } from '../lib/candidature';
import { navigate } from '../router';
import { useTRPC, type RouterOutputs } from '../trpc/client';
import { tr } from '../i18n/tr';
import { useT } from '../i18n';
import { ReferentialSelect } from '../components/ReferentialSelect';

type ReadinessView = RouterOutputs['readiness']['get'];

export function CandidaturePage(props: { referentialId: string | null }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.referentials.list.queryOptions());
  // RGESN (weighted) has no niveaux: there is no label to ask for.
  const candidates = (list.data ?? []).filter((r) => r.model !== 'weighted');
  const referentialId = props.referentialId ?? candidates[0]?.id ?? null;

  return (
    <div className="page">
      <h1>{tr('candidature.title')}</h1>
      <p className="muted">{tr('candidature.intro')}</p>
      <QueryState query={list} what={tr('common.referentialList')}>
        {() =>
          referentialId === null ? (
            <p>{tr('candidature.none')}</p>
          ) : (
            <>
              <div className="toolbar">
                <ReferentialSelect
                  label={tr('candidature.referential')}
                  testId="candidature-referential-select"
                  value={referentialId}
                  referentials={candidates}
                  onSelect={(id) => navigate({ page: 'candidature', referentialId: id })}
                />
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
  // The conditions are worded by the core in the interface's language (issue 8 item 2); a switch asks again.
  const { lang } = useT();
  const readiness = useQuery({
    ...trpc.readiness.get.queryOptions(target === undefined ? { referentialId, lang } : { referentialId, target, lang }),
    placeholderData: (previous) => previous,
  });
  const documentsRef = useRef<HTMLElement>(null);
  const goToDocuments = () => {
    documentsRef.current?.scrollIntoView({ block: 'start' });
    documentsRef.current?.focus();
  };

  return (
    <QueryState query={readiness} what={tr('candidature.what')}>
      {(r) => (
        <>
          <div className="toolbar">
            <label className="field-inline">
              <span>{tr('candidature.target')}</span>
              <select data-testid="candidature-target" value={r.cible.rang} onChange={(e) => setTarget(Number(e.target.value))}>
                {r.niveaux.map((n) => (
                  <option key={n.rang} value={n.rang}>
                    {niveauOptionLabel(n)}
                    {n.rang === r.cibleParDefaut ? tr('candidature.reached') : ''}
                  </option>
                ))}
              </select>
            </label>
            {r.validiteAnnees !== null && <span className="muted small">{tr('candidature.validity', { n: r.validiteAnnees })}</span>}
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
      <h2 id="conditions-title">{tr('candidature.conditionsFor', { nom: readiness.cible.nom })}</h2>
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
                    <strong>{tr('candidature.todo')}</strong> {c.action}
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
  // Dropping documents is offered only to who may add them (lib/droits.tsx).
  const canDrop = useDroits().peut('preuves.addFile');

  return (
    <section
      ref={props.sectionRef}
      tabIndex={-1}
      className={`card documents-candidature${dragOver ? ' drag-over' : ''}`}
      data-testid="documents-candidature"
      aria-label={tr('candidature.documents')}
      {...(canDrop ? dropProps : {})}
    >
      <QueryState query={detail} what={tr('candidature.documentsWhat')}>
        {(d) => (
          <>
            <PreuvesSection
              referentialId={referentialId}
              nodeId={referentialId}
              preuves={d.preuves}
              preuvesAttendues={[]}
              upload={upload}
              title={tr('candidature.documents')}
              headingLevel={2}
              owner={tr('candidature.owner')}
              dropTarget={tr('candidature.dropTarget')}
              emptyText={tr('candidature.documentsEmpty')}
            />
            <p className="muted small">
              {props.expected
                ? tr('candidature.documentsExpected')
                : tr('candidature.documentsOptional')}
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
