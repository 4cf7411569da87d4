import crypto from 'node:crypto';
import { StudioError } from '../../shared/api/result.js';
import type { ChatMessage, ChatViewer, ModerationRules } from '../../shared/domain/chat.js';
import { ModerationEngine, sanitizeChatText } from '../../shared/moderation/index.js';
import { CHAT_HISTORY_SIZE, CHAT_NAME_MAX_CHARS, CHAT_TEXT_MAX_CHARS, MAX_RESERVED_NAMES, type ChatIncomingMessage, type ChatWireMessage } from '../../shared/sfu/protocol-chat.js';
import type { CallContext } from '../api/dispatcher.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { ChatHostRequest } from '../sfu-link/sfu-link.js';
import { ChatEventBatcher } from './chat-events.js';
import type { ChatStore, DecisionAction } from './chat-store.js';
import { describeTimeout } from './timeout-text.js';

/** Where published chat goes: the show's SFU room, over main's host link (LiveService). */
export interface ChatRelay {
  sendChat(request: ChatHostRequest): void;
  /** A viewer's message is stored: the SFU may now tell the viewer it was received. */
  confirmStored(messageId: string): void;
}

export interface ChatServiceDeps {
  readonly store: ChatStore;
  readonly relay: ChatRelay;
  readonly events: StudioEventBus;
  /** The rundown's active show; chat is logged under it (null: none active). */
  readonly activeShowId: () => number | null;
  /** How the host signs chat messages (Settings' host name). */
  readonly hostName: () => string;
  /** Settings' store name ('' when none): viewers may not imitate it either. */
  readonly storeName?: () => string;
  readonly now?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
  /** A viewer's message just became visible to viewers (approved automatically or by a person): claims listen here. */
  readonly onApproved?: (message: ChatMessage) => void;
}

const STATUS_OF = { approve: 'approved', hold: 'held', block: 'blocked' } as const;

/** Who decided, as stored: the desktop window is the host; a producer console is named by its client id. */
export const decidedBy = (context: CallContext): string => (context.transport === 'ipc' ? 'host' : context.clientId);

const toWire = (m: ChatMessage): ChatWireMessage => ({ id: m.id, viewerId: m.viewerId, name: m.name, role: m.role, text: m.text, ts: m.ts });

/**
 * The moderated chat: every viewer message from the SFU is judged by the
 * show's rules, stored with its decision at once, and only approved ones
 * are published back to viewers. Everything a person decides is stored the
 * same way, with who decided. SQLite is the record; the SFU only relays.
 */
export class ChatService {
  private engine: { readonly showId: number | null; readonly engine: ModerationEngine } | null = null;
  private readonly batch: ChatEventBatcher;
  private readonly now: () => number;

  constructor(private readonly deps: ChatServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.batch = new ChatEventBatcher(deps.events, () => deps.store.viewers());
  }

  /** A viewer's message from the SFU (`chatIncoming`). Never throws: it runs in a socket handler. */
  incoming(incoming: ChatIncomingMessage): void {
    try {
      this.moderate(incoming);
    } catch (error) {
      this.deps.log?.(`chat message ${incoming.id} could not be handled`, error);
    }
  }

  /** Main's link joined a room that may know nothing: show viewers the recent chat and the pinned message again. */
  republish(): void {
    this.announceReservedNames();
    const showId = this.deps.activeShowId();
    for (const message of this.deps.store.recentApproved(showId, CHAT_HISTORY_SIZE)) {
      this.deps.relay.sendChat({ type: 'chatPublish', message: toWire(message) });
    }
    const pinned = this.pinned();
    this.deps.relay.sendChat({ type: 'chatPinMessage', message: pinned ? toWire(pinned) : null });
  }

  /**
   * Tells the SFU whose names viewers may not imitate: the host's (as it signs
   * chat), the store's and the moderators' (each may keep their own); again whenever
   * Settings or the moderators change.
   */
  announceReservedNames(): void {
    const moderators = this.deps.store
      .moderators(MAX_RESERVED_NAMES - 2)
      .filter((v) => v.name.trim() !== '')
      .map((v) => ({ name: v.name, owner: 'moderator' as const, viewerId: v.viewerId }));
    const storeName = sanitizeChatText(this.deps.storeName?.() ?? '', CHAT_NAME_MAX_CHARS);
    const store = storeName ? [{ name: storeName, owner: 'store' as const }] : [];
    this.deps.relay.sendChat({ type: 'chatReserveNames', names: [{ name: this.hostSignature(), owner: 'host' }, ...store, ...moderators] });
  }

