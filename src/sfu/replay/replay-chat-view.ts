import { formatOffset } from '../../shared/replay/replay-clock.js';
import type { ReplayChatLine } from '../../shared/replay/replay-timeline.js';
import { el, text } from './dom.js';

/** Lines kept on the page; older ones scroll away for good (the video's position brings them back). */
const SHOWN = 200;
const ROLE_LABEL = { host: 'Host', moderator: 'Moderator', viewer: null } as const;

/** The approved chat as it happened: the lines said up to the video's time, newest at the bottom. */
export class ReplayChatView {
  private lines: readonly ReplayChatLine[] = [];
  /** Lines [from, to) are on the page. */
  private from = 0;
  private to = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly list: HTMLOListElement,
    private readonly empty: HTMLElement,
  ) {}

  render(lines: readonly ReplayChatLine[] | null): void {
    this.root.hidden = lines === null;
    this.lines = lines ?? [];
    this.from = this.to = 0;
    this.list.replaceChildren();
  }

  /** Shows the lines said by now: `count` of them. Forward appends; a seek back redraws. */
  showUpTo(count: number): void {
    if (count === this.to) return;
    const from = Math.max(0, count - SHOWN);
    if (count < this.to || from >= this.to) {
      this.list.replaceChildren(...this.lines.slice(from, count).map(line));
    } else {
      this.list.append(...this.lines.slice(this.to, count).map(line));
      for (let i = this.from; i < from; i++) this.list.firstElementChild?.remove();
    }
    this.from = from;
    this.to = count;
    this.empty.hidden = count > 0;
    this.list.scrollTop = this.list.scrollHeight;
  }
}

function line(message: ReplayChatLine): HTMLLIElement {
  const item = el('li', `chat-line is-${message.role}`);
  item.dataset.testid = 'replay-chat-line';
  item.append(text('span', 'chat-time', formatOffset(message.at)), ' ');
  const role = ROLE_LABEL[message.role];
  if (role) item.append(text('span', 'chat-role', role), ' ');
  item.append(text('span', 'chat-name', message.name), ' ', text('span', 'chat-text', message.text));
  return item;
}
