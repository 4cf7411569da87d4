// @vitest-environment happy-dom
/**
 * The watch page's auction, giveaway and PRACTICE banner in a DOM (the
 * page's own markup): what a viewer sees from the SFU's state and the
 * studio's private lines, what their taps send, and the name asked first.
 * (Real Chromium against a real SFU: e2e/watch-selling.spec.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SellAction, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import type { RoomState } from '../../shared/sfu/protocol.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { AuctionBlock } from './auction-view.js';
import { ChatController } from './chat-controller.js';
import { ChatIdentityStore } from './chat-identity.js';
import { ChatView } from './chat-view.js';
import { GiveawayBlock } from './giveaway-view.js';
import { SellingController } from './selling-controller.js';
import { sampleAuction, sampleGiveaway, sellState } from '../../../tests/harness/sell-fixtures.js';

const page = new DOMParser().parseFromString(fs.readFileSync(path.join(import.meta.dirname, 'index.html'), 'utf8'), 'text/html');
const LOCAL_NOW = Date.UTC(2026, 11, 7, 20, 0, 0);
/** The SFU's clock is an hour behind this phone's. */
const SERVER_NOW = LOCAL_NOW - 3_600_000;
const ME = 'v_me';
const ana = { viewerId: 'v_ana', name: 'Ana' };

let selling: SellingController;
let sent: SellAction[];
let refuseNext: SignalRequestError | null;
let identity: ChatIdentityStore;
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
const shown = (id: string) => (byTestId(id).hidden ? null : byTestId(id).textContent);
const click = (id: string) => byTestId(id).click();

function room(sell: ShowSellState): RoomState {
  return { show: 's', live: true, ended: false, viewerCount: 3, pin: null, serverTime: SERVER_NOW, producers: [], sell, chat: [], chatPinned: null };
}

function start(name: string | null): void {
  localStorage.clear();
  document.body.replaceChildren(document.importNode(page.getElementById('watch')!, true));
  identity = new ChatIdentityStore();
  if (name) identity.setName(name);
  const chat = new ChatController(new ChatView(), identity);
  chat.connect({ sendChat: () => Promise.resolve({ messageId: 'm' }), setChatName: (n) => Promise.resolve({ name: n }) });
  const element = (id: string) => document.getElementById(id)!;
  selling = new SellingController(
    {
      auction: new AuctionBlock(element('auction'), {
        bidNext: () => selling.bidNext(),
        bidAmount: (typed) => selling.bidAmount(typed, 'bid'),
        bidMax: (typed) => selling.bidAmount(typed, 'maxBid'),
      }),
      giveaway: new GiveawayBlock(element('giveaway'), () => selling.enterGiveaway()),
      practice: element('practice-banner'),
    },
    chat,
  );
  sent = [];
  refuseNext = null;
  selling.connect({
    sendSellAction: (action) => {
      const refusal = refuseNext;
      refuseNext = null;
      if (refusal) return Promise.reject(refusal);
      sent.push(action);
      return Promise.resolve({ forwarded: true, ts: SERVER_NOW });
    },
  });
}

