import { CONTACT_MAX_CHARS, CONTACT_PURPOSE, CONTACT_QUESTION } from '../../shared/selling/buyer-contact.js';
import type { MyClaim } from '../../shared/sfu/protocol-claims.js';
import type { CheckoutBlock } from './checkout-format.js';
import { checkoutNodes } from './checkout-view.js';
import { claimLabel, claimPrice, claimStatusText, contactLine } from './my-claims-format.js';

/**
 * Runs in the viewer's browser. Draws "My claims" (markup in index.html):
 * the buyer's claims with their status, and the optional question where the
 * seller can reach them. Product titles and the contact are untrusted text:
 * textContent only.
 */

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The watch page is missing #${id}.`);
  return node as T;
}

export interface MyClaimsScreen {
  readonly claims: readonly MyClaim[];
  /** The checkout links the seller sent, newest first ("Check out your 2 items"). */
  readonly checkouts: readonly CheckoutBlock[];
  /** The contact the studio confirmed it keeps (never just what was typed). */
  readonly contact: string | null;
  /** A contact sent, until the studio's next list says what it kept. */
  readonly sending: string | null;
  /** Ask where the seller can reach the buyer (first claim, or "Change"). */
  readonly asking: boolean;
  /** No contact and the buyer chose Skip: a quiet way to add one later. */
  readonly offerContact: boolean;
}

export class MyClaimsView {
  readonly form = byId<HTMLFormElement>('contact-form');
  readonly input = byId<HTMLInputElement>('contact-input');
  readonly skip = byId<HTMLButtonElement>('contact-skip');
  readonly change = byId<HTMLButtonElement>('contact-change');
  private readonly root = byId<HTMLElement>('my-claims');
  private readonly list = byId<HTMLOListElement>('my-claims-list');
  private readonly checkouts = byId<HTMLElement>('my-checkouts');
  private readonly error = byId<HTMLElement>('contact-error');
  private readonly line = byId<HTMLElement>('contact-line');
  private readonly lineText = byId<HTMLElement>('contact-text');
  private readonly save = byId<HTMLButtonElement>('contact-save');

  constructor() {
    // One wording for the page and the studio's checks (src/shared/selling/buyer-contact.ts).
    byId('contact-question').textContent = CONTACT_QUESTION;
    byId('contact-purpose').textContent = CONTACT_PURPOSE;
    this.input.maxLength = CONTACT_MAX_CHARS;
  }

  render(screen: MyClaimsScreen): void {
    this.root.hidden = screen.claims.length === 0 && screen.checkouts.length === 0 && screen.contact === null && screen.sending === null;
    this.checkouts.hidden = screen.checkouts.length === 0;
    this.checkouts.replaceChildren(...checkoutNodes(screen.checkouts));
    this.list.replaceChildren(...screen.claims.map((claim) => this.item(claim)));
    const wasAsking = !this.form.hidden;
    this.form.hidden = !screen.asking;
    if (screen.asking && !wasAsking) this.showError(null);
    this.line.hidden = screen.asking || (screen.contact === null && !screen.offerContact);
    this.lineText.textContent =
      screen.sending !== null ? `Sending ${screen.sending} to the seller…` : screen.contact === null ? '' : contactLine(screen.contact);
    this.change.textContent = screen.contact === null ? 'Add how the seller can reach you' : 'Change';
  }

  showError(text: string | null): void {
    this.error.hidden = text === null;
    this.error.textContent = text ?? '';
    this.input.setAttribute('aria-invalid', String(text !== null));
  }

  setSending(sending: boolean): void {
    this.save.disabled = sending;
  }

  private item(claim: MyClaim): HTMLLIElement {
    const li = document.createElement('li');
    li.className = `my-claim is-${claim.status}`;
    li.dataset.testid = 'my-claim';
    li.dataset.status = claim.status;
    li.append(span('my-claim-what', claimLabel(claim)));
    const price = claimPrice(claim);
    if (price) li.append(span('my-claim-price', price));
    const status = span('my-claim-status', claimStatusText(claim));
    status.dataset.testid = 'my-claim-status';
    li.append(status);
    return li;
  }
}

function span(className: string, text: string): HTMLSpanElement {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}
