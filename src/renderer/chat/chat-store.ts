import type { ChatMessage } from '../../shared/domain/chat.js';
import { ChunkedMessages, MESSAGES_PER_CHUNK, type MessageSequence } from './chunked-messages.js';

/**
 * The console's copy of the show's chat, outside React state: a busy show
 * delivers hundreds of messages a second, in batches. Messages are kept by
 * id (a status change replaces the message), in arrival order, and only the
 * newest `cap` of them (held ones stay in the review queue even when trimmed
 * from the list).
 *
 * React reads it with `useSyncExternalStore`: every snapshot is immutable,
 * and listeners hear at most once per animation frame however many batches
 * arrived in between. Nothing is copied per message: the list lives in
 * chunks (chunked-messages.ts); a snapshot shares them, a new message goes
 * after the snapshot's end, and a changed message copies its one chunk if a
 * snapshot still shares it.
 */

export const CHAT_MEMORY_CAP = 20_000;

export interface ChatSnapshot {
  /** Bumped on every change. */
  readonly version: number;
  /** Oldest first; never changes once handed out. */
  readonly messages: MessageSequence;
  /** The review queue, oldest first. */
  readonly held: readonly ChatMessage[];
  /** How many messages were ever appended (the "new messages" counter uses it). */
  readonly appended: number;
}

/** When listeners hear about changes: once per animation frame in a window. */
export type FrameScheduler = (run: () => void) => () => void;

const nextFrame: FrameScheduler =
  typeof requestAnimationFrame === 'function'
    ? (run) => {
        const id = requestAnimationFrame(run);
        return () => cancelAnimationFrame(id);
      }
    : (run) => {
        const id = setTimeout(run, 16);
        return () => clearTimeout(id);
      };

export class ChatStore {
  /** Messages in arrival order, in chunks; chunks[0][first] is the oldest kept. */
  private chunks: ChatMessage[][] = [];
  private first = 0;
  private count = 0;
  /** Where each kept message is: its place counted from chunks[0][0] plus `base`. */
  private readonly placeOf = new Map<string, number>();
  private base = 0;
  /** Chunks no snapshot has seen yet: written in place; the others are copied before a change. */
  private readonly unshared = new Set<ChatMessage[]>();
  private readonly held = new Map<string, ChatMessage>();
  private heldList: readonly ChatMessage[] | null = [];
  private appended = 0;
  private version = 0;
  private trimHeld = false;
  private snapshot: ChatSnapshot | null = null;
  /** What listeners were last told about (React's getSnapshot); null: take the current one when asked. */
  private published: ChatSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  private cancelFrame: (() => void) | null = null;

  constructor(
    private readonly cap = CHAT_MEMORY_CAP,
    private readonly schedule: FrameScheduler = nextFrame,
  ) {}

  /** New or changed messages, as the events carry them (newest state wins). Returns true if anything changed. */
  upsert(batch: readonly ChatMessage[]): boolean {
    return this.take(batch, true);
  }

  /**
   * Messages a read returned that may be older than what events already
   * brought: only ids not known yet are added (a known message keeps the
   * state its event gave it).
   */
  fill(batch: readonly ChatMessage[]): boolean {
    return this.take(batch, false);
  }

  /** Trimming while the host reads older messages would shift them under the pointer. */
  setTrimPaused(paused: boolean): void {
    this.trimHeld = paused;
    if (!paused && this.trim()) this.changed();
  }

  get(id: string): ChatMessage | undefined {
    const place = this.placeOf.get(id);
    if (place === undefined) return this.held.get(id);
    const at = place - this.base;
    return this.chunks[Math.floor(at / MESSAGES_PER_CHUNK)]?.[at % MESSAGES_PER_CHUNK];
  }

  /** The store as it is now (tests, and whoever acts on the newest state). */
  current(): ChatSnapshot {
    if (!this.snapshot) {
      this.heldList ??= [...this.held.values()].sort((a, b) => a.ts - b.ts);
      this.unshared.clear(); // the snapshot shares every chunk from here on
      this.snapshot = {
        version: this.version,
        messages: new ChunkedMessages([...this.chunks], this.first, this.count),
        held: this.heldList,
        appended: this.appended,
      };
    }
    return this.snapshot;
  }

