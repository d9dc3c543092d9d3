/** Plain-text rendering of referential HTML/markdown, routes, error messages, files (history lines: history.test.ts). */
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { shownError } from '../../renderer/src/lib/errors';
import { bytesToBase64, isHttpUrl } from '../../renderer/src/lib/files';
import { decodeEntities, toPlainText } from '../../renderer/src/lib/richText';
import { formatHash, parseHash, type Route } from '../../renderer/src/router';

describe('toPlainText', () => {
  it('turns the TETE HTML (tete-referentials.md §1.5 example) into text', () => {
    expect(toPlainText('<p>PCAET avec EES et résumé non technique…</p>')).toBe('PCAET avec EES et résumé non technique…');
  });

  it('keeps paragraphs and list items as lines, drops tags and scripts, decodes entities', () => {
    const html = '<p>Objectifs&nbsp;:</p><ul><li>r&eacute;duire</li><li>mesurer &amp; suivre</li></ul><script>alert(1)</script><p>Fin <b>gras</b></p>';
    expect(toPlainText(html)).toBe('Objectifs\u00a0:\n\n• réduire\n\n• mesurer & suivre\n\nFin gras');
  });

  it('renders markdown emphasis, headings, lists and links as text', () => {
    expect(toPlainText('## Contexte\n\n- **PCAET** obligatoire\n- voir [ADEME](https://www.ademe.fr)')).toBe(
      'Contexte\n\n• PCAET obligatoire\n• voir ADEME (https://www.ademe.fr)',
    );
  });

  it('leaves an injected tag as inert text content, never markup', () => {
    expect(toPlainText('<img src=x onerror=alert(1)>Texte')).toBe('Texte');
    expect(decodeEntities('&lt;img src=x&gt; &#233;t&#xE9; &inconnu;')).toBe('<img src=x> été &inconnu;');
    expect(toPlainText(null)).toBe('');
  });
});

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'dashboard' }],
    ['#/', { page: 'dashboard' }],
    ['#/referentiel', { page: 'referentiel', referentialId: null, nodeId: null }],
    ['#/referentiel/cae', { page: 'referentiel', referentialId: 'cae', nodeId: null }],
    ['#/referentiel/cae/cae_1.1.1.2', { page: 'referentiel', referentialId: 'cae', nodeId: 'cae_1.1.1.2' }],
    ['#/export/label-nr', { page: 'export', referentialId: 'label-nr' }],
    ['#/inconnu', { page: 'dashboard' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('formats back to the same hash', () => {
    expect(formatHash({ page: 'referentiel', referentialId: 'cae', nodeId: 'cae_1.1.1.2' })).toBe('#/referentiel/cae/cae_1.1.1.2');
    expect(formatHash({ page: 'referentiel', referentialId: null, nodeId: 'x' })).toBe('#/referentiel');
    expect(parseHash(formatHash({ page: 'referentiel', referentialId: 'te', nodeId: 'te_1.1.6.3.a' }))).toEqual({
      page: 'referentiel',
      referentialId: 'te',
      nodeId: 'te_1.1.6.3.a',
    });
  });
});

describe('shownError', () => {
  it('uses the UserError message carried in error.data.userError', () => {
    const err = TRPCClientError.from({
      error: {
        message: 'La répartition de cae_1.1.1.1 fait 90 % au lieu de 100 %.',
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          userError: { code: 'DETAIL_INVALID', message: 'La répartition de cae_1.1.1.1 fait 90 % au lieu de 100 %.', location: { nodeId: 'cae_1.1.1.1' } },
        },
      },
    });
    expect(shownError(err)).toEqual({
      message: 'La répartition de cae_1.1.1.1 fait 90 % au lieu de 100 %.',
      code: 'DETAIL_INVALID',
      location: { nodeId: 'cae_1.1.1.1' },
    });
  });

  it('explains a bare validation refusal and a transport failure in French', () => {
    const bad = TRPCClientError.from({ error: { message: '[…zod…]', code: -32600, data: { code: 'BAD_REQUEST' } } });
    expect(shownError(bad).message).toBe('Saisie invalide : vérifiez les valeurs saisies.');
    expect(shownError(new Error('Aucun moteur')).message).toBe("L'opération a échoué : Aucun moteur");
  });
});

describe('files', () => {
  it('encodes bytes to base64 and checks link schemes', () => {
    expect(bytesToBase64(new TextEncoder().encode('Délibération'))).toBe(Buffer.from('Délibération').toString('base64'));
    const big = new Uint8Array(200_000).map((_, i) => i % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(isHttpUrl('https://example.org/x')).toBe(true);
    expect(isHttpUrl('ftp://example.org/x')).toBe(false);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
  });
});
