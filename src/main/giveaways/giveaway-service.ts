import type { ExportedFile } from '../../shared/api/contract/selling.js';
import { StudioError } from '../../shared/api/result.js';
import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import type { Giveaway, GiveawayReportRow, GiveawaysState } from '../../shared/domain/giveaways.js';
import { commitmentOf, compareUtf8, drawWinner, newSeed } from '../../shared/giveaway/draw.js';
import { GIVEAWAY_ENTRIES_FORMAT, type GiveawayEntryFile } from '../../shared/giveaway/entry-file.js';
import type { GiveawayView, SellIncoming, SellNotice } from '../../shared/sfu/protocol-selling.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { exclusionOf } from '../../shared/domain/viewer-exclusion.js';
import { GiveawayStore, type Exclusion, type StoredGiveaway } from './giveaway-store.js';
import { entryRefusal, keywordOf, matchesKeyword } from './giveaway-rules.js';

/** The giveaway requests as the API offers them (giveaway-handlers.ts). */
export interface GiveawayApi {
  start(input: { prize: string; keyword: string | null; buttonEntry: boolean; rules: string; minWatchMinutes: number | null }): GiveawaysState;
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
  /** Entry counts reach the studio and viewers at most this often (default 250 ms). */
  readonly coalesceMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * Giveaways (docs/giveaways.md): one open at a time; viewers enter with the
 * chat keyword or the watch page's Enter button, once each; banned and
 * timed-out viewers and moderators cannot enter and are left out when
 * entries close. Closing stores a secret seed and publishes its commitment,
 * then the winner is drawn from the sorted entry list and the seed revealed.
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

  constructor(private readonly deps: GiveawayServiceDeps) {
    this.store = new GiveawayStore(deps.db);
    this.now = deps.now ?? Date.now;
    this.coalesceMs = deps.coalesceMs ?? 250;
  }

  /** After a restart: an open giveaway stays open; a closed one is drawn with its stored seed. */
  async resume(): Promise<void> {
    const current = this.store.current();
    this.publish();
    if (current?.status === 'closed') await this.draw();
  }

  start(input: { prize: string; keyword: string | null; buttonEntry: boolean; rules: string; minWatchMinutes: number | null }): GiveawaysState {
    const current = this.store.current();
    if (current) throw new StudioError('conflict', `"${current.prize}" is still open: draw it or cancel it before starting another giveaway.`);
    const keyword = input.keyword === null ? null : keywordOf(input.keyword);
    if (keyword !== null && /^\$?\d/.test(keyword)) {
      throw new StudioError('invalid-input', 'Pick a word for the keyword: a number in chat is read as a bid.');
    }
    if (keyword === null && !input.buttonEntry) {
      throw new StudioError('invalid-input', 'Viewers need a way to enter: type a chat keyword or turn on the Enter button.');
    }
    this.store.start({
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

  cancel(): GiveawaysState {
    const current = this.store.current();
    if (!current) throw new StudioError('conflict', 'No giveaway is open.');
    if (current.status !== 'open') throw new StudioError('conflict', 'The draw has started: it cannot be cancelled now.');
    this.store.cancel(current.id, this.now());
    return this.publish();
  }

  /** Closes entries, publishes the commitment, draws and reveals the seed. */
  draw(): Promise<GiveawaysState> {
    this.drawing ??= this.closeAndDraw().finally(() => (this.drawing = null));
    return this.drawing;
  }

  state(showId: number | null): GiveawaysState {
    const show = showId ?? this.deps.activeShowId();
    const history = this.store.ofShow(show).map(publicGiveaway);
    const open = this.store.current();
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
    const g = this.store.current();
    if (!g || g.status !== 'open' || g.keyword === null || !matchesKeyword(message.text, g.keyword)) return false;
    this.enter(g, message.viewerId, message.name, 'chat', message.ts, watchingSince);
    return true;
  }

  /** The Enter button on the watch page (SellInbox `enterGiveaway`). */
  enterFromPage(incoming: SellIncoming): void {
    if (incoming.action.kind !== 'enterGiveaway') return;
    const g = this.store.current();
    const refuse = (text: string, giveawayId = incoming.action.kind === 'enterGiveaway' ? incoming.action.giveawayId : 0) =>
      this.deps.board.notify(incoming.viewerId, { kind: 'giveaway', giveawayId, outcome: 'refused', text });
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
    const notice = (outcome: 'entered' | 'refused', text: string) => this.deps.board.notify(viewerId, { kind: 'giveaway', giveawayId: g.id, outcome, text });
    const refusal = entryRefusal(this.exclusion(viewerId), g.minWatchMinutes, ts, watchingSince);
    if (refusal) return notice('refused', refusal);
    if (!this.store.addEntry(g.id, { viewerId, name }, source, this.now())) return notice('entered', 'You’re already in this giveaway: one entry per viewer.');
    notice('entered', `You’re in the giveaway for ${g.prize}. Good luck!`);
    this.publishSoon();
  }

  /** Why this viewer may not be in a giveaway now (null: they may). */
  private exclusion(viewerId: string): Exclusion | null {
    return exclusionOf(this.deps.viewer(viewerId), this.now());
  }

  private async closeAndDraw(): Promise<GiveawaysState> {
    let g = this.store.current();
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
      // The seed is stored before its commitment is published, and kept private until the winner is known.
      const seed = newSeed();
      this.store.close(g.id, exclusions, seed, await commitmentOf(seed), this.now());
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
    this.deps.board.notify(entry.viewerId, { kind: 'giveaway', giveawayId: g.id, outcome: 'won', text: `You won ${g.prize}! The host will be in touch.` });
    try {
      this.deps.announce(`${entry.name} won the giveaway: ${g.prize}! (${list.length} ${list.length === 1 ? 'entry' : 'entries'}, verifiable draw)`);
    } catch (error) {
      this.deps.log?.('Could not announce the giveaway winner in chat', error);
    }
    return state;
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
    const shown = this.store.current() ?? (state.current?.status === 'drawn' ? state.current : null);
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
