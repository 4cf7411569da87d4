import type { AuctionLines } from './auction-format.js';
import { el, setText } from './view-dom.js';

/** Runs in the viewer's browser: what the auction block asks for. */
export interface AuctionActions {
  /** The big "Bid $N" button: exactly the next bid. */
  readonly bidNext: () => void;
  /** A typed amount (checked by the controller). */
  readonly bidAmount: (typed: string) => void;
  /** "Bid for me up to" a typed maximum. */
  readonly bidMax: (typed: string) => void;
}

/** A private line under the buttons: the studio's verdict or this page's own hint. */
export interface BlockNotice {
  readonly text: string;
  readonly kind: 'info' | 'good' | 'error';
}

/**
 * Runs in the viewer's browser. The auction block under the product card:
 * built once, then updated in place (the countdown ticks four times a
 * second while the viewer may be typing an amount). The title and names
 * are untrusted text: textContent only.
 */
export class AuctionBlock {
  private readonly countdown = el('span', 'auction-countdown', 'auction-countdown');
  private readonly rule = el('span', 'auction-rule', 'auction-rule');
  private readonly title = el('h2', 'auction-title', 'auction-title');
  private readonly priceLabel = el('span', 'auction-price-label');
  private readonly price = el('span', 'auction-price', 'auction-price');
  private readonly leader = el('p', 'auction-leader', 'auction-leader');
  private readonly reserve = el('p', 'auction-reserve', 'auction-reserve');
  private readonly standing = el('p', 'auction-standing', 'auction-standing');
  private readonly result = el('p', 'auction-result', 'auction-result');
  private readonly actions = el('div', 'auction-actions');
  private readonly bid = el('button', 'auction-bid', 'auction-bid');
  readonly amountInput = el('input', 'auction-input', 'auction-amount');
  readonly maxInput = el('input', 'auction-input', 'auction-max');
  private readonly amountButton = el('button', 'auction-small-button');
  private readonly maxButton = el('button', 'auction-small-button');
  private readonly notice = el('p', 'auction-notice', 'auction-notice');

  constructor(
    private readonly root: HTMLElement,
    actions: AuctionActions,
  ) {
    const head = el('div', 'auction-head');
    head.append(textNode('span', 'auction-badge', 'Auction'), this.countdown, this.rule);
    // Changing four times a second: never read out as it ticks.
    this.countdown.setAttribute('aria-live', 'off');
    const priceLine = el('p', 'auction-price-line');
    priceLine.append(this.priceLabel, ' ', this.price);
    this.standing.setAttribute('role', 'status');
    this.notice.setAttribute('role', 'status');

    this.bid.type = 'button';
    this.bid.addEventListener('click', () => actions.bidNext());
    const amountForm = this.smallForm(this.amountInput, this.amountButton, 'Other amount', 'Bid', (typed) => actions.bidAmount(typed));
    const maxForm = this.smallForm(this.maxInput, this.maxButton, 'Bid for me up to', 'Set max', (typed) => actions.bidMax(typed));
    const maxHint = textNode('p', 'auction-max-hint', 'With a maximum, the seller bids for you one step at a time, up to it. Only you see it.');
    this.actions.append(this.bid, amountForm, maxForm, maxHint);

    root.replaceChildren(head, this.title, priceLine, this.leader, this.reserve, this.standing, this.result, this.actions, this.notice);
    root.hidden = true;
  }

  /** null hides the block (no auction in the show). */
  render(lines: AuctionLines | null, notice: BlockNotice | null, sending: boolean): void {
    this.root.hidden = lines === null;
    if (!lines) return;
    this.root.dataset.phase = lines.phase;
    this.root.dataset.standing = lines.standing ?? '';
    setText(this.countdown, lines.countdown ?? (lines.phase === 'ending' ? 'Ending…' : null));
    this.countdown.classList.toggle('is-urgent', lines.urgent);
    setText(this.rule, lines.phase === 'running' ? lines.rule : null);
    setText(this.title, lines.title);
    setText(this.priceLabel, lines.priceLabel);
    setText(this.price, lines.price);
    const leader = lines.leader === null ? (lines.phase === 'running' ? 'No bids yet — be the first' : null) : lines.leader === 'you' ? 'You lead' : `${lines.leader} leads`;
    setText(this.leader, leader === null ? null : lines.activity ? `${leader} · ${lines.activity}` : leader);
    setText(this.reserve, lines.reserve);
    this.reserve.classList.toggle('is-unmet', lines.reserve === 'Reserve not met yet');
    setText(this.standing, lines.standingText);
    setText(this.result, lines.result);
    this.actions.hidden = lines.bidLabel === null;
    if (lines.bidLabel !== null) setText(this.bid, lines.bidLabel);
    // The leader does not bid against themselves (a higher maximum is still welcome).
    this.bid.disabled = sending || lines.standing === 'winning';
    this.amountButton.disabled = sending;
    this.maxButton.disabled = sending;
    this.amountInput.placeholder = lines.minimum;
    this.maxInput.placeholder = lines.minimum;
    setText(this.notice, notice?.text ?? null);
    this.notice.dataset.kind = notice?.kind ?? 'info';
  }

  private smallForm(input: HTMLInputElement, button: HTMLButtonElement, label: string, action: string, submit: (typed: string) => void): HTMLFormElement {
    const form = el('form', 'auction-form');
    form.noValidate = true;
    const caption = el('label', 'auction-form-label');
    caption.append(textNode('span', 'auction-form-caption', label));
    input.type = 'text';
    input.inputMode = 'decimal';
    input.autocomplete = 'off';
    input.maxLength = 20;
    input.enterKeyHint = 'send';
    input.setAttribute('aria-label', label);
    button.type = 'submit';
    button.textContent = action;
    caption.append(input);
    form.append(caption, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(input.value);
    });
    return form;
  }
}

function textNode<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string): HTMLElementTagNameMap[K] {
  const node = el(tag, className);
  node.textContent = text;
  return node;
}
