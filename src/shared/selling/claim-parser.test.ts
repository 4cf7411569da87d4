import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimWords, recogniseClaim, type ClaimableProduct } from './claim-parser.js';
import { looksLikeQuestion } from '../moderation/questions.js';

/** A T-shirt in S/M/L × Blue/Black (ids 1–6), and a shoe in sizes 9, 10, 10.5. */
const tee: ClaimableProduct = {
  optionNames: ['Size', 'Color'],
  variants: [
    { id: 1, optionValues: ['S', 'Blue'] },
    { id: 2, optionValues: ['M', 'Blue'] },
    { id: 3, optionValues: ['L', 'Blue'] },
    { id: 4, optionValues: ['S', 'Black'] },
    { id: 5, optionValues: ['M', 'Black'] },
    { id: 6, optionValues: ['L', 'Black'] },
  ],
};
const shoe: ClaimableProduct = {
  optionNames: ['Size'],
  variants: [
    { id: 11, optionValues: ['9'] },
    { id: 12, optionValues: ['10'] },
    { id: 13, optionValues: ['10.5'] },
  ],
};
const dress: ClaimableProduct = {
  optionNames: ['Size', 'Colour'],
  variants: [
    { id: 21, optionValues: ['Small', 'Navy Blue'] },
    { id: 22, optionValues: ['Medium', 'Navy Blue'] },
    { id: 23, optionValues: ['Extra Large', 'Rosé'] },
    { id: 24, optionValues: ['XXL', 'Rosé'] },
  ],
};
const mug: ClaimableProduct = { optionNames: [], variants: [{ id: 31, optionValues: [] }] };

const variantOf = (text: string, product: ClaimableProduct = tee, pinned: number | null = null) => {
  const r = recogniseClaim(text, product, pinned);
  return r.claim ? r.variantId : 'not a claim';
};

describe('recogniseClaim: what claims', () => {
  it.each([
    'sold', 'SOLD!!', 'Sold 🔥🔥🔥', 'claim', 'claimed', "I'll take it", 'ill take it', 'I’ll take it!', 'I will take it',
    'take it', 'mine', 'MINE!!!', 'me!', 'me', 'I want it', 'want', 'buy', "yes please I'll take one", 'me too', 'dibs',
    "I'd like one please", 'sold to me', 'ok I’ll take this one', 'love it, I’ll take it',
  ])('%j claims the product', (text) => {
    expect(recogniseClaim(text, mug, null)).toEqual({ claim: true, variantId: 31, match: 'only-variant', unknownOption: false, candidates: [31] });
  });

  it.each([
    ['es', 'vendido'], ['es', 'Lo quiero'], ['es', 'mío!'], ['es', 'MIO'], ['es', 'me lo llevo'], ['es', 'sí, lo quiero por favor'],
    ['fr', 'je prends'], ['fr', 'Vendu !'], ['fr', 'je le veux'], ['fr', "c'est à moi"], ['fr', 'pour moi svp'],
    ['de', 'gekauft'], ['de', 'nehme ich'], ['de', 'Ich nehme es'], ['de', 'ich will'], ['de', 'ja bitte, ich nehme'],
    ['pt', 'eu quero'], ['pt', 'vendido'], ['pt', 'é meu'], ['pt', 'quero sim'],
    ['it', 'lo prendo'], ['it', 'venduto'], ['it', 'lo voglio'], ['it', 'ne prendo uno'],
  ])('%s: %j claims the product', (_lang, text) => {
    expect(variantOf(text, mug)).toBe(31);
  });

  it('a product with variants and no value named is a product-level claim', () => {
    expect(recogniseClaim('sold', tee, null)).toEqual({ claim: true, variantId: null, match: 'none', unknownOption: false, candidates: [1, 2, 3, 4, 5, 6] });
  });

  it('the pinned variant is the one claimed when the message names none', () => {
    expect(recogniseClaim('sold!', tee, 5)).toMatchObject({ claim: true, variantId: 5, match: 'pinned' });
  });
});

