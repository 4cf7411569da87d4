import { describe, expect, it } from 'vitest';
import { EMPTY_SELL_STATE } from '../shared/sfu/protocol-selling.js';
import { MAX_WATCHERS_REMEMBERED, RoomSelling, rebaseSellState } from './room-selling.js';
import { sampleAuction, sampleGiveaway, sellState } from '../../tests/harness/sell-fixtures.js';

describe('rebaseSellState', () => {
  it('moves the auction’s times by the clocks’ difference and leaves the rest', () => {
    const state = sellState({ auction: sampleAuction(1_000_000, { endedAt: 1_070_000 }), giveaway: sampleGiveaway() });
    const moved = rebaseSellState(state, 1_000_000, 400_000);
    expect(moved.auction).toMatchObject({ startedAt: 395_000, endsAt: 460_000, endedAt: 470_000 });
    expect({ ...moved, auction: null }).toEqual({ ...state, auction: null });
    expect(rebaseSellState(state, 5, 5)).toEqual(state);
  });

  it('keeps times at or above zero and in order when the sender’s clock is far ahead', () => {
    const moved = rebaseSellState(sellState({ auction: sampleAuction(10_000, { endedAt: 9_000 }) }), 10_000_000, 0).auction!;
    expect(moved.startedAt).toBe(0);
    expect(moved.endsAt).toBeGreaterThanOrEqual(moved.startedAt);
    expect(moved.endedAt).toBeGreaterThanOrEqual(moved.startedAt);
  });

  it('has nothing to move without an auction', () => {
    const state = sellState({ practice: true });
    expect(rebaseSellState(state, 0, 99)).toBe(state);
  });
});

describe('RoomSelling', () => {
  it('remembers a viewer’s first join only, and starts over with the next show', () => {
    const selling = new RoomSelling();
    selling.viewerJoined('v_a', 100);
    selling.viewerJoined('v_a', 500);
    expect(selling.watchingSince('v_a')).toBe(100);
    expect(selling.watchingSince('v_b')).toBeNull();
    selling.setState(sellState({ practice: true }));
    selling.showEnded();
    expect(selling.state).toEqual(EMPTY_SELL_STATE);
    expect(selling.watchingSince('v_a')).toBeNull();
    selling.showRestarted(['v_a'], 900);
    expect(selling.watchingSince('v_a')).toBe(900);
  });

  it('forgets the oldest viewers past its bound', () => {
    const selling = new RoomSelling();
    for (let i = 0; i <= MAX_WATCHERS_REMEMBERED; i++) selling.viewerJoined(`v_${i}`, i);
    expect(selling.watchingSince('v_0')).toBeNull();
    expect(selling.watchingSince('v_1')).toBe(1);
    expect(selling.watchingSince(`v_${MAX_WATCHERS_REMEMBERED}`)).toBe(MAX_WATCHERS_REMEMBERED);
  });
});
