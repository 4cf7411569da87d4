import type { BlockNotice } from './auction-view.js';
import type { GiveawayLines } from './giveaway-format.js';
import { el, setText } from './view-dom.js';

/**
 * Runs in the viewer's browser. The giveaway block: prize, how to enter,
 * entries, the rules (folded when long), the fairness code published before
 * the draw and the seed revealed after it (anyone can check the winner with
 * `studio giveaway-verify`, docs/giveaways.md), the winner. Built once, updated in place;
 * every string is untrusted text (textContent only).
 */
export class GiveawayBlock {
  private readonly status = el('span', 'giveaway-status', 'giveaway-status');
  private readonly prize = el('h2', 'giveaway-prize', 'giveaway-prize');
  private readonly howTo = el('p', 'giveaway-howto', 'giveaway-howto');
  private readonly enter = el('button', 'giveaway-enter', 'giveaway-enter');
  private readonly mine = el('p', 'giveaway-mine', 'giveaway-mine');
  private readonly entries = el('p', 'giveaway-entries', 'giveaway-entries');
  private readonly watchNote = el('p', 'giveaway-watch', 'giveaway-watch');
  private readonly winner = el('p', 'giveaway-winner', 'giveaway-winner');
  private readonly rules = el('details', 'giveaway-rules', 'giveaway-rules');
  private readonly rulesText = el('p', 'giveaway-rules-text');
  private readonly commitment: ProofLine;
  private readonly seed: ProofLine;
  private readonly notice = el('p', 'giveaway-notice', 'giveaway-notice');
  private shownRules: string | null = null;

  constructor(
    private readonly root: HTMLElement,
    onEnter: () => void,
  ) {
    const head = el('div', 'giveaway-head');
    const badge = el('span', 'giveaway-badge');
    badge.textContent = 'Giveaway';
    head.append(badge, this.status);
    this.enter.type = 'button';
    this.enter.textContent = 'Enter';
    this.enter.addEventListener('click', () => onEnter());
    this.mine.setAttribute('role', 'status');
    this.notice.setAttribute('role', 'status');
    const summary = el('summary', 'giveaway-rules-summary');
    summary.textContent = 'Rules';
    this.rules.append(summary, this.rulesText);
    this.commitment = new ProofLine('Fairness code', 'Published when the giveaway opened, before anyone entered: with it anyone can check the winner afterwards.', 'giveaway-commitment');
    this.seed = new ProofLine('Draw seed', 'Revealed after the draw: it must match the fairness code.', 'giveaway-seed');
    const proof = el('div', 'giveaway-proof');
    proof.append(this.commitment.root, this.seed.root);
    root.replaceChildren(head, this.prize, this.howTo, this.enter, this.mine, this.notice, this.entries, this.watchNote, this.winner, this.rules, proof);
    root.hidden = true;
  }

  render(lines: GiveawayLines | null, notice: BlockNotice | null, sending: boolean): void {
    this.root.hidden = lines === null;
    if (!lines) return;
    setText(this.status, lines.status);
    setText(this.prize, lines.prize);
    setText(this.howTo, lines.howTo);
    this.enter.hidden = !lines.button;
    this.enter.disabled = sending;
    setText(this.mine, lines.mine);
    setText(this.entries, lines.entries);
    setText(this.watchNote, lines.watchNote);
    setText(this.winner, lines.winner);
    this.rules.hidden = lines.rules === null;
    if (lines.rules !== this.shownRules) {
      // New rules: short ones stand open, long ones fold (the viewer's own opening is kept while they stay the same).
      this.shownRules = lines.rules;
      this.rulesText.textContent = lines.rules ?? '';
      this.rules.open = !lines.rulesFolded;
    }
    this.commitment.render(lines.commitment, lines.commitmentFull);
    this.seed.render(lines.seed, lines.seedFull);
    setText(this.notice, notice?.text ?? null);
    this.notice.dataset.kind = notice?.kind ?? 'info';
  }
}

/** "Fairness code 3f2a9c1d…e0b7 [Copy]", with the whole value one tap away. */
class ProofLine {
  readonly root: HTMLElement;
  private readonly short = el('code', 'proof-short');
  private readonly full = el('code', 'proof-full');
  private readonly details = el('details', 'proof-details');
  private readonly copy = el('button', 'text-button proof-copy');
  private value: string | null = null;

  constructor(label: string, explanation: string, testId: string) {
    this.root = el('div', 'giveaway-proof-line', testId);
    const caption = el('span', 'proof-label');
    caption.textContent = label;
    caption.title = explanation;
    const summary = el('summary', 'proof-summary');
    summary.append(this.short);
    const why = el('p', 'proof-why');
    why.textContent = explanation;
    this.details.append(summary, this.full, why);
    this.copy.type = 'button';
    this.copy.textContent = 'Copy';
    this.copy.addEventListener('click', () => void this.copyValue());
    this.root.append(caption, ' ', this.details, ' ', this.copy);
  }

  render(short: string | null, full: string | null): void {
    this.root.hidden = full === null;
    if (full === this.value) return;
    this.value = full;
    this.short.textContent = short ?? '';
    this.full.textContent = full ?? '';
    this.copy.textContent = 'Copy';
  }

  private async copyValue(): Promise<void> {
    if (this.value === null) return;
    try {
      await navigator.clipboard.writeText(this.value);
      this.copy.textContent = 'Copied';
    } catch {
      // No clipboard (plain http on a phone): show it whole and selected, ready to copy by hand.
      this.details.open = true;
      getSelection()?.selectAllChildren(this.full);
    }
  }
}
