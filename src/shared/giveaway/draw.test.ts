/**
 * The draw's fixed vectors were computed independently (Python's hashlib and
 * hmac, following docs/giveaways.md step by step); the worked example in the
 * docs is the first one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitmentOf, compareUtf8, drawWinner, isSeed, newSeed, sortEntries, toHex, uniformIndex, utf8 } from './draw.js';

const SEED = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
/** The platform's encoder (src/shared is type-checked without DOM or Node types). */
const encoder = new (globalThis as unknown as { TextEncoder: new () => { encode(s: string): Uint8Array } }).TextEncoder();
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('the giveaway draw', () => {
  it('matches the worked example in docs/giveaways.md', async () => {
    expect(await commitmentOf(SEED)).toBe('630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd');
    const result = await drawWinner(SEED, ['v-carol', 'v-alice', 'v-bob']);
    expect(result).toEqual({ sorted: ['v-alice', 'v-bob', 'v-carol'], index: 1, winner: 'v-bob', rejected: 0 });
  });

  it('sorts by UTF-8 bytes, not by UTF-16 units or locale', async () => {
    const seed = 'ff'.repeat(32);
    expect(await commitmentOf(seed)).toBe('af9613760f72635fbdb44a5a0a63c39f12af30f950a6ee5c971be188e89c4051');
    const result = await drawWinner(seed, ['zoë', 'Zed', 'ana', 'émile', '😀x', '\uffffq']);
    // U+FFFF (EF BF BF) sorts before an emoji (F0 …) in bytes; UTF-16 order would put the emoji first.
    expect(result.sorted).toEqual(['Zed', 'ana', 'zoë', 'émile', '\uffffq', '😀x']);
    expect(result.winner).toBe('ana');
  });

  it('skips words at or above the limit, across HMAC blocks (rejection sampling)', async () => {
    // n = 2^31 + 1: about half the words are rejected. Vectors from the reference computation.
    const n = 2 ** 31 + 1;
    expect(await uniformIndex(SEED, ascii('m3'), n)).toEqual({ index: 1576016356, rejected: 5 });
    expect(await uniformIndex(SEED, ascii('m478'), n)).toEqual({ index: 96651050, rejected: 10 });
  });

  it('refuses an empty list, a viewer twice and a malformed seed', async () => {
    await expect(drawWinner(SEED, [])).rejects.toThrow(/no entries/);
    await expect(drawWinner(SEED, ['a', 'b', 'a'])).rejects.toThrow(/"a" is in the entry list twice/);
    await expect(drawWinner(SEED.toUpperCase(), ['a'])).rejects.toThrow(/64 hexadecimal digits/);
    await expect(commitmentOf('abc')).rejects.toThrow(/64 hexadecimal digits/);
  });

  it('makes fresh 32-byte seeds', () => {
    const a = newSeed();
    expect(isSeed(a)).toBe(true);
    expect(newSeed()).not.toBe(a);
  });

  it('encodes UTF-8 like TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8(s)).toEqual(encoder.encode(s));
      }),
    );
  });

  const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex);
  const idsArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12, unit: 'binary' }), { minLength: 1, maxLength: 30 });

  it('is deterministic and ignores the order entries came in', async () => {
    await fc.assert(
      fc.asyncProperty(
        seedArb,
        idsArb.chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }))),
        async (seed, [ids, shuffled]) => {
        const a = await drawWinner(seed, ids);
        const b = await drawWinner(seed, shuffled);
        expect(b).toEqual(a);
        expect(ids).toContain(a.winner);
        expect(a.sorted).toEqual([...ids].sort(compareUtf8));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lets every entry win with some seed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), async (ids) => {
        const winners = new Set<string>();
        // Seeds 0, 1, 2…: with at most 4 entries, 200 seeds miss one with probability below 1e-24.
        for (let i = 0; i < 200 && winners.size < ids.length; i++) {
          winners.add((await drawWinner(i.toString(16).padStart(64, '0'), ids)).winner);
        }
        expect([...winners].sort()).toEqual([...ids].sort());
      }),
      { numRuns: 30 },
    );
  });

  it('publishes a commitment that matches its seed only', async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, seedArb, async (seed, other) => {
        const commitment = await commitmentOf(seed);
        expect(commitment).toMatch(/^[0-9a-f]{64}$/);
        expect(commitment).toBe(await commitmentOf(seed));
        if (other !== seed) expect(await commitmentOf(other)).not.toBe(commitment);
      }),
      { numRuns: 100 },
    );
  });

  it('sortEntries orders by bytes: compareUtf8 agrees with comparing the encoded bytes', () => {
    const byBytes = (x: Uint8Array, y: Uint8Array) => {
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
      return Math.sign(x.length - y.length);
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(byBytes(encoder.encode(a), encoder.encode(b)));
      }),
    );
    expect(sortEntries(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
  });
});
