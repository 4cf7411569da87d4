import { formatOffset } from '../../shared/replay/replay-clock.js';
import type { ReplayChapter, ReplayPin } from '../../shared/replay/replay-timeline.js';
import { el, text } from './dom.js';

/** "Chapters": one button per pin, "Title · variant  1:23", that jumps the video there. */
export class ReplayChaptersView {
  private buttons: HTMLButtonElement[] = [];
  private current = -1;

  constructor(
    private readonly root: HTMLElement,
    private readonly list: HTMLOListElement,
    private readonly onJump: (seconds: number) => void,
  ) {}

  render(chapters: readonly ReplayChapter[], pins: readonly ReplayPin[]): void {
    this.buttons = chapters.map((chapter) => {
      const product = pins[chapter.pin]!.product;
      const time = formatOffset(chapter.start);
      const button = el('button', 'chapter');
      button.type = 'button';
      button.dataset.testid = 'replay-chapter';
      button.dataset.start = String(chapter.start);
      button.append(text('span', 'chapter-time', time), text('span', 'chapter-title', product.title));
      if (product.variant) button.append(text('span', 'chapter-variant', product.variant));
      button.setAttribute('aria-label', `${product.title}${product.variant ? `, ${product.variant}` : ''}, at ${time}`);
      button.addEventListener('click', () => this.onJump(chapter.start));
      return button;
    });
    this.list.replaceChildren(
      ...this.buttons.map((button) => {
        const item = el('li', 'chapter-item');
        item.append(button);
        return item;
      }),
    );
    this.root.hidden = chapters.length === 0;
  }

  /** Marks the chapter playing (-1: none yet). */
  setCurrent(index: number): void {
    if (index === this.current) return;
    this.buttons[this.current]?.removeAttribute('aria-current');
    this.current = index;
    this.buttons[index]?.setAttribute('aria-current', 'true');
  }
}
