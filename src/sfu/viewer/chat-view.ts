import type { ChatWireMessage } from '../../shared/sfu/protocol-chat.js';

/**
 * Runs in the viewer's browser. Draws the chat (markup in index.html):
 * published messages, the pinned one, private notices and the forms.
 * Everything a viewer or the host typed goes in through textContent only.
 */

/** A phone keeps only the latest messages on screen. */
const MAX_SHOWN = 150;
const NOTICE_MS = 10_000;
/** Closer than this to the bottom: keep following new messages. */
const BOTTOM_SLACK_PX = 48;

const NAME_QUESTION = {
  chat: 'Pick a name to chat',
  bid: 'Pick a name to bid — everyone sees who leads',
  enter: 'Pick a name to enter the giveaway — the winner’s name is shown',
} as const;

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The watch page is missing #${id}.`);
  return node as T;
}

function span(className: string, text: string): HTMLSpanElement {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}

export class ChatView {
  readonly form = byId<HTMLFormElement>('chat-form');
  readonly input = byId<HTMLInputElement>('chat-input');
  readonly nameForm = byId<HTMLFormElement>('chat-name-form');
  readonly nameInput = byId<HTMLInputElement>('chat-name-input');
  private readonly nameLabel = byId<HTMLElement>('chat-name-label');
  private readonly nameSubmit = byId<HTMLButtonElement>('chat-name-submit');
  private readonly list = byId<HTMLOListElement>('chat-list');
  private readonly empty = byId<HTMLElement>('chat-empty');
  private readonly pinned = byId<HTMLElement>('chat-pinned');
  private readonly notice = byId<HTMLElement>('chat-notice');
  private readonly hint = byId<HTMLElement>('chat-hint');
  private readonly sendButton = byId<HTMLButtonElement>('chat-send');
  private readonly items = new Map<string, HTMLLIElement>();
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  /** The join reply: what was said before this viewer arrived (replaces what is shown). */
  reset(messages: readonly ChatWireMessage[], pinned: ChatWireMessage | null): void {
    this.items.clear();
    this.list.replaceChildren();
    for (const message of messages) this.add(message, false);
    this.pin(pinned);
    this.renderEmpty();
    this.scrollToEnd();
  }

  add(message: ChatWireMessage, follow = true): void {
    if (this.items.has(message.id)) return;
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < BOTTOM_SLACK_PX;
    const item = this.build(message, 'li') as HTMLLIElement;
    this.items.set(message.id, item);
    this.list.append(item);
    while (this.items.size > MAX_SHOWN) {
      const [oldest] = this.items.keys();
      this.remove(oldest!);
    }
    this.renderEmpty();
    if (follow && atBottom) this.scrollToEnd();
  }

  remove(messageId: string): void {
    this.items.get(messageId)?.remove();
    this.items.delete(messageId);
    if (this.pinned.dataset.messageId === messageId) this.pin(null);
    this.renderEmpty();
  }

  has(messageId: string): boolean {
    return this.items.has(messageId);
  }

  pin(message: ChatWireMessage | null): void {
    this.pinned.hidden = message === null;
    if (!message) {
      delete this.pinned.dataset.messageId;
      this.pinned.replaceChildren();
      return;
    }
    this.pinned.dataset.messageId = message.id;
    const label = span('chat-pinned-label', 'Pinned');
    this.pinned.replaceChildren(label, this.build(message, 'p'));
  }

  /** A private line from the studio ("You are timed out…") or from this page ("Slow down a little"). */
  showNotice(text: string, kind: 'info' | 'error' = 'info'): void {
    this.notice.textContent = text;
    this.notice.dataset.kind = kind;
    this.notice.hidden = false;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice.hidden = true), NOTICE_MS);
  }

  /** A quiet line under the input ("Waiting for the host to approve…"); null hides it. */
  setHint(text: string | null): void {
    this.hint.hidden = text === null;
    this.hint.textContent = text ?? '';
  }

  /** Before the first message, bid or entry: ask for a display name (the typed message, bid or entry waits). */
  askForName(ask: boolean, purpose: 'chat' | 'bid' | 'enter' = 'chat'): void {
    this.nameLabel.textContent = NAME_QUESTION[purpose];
    this.nameSubmit.textContent = purpose === 'chat' ? 'Join chat' : 'Continue';
    this.nameForm.hidden = !ask;
    this.form.hidden = ask;
    if (ask) this.nameInput.focus();
    else this.input.focus();
  }

  setSending(sending: boolean): void {
    this.sendButton.disabled = sending;
  }

  private build(message: ChatWireMessage, tag: 'li' | 'p'): HTMLElement {
    const node = document.createElement(tag);
    node.className = `chat-item role-${message.role}`;
    node.dataset.testid = 'chat-item';
    node.dataset.messageId = message.id;
    if (message.role === 'host') node.append(span('chat-badge chat-badge-host', 'Host'), ' ');
    if (message.role === 'moderator') node.append(span('chat-badge chat-badge-mod', 'Mod'), ' ');
    node.append(span('chat-name', message.name), ' ', span('chat-text', message.text));
    return node;
  }

  private renderEmpty(): void {
    this.empty.hidden = this.items.size > 0;
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
