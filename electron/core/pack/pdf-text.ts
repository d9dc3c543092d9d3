/**
 * Text the report's embedded font can draw. DejaVu Sans has no emoji (and no CJK, …): pdfkit would draw its
 * `.notdef` box for them, which pdftotext and screen readers turn into « � » or nothing. Instead every character
 * (grapheme) the fonts cannot draw is replaced by a visible placeholder « ▯ », never dropped silently
 * (DOMAIN.md "The audit pack": the report names every preuve as the user wrote it).
 */
import type PDFDocument from 'pdfkit';

/** What an undrawable character (a whole grapheme: 👨‍👩‍👧 is one) becomes. */
export const PLACEHOLDER = '▯';

/** Code point ranges that draw nothing (joiners, variation selectors, tags): dropped when the font lacks them. */
const INVISIBLE: readonly [number, number][] = [
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0xfe00, 0xfe0f],
  [0xe0020, 0xe007f],
  [0xe0100, 0xe01ef],
];
const invisible = (cp: number): boolean => INVISIBLE.some(([lo, hi]) => cp >= lo && cp <= hi);
/** Line breaks are layout, not glyphs. */
const LAYOUT = new Set([0x0a]);
/** C0 and C1 control characters but the line feed: never drawn, dropped. */
const isControl = (cp: number): boolean => (cp < 0x20 && cp !== 0x0a) || (cp >= 0x7f && cp <= 0x9f);
const dropControls = (text: string): string => [...text].filter((ch) => !isControl(ch.codePointAt(0) as number)).join('');

/**
 * A text cleaner for fonts described by `hasGlyph(codePoint)`: tabs become spaces, CR LF line feeds, other
 * control characters are dropped; NFC-normalises (a file name in NFD, as macOS writes it, shows its accents
 * composed); keeps graphemes whose code points all have a glyph, drops invisible code points
 * the font lacks, and replaces any other grapheme by `PLACEHOLDER`.
 * « Photo 📷 chantier.pdf » → « Photo ▯ chantier.pdf ».
 */
export function drawableText(hasGlyph: (codePoint: number) => boolean): (text: string) => string {
  const known = new Map<number, boolean>();
  const drawable = (cp: number): boolean => {
    let ok = known.get(cp);
    if (ok === undefined) {
      ok = LAYOUT.has(cp) || hasGlyph(cp);
      known.set(cp, ok);
    }
    return ok;
  };
  const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });
  return (text) => {
    // Tabs as spaces, CR LF / CR as LF, other control characters dropped (lead's decision G), then NFC.
    const cleaned = text.replace(/\t/g, ' ').replace(/\r\n?/g, '\n');
    const nfc = dropControls(cleaned).normalize('NFC');
    let all = true;
    for (const ch of nfc) {
      if (!drawable(ch.codePointAt(0) as number)) {
        all = false;
        break;
      }
    }
    if (all) return nfc;
    let out = '';
    for (const { segment } of graphemes.segment(nfc)) {
      let kept = '';
      let broken = false;
      for (const ch of segment) {
        const cp = ch.codePointAt(0) as number;
        if (drawable(cp)) kept += ch;
        else if (!invisible(cp)) broken = true;
      }
      out += broken ? PLACEHOLDER : kept;
    }
    return out;
  };
}

/** The fontkit font behind pdfkit's current font (pdfkit keeps it in `_font.font`; not in its typings). */
interface FontkitLike {
  hasGlyphForCodePoint?: (cp: number) => boolean;
  glyphForCodePoint?: (cp: number) => { id: number };
}

/**
 * A cleaner for every font in `fontNames` (registered on `doc`): a character is kept only when all of them can draw
 * it, since the same text may be set in regular or bold. Leaves `doc` on the first font.
 */
export function drawableTextFor(doc: InstanceType<typeof PDFDocument>, fontNames: readonly string[]): (text: string) => string {
  const fonts: FontkitLike[] = [];
  for (const name of [...fontNames].reverse()) {
    doc.font(name);
    fonts.push(((doc as unknown as { _font?: { font?: FontkitLike } })._font?.font ?? {}) as FontkitLike);
  }
  const has = (f: FontkitLike, cp: number): boolean => {
    if (f.hasGlyphForCodePoint) return f.hasGlyphForCodePoint(cp);
    if (f.glyphForCodePoint) return f.glyphForCodePoint(cp).id !== 0;
    return true;
  };
  return drawableText((cp) => fonts.every((f) => has(f, cp)));
}
