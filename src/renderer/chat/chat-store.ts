import type { ChatMessage } from '../../shared/domain/chat.js';

/**
 * The console's copy of the show's chat, outside React state: a busy show
 * delivers hundreds of messages a second, in batches. Messages are kept by
 * id (a status change replaces the message in place), in arrival order, and
 * only the newest `cap` of them (held ones stay in the review queue even
 * when trimmed from the list). React reads a snapshot at most once a frame.
 */

export const CHAT_MEMORY_CAP = 20_000;

export interface ChatSnapshot {
  /** Bumped on every change; components compare it, not the arrays. */
  readonly version: number;
  /** Oldest first. Do not mutate. */
  readonly messages: readonly ChatMessage[];
  /** The review queue, oldest first. */
  readonly held: readonly ChatMessage[];
  /** How many messages were ever appended (the "new messages" counter uses it). */
  readonly appended: number;
}

export class ChatStore {
  private readonly byId = new Map<string, ChatMessage>();
  private readonly indexOf = new Map<string, number>();
  private order: ChatMessage[] = [];
  private readonly held = new Map<string, ChatMessage>();
  private heldList: ChatMessage[] | null = [];
  private appended = 0;
  private version = 0;
  private trimHeld = false;
  private snapshot: ChatSnapshot | null = null;

  constructor(private readonly cap = CHAT_MEMORY_CAP) {}

  /** New or changed messages, as the events carry them. Returns true if anything changed. */
  upsert(batch: readonly ChatMessage[]): boolean {
    if (batch.length === 0) return false;
    let outOfOrder = false;
    for (const message of batch) {
      const index = this.indexOf.get(message.id);
      if (index !== undefined) {
        this.order[index] = message;
      } else {
        const last = this.order[this.order.length - 1];
        if (last && message.ts < last.ts) outOfOrder = true;
        this.indexOf.set(message.id, this.order.length);
        this.order.push(message);
        this.appended++;
      }
      this.byId.set(message.id, message);
      if (message.status === 'held') this.held.set(message.id, message);
      else this.held.delete(message.id);
    }
    // Rare (a reload racing live events): keep the list in time order.
    if (outOfOrder) {
      this.order.sort((a, b) => a.ts - b.ts);
      this.reindex();
    }
    this.heldList = null;
    this.trim();
    this.version++;
    this.snapshot = null;
    return true;
  }

  /** Trimming while the host reads older messages would shift them under the pointer. */
  setTrimPaused(paused: boolean): void {
    this.trimHeld = paused;
    if (!paused && this.trim()) {
      this.version++;
      this.snapshot = null;
    }
  }

  get(id: string): ChatMessage | undefined {
    return this.byId.get(id) ?? this.held.get(id);
  }

  current(): ChatSnapshot {
    if (!this.snapshot) {
      this.heldList ??= [...this.held.values()].sort((a, b) => a.ts - b.ts);
      this.snapshot = { version: this.version, messages: this.order, held: this.heldList, appended: this.appended };
    }
    return this.snapshot;
  }

  private trim(): boolean {
    // Trim in steps so the array is not shifted on every batch; a paused host gets a little slack.
    const limit = this.trimHeld ? Math.floor(this.cap * 1.25) : this.cap;
    if (this.order.length <= limit + Math.floor(this.cap / 20)) return false;
    const drop = this.order.length - this.cap;
    for (const message of this.order.slice(0, drop)) this.byId.delete(message.id);
    this.order = this.order.slice(drop);
    this.reindex();
    return true;
  }

  private reindex(): void {
    this.indexOf.clear();
    this.order.forEach((message, i) => this.indexOf.set(message.id, i));
  }
}
