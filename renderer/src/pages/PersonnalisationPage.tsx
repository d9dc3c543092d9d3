/**
 * Personnalisation (tete-referentials.md §2.5): the authority's identity and the competence questions, grouped by
 * thématique, each with its answer, its justification and the mesures its answer changes (with the effect the
 * current answers have). Answers are saved at once (`personnalisation.setReponse`); the scores of every screen
 * follow. Questions hidden by their condition are shown only when they hold an answer (kept, not counted). Who may
 * not answer (an invited auditeur or lecteur, lib/droits.tsx) sees the identity and the answers as text.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { RouterOutputs } from '../trpc/client';
import { InlineError, QueryState } from '../components/QueryState';
import { fileToBase64 } from '../lib/files';
import { formatCount, formatDateTime, formatPts } from '../lib/format';
import { toPlainText } from '../lib/richText';
import { formatHash } from '../router';
import { useTRPC } from '../trpc/client';
import { plural, tr } from '../i18n/tr';
import { FilePicker } from '../components/FilePicker';
import { useDroits } from '../lib/droits';

type Questionnaire = RouterOutputs['personnalisation']['questionnaire'];
type Item = Questionnaire['thematiques'][number]['questions'][number];
type Identite = Questionnaire['identite'];

/** Invalidates every query: an answer or the identity can change any score, tree or card. */
function useAfterChange() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries();
}

export function PersonnalisationPage() {
  const trpc = useTRPC();
  const q = useQuery(trpc.personnalisation.questionnaire.queryOptions());
  const droits = useDroits();
  const lecture = !droits.peut('personnalisation.setReponse');
  return (
    <div className="page">
      <h1>{tr('perso.title')}</h1>
      <p className="muted">{tr('perso.intro')}</p>
      <QueryState query={q} what={tr('perso.what')}>
        {(data) => (
          <>
            {droits.peut('personnalisation.setIdentite') ? <IdentiteForm identite={data.identite} /> : <IdentiteLecture identite={data.identite} />}
            {data.questionsManquantes.length > 0 && droits.peut('personnalisation.importQuestions') && <QuestionsImport manquantes={data.questionsManquantes} />}
            {data.reponsesOrphelines.length > 0 && (
              <p className="muted" data-testid="reponses-orphelines">
                {tr('perso.orphans', { ids: data.reponsesOrphelines.map((r) => r.questionId).join(', ') })}
              </p>
            )}
            {data.thematiques.length === 0 && data.questionsManquantes.length === 0 && (
              <p>{tr('perso.nothing')}</p>
            )}
            {data.thematiques.map((t) => (
              <ThematiqueSection key={t.thematique.id} nom={t.thematique.nom} id={t.thematique.id} items={t.questions} lecture={lecture} />
            ))}
          </>
        )}
      </QueryState>
    </div>
  );
}

/** The identity type options; labels from the catalogue section `identityType` (key '' → `none`). */
const TYPES: Array<{ value: '' | 'commune' | 'EPCI' }> = [{ value: '' }, { value: 'commune' }, { value: 'EPCI' }];
const SOUSTYPES: Array<{ value: '' | 'epci_a_fiscalite_propre' | 'syndicat' | 'pole' }> = [
  { value: '' },
  { value: 'epci_a_fiscalite_propre' },
  { value: 'syndicat' },
  { value: 'pole' },
];
const typeLabel = (value: string) => tr(`identityType.${value || 'none'}`);

/** The identity as text (who may not change it). */
function IdentiteLecture({ identite }: { identite: Identite }) {
  const id = useId();
  const aire = identite.dansAireUrbaine === null ? tr('perso.nonPrecise') : identite.dansAireUrbaine ? tr('perso.oui') : tr('perso.non');
  return (
    <section className="card identite" aria-labelledby={`${id}-h`} data-testid="identite">
      <h2 id={`${id}-h`}>{tr('perso.identite')}</h2>
      <dl className="lecture" data-testid="identite-lecture">
        <dt>{tr('perso.type')}</dt>
        <dd>{typeLabel(identite.type ?? '')}</dd>
        {identite.type === 'EPCI' && (
          <>
            <dt>{tr('perso.soustype')}</dt>
            <dd>{typeLabel(identite.soustype ?? '')}</dd>
          </>
        )}
        <dt>{tr('perso.population')}</dt>
        <dd>{identite.population === null ? tr('perso.nonPrecise') : formatCount(identite.population)}</dd>
        <dt>{tr('perso.aire')}</dt>
        <dd>{aire}</dd>
        <dt>{tr('perso.dom')}</dt>
        <dd>{identite.localisation === 'DOM' ? tr('perso.oui') : tr('perso.non')}</dd>
      </dl>
    </section>
  );
}

