/**
 * A practice show's simulated audience (docs/practice.md): the host dials
 * in how many viewers, how fast they chat and what share asks questions,
 * claims and bids; each viewer is a real connection to the show's SFU
 * (simulated-viewer.ts), so everything it does goes the way a real viewer's
 * does — the SFU, moderation, the chat console, claims, auctions,
 * giveaways. Only while the active show is a practice show; it stops at End
 * show, when another show opens or the show stops being practice, and when
 * the studio closes (no connection outlives it).
 */
import { StudioError } from '../../shared/api/result.js';
import type { PracticeDialsInput } from '../../shared/api/contract/practice.js';
import type { Money } from '../../shared/domain/catalog.js';
import {
  DEFAULT_PRACTICE_DIALS,
  NO_PRACTICE_COUNTS,
  type PracticeAudienceCounts,
  type PracticeAudienceState,
  type PracticeDials,
} from '../../shared/domain/practice.js';
import { Pacer, planAction, type PlannedAction } from './audience-plan.js';
import { ceilingPercent, languageOf, SeededRandom, viewerName, type PracticeLanguage } from './practice-messages.js';
import { SimulatedViewer, type SimulatedViewerOptions } from './simulated-viewer.js';

export interface PracticeShow {
  readonly id: number;
  readonly name: string;
  readonly practice: boolean;
}

export interface PracticeAudienceDeps {
  readonly activeShow: () => PracticeShow | null;
  /** Where viewers connect: the show's SFU room (null: no SFU running). */
  readonly sfu: () => { readonly signalUrl: string; readonly room: string; readonly audienceKey?: string | null } | null;
  /** The pinned product's option values ("S", "M", "Blue"): claims name one of them. */
  readonly pinnedOptions: () => readonly string[];
  /** The bid increment at a price (Settings → Selling). */
  readonly bidIncrement: (price: Money) => Money;
  readonly emit: (state: PracticeAudienceState) => void;
  readonly log?: (message: string, error?: unknown) => void;
  /** How a viewer joins (default: a real SimulatedViewer). */
  readonly join?: (options: SimulatedViewerOptions) => Promise<SimulatedViewer>;
}

/** Joins in flight at once: a crowd arrives over a second or two, not in one burst. */
const JOINS_AT_ONCE = 10;
/** A viewer speaks at most about once a second (the SFU's per-connection chat limit is 1/s, burst 3). */
const VIEWER_GAP_MS = 1100;
/** Counts reach the UI at most this often. */
const EMIT_MS = 250;

interface Member {
  readonly index: number;
  readonly viewer: SimulatedViewer;
  readonly language: PracticeLanguage;
  readonly recent: string[];
  readonly claimed: Set<string>;
  readonly entered: Set<number>;
  lastSpokeAt: number;
}

export const NOT_PRACTICE_REFUSAL = (name: string) =>
  `“${name}” is a real show: a simulated audience joins practice shows only. Tick “Practice show” in the rundown (or make a new practice show) to rehearse.`;

export class PracticeAudience {
  private dials: PracticeDials = DEFAULT_PRACTICE_DIALS;
  private running = false;
  private showId: number | null = null;
  private members: Member[] = [];
  private joining = 0;
  /** The next viewer's index: names and keys follow it, so a seeded run is the same run. */
  private nextIndex = 0;
  private sent: PracticeAudienceCounts = NO_PRACTICE_COUNTS;
  private problem: string | null = null;
  private random = new SeededRandom(1);
  private seed = 1;
  private pacer: Pacer | null = null;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;
  /** A join failed: no more tries until the host changes the dials or starts again. */
  private joinsHeld = false;
  private closed = false;
  /** Aborted when the audience stops: joins still connecting give up and close their sockets. */
  private joins = new AbortController();

  constructor(private readonly deps: PracticeAudienceDeps) {}

  state(): PracticeAudienceState {
    const show = this.deps.activeShow();
    return {
      show: show === null ? null : { id: show.id, name: show.name, practice: show.practice },
      running: this.running,
      dials: this.dials,
      connected: this.members.length,
      joining: this.joining,
      sent: this.sent,
      problem: this.problem,
    };
  }

