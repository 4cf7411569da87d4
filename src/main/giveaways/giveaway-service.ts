import type { ExportedFile } from '../../shared/api/contract/selling.js';
import { StudioError } from '../../shared/api/result.js';
import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import type { Giveaway, GiveawayReportRow, GiveawaysState } from '../../shared/domain/giveaways.js';
import { commitmentOf, compareUtf8, drawWinner, newSeed } from '../../shared/giveaway/draw.js';
import { GIVEAWAY_ENTRIES_FORMAT, type GiveawayEntryFile } from '../../shared/giveaway/entry-file.js';
import type { GiveawayView, SellIncoming, SellNotice } from '../../shared/sfu/protocol-selling.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { NOTICE_BUDGET, NoticeBudget } from '../sell-board/notice-budget.js';
import { exclusionOf } from '../../shared/domain/viewer-exclusion.js';
import { GiveawayStore, type Exclusion, type StoredGiveaway } from './giveaway-store.js';
import { entryRefusal, keywordOf, matchesKeyword } from './giveaway-rules.js';

/** The giveaway requests as the API offers them (giveaway-handlers.ts). */
export interface GiveawayApi {
  start(input: { prize: string; keyword: string | null; buttonEntry: boolean; rules: string; minWatchMinutes: number | null }): Promise<GiveawaysState>;
  draw(): Promise<GiveawaysState>;
  cancel(): GiveawaysState;
  state(showId: number | null): GiveawaysState;
  exportEntries(giveawayId: number): ExportedFile;
}

export interface GiveawayServiceDeps {
  readonly db: StudioDatabase;
  readonly events: StudioEventBus;
  /** The SellBoard: every viewer's page shows the giveaway; private lines to one viewer. */
  readonly board: { setGiveaway(view: GiveawayView | null): void; notify(viewerId: string, notice: SellNotice): void; flush(): void };
  /** The chat's record of a viewer (bans, timeouts, moderators), asked at entry and when entries close. */
  readonly viewer: (viewerId: string) => ChatViewer | null;
  /** A line in chat signed by the host ("… won …!"). */
  readonly announce: (text: string) => void;
  readonly activeShowId: () => number | null;
  readonly now?: () => number;
  /** The studio link's budget for private lines, shared with auctions (default: one of its own). */
  readonly noticeBudget?: NoticeBudget;
  /** Entry counts reach the studio and viewers at most this often (default 250 ms). */
  readonly coalesceMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * Giveaways (docs/giveaways.md): one open at a time; viewers enter with the
 * chat keyword or the watch page's Enter button, once each; banned and
 * timed-out viewers and moderators cannot enter and are left out when
 * entries close. Opening stores a secret seed and publishes its commitment,
 * so the seed is fixed before any entry is known; the winner is drawn from
 * the sorted entry list and the seed revealed.
 * SQLite is the truth: a restart keeps an open giveaway open and finishes a
 * closed one's draw with its stored seed.
 */
export class GiveawayService implements GiveawayApi {
  private readonly store: GiveawayStore;
  private readonly now: () => number;
  private readonly coalesceMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private drawing: Promise<GiveawaysState> | null = null;
  private closed = false;
  private readonly notices: NoticeBudget;
  /** Viewers already told "you're already in" (once each): the giveaway it was for, and who. */
  private repeated = { giveawayId: 0, viewers: new Set<string>() };

  constructor(private readonly deps: GiveawayServiceDeps) {
    this.store = new GiveawayStore(deps.db);
    this.now = deps.now ?? Date.now;
    this.coalesceMs = deps.coalesceMs ?? 250;
    this.notices = deps.noticeBudget ?? new NoticeBudget(NOTICE_BUDGET, this.now);
  }

  /** After a restart: an open giveaway stays open; a closed one is drawn with its stored seed. */
  async resume(): Promise<void> {
    const current = this.store.unfinished();
    this.publish();
    if (current?.status === 'closed') await this.draw(current);
  }

  /**
   * The show ended (End show): entries close with it. An open giveaway with
   * anyone eligible in it is drawn (viewers entered on the promise of a
   * draw), one nobody could win is cancelled. Also a giveaway left open by
   * an earlier show, found when another one starts.
   */
  async showEnded(): Promise<void> {
    const g = this.store.unfinished();
    if (!g) {
      this.publish();
      return;
    }
    if (g.status === 'open' && this.eligible(g) === 0) {
      this.store.cancel(g.id, this.now());
      this.publish();
      return;
    }
    await this.draw(g);
  }

  /** The active show changed: its own giveaway (or none) on viewers' pages, never the last show's. */
  showChanged(): void {
    this.publish();
  }

  /** The active show's open or undrawn giveaway. */
  private current(): StoredGiveaway | null {
    return this.store.current(this.deps.activeShowId());
  }

