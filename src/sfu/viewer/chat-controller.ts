import { reservedNameRefusal, type ReservedName } from '../../shared/moderation/name-skeleton.js';
import type { ChatIdentity, ChatPush, ChatWireMessage } from '../../shared/sfu/protocol-chat.js';
import type { RoomState } from '../../shared/sfu/protocol.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import type { ChatIdentityStore } from './chat-identity.js';
import type { ChatView } from './chat-view.js';
import type { WatchChatEvents } from './watch-session.js';

/** Runs in the viewer's browser: the chat flow between the page and the session. */

export interface ChatTransport {
  sendChat(text: string): Promise<{ readonly messageId: string }>;
  setChatName(name: string): Promise<{ readonly name: string }>;
}

/** Not published this soon: it is probably waiting for the host. */
const AWAITING_APPROVAL_MS = 1500;

const FAILURE_TEXT: Readonly<Record<string, string>> = {
  'rate-limited': 'Slow down a little — try again in a second.',
  'name-required': 'Choose a name first.',
  unavailable: 'Chat is paused right now. Try again in a moment.',
  'invalid-message': 'That message can’t be sent.',
  disconnected: 'Reconnecting… try again in a moment.',
  timeout: 'The message did not go through. Try again.',
};

/**
 * Refusals whose words the SFU chooses for this case: your own pace or your
 * whole network's; chat paused, or a message the studio did not receive
 * ("The studio did not receive your message. Send it again.").
 */
const SFU_WORDS: ReadonlySet<string> = new Set(['rate-limited', 'unavailable']);

function failureText(error: unknown): string {
  if (error instanceof SignalRequestError && SFU_WORDS.has(error.code) && error.message) return error.message;
  if (error instanceof SignalRequestError) return FAILURE_TEXT[error.code] ?? 'The message did not go through.';
  return error instanceof Error ? error.message : 'The message did not go through.';
}

export class ChatController implements Pick<WatchChatEvents, 'identity' | 'onJoined'> {
  private transport: ChatTransport | null = null;
  private pendingText: string | null = null;
  /** A bid or a giveaway entry waiting for the name (selling-controller.ts). */
  private pendingAction: (() => void) | null = null;
  private awaiting: { id: string; timer: ReturnType<typeof setTimeout> } | null = null;
  /** The host's and moderators' names seen in the chat: a look-alike is refused here at once (the SFU has the final word). */
  private readonly staffNames = new Map<string, ReservedName>();

  constructor(
    private readonly view: ChatView,
    private readonly identityStore: ChatIdentityStore,
  ) {
    view.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitMessage();
    });
    view.nameForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitName();
    });
  }

  connect(transport: ChatTransport): void {
    this.transport = transport;
  }

  identity(): { viewerKey: string; name: string | null } {
    return { viewerKey: this.identityStore.viewerKey, name: this.identityStore.name };
  }

  /**
   * Runs `action` once this viewer has a display name: at once when the
   * page has one (unless `ask`: the SFU said it has none), else after the
   * name form (worded for `purpose`) succeeds.
   */
  withName(action: () => void, purpose: 'bid' | 'enter', ask = false): void {
    if (!ask && this.identityStore.name) {
      action();
      return;
    }
    this.pendingAction = action;
    this.view.askForName(true, purpose);
  }

  onJoined(room: RoomState, identity: ChatIdentity | null): void {
    this.view.reset(room.chat ?? [], room.chatPinned ?? null);
    for (const message of room.chat ?? []) this.noteStaff(message);
    if (identity?.name) this.identityStore.setName(identity.name);
  }

  onPush(push: ChatPush): void {
    switch (push.type) {
      case 'chatMessage':
        this.noteStaff(push.message);
        this.view.add(push.message);
        if (this.awaiting?.id === push.message.id) this.clearAwaiting();
        break;
      case 'chatDeleted':
        this.view.remove(push.messageId);
        break;
      case 'chatPinned':
        this.view.pin(push.message);
        break;
      case 'chatNotice':
        this.view.showNotice(push.text);
        break;
      case 'chatIncoming':
        break; // for hosts only
    }
  }

  private async submitMessage(): Promise<void> {
    const text = this.view.input.value.trim();
    if (!text || !this.transport) return;
    if (!this.identityStore.name) {
      this.pendingText = text;
      this.view.askForName(true);
      return;
    }
    await this.send(text);
  }

  private async send(text: string): Promise<void> {
    if (!this.transport) return;
    this.view.setSending(true);
    try {
      const { messageId } = await this.transport.sendChat(text);
      // Only what was sent: the viewer may have typed on while the studio stored it.
      if (this.view.input.value.trim() === text) this.view.input.value = '';
      this.view.setHint(null);
      this.watchForApproval(messageId);
    } catch (error) {
      if (error instanceof SignalRequestError && error.code === 'name-required') {
        this.pendingText = text;
        this.view.askForName(true);
      } else {
        // The typed text stays in the input: sending again is one tap.
        this.view.showNotice(failureText(error), 'error');
      }
    } finally {
      this.view.setSending(false);
    }
  }

  private async submitName(): Promise<void> {
    const name = this.view.nameInput.value.trim();
    if (!name || !this.transport) return;
    const refusal = reservedNameRefusal(name, [...this.staffNames.values()]);
    if (refusal !== null) {
      this.view.showNotice(refusal, 'error');
      return;
    }
    try {
      const reply = await this.transport.setChatName(name);
      this.identityStore.setName(reply.name);
      this.view.askForName(false);
      if (reply.name !== name) this.view.showNotice(`“${name}” was taken: you are “${reply.name}”.`);
      const pending = this.pendingText;
      const action = this.pendingAction;
      this.pendingText = null;
      this.pendingAction = null;
      if (pending) await this.send(pending);
      action?.();
    } catch (error) {
      // The SFU says exactly what is wrong with the name ("That name looks like the host’s. Pick another.").
      const invalid = error instanceof SignalRequestError && error.code === 'invalid-message';
      this.view.showNotice(invalid ? error.message : failureText(error), 'error');
    }
  }

  private noteStaff(message: ChatWireMessage): void {
    if (message.role !== 'viewer') this.staffNames.set(message.name, { name: message.name, owner: message.role });
  }

  private watchForApproval(messageId: string): void {
    this.clearAwaiting();
    const timer = setTimeout(() => {
      if (!this.view.has(messageId)) this.view.setHint('Sent — it shows here once the host approves it.');
    }, AWAITING_APPROVAL_MS);
    this.awaiting = { id: messageId, timer };
  }

  private clearAwaiting(): void {
    if (this.awaiting) clearTimeout(this.awaiting.timer);
    this.awaiting = null;
    this.view.setHint(null);
  }
}