describe('recogniseClaim: variants', () => {
  it.each([
    ['sold M blue', 2],
    ['claim blue L', 3],
    ['L blue sold', 3],
    ['sold in small black', 4],
    ['SOLD medium BLACK!!', 5],
    ['sold size L, black please', 6],
    ['Ich nehme L schwarz'.replace('schwarz', 'black'), 6],
    ['lo quiero en M black', 5],
  ])('%j → variant %i', (text, id) => {
    expect(recogniseClaim(text, tee, null)).toMatchObject({ claim: true, variantId: id, match: 'named', unknownOption: false });
  });

  it('matches sizes written out or short, and multi-word values, case and accent blind', () => {
    expect(variantOf('sold S navy blue', dress)).toBe(21);
    expect(variantOf('claim med', dress)).toBe(22);
    expect(variantOf('sold XL', dress)).toBe(23);
    expect(variantOf('sold extra large', dress)).toBe(23);
    expect(variantOf('sold x-large rose', dress)).toBe(23);
    expect(variantOf('sold 2XL', dress)).toBe(24);
    expect(variantOf('sold xx large', dress)).toBe(24);
    expect(variantOf('MINE in ROSÉ XXL', dress)).toBe(24);
  });

  it('one word of a longer value names every value it is part of', () => {
    const hoodie: ClaimableProduct = {
      optionNames: ['Colour'],
      variants: [
        { id: 41, optionValues: ['Navy Blue'] },
        { id: 42, optionValues: ['Light Blue'] },
        { id: 43, optionValues: ['Love Pink'] },
      ],
    };
    expect(variantOf('sold navy', hoodie)).toBe(41);
    expect(recogniseClaim('sold blue', hoodie, null)).toMatchObject({ variantId: null, match: 'ambiguous', candidates: [41, 42] });
    expect(variantOf('sold pink', hoodie)).toBe(43);
    const boot: ClaimableProduct = { optionNames: ['Size'], variants: [{ id: 51, optionValues: ['US 9'] }, { id: 52, optionValues: ['US 10'] }] };
    expect(variantOf('sold 10', boot)).toBe(52);
    expect(variantOf('sold us 9', boot)).toBe(51);
    // Filler stays filler even when a value contains the word.
    expect(recogniseClaim('love it, I’ll take it', hoodie, null)).toMatchObject({ variantId: null, match: 'none' });
  });

  it('reads numeric sizes, decimals included', () => {
    expect(variantOf('sold size 10', shoe)).toBe(12);
    expect(variantOf('sold 10.5', shoe)).toBe(13);
    expect(variantOf('sold 10,5', shoe)).toBe(13);
    expect(variantOf('9 sold', shoe)).toBe(11);
  });

  it('values that fit several variants make a product-level claim and list them', () => {
    expect(recogniseClaim('sold blue', tee, null)).toEqual({ claim: true, variantId: null, match: 'ambiguous', unknownOption: false, candidates: [1, 2, 3] });
    expect(recogniseClaim('sold M or L in blue', tee, null)).toMatchObject({ variantId: null, match: 'ambiguous', candidates: [2, 3] });
  });

  it('an ambiguous value is settled by the pinned variant when that is one of them, or agrees on the rest', () => {
    expect(recogniseClaim('sold blue', tee, 2)).toMatchObject({ variantId: 2, match: 'pinned' });
    // Pinned M / Black; "sold blue" fits three, only M / Blue agrees on the size.
    expect(recogniseClaim('sold blue', tee, 5)).toMatchObject({ variantId: 2, match: 'named' });
    // A named value that is not the pinned one wins over the pin.
    expect(recogniseClaim('sold L', tee, 5)).toMatchObject({ variantId: 6, match: 'named' });
  });

  it('a value the product does not have is flagged, not guessed', () => {
    expect(recogniseClaim('sold XXXL', tee, null)).toEqual({ claim: true, variantId: null, match: 'unknown-option', unknownOption: true, candidates: [] });
    expect(recogniseClaim('sold XXXL', tee, 2)).toMatchObject({ variantId: null, unknownOption: true });
    expect(recogniseClaim('claim red M', tee, null)).toMatchObject({ variantId: null, unknownOption: true });
    expect(recogniseClaim('sold size 44', shoe, null)).toMatchObject({ unknownOption: true });
    expect(recogniseClaim('sold 11', shoe, null)).toMatchObject({ unknownOption: true });
  });

  it('a combination that does not exist is unknown too', () => {
    const partial: ClaimableProduct = { optionNames: ['Size', 'Color'], variants: [{ id: 1, optionValues: ['S', 'Blue'] }, { id: 2, optionValues: ['M', 'Black'] }] };
    expect(recogniseClaim('sold S black', partial, null)).toMatchObject({ claim: true, variantId: null, unknownOption: true });
  });

  it('a product without options ignores size-like words', () => {
    expect(variantOf('sold M', mug)).toBe(31);
    expect(variantOf('sold 2', mug)).toBe(31);
  });
});

