/**
 * A long job that reports progress, as an async stream of events for a tRPC subscription (the pack export,
 * services/pack.ts; a backup, backup/index.ts): the events `progress` makes of the job's progress reports (null =
 * skip that report, e.g. to keep one every 100 ms), then the one event `done` makes of its result; the job's error
 * is thrown from the iteration. Aborting `signal` (the client unsubscribed, the window closed) or stopping the
 * iteration aborts the job with `cancelReason()`, and the generator ends only once the job has settled, so the
 * job's own clean-up (partial file removed) is done when the stream ends.
 */
export async function* jobEvents<P, R, E>(
  run: (signal: AbortSignal, onProgress: (p: P) => void) => Promise<R>,
  opts: { signal?: AbortSignal; cancelReason: () => unknown; progress: (p: P) => E | null; done: (result: R) => E },
): AsyncGenerator<E, void, undefined> {
  const queue: E[] = [];
  let wake: (() => void) | null = null;
  // A holder, not a `let`: TypeScript would narrow a local assigned only in callbacks to `null` forever.
  const state: { settled: { ok: true; value: R } | { ok: false; error: unknown } | null } = { settled: null };
  const ac = new AbortController();
  const cancel = () => ac.abort(opts.cancelReason());
  if (opts.signal?.aborted) cancel();
  opts.signal?.addEventListener('abort', cancel, { once: true });
  const job = run(ac.signal, (p) => {
    const event = opts.progress(p);
    if (event === null) return;
    queue.push(event);
    wake?.();
  }).then(
    (value) => {
      state.settled = { ok: true, value };
      wake?.();
    },
    (error: unknown) => {
      state.settled = { ok: false, error };
      wake?.();
    },
  );
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      const s = state.settled;
      if (s !== null) {
        if (!s.ok) throw s.error;
        yield opts.done(s.value);
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    if (state.settled === null) cancel();
    await job;
    opts.signal?.removeEventListener('abort', cancel);
  }
}