function IdentiteForm({ identite }: { identite: Identite }) {
  const trpc = useTRPC();
  const id = useId();
  const after = useAfterChange();
  const [type, setType] = useState<'' | 'commune' | 'EPCI'>(identite.type ?? '');
  const [soustype, setSoustype] = useState<(typeof SOUSTYPES)[number]['value']>((identite.soustype ?? '') as (typeof SOUSTYPES)[number]['value']);
  const [population, setPopulation] = useState(identite.population === null ? '' : String(identite.population));
  const [dom, setDom] = useState(identite.localisation === 'DOM');
  const [aire, setAire] = useState(identite.dansAireUrbaine === null ? '' : identite.dansAireUrbaine ? 'oui' : 'non');
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation(trpc.personnalisation.setIdentite.mutationOptions({ onSuccess: after }));
  // « Identité enregistrée » must not stay on screen over edits that are not saved yet.
  const edited = () => {
    if (save.isSuccess || save.isError) save.reset();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const text = population.replace(/\s/g, '');
    if (text !== '' && !/^\d+$/.test(text)) {
      setLocalError(tr('perso.populationInvalid', { value: population }));
      return;
    }
    setLocalError(null);
    save.mutate({
      type: type === '' ? null : type,
      soustype: type === 'EPCI' && soustype !== '' ? soustype : null,
      population: text === '' ? null : Number(text),
      localisation: dom ? 'DOM' : 'Metropole',
      dansAireUrbaine: aire === '' ? null : aire === 'oui',
    });
  };
  return (
    <section className="card identite" aria-labelledby={`${id}-h`} data-testid="identite">
      <h2 id={`${id}-h`}>{tr('perso.identite')}</h2>
      <form onSubmit={submit} className="identite-form">
        <div className="field">
          <label htmlFor={`${id}-type`}>{tr('perso.type')}</label>
          <select id={`${id}-type`} value={type} onChange={(e) => (edited(), setType(e.target.value as typeof type))} data-testid="identite-type">
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {typeLabel(t.value)}
              </option>
            ))}
          </select>
        </div>
        {type === 'EPCI' && (
          <div className="field">
            <label htmlFor={`${id}-soustype`}>{tr('perso.soustype')}</label>
            <select id={`${id}-soustype`} value={soustype} onChange={(e) => (edited(), setSoustype(e.target.value as typeof soustype))}>
              {SOUSTYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {typeLabel(t.value)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-pop`}>{tr('perso.population')}</label>
          <input id={`${id}-pop`} inputMode="numeric" value={population} onChange={(e) => (edited(), setPopulation(e.target.value))} data-testid="identite-population" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-aire`}>{tr('perso.aire')}</label>
          <select id={`${id}-aire`} value={aire} onChange={(e) => (edited(), setAire(e.target.value))}>
            <option value="">{tr('perso.nonPrecise')}</option>
            <option value="oui">{tr('perso.oui')}</option>
            <option value="non">{tr('perso.non')}</option>
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={dom} onChange={(e) => (edited(), setDom(e.target.checked))} data-testid="identite-dom" /> {tr('perso.dom')}
        </label>
        <div className="toolbar">
          <button type="submit" disabled={save.isPending} data-testid="identite-save">
            {tr('perso.saveIdentite')}
          </button>
          {save.isSuccess && !save.isPending && (
            <span className="ok" role="status">
              {tr('perso.saved')}
            </span>
          )}
        </div>
        {localError && (
          <p className="error" role="alert">
            {localError}
          </p>
        )}
        <InlineError error={save.error} />
      </form>
    </section>
  );
}

function QuestionsImport({ manquantes }: { manquantes: string[] }) {
  const trpc = useTRPC();
  const id = useId();
  const after = useAfterChange();
  const input = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const mutation = useMutation(trpc.personnalisation.importQuestions.mutationOptions({ onSuccess: after }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) {
      setReadError(tr('perso.chooseFiles'));
      return;
    }
    try {
      setReadError(null);
      mutation.mutate({ files: await Promise.all(files.slice(0, 4).map(async (f) => ({ name: f.name, contentBase64: await fileToBase64(f) }))) });
    } catch (err) {
      setReadError(tr('perso.readError', { message: (err as Error).message }));
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="questions-import">
      <h2 id={`${id}-h`}>{tr('perso.questionsToImport')}</h2>
      <p>
        {tr(`perso.questionsMissing_${plural(manquantes.length)}`, { n: formatCount(manquantes.length), ids: `${manquantes.slice(0, 6).join(', ')}${manquantes.length > 6 ? '…' : ''}` })}
      </p>
      <form onSubmit={(e) => void submit(e)} className="toolbar">
        <FilePicker label={tr('perso.filesLabel')} testId="questions-files" accept=".csv,text/csv" multiple reset={false} inputRef={input} onFiles={() => setReadError(null)} />
        <button type="submit" disabled={mutation.isPending}>
          {tr('perso.importQuestions')}
        </button>
      </form>
      {readError && (
        <p className="error" role="alert">
          {readError}
        </p>
      )}
      <InlineError error={mutation.error} />
    </section>
  );
}

function ThematiqueSection({ id, nom, items, lecture }: { id: string; nom: string; items: Item[]; lecture: boolean }) {
  const shown = items.filter((i) => i.visible || i.reponse !== null);
  const answered = shown.filter((i) => i.visible && i.reponse !== null).length;
  const visibles = shown.filter((i) => i.visible).length;
  if (shown.length === 0) return null;
  return (
    <section className="thematique" aria-labelledby={`thematique-${id}`} data-testid={`thematique-${id}`}>
      <h2 id={`thematique-${id}`}>
        {nom}{' '}
        <span className="muted small">
          {tr(`perso.answers_${plural(visibles)}`, { answered: formatCount(answered), total: formatCount(visibles) })}
        </span>
      </h2>
      {shown.map((item) => (
        <QuestionCard key={item.question.id} item={item} lecture={lecture} />
      ))}
    </section>
  );
}

/** A stored proportion (fraction 0..1) as the French percentage the user typed: 0.35 → « 35 », 0.125 → « 12,5 ». */
const pctText = (v: number): string => (Math.round(v * 1e6) / 1e4).toLocaleString('fr-FR', { maximumFractionDigits: 2, useGrouping: false });
const ouiNon = (v: unknown): string => (v === true ? tr('perso.oui') : v === false ? tr('perso.non') : typeof v === 'number' ? `${pctText(v)} %` : String(v));

function QuestionCard({ item, lecture }: { item: Item; lecture: boolean }) {
  const { question, reponse } = item;
  const trpc = useTRPC();
  const id = useId();
  const after = useAfterChange();
  const save = useMutation(trpc.personnalisation.setReponse.mutationOptions({ onSuccess: after }));
  const [justification, setJustification] = useState(reponse?.justification ?? '');
  const [pct, setPct] = useState(typeof reponse?.valeur === 'number' ? pctText(reponse.valeur) : '');
  const [pctError, setPctError] = useState<string | null>(null);
  useEffect(() => setJustification(reponse?.justification ?? ''), [reponse?.justification]);

  const send = (valeur: boolean | string | number | null) => save.mutate({ questionId: question.id, valeur, justification: justification.trim() === '' ? null : justification });
  const savePct = () => {
    const text = pct.trim().replace(',', '.').replace(/\s*%$/, '');
    if (text === '') return send(null);
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0 || n > 100) {
      setPctError(tr('perso.pctInvalid', { value: pct }));
      return;
    }
    setPctError(null);
    // Percent with at most 2 decimals → a fraction without float noise (12,5 % → 0.125, not 0.12500000000000003).
    send(Math.round(n * 100) / 10000);
  };
  const name = `q-${question.id}`;
  const valeurText = (v: unknown) => ouiNon(question.type === 'choix' ? (question.choix.find((c) => c.id === v)?.formulation ?? v) : v);
  if (lecture) {
    // The answer as text, for who may not answer (lib/droits.tsx).
    return (
      <section className={`question${item.visible ? '' : ' question-masquee'}`} data-testid={`question-${question.id}`}>
        <h3 className="legend">{question.formulation}</h3>
        {!item.visible && <p className="muted small">{tr('perso.hidden')}</p>}
        {question.description && <p className="small">{toPlainText(question.description)}</p>}
        <p data-testid={`question-${question.id}-reponse`}>{reponse ? <strong>{valeurText(reponse.valeur)}</strong> : <span className="muted">{tr('perso.noAnswer')}</span>}</p>
        {reponse?.justification && (
          <p className="small">
            <span className="muted">{tr('perso.justification')}</span> — {reponse.justification}
          </p>
        )}
        {reponse && (
          <p className="muted small" data-testid={`question-${question.id}-auteur`}>
            {tr('perso.answeredBy', { value: valeurText(reponse.valeur), who: reponse.modifiedBy, date: formatDateTime(reponse.modifiedAt) })}
          </p>
        )}
        <Impacts item={item} />
      </section>
    );
  }
  return (
    <fieldset className={`question${item.visible ? '' : ' question-masquee'}`} data-testid={`question-${question.id}`} aria-busy={save.isPending}>
      <legend>{question.formulation}</legend>
      {!item.visible && (
        <p className="muted small">{tr('perso.hidden')}</p>
      )}
      {question.description && <p className="small">{toPlainText(question.description)}</p>}
      {question.type === 'binaire' && (
        <div className="radios" role="radiogroup" aria-label={question.formulation}>
          {(
            [
              [true, tr('perso.oui')],
              [false, tr('perso.non')],
            ] as const
          ).map(([v, label]) => (
            <label key={String(v)} className="radio">
              <input type="radio" name={name} checked={(reponse?.valeur ?? null) === v} onChange={() => send(v)} disabled={!item.visible} /> {label}
            </label>
          ))}
        </div>
      )}
      {question.type === 'choix' && (
        <div className="radios">
          {question.choix.map((c) => (
            <label key={c.id} className="radio">
              <input type="radio" name={name} checked={(reponse?.valeur ?? null) === c.id} onChange={() => send(c.id)} disabled={!item.visible} /> {c.formulation}
            </label>
          ))}
        </div>
      )}
      {question.type === 'proportion' && (
        <div className="field-inline">
          <label htmlFor={`${id}-pct`}>{tr('perso.part')}</label>
          <input id={`${id}-pct`} inputMode="decimal" className="num" value={pct} onChange={(e) => setPct(e.target.value)} onBlur={savePct} disabled={!item.visible} />
          <span className="muted small">{reponse && typeof reponse.valeur === 'number' ? tr('perso.recorded', { value: pctText(reponse.valeur) }) : tr('perso.noAnswer')}</span>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-j`}>{tr('perso.justification')}</label>
        <textarea
          id={`${id}-j`}
          rows={2}
          value={justification}
          placeholder={question.consignesJustification ?? tr('perso.justificationPlaceholder')}
          onChange={(e) => setJustification(e.target.value)}
          onBlur={() => {
            if (reponse && justification.trim() !== (reponse.justification ?? '')) send(reponse.valeur);
          }}
          disabled={!reponse}
          title={reponse ? undefined : tr('perso.answerFirst')}
        />
      </div>
      {pctError && (
        <p className="error" role="alert">
          {pctError}
        </p>
      )}
      <InlineError error={save.error} />
      {reponse && (
        <button type="button" className="link-button small" data-testid={`question-${question.id}-effacer`} onClick={() => send(null)} disabled={save.isPending}>
          {tr('perso.clear')}
        </button>
      )}
      {reponse && (
        <p className="muted small" data-testid={`question-${question.id}-auteur`}>
          {tr('perso.answeredBy', {
            value: ouiNon(question.type === 'choix' ? (question.choix.find((c) => c.id === reponse.valeur)?.formulation ?? reponse.valeur) : reponse.valeur),
            who: reponse.modifiedBy,
            date: formatDateTime(reponse.modifiedAt),
          })}
        </p>
      )}
      <Impacts item={item} />
    </fieldset>
  );
}

const REGLE: Record<string, string> = { reduction: 'réduction', desactivation: 'désactivation', score: 'règle de score' };

/** The mesures a question's answer changes, with the consequence of the current answers. */
function Impacts({ item }: { item: Item }) {
  if (item.impacts.length === 0) return null;
  return (
    <details className="impacts">
      <summary>
        {tr('perso.impacts', { n: item.impacts.length })} {item.impacts.some((i) => i.desactive || i.facteur !== null) ? tr('perso.inEffect') : ''}
      </summary>
      <ul>
        {item.impacts.map((i) => (
          <li key={`${i.referentialId}-${i.nodeId}-${i.regle}`} data-testid={`impact-${i.nodeId}-${i.regle}`}>
            <a href={formatHash({ page: 'referentiel', referentialId: i.referentialId, nodeId: i.nodeId })}>
              {i.referentialId.toUpperCase()} {i.identifiant}
            </a>{' '}
            {i.nom} — {i.regle in REGLE ? tr(`perso.${i.regle}`) : i.regle}
            {i.regle === 'desactivation' && <strong>{i.desactive ? tr('perso.desactivee') : tr('perso.notApplied')}</strong>}
            {i.regle === 'reduction' && (
              <strong>
                {i.facteur === null
                  ? tr('perso.full')
                  : tr('perso.potentiel', { from: formatPts(i.pointReferentiel), to: formatPts(Math.round(i.pointReferentiel * i.facteur * 1000) / 1000) })}
              </strong>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