describe('recogniseClaim: what does not claim', () => {
  it.each([
    ['is it sold out?', 'question'],
    ['sold out', 'sold-out'],
    ['SOLD OUT already', 'sold-out'],
    ['sold out already?', 'question'],
    ['how many sold', 'question'],
    ['did someone claim it?', 'question'],
    ['did someone claim it', 'question'],
    ['how do I claim?', 'question'],
    ["what's the claim process", 'question'],
    ['I sold mine last year', 'other-words'],
    ["don't want", 'negative'],
    ['not mine', 'negative'],
    ['no lo quiero', 'negative'],
    ['ich will es nicht', 'negative'],
    ['je ne le veux pas', 'negative'],
    ['¿lo quiero?', 'question'],
    ['cuánto cuesta', 'question'],
    ['can I claim the blue', 'question'],
    ['size please', 'question'],
    ['sold?', 'question'],
    ['sold? ok', 'question'],
    ['love it! is it sold out?', 'question'],
    ['ok, can I claim the blue', 'question'],
    ['wow! me lo llevo?', 'question'],
    ['sold in minutes wow', 'other-words'],
    ['someone already claimed it', 'other-words'],
    ['love it', 'no-claim-word'],
    ['yo', 'other-words'],
    ['yo yo!', 'other-words'],
    ['yes please', 'no-claim-word'],
    ['M blue', 'no-claim-word'],
    ['hello from Spain', 'other-words'],
    ['', 'empty'],
    ['🔥🔥🔥', 'empty'],
    ['yes yes yes please please ok wow omg sold', 'too-long'],
  ])('%j: %s', (text, reason) => {
    expect(recogniseClaim(text, tee, null)).toEqual({ claim: false, reason });
  });

  it('option values do not count towards the length limit; other words do', () => {
    expect(recogniseClaim('please I will take it in size M blue thanks', tee, null)).toMatchObject({ claim: true, variantId: 2 });
    expect(recogniseClaim('yes please ok I will take it now in size M blue thanks', tee, null)).toEqual({ claim: false, reason: 'too-long' });
  });

  it('markup and bidi noise are just words or nothing', () => {
    expect(variantOf('<b>sold</b> M blue', tee)).toBe('not a claim');
    expect(variantOf('\u200bsold\u200b M\u00a0blue', tee)).toBe(2);
    expect(variantOf('ＳＯＬＤ Ｍ ｂｌｕｅ', tee)).toBe(2);
  });
});

describe('recogniseClaim: a question is judged by the sentence that holds the claim word', () => {
  it.each([
    ['sold, any colour', null],
    ['sold, any colour?', null],
    ['vendido, como me encanta', null],
    ['sold! how much I love this', null],
    ['sold! how much', null],
    ['me lo llevo, cuánto cuesta', null],
    ['je prends, c’est combien', null],
    ['sold M blue! does it run small?', 2],
    ['omg! sold, M blue', 2],
    ['sold 10.5, how cute', 13],
  ])('%j claims (variant %s): the asking sentence is an aside', (text, variant) => {
    expect(recogniseClaim(text, text.includes('10.5') ? shoe : tee, null)).toMatchObject({ claim: true, variantId: variant });
  });

  it('a message of asides and no claim word is a question, not chatter', () => {
    expect(recogniseClaim('cuánto cuesta', tee, null)).toEqual({ claim: false, reason: 'question' });
    expect(recogniseClaim('so cute! any in blue?', tee, null)).toEqual({ claim: false, reason: 'question' });
  });
});

describe('claimWords', () => {
  it('folds case, accents and apostrophes and keeps decimals together', () => {
    expect(claimWords("I’ll take the ROSÉ in 10.5, s'il vous plaît!")).toEqual(['ill', 'take', 'the', 'rose', 'in', '10.5', 'sil', 'vous', 'plait']);
  });
});

describe('recogniseClaim never throws', () => {
  const products = fc.constantFrom(tee, shoe, dress, mug);
  const pinned = fc.option(fc.integer({ min: 0, max: 30 }), { nil: null });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), products, pinned, (text, product, pin) => {
        const r = recogniseClaim(text, product, pin);
        if (r.claim && r.variantId !== null) expect(product.variants.map((v) => v.id)).toContain(r.variantId);
        if (r.claim && r.unknownOption) expect(r.variantId).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary products and claim-like text, and a question is never a claim', () => {
    const word = fc.constantFrom('sold', 'M', 'blue', 'take', 'it', 'I’ll', 'please', 'size', '10', 'xxl', 'no', 'out', '¿', '🔥', 'mío', 'how', 'much', 'price', 'tienen', 'combien', ',');
    const product = fc.record({
      optionNames: fc.array(fc.string(), { maxLength: 3 }),
      variants: fc.array(fc.record({ id: fc.nat(), optionValues: fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 3 }) }), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), product, pinned, (words, p, pin) => {
        const text = words.join(' ');
        const r = recogniseClaim(text, p, pin);
        // A message that asks in every sentence never claims.
        const sentences = text.split(/[.,!¡;:…()/]|\s[-–—]+\s|\p{Extended_Pictographic}/u).filter((t) => claimWords(t).length > 0);
        if (sentences.length > 0 && sentences.every((t) => t.includes('¿') || looksLikeQuestion(t))) expect(r.claim).toBe(false);
        // A claim word in an asking sentence never claims, whatever came before.
        expect(recogniseClaim(`${text} sold?`, p, pin)).toEqual({ claim: false, reason: 'question' });
      }),
      { numRuns: 2000 },
    );
  });
});
