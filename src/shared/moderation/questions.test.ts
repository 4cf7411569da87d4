import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from './questions.js';

/** Messages as viewers write them in live-shopping chat, in the languages chat understands. */
const QUESTIONS: readonly string[] = [
  // en
  'how much is shipping',
  'How much',
  'does it come in blue',
  'Does this come in a medium',
  'is it true to size',
  'Is the blue one still available',
  'do you ship to Canada',
  'can I pay with PayPal',
  'what sizes do you have',
  'what is the material',
  "what's the price on the red bag",
  'where do you ship from',
  'when is the next show',
  'which one is bigger',
  'any left in large',
  'anyone know if it runs small',
  'will it fit a size 10',
  'would you do a bundle deal',
  "doesn't it come in black",
  'hi, how much for the green one',
  'ok so is it machine washable',
  'love it! does it come in red',
  'and the blue one, how much',
  'price',
  'price pls',
  'shipping to Canada',
  'link please',
  'quick question about the lining',
  '@anna how long is delivery',
  'sizes',
  'not sure what size I need',
  'Is this real leather?',
  'thoughts?',
  // es
  'cuánto cuesta el envío a México',
  'cuanto cuesta',
  'y el azul cuánto cuesta',
  'qué tallas tienen',
  'cómo funciona el envío',
  'dónde están ubicados',
  'cuál es el precio',
  'tienen talla M',
  'hay en color negro',
  'hacen envíos a Colombia',
  'se puede pagar con tarjeta',
  'precio por favor',
  'hola, cuándo llega',
  '¿es de algodón',
  // fr
  "c'est combien la livraison",
  'combien pour le sac',
  'il reste combien de M',
  "est-ce que c'est lavable",
  "qu'est-ce que c'est comme tissu",
  'quelle taille fait-elle',
  'vous avez du M',
  'vous livrez en Belgique',
  'comment on commande',
  'où est le lien',
  'quand est le prochain live',
  'prix svp',
  "y a-t-il d'autres couleurs",
  'bonjour, il en reste en bleu',
];

const STATEMENTS: readonly string[] = [
  // en
  'I love this!',
  'great price',
  'shipping was fast last time',
  'so cute',
  'love this color',
  'what a deal!',
  'how cute is that',
  'Wow what a beautiful dress',
  'I love how it fits',
  'would love one in green',
  "can't wait for mine",
  'will do',
  'have a great show everyone',
  'is gorgeous',
  'this is the best show',
  'was the best purchase ever',
  'when I got mine it was perfect',
  'price is right',
  'the sizing is perfect',
  'sold',
  "I'll take it",
  'claim blue L',
  'size M',
  'link in bio',
  'thank you!!',
  'won the giveaway last week',
  'got mine at shop.example/p?id=3',
  // es
  'me encanta',
  'me encanta el precio',
  'qué bonito!',
  'que lindo color',
  'como siempre, hermoso',
  'es hermoso',
  'hay que comprarlo ya',
  'tienes razón',
  'lo quiero',
  'me lo llevo',
  'gracias',
  'envío gratis!',
  // fr
  "j'adore",
  "j'adore la taille",
  'quelle belle couleur',
  "que c'est beau",
  'vous avez raison',
  'je prends',
  'trop mignon',
  'merci beaucoup',
  'la livraison était rapide',
];

describe('looksLikeQuestion', () => {
  it.each(QUESTIONS)('%j is a question', (text) => {
    expect(looksLikeQuestion(text)).toBe(true);
  });

  it.each(STATEMENTS)('%j is not a question', (text) => {
    expect(looksLikeQuestion(text)).toBe(false);
  });

  it('takes any question mark, full-width or inverted, but not the one in a link', () => {
    for (const text of ['love it?', 'size 8？', '¿lo tienen en rojo', 'ok?!']) expect(looksLikeQuestion(text), text).toBe(true);
    expect(looksLikeQuestion('see myshop.example/p?variant=12 for mine')).toBe(false);
    expect(looksLikeQuestion('see myshop.example/p?variant=12 is it this one?')).toBe(true);
  });

  it('reads through case, accents, stretched punctuation and zero-width characters', () => {
    expect(looksLikeQuestion('HOW MUCH IS SHIPPING')).toBe(true);
    expect(looksLikeQuestion('CUANTO CUESTA')).toBe(true);
    expect(looksLikeQuestion('h\u200Bow much')).toBe(true);
    expect(looksLikeQuestion('I LOVE THIS!!!')).toBe(false);
  });

  it('never throws, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(typeof looksLikeQuestion(text)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
