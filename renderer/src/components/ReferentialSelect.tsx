/**
 * The labelled « Référentiel » selector of a screen's toolbar (Référentiel, Candidature, Audit, Export): one option
 * per referential, « Nom (version) »; choosing one calls `onSelect` with its id (the screen navigates).
 */
export function ReferentialSelect(props: {
  label: string;
  testId: string;
  value: string | null;
  referentials: ReadonlyArray<{ id: string; nom: string; version: string }>;
  onSelect: (referentialId: string) => void;
}) {
  return (
    <label className="field-inline">
      <span>{props.label}</span>
      <select data-testid={props.testId} value={props.value ?? ''} onChange={(e) => props.onSelect(e.target.value)}>
        {props.referentials.map((r) => (
          <option key={r.id} value={r.id}>
            {r.nom} ({r.version})
          </option>
        ))}
      </select>
    </label>
  );
}
