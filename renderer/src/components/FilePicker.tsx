/**
 * A file picker in the UI's language: a labelled button opens a visually hidden `<input type="file">` (the browser's
 * own control would say « Choose File » / « No file chosen » in the browser's language, not the app's), and the
 * chosen file names — or « Aucun fichier choisi » — are shown beside it. The input stays in the DOM with its test id
 * (e2e tests call `setInputFiles` on it) and is named for assistive technologies; it is reached through the button,
 * never by Tab. The same pattern as ImportForm's and RevisionButton's pickers.
 */
import { useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { tr } from '../i18n/tr';

export interface FilePickerProps {
  /** Text of the button (« Joindre le rapport… »); also the accessible name of the hidden input. */
  label: string;
  /** A longer accessible name for the button and the input, starting with `label` (« Ajouter un fichier à 1.1 »),
   *  where several pickers share one screen. */
  accessibleLabel?: string;
  /** Test id of the hidden input (kept from the visible inputs it replaces). */
  testId: string;
  /** Called with the picked files (never empty). */
  onFiles(files: File[]): void;
  accept?: string;
  multiple?: boolean;
  /** Clears the input after each pick (the same file can be picked again); the names stay shown. Default true. */
  reset?: boolean;
  /** `secondary` button style (default), or the primary one. */
  primary?: boolean;
  /** Gives the hidden input to the caller (a form that reads `files` on submit). */
  inputRef?: Ref<HTMLInputElement | null>;
}

export function FilePicker(props: FilePickerProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle<HTMLInputElement | null, HTMLInputElement | null>(props.inputRef, () => input.current, []);
  const [names, setNames] = useState<string[]>([]);
  const reset = props.reset ?? true;
  return (
    <span className="file-picker">
      <input
        ref={input}
        id={`${id}-input`}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={props.accessibleLabel ?? props.label}
        accept={props.accept}
        multiple={props.multiple}
        data-testid={props.testId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          setNames(files.map((f) => f.name));
          if (reset) e.target.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
      <button type="button" className={props.primary ? undefined : 'secondary'} aria-label={props.accessibleLabel} aria-describedby={`${id}-chosen`} onClick={() => input.current?.click()}>
        {props.label}
      </button>{' '}
      <span className="muted small" id={`${id}-chosen`} data-testid={`${props.testId}-chosen`}>
        {names.length === 0 ? tr('filePicker.none') : names.join(', ')}
      </span>
    </span>
  );
}
