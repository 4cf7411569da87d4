/**
 * The giveaway service on a real SQLite file, the real SellBoard (its
 * target records what viewers would get) and the chat store's bans,
 * timeouts and moderators.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import type { ChatMessage } from '../../shared/domain/chat.js';
import { commitmentOf, drawWinner } from '../../shared/giveaway/draw.js';
import { giveawayEntryFileSchema } from '../../shared/giveaway/entry-file.js';
import type { SellIncoming, SellNotice, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import { ChatStore } from '../chat/chat-store.js';
import { openDatabase, type StudioDatabase } from '../db/open-database.js';
import { StudioEventBus } from '../events/event-bus.js';
import { NoticeBudget } from '../sell-board/notice-budget.js';
import { SellBoard } from '../sell-board/sell-board.js';
import { GiveawayService } from './giveaway-service.js';
import { GiveawayStore } from './giveaway-store.js';

const START = { prize: 'Tote bag', keyword: '!Enter', buttonEntry: true, rules: 'No purchase necessary.', minWatchMinutes: null };

function world(db: StudioDatabase = openDatabase(path.join(tempDir(), 'g.sqlite')), budget?: { burst: number; perSecond: number }) {
  let clock = 1_000_000;
  let active: number | null = null;
  const states: ShowSellState[] = [];
  const notices: { viewerId: string; notice: SellNotice }[] = [];
  const announced: string[] = [];
  const board = new SellBoard({ target: { sendSellState: (s) => states.push(s), sendSellNotice: (viewerId, notice) => notices.push({ viewerId, notice }) }, coalesceMs: 0 });
  const chat = new ChatStore(db);
  const logged: string[] = [];
  const service = new GiveawayService({
    db,
    events: new StudioEventBus(),
    board,
    viewer: (id) => chat.viewer(id),
    announce: (text) => announced.push(text),
    activeShowId: () => active,
    now: () => clock,
    coalesceMs: 0,
    ...(budget ? { noticeBudget: new NoticeBudget(budget, () => clock) } : {}),
    log: (message) => logged.push(message),
  });
  const viewer = (id: string, flags: Parameters<ChatStore['setViewerFlags']>[1] = {}) => {
    chat.sawViewer(id, id.toUpperCase(), clock);
    chat.setViewerFlags(id, flags, clock);
  };
  let n = 0;
  const say = (viewerId: string, text: string, watchingSince: number | null = null) =>
    service.readChat(
      { id: `m${++n}`, showId: null, viewerId, name: viewerId.toUpperCase(), role: 'viewer', text, ts: clock, status: 'approved', reasons: [], question: false, decidedBy: 'auto', decidedAt: clock } satisfies ChatMessage,
      watchingSince,
    );
  const press = (viewerId: string, giveawayId: number, watchingSince: number | null = null) =>
    service.enterFromPage({ id: `a${++n}`, viewerId, name: viewerId.toUpperCase(), action: { kind: 'enterGiveaway', giveawayId }, ts: clock, watchingSince } satisfies SellIncoming);
  const lastTo = (viewerId: string) => notices.filter((x) => x.viewerId === viewerId).at(-1)?.notice;
  const newShow = (name: string) => Number(db.prepare('INSERT INTO shows (name, created_at) VALUES (?, 0)').run(name).lastInsertRowid);
  const setShow = (id: number | null) => (active = id);
  return { db, logged, newShow, setShow, service, states, notices, announced, viewer, say, press, lastTo, tick: (ms: number) => (clock += ms), settle: () => new Promise((r) => setTimeout(r, 5)) };
}

describe('giveaways', () => {
  it('opens one at a time and refuses a giveaway nobody could enter', async () => {
    const w = world();
    await expect(w.service.start({ ...START, keyword: null, buttonEntry: false })).rejects.toThrow(/need a way to enter/);
    await expect(w.service.start({ ...START, keyword: '25' })).rejects.toThrow(/a number in chat is read as a bid/);
    const { current } = await w.service.start(START);
    expect(current).toMatchObject({ prize: 'Tote bag', keyword: 'Enter', status: 'open', entries: 0, seed: null });
    await expect(w.service.start({ ...START, prize: 'Mug' })).rejects.toThrow('"Tote bag" is still open: draw it or cancel it before starting another giveaway.');
    expect(w.states.at(-1)!.giveaway).toMatchObject({ prize: 'Tote bag', status: 'open', rules: 'No purchase necessary.' });
  });

  it('fixes the seed when the giveaway opens: its commitment is public before anyone enters, the seed stays private until the draw', async () => {
    const w = world();
    const opened = (await w.service.start(START)).current!;
    expect(opened.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.seed).toBeNull();
    expect(opened).not.toHaveProperty('secretSeed');
    // Every viewer's page has the commitment from the first state, with no seed.
    const first = w.states[0]!.giveaway!;
    expect(first).toMatchObject({ status: 'open', entries: 0, commitment: opened.commitment, seed: null });
    const secret = new GiveawayStore(w.db).current(null)!.secretSeed!;
    expect(await commitmentOf(secret)).toBe(opened.commitment);
    expect(JSON.stringify(w.states)).not.toContain(secret);
    expect(JSON.stringify(w.service.state(null))).not.toContain(secret);

    w.viewer('ana');
    w.say('ana', 'enter');
    const drawn = (await w.service.draw()).current!;
    // The draw used the seed committed at opening; nothing was re-committed.
    expect(drawn).toMatchObject({ status: 'drawn', commitment: opened.commitment, seed: secret });
    expect(new Set(w.states.map((s) => s.giveaway?.commitment))).toEqual(new Set([opened.commitment]));
  });

  it('takes the keyword as a whole message, once per viewer, and refuses banned, timed-out and moderator viewers', async () => {
    const w = world();
    const id = (await w.service.start(START)).current!.id;
    for (const v of ['ana', 'ben', 'cy', 'mod', 'out']) w.viewer(v);
    w.viewer('bad', { banned: true });
    w.viewer('mod', { moderator: true });
    w.viewer('out', { timedOutUntil: 1_000_000 + 60_000 });

    expect(w.say('ana', 'I want to enter')).toBe(false);
    expect(w.say('ana', 'ENTER!')).toBe(true);
    expect(w.lastTo('ana')).toEqual({ kind: 'giveaway', giveawayId: id, outcome: 'entered', text: 'You’re in the giveaway for Tote bag. Good luck!' });
    expect(w.say('ana', '!enter')).toBe(true);
    expect(w.lastTo('ana')!.text).toBe('You’re already in this giveaway: one entry per viewer.');
    w.press('ben', id);
    w.press('ben', id);
    expect(w.say('cy', 'enter')).toBe(true);
    expect(w.say('bad', 'enter')).toBe(true);
    expect(w.lastTo('bad')).toMatchObject({ outcome: 'refused', text: 'You can’t enter giveaways in this chat.' });
    w.press('mod', id);
    expect(w.lastTo('mod')).toMatchObject({ outcome: 'refused', text: "Moderators help run the show, so they can’t enter giveaways." });
    w.press('out', id);
    expect(w.lastTo('out')).toMatchObject({ outcome: 'refused', text: 'You’re timed out in chat, so you can’t enter right now.' });
    w.press('ben', id + 1);
    expect(w.lastTo('ben')).toMatchObject({ outcome: 'refused', text: 'Entries for this giveaway are closed.' });

    await w.settle();
    expect(w.service.state(null).current!.entries).toBe(3);
    expect(w.states.at(-1)!.giveaway!.entries).toBe(3);
  });

  it('keeps private lines within the link budget: "already in" once per viewer, a flood of entries counted but not all answered', async () => {
    const w = world(undefined, { burst: 5, perSecond: 1 });
    const id = (await w.service.start(START)).current!.id;
    w.viewer('ana');
    w.say('ana', 'enter');
    for (let i = 0; i < 4; i++) w.press('ana', id);
    w.say('ana', 'enter!');
    const toAna = w.notices.filter((n) => n.viewerId === 'ana').map((n) => n.notice.text);
    expect(toAna).toEqual(['You’re in the giveaway for Tote bag. Good luck!', 'You’re already in this giveaway: one entry per viewer.']);

    // 20 viewers press Enter in the same instant: every entry counts, 3 lines fit what is left of the budget.
    for (let i = 0; i < 20; i++) w.press(`v${i}`, id);
    await w.settle();
    expect(w.service.state(null).current!.entries).toBe(21);
    expect(w.notices).toHaveLength(5);
    // Reported at once, then at most every 5 s (the rest are counted for the next report).
    expect(w.logged).toEqual(['1 private line to viewers skipped: over the SFU\'s budget for the studio\'s messages (every page still shows the giveaway)']);
    // The winner is always told, even over the budget.
    const drawn = (await w.service.draw()).current!;
    expect(w.lastTo(drawn.winner!.viewerId)).toMatchObject({ outcome: 'won' });
  });

  it('refuses the button when entry is by keyword only, and checks the minutes watched on the SFU clock', async () => {
    const w = world();
    const id = (await w.service.start({ ...START, buttonEntry: false, minWatchMinutes: 5 })).current!.id;
    w.press('ana', id, 0);
    expect(w.lastTo('ana')).toMatchObject({ outcome: 'refused', text: 'Type "Enter" in chat to enter.' });
    const now = 1_000_000;
    w.say('ana', 'enter', now - 3 * 60_000 - 1);
    expect(w.lastTo('ana')!.text).toBe('This giveaway is for viewers who have watched for 5 minutes. Keep watching and enter again in 2 minutes.');
    w.say('ben', 'enter', null);
    expect(w.lastTo('ben')!.text).toMatch(/Keep watching and enter again in 5 minutes/);
    w.say('cy', 'enter', now - 5 * 60_000);
    expect(w.lastTo('cy')).toMatchObject({ outcome: 'entered' });
  });

  it('draws: leaves out who was banned since entering, commits before revealing, and anyone can recompute the winner', async () => {
    const w = world();
    const id = (await w.service.start(START)).current!.id;
    await expect(w.service.draw()).rejects.toThrow('No one has entered yet: wait for entries, or cancel the giveaway.');
    for (const v of ['ana', 'ben', 'cy', 'dee']) {
      w.viewer(v);
      w.say(v, 'enter');
    }
    w.viewer('dee', { banned: true });
    w.tick(1000);
    const drawn = (await w.service.draw()).current!;
    expect(drawn).toMatchObject({ status: 'drawn', entries: 3 });

    // Viewers saw the commitment (no seed) before the seed and winner.
    const closed = w.states.find((s) => s.giveaway?.status === 'open')!.giveaway!;
    expect(closed.seed).toBeNull();
    expect(closed.commitment).toBe(drawn.commitment);
    expect(await commitmentOf(drawn.seed!)).toBe(drawn.commitment);
    expect(w.states.indexOf(w.states.find((s) => s.giveaway?.status === 'drawn')!)).toBeGreaterThan(w.states.findIndex((s) => s.giveaway?.status === 'closed'));

    const file = giveawayEntryFileSchema.parse(JSON.parse(w.service.exportEntries(id).content));
    expect(file.entries.map((e) => e.viewerId)).toEqual(['ana', 'ben', 'cy']);
    const { winner } = await drawWinner(drawn.seed!, file.entries.map((e) => e.viewerId));
    expect(drawn.winner!.viewerId).toBe(winner);
    expect(file.winner!.viewerId).toBe(winner);
    expect(w.lastTo(winner)).toEqual({ kind: 'giveaway', giveawayId: id, outcome: 'won', text: 'You won Tote bag! The host will be in touch.' });
    expect(w.announced).toEqual([`${winner.toUpperCase()} won the giveaway: Tote bag! (3 entries, verifiable draw)`]);
    expect(w.states.at(-1)!.giveaway).toMatchObject({ status: 'drawn', seed: drawn.seed, winner: { viewerId: winner } });
    // A new one may start now.
    expect((await w.service.start({ ...START, prize: 'Mug' })).current!.status).toBe('open');
  });

  it('belongs to its show: viewers of the next show neither see nor enter it, and End show closes its entries', async () => {
    const w = world();
    const friday = w.newShow('Friday');
    const saturday = w.newShow('Saturday');
    w.setShow(friday);
    const id = (await w.service.start(START)).current!.id;
    w.viewer('ana');
    w.say('ana', 'enter');
    // The host opens the next show without ending this one: its pages do not get Friday's giveaway.
    w.setShow(saturday);
    w.service.showChanged();
    expect(w.states.at(-1)!.giveaway).toBeNull();
    expect(w.service.state(null).current).toBeNull();
    w.viewer('ben');
    expect(w.say('ben', 'enter')).toBe(false);
    w.press('ben', id);
    expect(w.lastTo('ben')).toMatchObject({ outcome: 'refused', text: 'Entries for this giveaway are closed.' });
    // Back on Friday, End show: entries close and the one who entered is drawn.
    w.setShow(friday);
    w.service.showChanged();
    expect(w.states.at(-1)!.giveaway).toMatchObject({ id, status: 'open', entries: 1 });
    await w.service.showEnded();
    expect(w.service.state(null).current).toMatchObject({ id, status: 'drawn', entries: 1, winner: { viewerId: 'ana' } });
    expect(w.announced).toEqual(['ANA won the giveaway: Tote bag! (1 entry, verifiable draw)']);

    // One nobody entered is cancelled at End show (no winner to announce).
    const empty = (await w.service.start({ ...START, prize: 'Mug' })).current!.id;
    await w.service.showEnded();
    expect(w.service.state(null).history.find((g) => g.id === empty)).toMatchObject({ status: 'cancelled', seed: null });
    expect(w.states.at(-1)!.giveaway).toBeNull();

    // A giveaway an earlier show left open (ended before entries closed with it) ends when the next one starts.
    const left = (await w.service.start({ ...START, prize: 'Scarf' })).current!.id;
    w.say('ana', 'enter');
    w.setShow(saturday);
    const next = (await w.service.start({ ...START, prize: 'Hat' })).current!;
    expect(next).toMatchObject({ prize: 'Hat', status: 'open', showId: saturday });
    expect(new GiveawayStore(w.db).byId(left)).toMatchObject({ status: 'drawn', winner: { viewerId: 'ana' } });
  });

  it('cancels an open giveaway and exports only after a draw', async () => {
    const w = world();
    const id = (await w.service.start(START)).current!.id;
    expect(() => w.service.exportEntries(id)).toThrow(/after the draw/);
    expect(w.service.cancel().current).toMatchObject({ status: 'cancelled' });
    expect(w.states.at(-1)!.giveaway).toBeNull();
    expect(() => w.service.cancel()).toThrow('No giveaway is open.');
  });

  it('after a restart an open giveaway stays open, and a closed one is drawn with the seed stored when it opened', async () => {
    const dir = tempDir();
    const first = world(openDatabase(path.join(dir, 'g.sqlite')));
    const id = (await first.service.start(START)).current!.id;
    first.viewer('ana');
    first.say('ana', 'enter');
    first.service.close();
    first.db.close();

    const second = world(openDatabase(path.join(dir, 'g.sqlite')));
    await second.service.resume();
    expect(second.states.at(-1)!.giveaway).toMatchObject({ id, status: 'open', entries: 1 });
    second.viewer('ben');
    second.say('ben', 'enter');
    // Closed but not drawn (the studio stopped mid-draw): the seed stored at opening is used.
    const seed = new GiveawayStore(second.db).byId(id)!.secretSeed!;
    expect(await commitmentOf(seed)).toBe(second.states.at(-1)!.giveaway!.commitment);
    new GiveawayStore(second.db).close(id, new Map(), 2_000_000);
    second.service.close();
    second.db.close();

    const third = world(openDatabase(path.join(dir, 'g.sqlite')));
    await third.service.resume();
    const g = third.service.state(null).current!;
    expect(g).toMatchObject({ status: 'drawn', seed, commitment: await commitmentOf(seed), entries: 2 });
    expect(g.winner!.viewerId).toBe((await drawWinner(seed, ['ana', 'ben'])).winner);
  });
});
