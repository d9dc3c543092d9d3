/**
 * Transport failures in French (renderer/src/lib/errors.ts): when the app's server cannot be reached the user reads
 * « Le serveur de l'application ne répond pas (…) », never the browser's « Failed to fetch ».
 */
import { createServer } from 'node:net';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import type { AppRouter } from '../../electron/core/api/router';
import { isNetworkFailure, SERVER_UNREACHABLE, shownError } from '../../renderer/src/lib/errors';

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('network failures', () => {
  it('a real tRPC call to a server that is gone reads « Le serveur de l’application ne répond pas »', async () => {
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `http://127.0.0.1:${await closedPort()}/trpc` })] });
    const error = await client.workspace.get.query().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(isNetworkFailure(error)).toBe(true);
    expect(shownError(error)).toEqual({ message: SERVER_UNREACHABLE, code: null, location: null });
    expect(SERVER_UNREACHABLE).toMatch(/^Le serveur de l'application ne répond pas \(.+\)\./);
  });

  it('maps the wording of Chromium, Firefox and Safari, also wrapped as a tRPC client error', () => {
    for (const raw of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      expect(shownError(new TypeError(raw)).message).toBe(SERVER_UNREACHABLE);
      expect(shownError(TRPCClientError.from(new TypeError(raw))).message).toBe(SERVER_UNREACHABLE);
    }
  });

  it('leaves other failures to their own messages', () => {
    expect(isNetworkFailure(new Error('Aucun moteur de calcul'))).toBe(false);
    expect(shownError(new Error('Aucun moteur de calcul')).message).toBe("L'opération a échoué : Aucun moteur de calcul");
  });
});

describe('core errors in the chosen language (issue 8 item 2)', () => {
  const wire = (en: string | null) => ({ data: { code: 'BAD_REQUEST', userError: { code: 'STATUT_INVALID', message: 'Le nœud x est calculé.', location: { nodeId: 'x' }, params: {}, en } } });

  it('shows the core’s English sentence in English and its French one in French', async () => {
    const { i18next } = await import('../../renderer/src/i18n/tr');
    const { setFormatLang } = await import('../../renderer/src/lib/format');
    await i18next.changeLanguage('en');
    setFormatLang('en');
    try {
      expect(shownError(wire('Node x is computed.')).message).toBe('Node x is computed.');
      // An error without its English sentence keeps the French reference rather than nothing.
      expect(shownError(wire(null)).message).toBe('Le nœud x est calculé.');
    } finally {
      await i18next.changeLanguage('fr');
      setFormatLang('fr');
    }
    expect(shownError(wire('Node x is computed.')).message).toBe('Le nœud x est calculé.');
  });
});