  /** The name the host's own messages carry. */
  private hostSignature(): string {
    return sanitizeChatText(this.deps.hostName(), CHAT_NAME_MAX_CHARS) || 'Host';
  }

  getChat(limit: number): { messages: ChatMessage[]; held: ChatMessage[]; pinned: ChatMessage | null } {
    const showId = this.deps.activeShowId();
    return { messages: this.deps.store.showLog(showId, limit), held: this.deps.store.heldQueue(showId), pinned: this.pinned() };
  }

  approve(messageId: string, allowListViewer: boolean, context: CallContext): ChatMessage {
    const message = this.existing(messageId);
    if (message.status === 'deleted') throw new StudioError('conflict', 'That message was deleted; it cannot be shown again.');
    if (allowListViewer && message.viewerId) {
      this.deps.store.setViewerFlags(message.viewerId, { allowListed: true }, this.now());
      this.batch.viewersChanged();
    }
    if (message.status === 'approved') return message;
    const approved = this.decide(message, 'approve', { status: 'approved' }, context);
    this.deps.relay.sendChat({ type: 'chatPublish', message: toWire(approved) });
    this.approvedHook(approved);
    return approved;
  }

  reject(messageId: string, context: CallContext): ChatMessage {
    const message = this.existing(messageId);
    if (message.status !== 'held') throw new StudioError('conflict', 'Only a message waiting for review can be rejected.');
    return this.decide(message, 'reject', { status: 'rejected' }, context);
  }

  delete(messageId: string, context: CallContext): ChatMessage {
    const message = this.existing(messageId);
    if (message.status === 'deleted') return message;
    const deleted = this.decide(message, 'delete', { status: 'deleted' }, context);
    if (message.status === 'approved') this.deps.relay.sendChat({ type: 'chatDelete', messageId });
    // The SFU unpins a deleted pinned message by itself; the studio's record follows.
    if (this.pinnedId() === messageId) this.storePinned(null);
    return deleted;
  }

  markQuestion(messageId: string, question: boolean, context: CallContext): ChatMessage {
    const message = this.existing(messageId);
    if (message.question === question) return message;
    const changed: ChatMessage = { ...message, question };
    this.deps.store.update(changed, { action: question ? 'question' : 'unquestion', reasons: [], by: decidedBy(context), at: this.now() });
    this.batch.message(changed);
    return changed;
  }

  pin(messageId: string | null): { pinned: ChatMessage | null } {
    const message = messageId === null ? null : this.existing(messageId);
    if (message && message.status !== 'approved') throw new StudioError('conflict', 'Only a message viewers can see can be pinned.');
    this.deps.relay.sendChat({ type: 'chatPinMessage', message: message ? toWire(message) : null });
    this.storePinned(message);
    return { pinned: message };
  }

  sendHostMessage(text: string, context: CallContext): ChatMessage {
    const clean = sanitizeChatText(text, CHAT_TEXT_MAX_CHARS);
    if (clean === '') throw new StudioError('invalid-input', 'Type a message first.');
    const name = this.hostSignature();
    const now = this.now();
    const by = decidedBy(context);
    const message: ChatMessage = {
      id: crypto.randomUUID(),
      showId: this.deps.activeShowId(),
      viewerId: null,
      name,
      role: 'host',
      text: clean,
      ts: now,
      status: 'approved',
      reasons: [],
      question: false,
      decidedBy: by,
      decidedAt: now,
    };
    this.deps.store.insert(message, { action: 'approve', reasons: [], by, at: now, note: 'host message' });
    this.deps.relay.sendChat({ type: 'chatPublish', message: toWire(message) });
    this.batch.message(message);
    return message;
  }

  timeout(viewerId: string, seconds: number): ChatViewer {
    const viewer = this.changeViewer(viewerId, { timedOutUntil: this.now() + seconds * 1000 });
    this.deps.relay.sendChat({ type: 'chatNotice', viewerId, text: `You are timed out for ${describeTimeout(seconds)}.` });
    return viewer;
  }

  ban(viewerId: string): ChatViewer {
    return this.changeViewer(viewerId, { banned: true });
  }

  unban(viewerId: string): ChatViewer {
    return this.changeViewer(viewerId, { banned: false, timedOutUntil: null });
  }

  setModerator(viewerId: string, moderator: boolean): ChatViewer {
    const viewer = this.changeViewer(viewerId, { moderator });
    this.announceReservedNames();
    return viewer;
  }

