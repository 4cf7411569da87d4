import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it('strips tags and turns blocks into lines', () => {
    expect(htmlToText('<p>Soft <strong>cotton</strong> tee.</p><p>Machine wash<br/>cold</p>')).toBe(
      'Soft cotton tee.\n\nMachine wash\ncold',
    );
  });

  it('turns list items into bullet lines', () => {
    expect(htmlToText('<ul><li>100% cotton</li><li>Made in <em>Portugal</em></li></ul>')).toBe('• 100% cotton\n• Made in Portugal');
  });

  it('decodes named and numeric entities', () => {
    expect(htmlToText('Caf&eacute; &amp; Bar &#8211; 5&#x20AC; &lt;3 &nbsp;&quot;ok&quot; &unknown;')).toBe(
      'Café & Bar – 5€ <3 "ok" &unknown;',
    );
    expect(decodeHtmlEntities('&#0;&#xD800;&#1114112;')).toBe('\ufffd\ufffd\ufffd');
  });

  it('drops scripts, styles and comments with their contents', () => {
    expect(htmlToText('<script>alert("x")</script><style>p{}</style><!-- secret -->Hello<img src=x onerror=alert(1)>')).toBe(
      'Hello',
    );
  });

  it('keeps a lone "<" that is not a tag', () => {
    expect(htmlToText('Size < 5 cm and > 2 cm')).toBe('Size < 5 cm and > 2 cm');
  });

  it('treats source newlines as spaces in HTML and as breaks when asked', () => {
    expect(htmlToText('one\ntwo')).toBe('one two');
    expect(htmlToText('one\r\ntwo\n\n\n\nthree', { keepNewlines: true })).toBe('one\ntwo\n\nthree');
  });

  it('returns empty text for empty or tag-only input', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<p> </p>')).toBe('');
  });
});
