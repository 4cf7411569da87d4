import { describe, expect, it } from 'vitest';
import { ServerClock, currentPrice, dealPhase, formatCountdown, rebaseDeal } from './deal-clock.js';
import type { ProductCard } from './product-card.js';

const HOUR = 3_600_000;
const SERVER_START = 1_800_000_000_000;

const card: ProductCard = {
  productId: '7',
  title: 'Silk scarf',
  variantTitle: null,
  price: '40.00',
  compareAtPrice: null,
  currency: 'USD',
  imageUrl: null,
  stock: 5,
  buyUrl: null,
  // A two-minute deal on the server's clock.
  deal: { price: '25.00', startedAt: SERVER_START, endsAt: SERVER_START + 120_000 },
};

describe('ServerClock', () => {
  it('counts on the server clock when the viewer clock is hours off', () => {
    const clock = new ServerClock();
    const localSkew = 3 * HOUR; // the viewer's clock is three hours ahead
    const local = (serverTime: number) => serverTime + localSkew;
    // Joined 30 s into the deal, the reply took 80 ms.
    clock.sample(SERVER_START + 30_000, local(SERVER_START + 30_080));
    const serverNow = clock.now(local(SERVER_START + 30_080));
    const phase = dealPhase(card.deal, serverNow);
    expect(phase.kind).toBe('running');
    // 89.92 s truly left: the 80 ms of network delay is invisible, and well under a second.
    expect(formatCountdown(phase.kind === 'running' ? phase.remainingMs : 0)).toBe('01:30');
    // Counting on the local clock instead would say the deal ended long ago.
    expect(dealPhase(card.deal, local(SERVER_START + 30_080)).kind).toBe('ended');
  });

  it('keeps the sample with the least delay: delays only make samples smaller', () => {
    const clock = new ServerClock();
    const trueOffset = 5 * HOUR;
    clock.sample(1000 + trueOffset, 1000 + 900); // 900 ms in a queue
    clock.sample(5000 + trueOffset, 5000 + 40); // 40 ms
    clock.sample(9000 + trueOffset, 9000 + 300);
    expect(clock.offset()).toBe(trueOffset - 40);
  });

  it('follows a corrected local clock once the old samples have aged out', () => {
    const clock = new ServerClock(3);
    for (let i = 0; i < 3; i += 1) clock.sample(10_000 + i, 10_000 + i - HOUR); // local clock an hour behind
    expect(clock.offset()).toBe(HOUR);
    // NTP fixed the local clock: new samples say offset 0 (minus delay).
    for (let i = 0; i < 3; i += 1) clock.sample(20_000 + i, 20_000 + i + 20);
    expect(clock.offset()).toBe(-20);
  });

  it('uses the local clock before any sample and ignores broken ones', () => {
    const clock = new ServerClock();
    expect(clock.now(123)).toBe(123);
    clock.sample(Number.NaN, 5);
    expect(clock.offset()).toBe(0);
  });
});

describe('deal phase', () => {
  it('shows a late joiner (after the end) "ended" and the regular price', () => {
    const clock = new ServerClock();
    const joinedAt = SERVER_START + 10 * 60_000; // ten minutes after the two-minute deal
    clock.sample(joinedAt, joinedAt + 7 * HOUR);
    const serverNow = clock.now(joinedAt + 7 * HOUR + 50);
    expect(dealPhase(card.deal, serverNow)).toEqual({ kind: 'ended' });
    expect(currentPrice(card, serverNow)).toBe('40.00');
  });

  it('runs until exactly endsAt, with the deal price', () => {
    expect(dealPhase(card.deal, SERVER_START + 119_999)).toEqual({ kind: 'running', price: '25.00', remainingMs: 1 });
    expect(currentPrice(card, SERVER_START + 119_999)).toBe('25.00');
    expect(dealPhase(card.deal, SERVER_START + 120_000)).toEqual({ kind: 'ended' });
    expect(dealPhase(null, SERVER_START)).toEqual({ kind: 'none' });
    expect(currentPrice({ ...card, deal: null }, SERVER_START)).toBe('40.00');
  });

  it('formats whole seconds rounded up', () => {
    expect(formatCountdown(300_000)).toBe('05:00');
    expect(formatCountdown(299_001)).toBe('05:00');
    expect(formatCountdown(299_000)).toBe('04:59');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-5000)).toBe('00:00');
    expect(formatCountdown(30 * 60_000)).toBe('30:00');
    expect(formatCountdown(83_000, { padMinutes: false })).toBe('1:23');
  });
});

describe('rebaseDeal', () => {
  it('moves the deal onto the receiver clock and leaves the rest of the card alone', () => {
    const hostStart = SERVER_START + 2 * HOUR; // the host clock is 2 h ahead of the SFU's
    const hostCard = { ...card, deal: { price: '25.00', startedAt: hostStart, endsAt: hostStart + 60_000 } };
    const rebased = rebaseDeal(hostCard, hostStart + 10_000, SERVER_START + 10_000);
    expect(rebased.deal).toEqual({ price: '25.00', startedAt: SERVER_START, endsAt: SERVER_START + 60_000 });
    expect({ ...rebased, deal: null }).toEqual({ ...hostCard, deal: null });
    expect(rebaseDeal({ ...card, deal: null }, 5, 10).deal).toBeNull();
  });

  it('never produces negative times from an absurd sender clock', () => {
    const rebased = rebaseDeal(card, SERVER_START * 2, 1000);
    expect(rebased.deal!.startedAt).toBe(0);
    expect(rebased.deal!.endsAt).toBeGreaterThan(rebased.deal!.startedAt);
  });
});
