/**
 * Referential texts (description, contexte… written in HTML or markdown in the TETE sources,
 * tete-referentials.md §1.3) turned into plain text, rendered by React as text: no HTML is ever injected
 * (no dangerouslySetInnerHTML). Paragraphs and list items become lines; `white-space: pre-line` shows them.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  ucirc: 'û',
  ugrave: 'ù',
  icirc: 'î',
  iuml: 'ï',
  euml: 'ë',
  oelig: 'œ',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  euro: '€',
  deg: '°',
};

/** Decodes named (common French ones) and numeric HTML entities; unknown names are kept as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * HTML or markdown → plain text: block tags and `<br>` become line breaks, `<li>` and markdown list items
 * become "• " lines, other tags are dropped, entities decoded, markdown emphasis/heading marks removed,
 * `[texte](url)` becomes "texte (url)", runs of blank lines collapse to one. `null`/empty → ''.
 */
export function toPlainText(source: string | null | undefined): string {
  if (!source) return '';
  let t = source.replace(/\r\n?/g, '\n');
  t = t.replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '');
  t = t.replace(/<\s*br\s*\/?>/gi, '\n');
  t = t.replace(/<\s*li[^>]*>/gi, '\n• ');
  t = t.replace(/<\s*\/\s*(p|div|li|ul|ol|h[1-6]|tr|table|blockquote)\s*>/gi, '\n');
  t = t.replace(/<\s*(p|div|ul|ol|h[1-6]|tr|table|blockquote)(\s[^>]*)?>/gi, '\n');
  t = t.replace(/<[^>]*>/g, '');
  t = decodeEntities(t);
  t = t.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
  t = t.replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '');
  t = t.replace(/^[ \t]*[-*+][ \t]+/gm, '• ');
  t = t.replace(/(\*\*|__)(.+?)\1/g, '$2');
  t = t.replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2');
  t = t
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, (s) => (s.includes('\u00a0') ? '\u00a0' : ' ')).trim())
    .join('\n');
  return t.replace(/\n{3,}/g, '\n\n').trim();
}