  viewers(): ChatViewer[] {
    return this.deps.store.viewers();
  }

  rules(): ModerationRules {
    return this.deps.store.rules(this.deps.activeShowId());
  }

  setRules(rules: ModerationRules): ModerationRules {
    const showId = this.deps.activeShowId();
    this.deps.store.saveRules(showId, rules, this.now());
    if (this.engine?.showId === showId) this.engine.engine.setRules(rules);
    return rules;
  }

  /** Sends what is waiting (events) and stops. */
  close(): void {
    this.batch.close();
  }

  private moderate(incoming: ChatIncomingMessage): void {
    const showId = this.deps.activeShowId();
    const viewer = this.deps.store.sawViewer(incoming.viewerId, incoming.name, incoming.ts);
    const role = viewer.moderator ? 'moderator' : 'viewer';
    const decision = this.engineFor(showId).decide(
      { id: incoming.id, userId: incoming.viewerId, text: incoming.text, ts: incoming.ts, role },
      { banned: viewer.banned, timedOutUntil: viewer.timedOutUntil, allowListed: viewer.allowListed },
    );
    const message: ChatMessage = {
      id: incoming.id,
      showId,
      viewerId: incoming.viewerId,
      name: incoming.name,
      role,
      text: incoming.text,
      ts: incoming.ts,
      status: STATUS_OF[decision.action],
      reasons: decision.reasons,
      question: decision.question,
      decidedBy: 'auto',
      decidedAt: this.now(),
    };
    // Stored before anyone sees it: a crash right after publishing still leaves the record.
    this.deps.store.insert(message, { action: decision.action, reasons: decision.reasons, by: 'auto', at: message.decidedAt! });
    // Committed, whatever was decided: only now does the viewer hear "sent" (a failed insert has thrown: no confirmation).
    this.deps.relay.confirmStored(message.id);
    if (message.status === 'approved') this.deps.relay.sendChat({ type: 'chatPublish', message: toWire(message) });
    this.batch.message(message);
    this.batch.viewersChanged();
    if (message.status === 'approved') this.approvedHook(message);
  }

  private approvedHook(message: ChatMessage): void {
    if (message.role === 'host' || !this.deps.onApproved) return;
    try {
      this.deps.onApproved(message);
    } catch (error) {
      this.deps.log?.(`approved message ${message.id} could not be handled`, error);
    }
  }

  /** One engine per show: its rules, and viewer histories (rate, duplicates) that start afresh with a new show. */
  private engineFor(showId: number | null): ModerationEngine {
    if (this.engine?.showId !== showId || !this.engine) {
      this.engine = { showId, engine: new ModerationEngine(this.deps.store.rules(showId)) };
    }
    return this.engine.engine;
  }

  private decide(message: ChatMessage, action: DecisionAction, change: Pick<ChatMessage, 'status'>, context: CallContext): ChatMessage {
    const by = decidedBy(context);
    const at = this.now();
    const changed: ChatMessage = { ...message, ...change, decidedBy: by, decidedAt: at };
    this.deps.store.update(changed, { action, reasons: message.reasons, by, at });
    this.batch.message(changed);
    return changed;
  }

  private existing(messageId: string): ChatMessage {
    const message = this.deps.store.message(messageId);
    if (!message) throw new StudioError('not-found', 'That chat message does not exist (any more).');
    return message;
  }

  private changeViewer(viewerId: string, flags: Parameters<ChatStore['setViewerFlags']>[1]): ChatViewer {
    const viewer = this.deps.store.setViewerFlags(viewerId, flags, this.now());
    if (!viewer) throw new StudioError('not-found', 'That viewer has not chatted yet.');
    this.batch.viewersChanged();
    return viewer;
  }

  /** The pinned message is per show and kept in chat_config, so a restart shows it again. */
  private pinnedKey(): string {
    return `pinned-message:${this.deps.activeShowId() ?? 'none'}`;
  }

  private pinnedId(): string | null {
    return this.deps.store.config(this.pinnedKey()) || null;
  }

  private pinned(): ChatMessage | null {
    const id = this.pinnedId();
    const message = id ? this.deps.store.message(id) : null;
    return message?.status === 'approved' ? message : null;
  }

  private storePinned(message: ChatMessage | null): void {
    this.deps.store.setConfig(this.pinnedKey(), message?.id ?? '');
    this.deps.events.emit('chatPinnedMessage', message);
  }
}