  start(input: PracticeDialsInput): PracticeAudienceState {
    const show = this.deps.activeShow();
    if (show === null) throw new StudioError('conflict', 'Open a practice show first: a simulated audience joins the show open in the rundown.');
    if (!show.practice) throw new StudioError('conflict', NOT_PRACTICE_REFUSAL(show.name));
    if (this.deps.sfu() === null) {
      throw new StudioError('unavailable', 'The SFU is not running, so simulated viewers have nowhere to join. Check the Stream panel, then start again.');
    }
    if (this.running) this.stopAll();
    this.seed = input.seed ?? (Date.now() >>> 0);
    this.random = new SeededRandom(this.seed);
    this.dials = this.withInput(input);
    this.showId = show.id;
    this.running = true;
    this.sent = NO_PRACTICE_COUNTS;
    this.problem = null;
    this.joinsHeld = false;
    this.nextIndex = 0;
    this.pacer = new Pacer(this.random, () => this.tick());
    this.pacer.start(this.dials.messagesPerMinute);
    this.fill();
    this.emitNow();
    return this.state();
  }

  /** New dials, live; before a start they are kept for it. */
  update(input: PracticeDialsInput): PracticeAudienceState {
    this.dials = this.withInput(input);
    if (this.running) {
      this.joinsHeld = false;
      this.pacer?.setPace(this.dials.messagesPerMinute);
      this.fill();
    }
    this.emitNow();
    return this.state();
  }

  stop(problem: string | null = null): PracticeAudienceState {
    if (this.running) this.stopAll();
    this.problem = problem;
    this.emitNow();
    return this.state();
  }

  /** The active show changed or its practice flag did: the audience never outlives its practice show. */
  showChanged(): void {
    const show = this.deps.activeShow();
    if (this.running && (show === null || show.id !== this.showId)) this.stop('The simulated audience left: another show was opened.');
    else if (this.running && !show!.practice) this.stop('The simulated audience left: this show is no longer a practice show.');
    else this.emitNow();
  }

  /** End show: the audience leaves with it. */
  showEnded(): void {
    if (this.running) this.stop('The show ended: the simulated audience left.');
  }

  /** The studio closes: every connection goes, nothing more is sent. */
  close(): void {
    this.closed = true;
    this.stopAll();
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
  }

  private withInput(input: PracticeDialsInput): PracticeDials {
    const { seed: _seed, ...dials } = input;
    return { ...this.dials, ...Object.fromEntries(Object.entries(dials).filter(([, v]) => v !== undefined)) };
  }

  private stopAll(): void {
    this.running = false;
    this.pacer?.stop();
    this.pacer = null;
    for (const member of this.members.splice(0)) member.viewer.close();
    // Joins still in flight give up now (a stalled handshake too) and close their sockets.
    this.joins.abort();
    this.joins = new AbortController();
  }

  /** Joins or sends away viewers until the audience is the size dialled in. */
  private fill(): void {
    if (!this.running) return;
    while (this.members.length > this.dials.viewers) this.members.pop()!.viewer.close();
    while (!this.joinsHeld && this.joining < JOINS_AT_ONCE && this.members.length + this.joining < this.dials.viewers) {
      void this.joinOne(this.nextIndex++);
    }
  }

  private async joinOne(index: number): Promise<void> {
    const sfu = this.deps.sfu();
    if (sfu === null) {
      this.holdJoins('The SFU stopped, so simulated viewers cannot join.');
      return;
    }
    this.joining++;
    const session = this.pacer;
    const language = languageOf(this.random);
    let joined: SimulatedViewer | null = null;
    try {
      const viewer = await (this.deps.join ?? SimulatedViewer.join)({
        signalUrl: sfu.signalUrl,
        room: sfu.room,
        audienceKey: sfu.audienceKey ?? null,
        signal: this.joins.signal,
        name: viewerName(index),
        viewerKey: `practice-viewer-${this.seed}-${index}`.padEnd(16, '0').slice(0, 128),
        onGone: (reason) => {
          if (joined) this.gone(joined, reason);
        },
      });
      joined = viewer;
      this.joining--;
      // Stopped (or started again) while this one was joining: it leaves at once.
      if (!this.running || session !== this.pacer || this.members.length >= this.dials.viewers) {
        viewer.close();
      } else {
        this.members.push({ index, viewer, language, recent: [], claimed: new Set(), entered: new Set(), lastSpokeAt: 0 });
      }
    } catch (error) {
      this.joining--;
      if (this.running && session === this.pacer) {
        this.deps.log?.('a simulated viewer could not join', error);
        this.holdJoins(`Only ${this.members.length} of ${this.dials.viewers} simulated viewers could join: ${describe(error)}`);
      }
    }
    this.fill();
    this.emitSoon();
  }

