/** One save at a time, the latest value wins (renderer/src/lib/serialSave.ts), as radios and checkboxes use it. */
import { describe, expect, it } from 'vitest';
import { createSerialSaver } from '../../renderer/src/lib/serialSave';

/** A fake server: each call waits until the test settles it. */
function fakeServer() {
  const calls: Array<{ value: string; resolve: () => void; reject: () => void }> = [];
  const send = (value: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ value, resolve, reject: () => reject(new Error('refusé')) });
    });
  return { calls, send };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createSerialSaver', () => {
  it('sends the first value at once and, of the values chosen meanwhile, only the last one', async () => {
    const server = fakeServer();
    const idle: boolean[] = [];
    const saver = createSerialSaver(server.send, (failed) => idle.push(failed));
    // Arrow keys through the radios: programme, pas_fait, detaille, non_concerne while the first save runs.
    saver.submit('fait');
    saver.submit('programme');
    saver.submit('pas_fait');
    saver.submit('non_concerne');
    expect(server.calls.map((c) => c.value)).toEqual(['fait']);
    expect(saver.busy()).toBe(true);
    server.calls[0]!.resolve();
    await tick();
    expect(server.calls.map((c) => c.value)).toEqual(['fait', 'non_concerne']);
    expect(idle).toEqual([]);
    server.calls[1]!.resolve();
    await tick();
    expect(saver.busy()).toBe(false);
    expect(idle).toEqual([false]);
  });

  it('goes on after a refused save and reports the failure when idle', async () => {
    const server = fakeServer();
    const idle: boolean[] = [];
    const saver = createSerialSaver(server.send, (failed) => idle.push(failed));
    saver.submit('a');
    server.calls[0]!.reject();
    await tick();
    expect(idle).toEqual([true]);
    saver.submit('b');
    expect(server.calls.map((c) => c.value)).toEqual(['a', 'b']);
    server.calls[1]!.resolve();
    await tick();
    expect(idle).toEqual([true, false]);
  });
});