  async start(input: { prize: string; keyword: string | null; buttonEntry: boolean; rules: string; minWatchMinutes: number | null }): Promise<GiveawaysState> {
    // A giveaway left open by an earlier show (ended before this version closed them) ends now, as its show did.
    if (this.store.unfinished() && !this.current()) await this.showEnded();
    this.refuseIfOpen();
    const keyword = input.keyword === null ? null : keywordOf(input.keyword);
    if (keyword !== null && /^\$?\d/.test(keyword)) {
      throw new StudioError('invalid-input', 'Pick a word for the keyword: a number in chat is read as a bid.');
    }
    if (keyword === null && !input.buttonEntry) {
      throw new StudioError('invalid-input', 'Viewers need a way to enter: type a chat keyword or turn on the Enter button.');
    }
    // The seed is fixed (and its commitment published) before anyone can enter: the studio
    // cannot pick a seed that favours an entrant it already knows. It stays private until the draw.
    const seed = newSeed();
    const commitment = await commitmentOf(seed);
    this.refuseIfOpen(); // another start may have finished while the commitment was computed
    this.store.start({
      seed,
      commitment,
      showId: this.deps.activeShowId(),
      prize: input.prize,
      keyword,
      buttonEntry: input.buttonEntry,
      rules: input.rules,
      minWatchMinutes: input.minWatchMinutes,
      openedAt: this.now(),
    });
    return this.publish();
  }

  private refuseIfOpen(): void {
    const current = this.store.unfinished();
    if (current) throw new StudioError('conflict', `"${current.prize}" is still open: draw it or cancel it before starting another giveaway.`);
  }

  cancel(): GiveawaysState {
    const current = this.current();
    if (!current) throw new StudioError('conflict', 'No giveaway is open.');
    if (current.status !== 'open') throw new StudioError('conflict', 'The draw has started: it cannot be cancelled now.');
    this.store.cancel(current.id, this.now());
    return this.publish();
  }

  /** Closes entries, draws with the seed committed at opening and reveals it. */
  draw(which: StoredGiveaway | null = this.current()): Promise<GiveawaysState> {
    this.drawing ??= this.closeAndDraw(which).finally(() => (this.drawing = null));
    return this.drawing;
  }

  state(showId: number | null): GiveawaysState {
    const show = showId ?? this.deps.activeShowId();
    const history = this.store.ofShow(show).map(publicGiveaway);
    const open = this.current();
    return { current: open ? publicGiveaway(open) : (history[0] ?? null), history };
  }

  exportEntries(giveawayId: number): ExportedFile {
    const g = this.store.byId(giveawayId);
    if (!g) throw new StudioError('not-found', 'That giveaway no longer exists.');
    if (g.status !== 'drawn') throw new StudioError('conflict', 'The entry list is exported after the draw (it is the list the winner was drawn from).');
    const file: GiveawayEntryFile = {
      format: GIVEAWAY_ENTRIES_FORMAT,
      giveawayId: g.id,
      prize: g.prize,
      commitment: g.commitment,
      winner: g.winner,
      entries: this.store.drawList(g.id).sort((a, b) => compareUtf8(a.viewerId, b.viewerId)),
    };
    return { fileName: `giveaway-${g.id}-entries.json`, mimeType: 'application/json', content: `${JSON.stringify(file, null, 2)}\n` };
  }

  reportRows(showId: number): GiveawayReportRow[] {
    return this.store.reportRows(showId);
  }

  /** An approved chat message: true when it is the open giveaway's keyword (the entry is decided here). */
  readChat(message: ChatMessage, watchingSince: number | null): boolean {
    if (message.viewerId === null || message.role === 'host') return false;
    const g = this.current();
    if (!g || g.status !== 'open' || g.keyword === null || !matchesKeyword(message.text, g.keyword)) return false;
    this.enter(g, message.viewerId, message.name, 'chat', message.ts, watchingSince);
    return true;
  }