const push = (state: ShowSellState) => selling.onPush({ type: 'sellState', state, serverTime: SERVER_NOW + (Date.now() - LOCAL_NOW) });
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ now: LOCAL_NOW });
  start('Me');
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the auction block', () => {
  it('shows a late joiner the running auction, counting down on the SFU’s clock', async () => {
    selling.onJoined(room(sellState({ auction: sampleAuction(SERVER_NOW, { endsAt: SERVER_NOW + 30_000, reserveMet: false }) })), { viewerId: ME, name: 'Me' });
    expect(shown('auction-title')).toBe('Denim jacket — M / Blue');
    expect(shown('auction-price')).toBe('$10');
    expect(document.querySelector('.auction-price-label')!.textContent).toBe('Starting at');
    expect(shown('auction-countdown')).toBe('00:30');
    expect(shown('auction-rule')).toBe('Bids in the last 10 s add time');
    expect(shown('auction-reserve')).toBe('Reserve not met yet');
    expect(shown('auction-leader')).toBe('No bids yet — be the first');
    expect(shown('auction-bid')).toBe('Bid $10');
    await vi.advanceTimersByTimeAsync(21_000);
    expect(shown('auction-countdown')).toBe('00:09');
    expect(byTestId('auction-countdown').classList.contains('is-urgent')).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(shown('auction-countdown')).toBe('Ending…');
    expect(byTestId('auction-bid').closest<HTMLElement>('.auction-actions')!.hidden).toBe(true);
  });

  it('sends the next bid, then says who is winning and when this viewer was outbid', async () => {
    selling.onJoined(room(sellState({ auction: sampleAuction(SERVER_NOW) })), { viewerId: ME, name: 'Me' });
    click('auction-bid');
    await flush();
    expect(sent).toEqual([{ kind: 'bid', auctionId: 7, amount: '10.00' }]);
    expect(shown('auction-notice')).toBe('Bid sent…');
    push(sellState({ auction: sampleAuction(SERVER_NOW, { price: '10.00', nextBid: '11.00', leader: { viewerId: ME, name: 'Me' }, bids: 1, bidders: 1 }) }));
    selling.onPush({ type: 'sellNotice', notice: { kind: 'bid', auctionId: 7, outcome: 'accepted', reason: null, amount: '10.00', text: 'Your bid of $10 leads.' } });
    expect(shown('auction-standing')).toBe('You’re winning');
    expect(shown('auction-leader')).toBe('You lead · 1 bid · 1 bidder');
    expect(shown('auction-notice')).toBe('Your bid of $10 leads.');
    expect((byTestId('auction-bid') as HTMLButtonElement).disabled).toBe(true);
    push(sellState({ auction: sampleAuction(SERVER_NOW, { price: '11.00', nextBid: '12.00', leader: ana, bids: 2, bidders: 2 }) }));
    expect(shown('auction-standing')).toBe('Outbid');
    // The studio's "leads" line is no longer true: gone.
    expect(shown('auction-notice')).toBeNull();
    selling.onPush({ type: 'sellNotice', notice: { kind: 'bid', auctionId: 7, outcome: 'outbid', reason: null, amount: '11.00', text: 'Outbid: the price is now $11.' } });
    expect(shown('auction-notice')).toBe('Outbid: the price is now $11.');
    expect(shown('auction-bid')).toBe('Bid $12');
    expect((byTestId('auction-bid') as HTMLButtonElement).disabled).toBe(false);
    // A refusal is private and stays in plain text near the buttons.
    selling.onPush({ type: 'sellNotice', notice: { kind: 'bid', auctionId: 7, outcome: 'refused', reason: 'too_low', amount: null, text: 'Bid refused: the next bid is at least $12. <b>' } });
    expect(shown('auction-notice')).toBe('Bid refused: the next bid is at least $12. <b>');
    expect(byTestId('auction-notice').dataset.kind).toBe('error');
    expect(document.querySelector('#auction b')).toBeNull();
  });

  it('checks a typed amount before sending, and sends a maximum as one', async () => {
    selling.onJoined(room(sellState({ auction: sampleAuction(SERVER_NOW, { price: '11.00', nextBid: '12.00', leader: ana }) })), { viewerId: ME, name: 'Me' });
    const amount = byTestId('auction-amount') as HTMLInputElement;
    amount.value = '11';
    amount.form!.requestSubmit();
    await flush();
    expect(shown('auction-notice')).toBe('The next bid is at least $12.');
    expect(sent).toEqual([]);
    amount.value = '$15';
    amount.form!.requestSubmit();
    const max = byTestId('auction-max') as HTMLInputElement;
    max.value = '40';
    await flush();
    max.form!.requestSubmit();
    await flush();
    expect(sent).toEqual([
      { kind: 'bid', auctionId: 7, amount: '15' },
      { kind: 'maxBid', auctionId: 7, amount: '40' },
    ]);
  });

  it('says the SFU’s reason when a bid is not forwarded', async () => {
    selling.onJoined(room(sellState({ auction: sampleAuction(SERVER_NOW) })), { viewerId: ME, name: 'Me' });
    refuseNext = new SignalRequestError('unavailable', 'The seller is not connected right now, so your bid was not sent. Try again in a moment.');
    click('auction-bid');
    await flush();
    expect(shown('auction-notice')).toBe('The seller is not connected right now, so your bid was not sent. Try again in a moment.');
  });

  it('shows the end: sold to someone, or "You won!" with the studio’s line', () => {
    selling.onJoined(room(sellState({ auction: sampleAuction(SERVER_NOW, { status: 'sold', price: '25.00', winner: ana, leader: ana, bids: 4, bidders: 3 }) })), {
      viewerId: ME,
      name: 'Me',
    });
    expect(shown('auction-result')).toBe('Sold to Ana for $25');
    expect(shown('auction-countdown')).toBeNull();
    push(sellState({ auction: sampleAuction(SERVER_NOW, { status: 'sold', price: '25.00', winner: { viewerId: ME, name: 'Me' } }) }));
    selling.onPush({ type: 'sellNotice', notice: { kind: 'bid', auctionId: 7, outcome: 'won', reason: null, amount: '25.00', text: 'You won! The seller will send checkout details.' } });
    expect(shown('auction-result')).toBe('Sold to you for $25');
    expect(shown('auction-standing')).toBe('You won!');
    expect(shown('auction-notice')).toBe('You won! The seller will send checkout details.');
    push(sellState({ auction: sampleAuction(SERVER_NOW, { status: 'unsold', reserveMet: false, bids: 2, price: '30.00', id: 8 }) }));
    expect(shown('auction-result')).toBe('Not sold: reserve not met');
    expect(shown('auction-notice')).toBeNull();
    push(sellState({ auction: sampleAuction(SERVER_NOW, { status: 'cancelled', id: 9 }) }));
    expect(shown('auction-result')).toBe('Auction cancelled');
  });

  it('asks a viewer without a name for one first, then sends the bid', async () => {
    start(null);
    selling.onJoined(room(sellState({ auction: sampleAuction(SERVER_NOW) })), { viewerId: ME, name: null });
    click('auction-bid');
    await flush();
    expect(sent).toEqual([]);
    const nameForm = document.getElementById('chat-name-form') as HTMLFormElement;
    expect(nameForm.hidden).toBe(false);
    expect(document.getElementById('chat-name-label')!.textContent).toBe('Pick a name to bid — everyone sees who leads');
    (document.getElementById('chat-name-input') as HTMLInputElement).value = 'Cleo';
    nameForm.requestSubmit();
    await flush();
    expect(identity.name).toBe('Cleo');
    expect(sent).toEqual([{ kind: 'bid', auctionId: 7, amount: '10.00' }]);
    expect(nameForm.hidden).toBe(true);
  });
});

