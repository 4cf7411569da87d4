import type { ChatMessage, ChatViewer } from '../../shared/domain/chat.js';
import type { StudioEventBus } from '../events/event-bus.js';

/**
 * Coalesces chat events: a busy show changes hundreds of messages a minute
 * and every console would otherwise get one event per message. New and
 * changed messages go out at most every `messagesMs` (the latest state of
 * each); the viewer list, a whole list, at most every `viewersMs`.
 */
export class ChatEventBatcher {
  private readonly messages = new Map<string, ChatMessage>();
  private messageTimer: ReturnType<typeof setTimeout> | null = null;
  private viewerTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly events: StudioEventBus,
    private readonly listViewers: () => ChatViewer[],
    private readonly messagesMs = 100,
    private readonly viewersMs = 500,
  ) {}

  message(message: ChatMessage): void {
    if (this.closed) return;
    this.messages.delete(message.id); // re-insert: the batch keeps the order of the latest changes
    this.messages.set(message.id, message);
    this.messageTimer ??= setTimeout(() => this.flushMessages(), this.messagesMs);
  }

  viewersChanged(): void {
    if (this.closed) return;
    this.viewerTimer ??= setTimeout(() => this.flushViewers(), this.viewersMs);
  }

  /** Sends whatever is waiting now (e.g. before closing). */
  flush(): void {
    if (this.messageTimer) this.flushMessages();
    if (this.viewerTimer) this.flushViewers();
  }

  close(): void {
    this.flush();
    this.closed = true;
  }

  private flushMessages(): void {
    if (this.messageTimer) clearTimeout(this.messageTimer);
    this.messageTimer = null;
    if (this.messages.size === 0) return;
    const batch = [...this.messages.values()];
    this.messages.clear();
    this.events.emit('chatMessages', batch);
  }

  private flushViewers(): void {
    if (this.viewerTimer) clearTimeout(this.viewerTimer);
    this.viewerTimer = null;
    this.events.emit('chatViewersChanged', this.listViewers());
  }
}