  private holdJoins(problem: string): void {
    this.joinsHeld = true;
    this.problem = problem;
    this.emitSoon();
  }

  private gone(viewer: SimulatedViewer, reason: string): void {
    const at = this.members.findIndex((m) => m.viewer === viewer);
    if (at < 0 || !this.running) return;
    this.members.splice(at, 1);
    // Not joined again by itself: an SFU that drops viewers would drop them again.
    this.joinsHeld = true;
    this.problem = `${this.dials.viewers - this.members.length} simulated viewers left the show (${reason}). Press Start again to bring them back.`;
    this.emitSoon();
  }

  /** One message (or bid, or entry) from a viewer free to speak. */
  private tick(): void {
    if (!this.running) return;
    const now = Date.now();
    const free = this.members.filter((m) => m.viewer.open && now - m.lastSpokeAt >= VIEWER_GAP_MS);
    if (free.length === 0) return;
    const member = free[this.random.below(free.length)]!;
    const { viewer } = member;
    const plan = planAction(
      {
        viewerId: viewer.viewerId,
        language: member.language,
        recent: member.recent,
        pin: viewer.pin,
        sell: viewer.sell,
        claimed: member.claimed,
        entered: member.entered,
        ceilingPercent: (auctionId) => ceilingPercent(this.seed, member.index, auctionId),
      },
      { dials: this.dials, random: this.random, options: viewer.pin ? this.deps.pinnedOptions() : [], increment: this.deps.bidIncrement },
    );
    member.lastSpokeAt = now;
    this.remember(member, plan);
    const sending = plan.via === 'chat' ? viewer.chat(plan.text) : viewer.act(plan.action);
    sending.then(
      () => this.count(plan),
      (error: unknown) => this.deps.log?.(`a simulated viewer's ${plan.kind} was not accepted`, error),
    );
  }

  private remember(member: Member, plan: PlannedAction): void {
    if (plan.via === 'chat') {
      member.recent.push(plan.text);
      if (member.recent.length > 5) member.recent.shift();
    }
    if (plan.kind === 'claim' && member.viewer.pin) member.claimed.add(member.viewer.pin.productId);
    const giveaway = member.viewer.sell?.giveaway;
    if (plan.kind === 'giveawayEntry' && giveaway) member.entered.add(giveaway.id);
  }

  private count(plan: PlannedAction): void {
    if (this.closed) return;
    const s = this.sent;
    const chat = plan.via === 'chat' ? 1 : 0;
    this.sent = {
      messages: s.messages + chat,
      questions: s.questions + (plan.kind === 'question' ? 1 : 0),
      claims: s.claims + (plan.kind === 'claim' ? 1 : 0),
      bids: s.bids + (plan.kind === 'bid' ? 1 : 0),
      giveawayEntries: s.giveawayEntries + (plan.kind === 'giveawayEntry' ? 1 : 0),
    };
    this.emitSoon();
  }

  private emitNow(): void {
    if (this.closed) return;
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.deps.emit(this.state());
  }

  private emitSoon(): void {
    if (this.closed || this.emitTimer) return;
    this.emitTimer = setTimeout(() => this.emitNow(), EMIT_MS);
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /ECONNREFUSED/.test(message) ? 'the SFU did not answer.' : message.replace(/\s*$/, '').replace(/([^.!?])$/, '$1.');
}