  /** For useSyncExternalStore: the snapshot listeners were last told about. */
  readonly getSnapshot = (): ChatSnapshot => (this.published ??= this.current());

  /** For useSyncExternalStore: called at most once per frame after changes. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.cancelFrame) {
        this.cancelFrame();
        this.cancelFrame = null;
        this.published = null; // the changes it waited to announce
      }
    };
  };

  private take(batch: readonly ChatMessage[], replace: boolean): boolean {
    let changed = false;
    let outOfOrder = false;
    for (const message of batch) {
      const place = this.placeOf.get(message.id);
      const known = place !== undefined || this.held.has(message.id);
      if (known && !replace) continue;
      changed = true;
      if (place !== undefined) {
        this.write(place - this.base, message);
      } else {
        const last = this.count > 0 ? this.at(this.count - 1) : undefined;
        if (last && message.ts < last.ts) outOfOrder = true;
        this.append(message);
        this.appended++;
      }
      if (message.status === 'held') this.held.set(message.id, message);
      else this.held.delete(message.id);
    }
    if (!changed) return false;
    // Rare (a reload racing live events): keep the list in time order.
    if (outOfOrder) this.rebuild([...this.messagesNow()].sort((a, b) => a.ts - b.ts));
    this.heldList = null;
    this.trim();
    this.changed();
    return true;
  }

  private at(index: number): ChatMessage | undefined {
    const at = this.first + index;
    return this.chunks[Math.floor(at / MESSAGES_PER_CHUNK)]?.[at % MESSAGES_PER_CHUNK];
  }

  private messagesNow(): Iterable<ChatMessage> {
    return new ChunkedMessages(this.chunks, this.first, this.count);
  }

  private append(message: ChatMessage): void {
    let last = this.chunks[this.chunks.length - 1];
    // A chunk a snapshot shares may still grow: the snapshot never reads past its own length.
    if (!last || last.length === MESSAGES_PER_CHUNK) {
      last = [];
      this.chunks.push(last);
      this.unshared.add(last);
    }
    this.placeOf.set(message.id, this.base + (this.chunks.length - 1) * MESSAGES_PER_CHUNK + last.length);
    last.push(message);
    this.count++;
  }

  private write(at: number, message: ChatMessage): void {
    const index = Math.floor(at / MESSAGES_PER_CHUNK);
    let chunk = this.chunks[index]!;
    if (!this.unshared.has(chunk)) {
      chunk = chunk.slice(); // a snapshot shows the old one: change a copy
      this.chunks[index] = chunk;
      this.unshared.add(chunk);
    }
    chunk[at % MESSAGES_PER_CHUNK] = message;
  }

  private rebuild(ordered: readonly ChatMessage[]): void {
    this.chunks = [];
    this.first = 0;
    this.count = 0;
    this.base = 0;
    this.placeOf.clear();
    this.unshared.clear();
    for (const message of ordered) this.append(message);
  }

  private trim(): boolean {
    // Trim in steps so it is not done on every batch; a paused host gets a little slack.
    const limit = this.trimHeld ? Math.floor(this.cap * 1.25) : this.cap;
    if (this.count <= limit + Math.floor(this.cap / 20)) return false;
    const drop = this.count - this.cap;
    for (let i = 0; i < drop; i++) this.placeOf.delete(this.at(i)!.id);
    this.first += drop;
    this.count -= drop;
    // Whole chunks before the oldest kept message go (a snapshot that shares them keeps them alive).
    const whole = Math.floor(this.first / MESSAGES_PER_CHUNK);
    if (whole > 0) {
      this.chunks = this.chunks.slice(whole);
      this.first -= whole * MESSAGES_PER_CHUNK;
      this.base += whole * MESSAGES_PER_CHUNK;
    }
    return true;
  }

  private changed(): void {
    this.version++;
    this.snapshot = null;
    // Nobody listens: the next getSnapshot takes the current state.
    if (this.listeners.size === 0) {
      this.published = null;
      return;
    }
    this.cancelFrame ??= this.schedule(() => {
      this.cancelFrame = null;
      this.published = this.current();
      for (const listener of [...this.listeners]) listener();
    });
  }
}
