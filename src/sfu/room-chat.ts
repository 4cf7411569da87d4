import { reservedNameRefusal, type ReservedName } from '../shared/moderation/name-skeleton.js';
import { codePointLength } from '../shared/moderation/sanitize.js';
import { CHAT_HISTORY_SIZE, CHAT_NAME_MAX_CHARS, type ChatWireMessage, type RoomChatState } from '../shared/sfu/protocol-chat.js';

/** How names are compared: case, width and spacing differences do not make a new name. */
const nameKey = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');

export type NameClaim = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly reason: string };

/**
 * A room's chat state on the SFU: who holds which display name, where each
 * viewer id is connected (for private notices), and the last published
 * messages and the pinned one for late joiners. Moderation lives in the
 * studio; this only relays.
 */
export class RoomChat<Member> {
  /** name key → viewerId, while that viewer is connected (a reconnecting viewer asks for its name again). */
  private readonly nameOwners = new Map<string, string>();
  /** viewerId → its current name key. */
  private readonly namesByViewer = new Map<string, string>();
  private readonly connections = new Map<string, Set<Member>>();
  private readonly history: ChatWireMessage[] = [];
  private pinned: ChatWireMessage | null = null;
  /** The host's, moderators' and store's names (the studio sends them); look-alikes are refused. */
  private reserved: readonly ReservedName[] = [];

  state(): RoomChatState {
    return { chat: [...this.history], chatPinned: this.pinned };
  }

  /**
   * Gives `viewerId` this (already sanitized) name, or the first free
   * "name 2", "name 3"… A viewer re-claiming its own name keeps it.
   */
  claimName(viewerId: string, wanted: string): NameClaim {
    const length = codePointLength(wanted);
    if (length === 0 || length > CHAT_NAME_MAX_CHARS) {
      return { ok: false, reason: `A name is 1-${CHAT_NAME_MAX_CHARS} characters.` };
    }
    const refusal = reservedNameRefusal(wanted, this.reserved, viewerId);
    if (refusal !== null) return { ok: false, reason: refusal };
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` ${n}`;
      // Cut by code points so an emoji is never split, leaving room for the suffix.
      const candidate = Array.from(wanted).slice(0, CHAT_NAME_MAX_CHARS - suffix.length).join('').trimEnd() + suffix;
      const key = nameKey(candidate);
      const owner = this.nameOwners.get(key);
      if (owner !== undefined && owner !== viewerId) continue;
      const previous = this.namesByViewer.get(viewerId);
      if (previous !== undefined && previous !== key) this.nameOwners.delete(previous);
      this.nameOwners.set(key, viewerId);
      this.namesByViewer.set(viewerId, key);
      return { ok: true, name: candidate };
    }
  }

  /** Replaces the studio's reserved names. Names already taken stay until their viewers leave. */
  reserveNames(names: readonly ReservedName[]): void {
    this.reserved = [...names];
  }

  connect(viewerId: string, member: Member): void {
    let set = this.connections.get(viewerId);
    if (!set) this.connections.set(viewerId, (set = new Set()));
    set.add(member);
  }

  disconnect(viewerId: string, member: Member): void {
    const set = this.connections.get(viewerId);
    if (!set) return;
    set.delete(member);
    if (set.size > 0) return;
    // The viewer's last connection went: its name is free for others.
    this.connections.delete(viewerId);
    const key = this.namesByViewer.get(viewerId);
    this.namesByViewer.delete(viewerId);
    if (key !== undefined && this.nameOwners.get(key) === viewerId) this.nameOwners.delete(key);
  }

  /** Viewers connected now, by viewer id (a viewer with two tabs counts once). */
  get viewerCount(): number {
    return this.connections.size;
  }

  /** The viewer ids connected now. */
  viewerIds(): string[] {
    return [...this.connections.keys()];
  }

  connectionsOf(viewerId: string): readonly Member[] {
    return [...(this.connections.get(viewerId) ?? [])];
  }

  /** Keeps a published message; false when the room already has it (a retried publish). */
  publish(message: ChatWireMessage): boolean {
    if (this.history.some((m) => m.id === message.id)) return false;
    this.history.push(message);
    if (this.history.length > CHAT_HISTORY_SIZE) this.history.splice(0, this.history.length - CHAT_HISTORY_SIZE);
    return true;
  }

  /** Drops a message; true when it was the pinned one (which is now unpinned). */
  delete(messageId: string): boolean {
    const index = this.history.findIndex((m) => m.id === messageId);
    if (index >= 0) this.history.splice(index, 1);
    if (this.pinned?.id !== messageId) return false;
    this.pinned = null;
    return true;
  }

  pin(message: ChatWireMessage | null): void {
    this.pinned = message;
  }

  /** A new show in the same room starts with an empty chat (names stay with connected viewers). */
  clearMessages(): void {
    this.history.length = 0;
    this.pinned = null;
  }
}
