/**
 * "Importer un référentiel" (API contract `referentials.import`): up to 4 files (TETE structure + preuves CSV,
 * RGESN JSON, RGAA JSON, the good-practice guide in JSON or CSV, or a grid in JSON, CSV or Excel .xlsx such as the official Label NR spreadsheet), an optional forced
 * format and id. Files travel as bytes (ArrayBuffer → base64): the server decodes text as UTF-8 and reads a
 * workbook as is. Re-importing an id keeps the statuts of nodes that still exist; the server refuses, naming them,
 * when statuts would be lost. Errors are the server's French messages (file, row, column). After a successful
 * import the form folds up and the result stays shown under it, above the tree.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { fileToBase64 } from '../lib/files';
import { formatCount, formatPoints } from '../lib/format';
import { formatHash } from '../router';
import { useTRPC, type RouterInputs } from '../trpc/client';
import { InlineError } from './QueryState';
import { tr } from '../i18n/tr';

type Format = NonNullable<RouterInputs['referentials']['import']['format']>;

/** The formats offered; `labelKey` names a translated label (i18n `import.*`), the others are proper names. */
const FORMATS: Array<{ value: Format | ''; label: string; labelKey?: string }> = [
  { value: '', label: 'Détection automatique', labelKey: 'import.auto' },
  { value: 'tete-csv', label: 'TETE (CSV structure + preuves)' },
  { value: 'rgesn-json', label: 'RGESN (JSON)' },
  { value: 'rgaa-json', label: 'RGAA 4.1.2 (JSON)' },
  { value: 'gbp-json', label: 'Guide de bonnes pratiques NR (JSON)', labelKey: 'import.gbpJson' },
  { value: 'gbp-csv', label: 'Guide de bonnes pratiques NR (CSV)', labelKey: 'import.gbpCsv' },
  { value: 'grid-json', label: 'Grille (JSON)', labelKey: 'import.gridJson' },
  { value: 'grid-csv', label: 'Grille (CSV)', labelKey: 'import.gridCsv' },
  { value: 'grid-xlsx', label: 'Grille (Excel .xlsx)', labelKey: 'import.gridXlsx' },
];

/** What the file picker offers: the formats above (CSV, JSON, Excel workbook). */
export const IMPORT_ACCEPT =
  '.csv,.json,.xlsx,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** At most 4 files per import (server limit). */
export const MAX_IMPORT_FILES = 4;

export function ImportForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<Format | ''>('');
  const [refId, setRefId] = useState('');
  const [readError, setReadError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const importRef = useMutation(
    trpc.referentials.import.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setFiles([]);
        if (input.current) input.current.value = '';
        void queryClient.invalidateQueries(trpc.referentials.pathFilter());
        void queryClient.invalidateQueries(trpc.scores.pathFilter());
        void queryClient.invalidateQueries(trpc.statuts.pathFilter());
        void queryClient.invalidateQueries(trpc.nodes.pathFilter());
        void queryClient.invalidateQueries(trpc.history.pathFilter());
      },
    }),
  );

  const submit = async () => {
    setReadError(null);
    if (files.length === 0) return;
    if (files.length > MAX_IMPORT_FILES) {
      setReadError(`Un import prend au plus ${MAX_IMPORT_FILES} fichiers (${files.length} choisis).`);
      return;
    }
    try {
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, contentBase64: await fileToBase64(f) })));
      importRef.mutate({ files: payload, ...(format ? { format } : {}), ...(refId.trim() ? { id: refId.trim() } : {}) });
    } catch (e) {
      setReadError(tr('import.readError', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const result = importRef.data;
  return (
    <>
      <details className="import" data-testid="import-form" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{tr('import.summary')}</summary>
        <p className="muted small">{tr('import.help')}</p>
        <div className="row">
          {/* The browser's own picker speaks the browser's language ("Choose Files"): a French button drives it. */}
          <input
            ref={input}
            id={`${id}-files`}
            type="file"
            multiple
            accept={IMPORT_ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            data-testid="import-files"
            onChange={(e) => {
              setFiles(Array.from(e.target.files ?? []));
              importRef.reset();
            }}
          />
          <button type="button" className="secondary" onClick={() => input.current?.click()}>
            {tr('import.choose')}
          </button>
          <span className="muted small" data-testid="import-chosen">
            {files.length === 0 ? tr('import.none') : files.map((f) => f.name).join(', ')}
          </span>
        </div>
        <div className="row">
          <label className="field-inline">
            <span>{tr('import.format')}</span>
            <select data-testid="import-format" value={format} onChange={(e) => setFormat(e.target.value as Format | '')}>
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.labelKey ? tr(f.labelKey) : f.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            <span>{tr('import.id')}</span>
            <input data-testid="import-id" placeholder="label-nr-officiel" value={refId} onChange={(e) => setRefId(e.target.value)} />
          </label>
          <button type="button" data-testid="import-submit" disabled={files.length === 0 || importRef.isPending} onClick={() => void submit()}>
            {importRef.isPending ? tr('import.running') : tr('import.submit')}
          </button>
        </div>
        {readError && (
          <p className="error" role="alert" data-testid="import-error">
            {readError}
          </p>
        )}
        <InlineError error={importRef.error} testId="import-error" />
      </details>
      {result && (
        <p className="import-result ok" role="status" data-testid="import-result">
          {tr('import.result', { id: result.id, version: result.version, nodes: formatCount(result.nodes), points: formatPoints(result.points) })}{' '}
          <a href={formatHash({ page: 'referentiel', referentialId: result.id, nodeId: null })}>{tr('import.open')}</a>
        </p>
      )}
    </>
  );
}
