/**
 * One save at a time, the latest value wins. Radios and checkboxes save at once, and a keyboard user moves
 * through them quickly (arrow keys pick each radio in turn): instead of disabling the controls while a save runs
 * (which drops the focus to the page), later values wait, and only the last one is sent when the running save
 * ends. Pure of React and DOM, so it is tested under Node.
 */

/** A queue of at most one running save and one waiting value. */
export interface SerialSaver<T> {
  /** Saves `value` now, or after the running save (replacing any value already waiting). */
  submit(value: T): void;
  /** Whether a save runs or a value waits. */
  busy(): boolean;
}

/**
 * @param send starts one save and resolves (or rejects) when it ends; a rejection does not stop the queue (the
 *   caller shows the error from its own state)
 * @param onIdle called after the last save ends with nothing waiting, with whether that last save failed
 */
export function createSerialSaver<T>(send: (value: T) => Promise<unknown>, onIdle?: (failed: boolean) => void): SerialSaver<T> {
  let running = false;
  let waiting: { value: T } | null = null;
  const run = (value: T) => {
    running = true;
    send(value).then(
      () => next(false),
      () => next(true),
    );
  };
  const next = (failed: boolean) => {
    running = false;
    if (waiting) {
      const { value } = waiting;
      waiting = null;
      run(value);
    } else {
      onIdle?.(failed);
    }
  };
  return {
    submit(value) {
      if (running) waiting = { value };
      else run(value);
    },
    busy: () => running || waiting !== null,
  };
}