  /** The Enter button on the watch page (SellInbox `enterGiveaway`). */
  enterFromPage(incoming: SellIncoming): void {
    if (incoming.action.kind !== 'enterGiveaway') return;
    const g = this.current();
    const refuse = (text: string, giveawayId = incoming.action.kind === 'enterGiveaway' ? incoming.action.giveawayId : 0) =>
      this.notify(incoming.viewerId, { kind: 'giveaway', giveawayId, outcome: 'refused', text });
    if (!g || g.id !== incoming.action.giveawayId || g.status !== 'open') return refuse('Entries for this giveaway are closed.');
    if (!g.buttonEntry) return refuse(`Type "${g.keyword ?? ''}" in chat to enter.`, g.id);
    this.enter(g, incoming.viewerId, incoming.name, 'button', incoming.ts, incoming.watchingSince);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private enter(g: StoredGiveaway, viewerId: string, name: string, source: 'chat' | 'button', ts: number, watchingSince: number | null): void {
    const notice = (outcome: 'entered' | 'refused', text: string) => this.notify(viewerId, { kind: 'giveaway', giveawayId: g.id, outcome, text });
    const refusal = entryRefusal(this.exclusion(viewerId), g.minWatchMinutes, ts, watchingSince);
    if (refusal) return notice('refused', refusal);
    if (!this.store.addEntry(g.id, { viewerId, name }, source, this.now())) {
      // Told once: a viewer pressing Enter again and again gets no stream of lines (their page says "You're in").
      if (this.repeated.giveawayId !== g.id) this.repeated = { giveawayId: g.id, viewers: new Set() };
      if (this.repeated.viewers.has(viewerId)) return;
      this.repeated.viewers.add(viewerId);
      return notice('entered', 'You’re already in this giveaway: one entry per viewer.');
    }
    notice('entered', `You’re in the giveaway for ${g.prize}. Good luck!`);
    this.publishSoon();
  }

  /** Why this viewer may not be in a giveaway now (null: they may). */
  private exclusion(viewerId: string): Exclusion | null {
    return exclusionOf(this.deps.viewer(viewerId), this.now());
  }

  private eligible(g: StoredGiveaway): number {
    return this.store.entries(g.id).filter((e) => this.exclusion(e.viewerId) === null).length;
  }

  private async closeAndDraw(which: StoredGiveaway | null): Promise<GiveawaysState> {
    let g = which;
    if (!g) throw new StudioError('conflict', 'No giveaway is open: start one first.');
    if (g.status === 'open') {
      // Who is banned, timed out or a moderator now is left out of the draw.
      const exclusions = new Map<string, Exclusion>();
      for (const entry of this.store.entries(g.id)) {
        const why = this.exclusion(entry.viewerId);
        if (why) exclusions.set(entry.viewerId, why);
      }
      if (this.store.entries(g.id).length - exclusions.size === 0) {
        throw new StudioError('conflict', 'No one has entered yet: wait for entries, or cancel the giveaway.');
      }
      // The seed was stored (and its commitment published) when the giveaway opened. Only a giveaway
      // opened by an older version has none yet: it gets one now, as that version did.
      const legacySeed = g.secretSeed === null ? newSeed() : null;
      const legacy = legacySeed === null ? undefined : { seed: legacySeed, commitment: await commitmentOf(legacySeed) };
      this.store.close(g.id, exclusions, this.now(), legacy);
      this.publish();
      this.deps.board.flush();
      g = this.store.byId(g.id)!;
    }
    const list = this.store.drawList(g.id);
    const { winner } = await drawWinner(g.secretSeed!, list.map((e) => e.viewerId));
    const entry = list.find((e) => e.viewerId === winner)!;
    this.store.drawn(g.id, entry, this.now());
    const state = this.publish();
    this.deps.board.flush();
    // The winner's line always goes (it still counts against the budget).
    this.notices.force();
    this.deps.board.notify(entry.viewerId, { kind: 'giveaway', giveawayId: g.id, outcome: 'won', text: `You won ${g.prize}! The host will be in touch.` });
    try {
      this.deps.announce(`${entry.name} won the giveaway: ${g.prize}! (${list.length} ${list.length === 1 ? 'entry' : 'entries'}, verifiable draw)`);
    } catch (error) {
      this.deps.log?.('Could not announce the giveaway winner in chat', error);
    }
    return state;
  }

  /**
   * A private line within the studio link's budget (shared with chat and
   * auctions: thousands pressing Enter at once must not get the link
   * dropped by the SFU). Over it a line is skipped and counted; the page
   * still shows the entry count.
   */
  private notify(viewerId: string, notice: SellNotice): void {
    if (this.notices.admitOne()) this.deps.board.notify(viewerId, notice);
    const skipped = this.notices.report();
    if (skipped !== null) this.deps.log?.(`${skipped} private ${skipped === 1 ? 'line' : 'lines'} to viewers skipped: over the SFU's budget for the studio's messages (every page still shows the giveaway)`);
  }

  private publishSoon(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.closed) this.publish();
    }, this.coalesceMs);
    this.timer.unref?.();
  }

  /** Tells viewers (the open or last drawn giveaway) and the studio. */
  private publish(): GiveawaysState {
    const state = this.state(null);
    const shown = this.current() ?? (state.current?.status === 'drawn' ? state.current : null);
    this.deps.board.setGiveaway(shown ? viewOf(shown) : null);
    this.deps.events.emit('giveawaysChanged', state);
    return state;
  }
}

function publicGiveaway(g: Giveaway): Giveaway {
  const { secretSeed: _secret, ...rest } = g as StoredGiveaway;
  return rest;
}

function viewOf(g: Giveaway): GiveawayView {
  return {
    id: g.id,
    prize: g.prize,
    keyword: g.keyword,
    buttonEntry: g.buttonEntry,
    rules: g.rules,
    minWatchMinutes: g.minWatchMinutes,
    status: g.status,
    entries: g.entries,
    commitment: g.commitment,
    seed: g.seed,
    winner: g.winner ? { viewerId: g.winner.viewerId, name: g.winner.name.slice(0, 60) || 'Viewer' } : null,
  };
}