describe('the giveaway block and the PRACTICE banner', () => {
  it('offers Enter, then says "You’re in", and shows the proof and the winner after the draw', async () => {
    selling.onJoined(room(sellState({ giveaway: sampleGiveaway({ prize: 'Silk scarf <img src=x>', entries: 4 }) })), { viewerId: ME, name: 'Me' });
    expect(shown('giveaway-prize')).toBe('Silk scarf <img src=x>');
    expect(document.querySelector('#giveaway img')).toBeNull();
    expect(shown('giveaway-howto')).toBe('Type ENTER in chat or tap Enter');
    expect(shown('giveaway-entries')).toBe('4 entries');
    expect((byTestId('giveaway-rules') as HTMLDetailsElement).open).toBe(true);
    click('giveaway-enter');
    await flush();
    expect(sent).toEqual([{ kind: 'enterGiveaway', giveawayId: 3 }]);
    selling.onPush({ type: 'sellNotice', notice: { kind: 'giveaway', giveawayId: 3, outcome: 'entered', text: 'You’re in the giveaway. Good luck!' } });
    expect(shown('giveaway-mine')).toBe('You’re in');
    expect(shown('giveaway-notice')).toBe('You’re in the giveaway. Good luck!');
    expect(byTestId('giveaway-enter').hidden).toBe(true);
    const commitment = '3f'.repeat(32);
    push(sellState({ giveaway: sampleGiveaway({ status: 'closed', entries: 5, commitment, rules: 'Long rules. '.repeat(30) }) }));
    expect(shown('giveaway-status')).toBe('Entries closed — drawing the winner');
    expect(byTestId('giveaway-commitment').hidden).toBe(false);
    expect(byTestId('giveaway-commitment').querySelector('.proof-short')!.textContent).toBe('3f3f3f3f…3f3f');
    expect(byTestId('giveaway-commitment').querySelector('.proof-full')!.textContent).toBe(commitment);
    expect((byTestId('giveaway-rules') as HTMLDetailsElement).open).toBe(false);
    push(sellState({ giveaway: sampleGiveaway({ status: 'drawn', entries: 5, commitment, seed: 'a1'.repeat(32), winner: ana }) }));
    expect(shown('giveaway-winner')).toBe('Winner: Ana');
    expect(byTestId('giveaway-seed').hidden).toBe(false);
  });

  it('shows the PRACTICE banner while the show is a rehearsal, and clears everything when the show ends', () => {
    selling.onJoined(room(sellState({ practice: true, auction: sampleAuction(SERVER_NOW) })), { viewerId: ME, name: 'Me' });
    expect(shown('practice-banner')).toBe('Practice show — nothing here is real');
    push(sellState({ practice: false, auction: sampleAuction(SERVER_NOW) }));
    expect(shown('practice-banner')).toBeNull();
    selling.onPhase('ended');
    expect(byTestId('auction').hidden).toBe(true);
    expect(byTestId('giveaway').hidden).toBe(true);
  });
});
