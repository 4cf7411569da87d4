/**
 * Chat text as it may enter the studio. Pure TS (runs in the SFU, main and
 * the renderer). The SFU calls `sanitizeChatText` on every viewer message
 * before anything else, so everything downstream sees one visible line.
 */

/** Marks kept on one base letter; more is "Zalgo" text that draws over other lines. */
const MAX_MARKS_PER_LETTER = 3;

/**
 * Characters that render as nothing but change meaning or layout: every
 * format character (zero-width U+200B–U+200D, U+2060, BOM U+FEFF, soft
 * hyphen U+00AD, bidi embeddings/overrides/isolates U+202A–U+202E,
 * U+2066–U+2069, marks U+200E/F, tag characters…), lone surrogates (no
 * character at all), and the Hangul fillers that are letters only on paper
 * but show as blank names and "empty" messages.
 */
const INVISIBLE = /^[\p{Cf}\p{Cs}\u115F\u1160\u3164\uFFA0]$/u;
/** Line and paragraph separators: a chat message is one line. */
const LINE_BREAKING = /^[\p{Cc}\p{Zl}\p{Zp}]$/u;
const WHITESPACE = /^\s$/u;
const MARK = /^\p{M}$/u;

/**
 * One visible line: invisible and direction-changing characters removed,
 * tabs and line breaks turned into spaces (other control characters
 * removed), runs of whitespace collapsed to one space, trimmed, and capped at
 * `maxChars` code points without ever splitting a surrogate pair.
 * Idempotent: sanitizing sanitized text changes nothing.
 */
export function sanitizeChatText(text: string, maxChars = 500): string {
  const cap = Number.isFinite(maxChars) ? Math.max(0, Math.floor(maxChars)) : 500;
  const out: string[] = [];
  let pendingSpace = false;
  let marks = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x21 && cp < 0x7f) {
      // Printable ASCII, the common case: no regex needed.
      if (pendingSpace && out.length > 0) out.push(' ');
      pendingSpace = false;
      marks = 0;
      out.push(ch);
    } else if (cp >= 0x80 && INVISIBLE.test(ch)) {
      // Before the whitespace test: JS counts U+FEFF as whitespace, but it is
      // a zero-width character. Dropped without touching `marks`, so a
      // zero-width joiner cannot let a second stack of combining marks through.
      continue;
    } else if (cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x80 && WHITESPACE.test(ch))) {
      pendingSpace = true;
      marks = 0;
    } else if (LINE_BREAKING.test(ch)) {
      if (ch === '\u2028' || ch === '\u2029') pendingSpace = true;
      // Other control characters (NUL, ESC, DEL, C1) are simply removed.
    } else if (MARK.test(ch)) {
      if (out.length === 0 || pendingSpace) continue; // a mark on nothing (or on a space) is invisible
      if (++marks > MAX_MARKS_PER_LETTER) continue;
      out.push(ch);
    } else {
      if (pendingSpace && out.length > 0) out.push(' ');
      pendingSpace = false;
      marks = 0;
      out.push(ch);
    }
    if (out.length > cap) break;
  }
  // `out` holds whole code points, so slicing it never splits a pair.
  const capped = out.length > cap ? out.slice(0, cap) : out;
  return capped.join('').trimEnd();
}

/** Length as a host counts it: code points, so an emoji is one character. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
