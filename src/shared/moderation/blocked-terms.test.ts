import { describe, expect, it } from 'vitest';
import { BlockedTermMatcher } from './blocked-terms.js';
import { duplicateKey, leetSpellings, matchingForm, normalizeForMatching } from './normalize.js';

const matcher = new BlockedTermMatcher(['scam', 'ass', 'free money', 'kill', 'too', 'Crème']);
const blocked = (text: string) => matcher.matches(matchingForm(text));

describe('normalizeForMatching', () => {
  it('lowercases, strips accents, folds compatibility letters and undoes l33t', () => {
    expect(normalizeForMatching('Ça VA?? ſcam ｓｃａｍ 𝐬𝐜𝐚𝐦 sc4m $c@m 5c4m 7oo')).toBe('ca va scam scam scam scam scam scam too');
  });

  it('reads "1" as both i and l, and leaves numbers alone', () => {
    expect(leetSpellings('k1ll')).toEqual(['kill', 'klll']);
    expect(leetSpellings('b1tch')).toEqual(['bitch', 'bltch']);
    expect(leetSpellings('2024')).toEqual(['2024']);
  });

  it('joins letters spelled out with spaces, dots, dashes or underscores', () => {
    for (const text of ['s c a m', 's.c.a.m', 's-c-a-m', 's_c_a_m', 's . c . a . m']) {
      // The whole run first, then the run without its first or last letter.
      expect(matchingForm(text).spelledOut, text).toEqual([['scam'], ['cam'], ['sca']]);
    }
  });

  it('gives one duplicate key for the same text shouted, stretched or disguised', () => {
    expect(duplicateKey('HELLOOOO!!')).toBe(duplicateKey('hello'));
    expect(duplicateKey('h\u200Bello')).toBe('helo');
    expect(duplicateKey('🔥🔥')).toBe('🔥🔥');
    // Numbers are part of the question: a different size is not a duplicate.
    expect(duplicateKey('size 4?')).not.toBe(duplicateKey('size 44?'));
  });

  it('keeps duplicate keys short for long texts, still telling different texts apart', () => {
    const long = 'tell me about the blue dress please '.repeat(20);
    expect(duplicateKey(long).length).toBeLessThan(40);
    expect(duplicateKey(long.toUpperCase())).toBe(duplicateKey(long));
    expect(duplicateKey(`${long} red`)).not.toBe(duplicateKey(long));
  });
});

describe('BlockedTermMatcher catches the usual evasions', () => {
  it.each([
    'scam',
    'SCAM!!',
    'this is a Scam.',
    'sc4m',
    '$c@m',
    'ſcam',
    'ѕсаm', // Cyrillic look-alikes
    'scäm',
    'scaaaam',
    'sssccaaammm',
    's c a m',
    's.c.a.m',
    's-c-a-m',
    'this is a s c a m', // the real word "a" runs into the spelled-out term
    's c a m i think',
    '5 c 4 m',
    's\u200Bc\u200Ba\u200Bm',
    'a55',
    '@$$',
    'k1ll',
    'ki11',
    'get FREE money',
    'free   moneyyyy',
    'fr33 m0ney',
    'freemoney',
    'f r e e m o n e y',
    'creme brulee', // a term with an accent matches the plain word, and the other way round
  ])('%s', (text) => {
    expect(blocked(text)).toBe(true);
  });
});

describe('BlockedTermMatcher leaves innocent words alone', () => {
  it.each([
    'scampi tonight?',
    'Scunthorpe United',
    'assistant',
    'class act',
    'as soon as possible',
    'pass the mic',
    'skill level',
    'free shipping on money clips', // phrase words not next to each other
    'money free',
    'to the moon',
    'I love this!',
    '',
    '!!! ???',
  ])('%s', (text) => {
    expect(blocked(text)).toBe(false);
  });

  it('compares stretched letters the same way on both sides: "too" is a term, "to" is not', () => {
    expect(blocked('tooooo much')).toBe(true);
    expect(blocked('to')).toBe(false);
  });

  it('matches nothing with an empty list or a list of punctuation', () => {
    expect(new BlockedTermMatcher([]).matches(matchingForm('anything'))).toBe(false);
    expect(new BlockedTermMatcher(['!!!']).matches(matchingForm('!!!'))).toBe(false);
  });
});

describe('BlockedTermMatcher with several lists', () => {
  const lists = new BlockedTermMatcher(['knockoff', 'scam'], ['scam', 'free money', 'temu']);
  const found = (text: string) => lists.matchingLists(matchingForm(text));

  it('says which lists matched, as bits, reading the message once', () => {
    expect(found('a knock0ff')).toBe(1);
    expect(found('fr33 m0ney on t e m u')).toBe(2);
    expect(found('s c a m')).toBe(3);
    expect(found('knockoff from temu')).toBe(3);
    expect(found('scampi')).toBe(0);
  });

  it('an empty list matches nothing and does not stop the others', () => {
    const starterOnly = new BlockedTermMatcher([], ['scam']);
    expect(starterOnly.matchingLists(matchingForm('scam'))).toBe(2);
    expect(new BlockedTermMatcher([], []).isEmpty).toBe(true);
  });
});
