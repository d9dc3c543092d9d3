/**
 * Audit: the audit cycle of a referential and the auditor's workspace (issue 6 items 3–4; DOMAIN.md "Audit cycle").
 * The steps (préparation → audit demandé → audit ouvert → audit clos → décision) and the one action each allows;
 * the ordre du jour of the session (flagged mesures by axe, with état and notes); per mesure its état, flag, notes
 * and — while the audit is open — the statuts of its sous-actions and tâches, which only the auditor changes here
 * (`audit.setStatut`, recorded under the auditor's name); the auditor's report; the decision; earlier cycles stay
 * readable. The core refuses what is out of step, and its French message is shown as is.
 */
import { plural, tr } from '../i18n/tr';
import { useT } from '../i18n';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { InlineConfirm } from '../components/InlineConfirm';
import type { Referential } from '../../../shared/domain';
import { AuditeurStatuts, useInvalidateAll } from '../components/AuditeurStatuts';
import { InlineError, QueryState } from '../components/QueryState';
import { ETAT_OPTIONS, decisionSentence, etapeSentence, etapesState, etatLabel, type EtatAudit } from '../lib/audit';
import { fileToBase64 } from '../lib/files';
import { formatBytes, formatDate, formatDateTime, formatPointsRatio } from '../lib/format';
import { formatHash, navigate } from '../router';
import { useTRPC, type RouterOutputs } from '../trpc/client';
import { ReferentialSelect } from '../components/ReferentialSelect';
import { FilePicker } from '../components/FilePicker';
import { useDroits } from '../lib/droits';

type Cycle = RouterOutputs['audit']['cycles'][number];
type Mesure = RouterOutputs['audit']['espace']['mesures'][number];

export function AuditPage(props: { referentialId: string | null }) {
  const trpc = useTRPC();
  const { t } = useT();
  const list = useQuery(trpc.referentials.list.queryOptions());
  const referentialId = props.referentialId ?? list.data?.[0]?.id ?? null;
  return (
    <div className="page">
      <h1>{t('nav.audit')}</h1>
      <p className="muted">
        {t('audit.intro')}
      </p>
      <QueryState query={list} what={t('common.referentialList')}>
        {(refs) =>
          referentialId === null ? (
            <p>{t('audit.noReferential')}</p>
          ) : (
            <>
              <div className="toolbar">
                <ReferentialSelect
                  label={t('nav.referentiel')}
                  testId="audit-referential-select"
                  value={referentialId}
                  referentials={refs}
                  onSelect={(id) => navigate({ page: 'audit', referentialId: id })}
                />
              </div>
              <AuditReferential key={referentialId} referentialId={referentialId} />
            </>
          )
        }
      </QueryState>
    </div>
  );
}

function AuditReferential({ referentialId }: { referentialId: string }) {
  const trpc = useTRPC();
  const { t } = useT();
  const cycles = useQuery(trpc.audit.cycles.queryOptions({ referentialId }));
  const referential = useQuery({ ...trpc.referentials.get.queryOptions({ referentialId }), staleTime: Infinity });
  const [shown, setShown] = useState<number | null>(null);
  return (
    <QueryState query={cycles} what={t('audit.cycleWhat')}>
      {(all) => {
        const current = all.at(-1)!;
        const numero = shown ?? current.numero;
        const readOnly = numero !== current.numero;
        return (
          <>
            <CycleCard referentialId={referentialId} cycle={current} referential={referential.data} />
            {all.length > 1 && (
              <div className="toolbar">
                <label className="field-inline">
                  <span>{t('audit.cycleShown')}</span>
                  <select data-testid="audit-cycle-select" value={numero} onChange={(e) => setShown(Number(e.target.value))}>
                    {all.map((c) => (
                      <option key={c.numero} value={c.numero}>
                        {t('audit.cycle', { n: c.numero })}
                        {c.decision ? ` — ${decisionSentence(c.decision)}` : c.numero === current.numero ? ` ${t('audit.current')}` : ''}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            )}
            {referential.data && <Espace referentialId={referentialId} referential={referential.data} numero={numero} cycle={all.find((c) => c.numero === numero)!} readOnly={readOnly} />}
          </>
        );
      }}
    </QueryState>
  );
}

function CycleCard(props: { referentialId: string; cycle: Cycle; referential: Referential | undefined }) {
  const { referentialId, cycle } = props;
  const trpc = useTRPC();
  const { t } = useT();
  const invalidate = useInvalidateAll();
  const opts = { onSuccess: invalidate };
  const demander = useMutation(trpc.audit.demander.mutationOptions(opts));
  const retirer = useMutation(trpc.audit.retirer.mutationOptions(opts));
  const ouvrir = useMutation(trpc.audit.ouvrir.mutationOptions(opts));
  const clore = useMutation(trpc.audit.clore.mutationOptions(opts));
  const decider = useMutation(trpc.audit.decider.mutationOptions(opts));
  const nouveau = useMutation(trpc.audit.nouveauCycle.mutationOptions(opts));
  const rapport = useMutation(trpc.audit.attachRapport.mutationOptions(opts));
  const [auditeur, setAuditeur] = useState('');
  const [niveau, setNiveau] = useState<string>('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [commentaire, setCommentaire] = useState('');
  const error = demander.error ?? retirer.error ?? ouvrir.error ?? clore.error ?? decider.error ?? nouveau.error ?? rapport.error;
  // The decision ends the cycle and cannot be changed: asked once more, naming what is recorded.
  const [confirmDecision, setConfirmDecision] = useState(false);
  // A step taken: an error of an earlier step no longer applies.
  const resets = useRef<Array<() => void>>([]);
  resets.current = [demander.reset, retirer.reset, ouvrir.reset, clore.reset, decider.reset, nouveau.reset, rapport.reset];
  useEffect(() => {
    for (const reset of resets.current) reset();
    setConfirmDecision(false);
  }, [cycle.etape]);
  const niveaux = [...(props.referential?.niveaux ?? [])].sort((a, b) => a.rang - b.rang);
  // Each step's action for who may take it (lib/droits.tsx): the référent all, the auditeur closing and the report.
  const droits = useDroits();

  return (
    <section className="audit-cycle" aria-labelledby="audit-cycle-title" data-testid="audit-cycle" data-etape={cycle.etape}>
      <h2 id="audit-cycle-title">{t('audit.cycle', { n: cycle.numero })}</h2>
      <ol className="audit-etapes" data-testid="audit-etapes">
        {etapesState(cycle.etape).map((e) => (
          <li key={e.etape} className={`audit-etape is-${e.state}`} aria-current={e.state === 'en-cours' ? 'step' : undefined}>
            {e.label}
          </li>
        ))}
      </ol>
      <p data-testid="audit-etape-text">{etapeSentence(cycle)}</p>
      <dl className="audit-facts">
        {cycle.auditeur && (
          <>
            <dt>{t('roles.auditeur')}</dt>
            <dd data-testid="audit-auditeur">{cycle.auditeur}</dd>
          </>
        )}
        {cycle.jalonPreId !== null && (
          <>
            <dt>{t('audit.jalonPre')}</dt>
            <dd data-testid="audit-jalon-pre">{t('audit.jalonFige', { id: cycle.jalonPreId, date: formatDateTime(cycle.ouvertAt) })}</dd>
          </>
        )}
        {cycle.jalonPostId !== null && (
          <>
            <dt>{t('audit.jalonPost')}</dt>
            <dd data-testid="audit-jalon-post">
              {t('audit.jalonFige', { id: cycle.jalonPostId, date: formatDateTime(cycle.closAt) })} —{' '}
              <a
                data-testid="audit-comparer"
                href={formatHash({ page: 'comparaison', a: String(cycle.jalonPreId), b: String(cycle.jalonPostId), referentialId, tout: false })}
              >
                {t('audit.comparePre')}
              </a>
            </dd>
          </>
        )}
        {cycle.rapport && (
          <>
            <dt>{t('audit.rapport')}</dt>
            <dd data-testid="audit-rapport">
              {t('audit.rapportJoint', { name: cycle.rapport.fileName, size: formatBytes(cycle.rapport.size), by: cycle.rapport.addedBy, date: formatDate(cycle.rapport.addedAt) })}
            </dd>
          </>
        )}
        {cycle.decision && (
          <>
            <dt>{t('audit.etape_decision')}</dt>
            <dd data-testid="audit-decision">
              {decisionSentence(cycle.decision)}
              {cycle.decision.commentaire ? ` — ${cycle.decision.commentaire}` : ''}
            </dd>
          </>
        )}
      </dl>

      <div className="audit-actions">
        {cycle.etape === 'preparation' && droits.peut('audit.demander') && (
          <button type="button" data-testid="audit-demander" disabled={demander.isPending} onClick={() => demander.mutate({ referentialId })}>
            {t('audit.demander')}
          </button>
        )}
        {cycle.etape === 'demande' && droits.peut('audit.ouvrir') && (
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              ouvrir.mutate({ referentialId, auditeur });
            }}
          >
            <label className="field-inline">
              <span>{t('audit.auditeurNom')}</span>
              <input data-testid="audit-auditeur-input" value={auditeur} onChange={(e) => setAuditeur(e.target.value)} autoComplete="name" />
            </label>
            <button type="submit" data-testid="audit-ouvrir" disabled={ouvrir.isPending}>
              {t('audit.ouvrir')}
            </button>
            <button type="button" className="secondary" data-testid="audit-retirer" disabled={retirer.isPending} onClick={() => retirer.mutate({ referentialId })}>
              {t('audit.retirer')}
            </button>
          </form>
        )}
        {cycle.etape === 'ouvert' && droits.peut('audit.clore') && (
          <button type="button" data-testid="audit-clore" disabled={clore.isPending} onClick={() => clore.mutate({ referentialId })}>
            {t('audit.clore')}
          </button>
        )}
        {cycle.etape === 'clos' && droits.peut('audit.decider') && (
          <form
            className="audit-decision-form"
            onSubmit={(e) => {
              e.preventDefault();
              setConfirmDecision(true);
            }}
          >
            <label className="field-inline">
              <span>{t('audit.niveau')}</span>
              <select data-testid="audit-decision-niveau" value={niveau} onChange={(e) => setNiveau(e.target.value)}>
                <option value="">{t('audit.nonLabellise')}</option>
                {niveaux.map((n) => (
                  <option key={n.rang} value={n.rang}>
                    {n.nom}
                  </option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              <span>{t('audit.decisionDate')}</span>
              <input type="date" data-testid="audit-decision-date" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
            <label className="field-inline">
              <span>{t('audit.commentaire')}</span>
              <input data-testid="audit-decision-commentaire" value={commentaire} onChange={(e) => setCommentaire(e.target.value)} />
            </label>
            <button type="submit" data-testid="audit-decider" disabled={decider.isPending || confirmDecision}>
              {t('audit.decider')}
            </button>
            {confirmDecision && (
              <InlineConfirm
                testId="audit-decider-confirm"
                autoFocus
                message={t('audit.deciderConfirm', {
                  nom: niveau === '' ? t('audit.nonLabellise') : (niveaux.find((n) => String(n.rang) === niveau)?.nom ?? niveau),
                  date: formatDate(date),
                })}
                onCancel={() => setConfirmDecision(false)}
                actions={[
                  {
                    label: t('audit.decider'),
                    primary: true,
                    testId: 'audit-decider-ok',
                    onClick: () => decider.mutate({ referentialId, niveau: niveau === '' ? null : Number(niveau), date, commentaire: commentaire || null }),
                  },
                  { label: t('common.cancel'), testId: 'audit-decider-cancel', onClick: () => setConfirmDecision(false) },
                ]}
              />
            )}
          </form>
        )}
        {cycle.etape === 'decision' && droits.peut('audit.nouveauCycle') && (
          <button type="button" data-testid="audit-nouveau-cycle" disabled={nouveau.isPending} onClick={() => nouveau.mutate({ referentialId })}>
            {t('audit.nouveau')}
          </button>
        )}
        {(cycle.etape === 'ouvert' || cycle.etape === 'clos' || cycle.etape === 'decision') && droits.peut('audit.attachRapport') && (
          <FilePicker
            label={cycle.rapport ? t('audit.rapportReplace') : t('audit.rapportAttach')}
            testId="audit-rapport-input"
            onFiles={(files) => {
              const file = files[0]!;
              void fileToBase64(file).then((contentBase64) => rapport.mutate({ referentialId, fileName: file.name, contentBase64 }));
            }}
          />
        )}
      </div>
      <InlineError error={error} testId="audit-error" />
    </section>
  );
}

function Espace(props: { referentialId: string; referential: Referential; numero: number; cycle: Cycle; readOnly: boolean }) {
  const { referentialId, referential, cycle } = props;
  const trpc = useTRPC();
  const { t } = useT();
  // Who may not keep the audit (a lecteur, lib/droits.tsx) reads états and ordre du jour as text.
  const lecture = !useDroits().peut('audit.setEtat');
  const readOnly = props.readOnly || lecture;
  const espace = useQuery(trpc.audit.espace.queryOptions({ referentialId, numero: props.numero }));
  const [open, setOpen] = useState<string | null>(null);
  const canFlag = !readOnly && (cycle.etape === 'demande' || cycle.etape === 'ouvert');
  const canEtat = !readOnly && cycle.etape === 'ouvert';
  const canNote = !readOnly && (cycle.etape === 'demande' || cycle.etape === 'ouvert' || cycle.etape === 'clos');
  return (
    <QueryState query={espace} what={t('audit.espaceWhat')}>
      {(e) => {
        const flagged = e.mesures.filter((m) => m.ordreDuJour);
        const axes = referential.nodes.filter((n) => n.depth === 1 && flagged.some((m) => m.axeId === n.id));
        return (
          <>
            <section aria-labelledby="odj-title" data-testid="audit-ordre-du-jour">
              <h2 id="odj-title">{t('audit.odjTitle', { n: flagged.length })}</h2>
              {flagged.length === 0 ? (
                <p className="muted">{t('audit.odjEmpty')}</p>
              ) : (
                axes.map((axe) => (
                  <div key={axe.id} className="odj-axe">
                    <h3>
                      {axe.identifiant} {axe.nom}
                    </h3>
                    <ul>
                      {flagged
                        .filter((m) => m.axeId === axe.id)
                        .map((m) => (
                          <li key={m.nodeId} data-testid={`odj-${m.nodeId}`}>
                            <strong>
                              {m.identifiant} {m.nom}
                            </strong>{' '}
                            — {etatLabel(m.etat)}
                            {m.notes.length > 0 && (
                              <ul className="audit-notes">
                                {m.notes.map((n) => (
                                  <li key={n.id}>
                                    {n.texte} <span className="muted small">({n.auteur}, {formatDateTime(n.at)})</span>
                                  </li>
                                ))}
                              </ul>
                            )}
                          </li>
                        ))}
                    </ul>
                  </div>
                ))
              )}
            </section>
            <section aria-labelledby="mesures-title">
              <h2 id="mesures-title">{t('audit.mesures')}</h2>
              <table className="audit-mesures" data-testid="audit-mesures">
                <thead>
                  <tr>
                    <th scope="col">{t('jalons.no')}</th>
                    <th scope="col">{t('comparaison.intitule')}</th>
                    <th scope="col">{t('audit.points')}</th>
                    <th scope="col">{t('audit.etat')}</th>
                    <th scope="col">{t('audit.odj')}</th>
                    <th scope="col">{t('audit.notes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {e.mesures.map((m) => (
                    <MesureRow
                      key={m.nodeId}
                      referentialId={referentialId}
                      referential={referential}
                      mesure={m}
                      open={open === m.nodeId}
                      onToggle={() => setOpen(open === m.nodeId ? null : m.nodeId)}
                      canFlag={canFlag}
                      canEtat={canEtat}
                      canNote={canNote}
                      canStatut={canEtat}
                      lecture={lecture}
                    />
                  ))}
                </tbody>
              </table>
            </section>
          </>
        );
      }}
    </QueryState>
  );
}

function MesureRow(props: {
  referentialId: string;
  referential: Referential;
  mesure: Mesure;
  open: boolean;
  onToggle(): void;
  canFlag: boolean;
  canEtat: boolean;
  canNote: boolean;
  canStatut: boolean;
  /** The état and the ordre du jour as text (who may not change them). */
  lecture: boolean;
}) {
  const { referentialId, mesure: m } = props;
  const trpc = useTRPC();
  const { t } = useT();
  const invalidate = useInvalidateAll();
  const setEtat = useMutation(trpc.audit.setEtat.mutationOptions({ onSuccess: invalidate }));
  const setOdj = useMutation(trpc.audit.setOrdreDuJour.mutationOptions({ onSuccess: invalidate }));
  const addNote = useMutation(trpc.audit.addNote.mutationOptions({ onSuccess: invalidate }));
  const [note, setNote] = useState('');
  const error = setEtat.error ?? setOdj.error ?? addNote.error;
  return (
    <>
      <tr data-testid={`audit-mesure-${m.nodeId}`} data-etat={m.etat}>
        <td>{m.identifiant}</td>
        <td>{m.nom}</td>
        <td className="num">{formatPointsRatio(m.pointFait, m.pointPotentiel)}</td>
        <td>
          {props.lecture ? (
            <span data-testid={`audit-etat-${m.nodeId}`}>{etatLabel(m.etat)}</span>
          ) : (
            <select
              aria-label={t('audit.etatOf', { id: m.identifiant })}
              data-testid={`audit-etat-${m.nodeId}`}
              value={m.etat}
              disabled={!props.canEtat}
              onChange={(e) => setEtat.mutate({ referentialId, nodeId: m.nodeId, etat: e.target.value as EtatAudit })}
            >
              {ETAT_OPTIONS.map((o) => (
                <option key={o.etat} value={o.etat}>
                  {etatLabel(o.etat)}
                </option>
              ))}
            </select>
          )}
        </td>
        <td>
          {props.lecture ? (
            <span data-testid={`audit-odj-${m.nodeId}`}>{m.ordreDuJour ? t('perso.oui') : t('perso.non')}</span>
          ) : (
            <input
              type="checkbox"
              aria-label={t('audit.odjOf', { id: m.identifiant })}
              data-testid={`audit-odj-${m.nodeId}`}
              checked={m.ordreDuJour}
              disabled={!props.canFlag}
              onChange={(e) => setOdj.mutate({ referentialId, nodeId: m.nodeId, inscrite: e.target.checked })}
            />
          )}
        </td>
        <td>
          <button type="button" className="link-button" aria-expanded={props.open} data-testid={`audit-ouvrir-${m.nodeId}`} onClick={props.onToggle}>
            {props.open ? t('common.close') : `${tr(`audit.notes_${plural(m.notes.length)}`, { n: m.notes.length })}${props.canStatut ? ` · ${t('audit.statuts')}` : ''}`}
          </button>
        </td>
      </tr>
      {props.open && (
        <tr className="audit-mesure-detail">
          <td colSpan={6}>
            {m.notes.length > 0 && (
              <ul className="audit-notes" data-testid={`audit-notes-${m.nodeId}`}>
                {m.notes.map((n) => (
                  <li key={n.id}>
                    {n.texte} <span className="muted small">({n.auteur}, {formatDateTime(n.at)})</span>
                  </li>
                ))}
              </ul>
            )}
            {props.canNote && (
              <form
                className="toolbar"
                onSubmit={(e) => {
                  e.preventDefault();
                  addNote.mutate({ referentialId, nodeId: m.nodeId, texte: note }, { onSuccess: () => setNote('') });
                }}
              >
                <label className="field-inline grow">
                  <span>{t('audit.noteOn', { id: m.identifiant })}</span>
                  <textarea data-testid={`audit-note-input-${m.nodeId}`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
                </label>
                <button type="submit" data-testid={`audit-note-add-${m.nodeId}`} disabled={addNote.isPending}>
                  {t('audit.addNote')}
                </button>
              </form>
            )}
            {props.canStatut && <AuditeurStatuts referentialId={referentialId} referential={props.referential} mesureId={m.nodeId} />}
            <InlineError error={error} testId={`audit-mesure-error-${m.nodeId}`} />
          </td>
        </tr>
      )}
    </>
  );
}
