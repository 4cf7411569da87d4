import { checkBuyerContact } from '../../shared/selling/buyer-contact.js';
import type { MyClaim, MyClaimsPush } from '../../shared/sfu/protocol-claims.js';
import { checkoutBlocks, type CheckoutBlock } from './checkout-format.js';
import type { MyClaimsView } from './my-claims-view.js';
import { readStored, writeStored } from './page-storage.js';

/** Runs in the viewer's browser: "My claims" between the page and the session. */

export interface ContactTransport {
  shareContact(contact: string): Promise<unknown>;
}

/** Where "Skip" is remembered (this browser): the question is not asked again after a reload. */
const SKIPPED_ITEM = 'lss:claims:contactSkipped';

/**
 * The buyer's claims as the studio last sent them (`myClaims`: after each
 * change, and at every join, so a reload shows them again), and the
 * optional contact for the seller: asked at the first claim, never
 * required; checked here, then sent to the studio alone, which stores it
 * and answers with the list again.
 */
export class MyClaimsController {
  private claims: readonly MyClaim[] = [];
  private checkouts: readonly CheckoutBlock[] = [];
  private contact: string | null = null;
  /** Sent, not yet answered by the studio's list (shown as being sent, never as kept). */
  private sentContact: string | null = null;
  private editing = false;
  private skipped = readStored(SKIPPED_ITEM) === '1';
  private transport: ContactTransport | null = null;

  constructor(private readonly view: MyClaimsView) {
    view.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    view.skip.addEventListener('click', () => {
      this.skipped = true;
      this.editing = false;
      writeStored(SKIPPED_ITEM, '1');
      this.render();
    });
    view.change.addEventListener('click', () => {
      this.editing = true;
      view.input.value = this.contact ?? '';
      this.render();
      view.input.focus();
    });
    this.render();
  }

  connect(transport: ContactTransport): void {
    this.transport = transport;
  }

  /** The studio's list: what this buyer claimed, and the contact it keeps for them. */
  update(push: MyClaimsPush): void {
    this.claims = push.claims;
    // The seller's checkout links ("Check out your 2 items"): only https ones are drawn.
    this.checkouts = checkoutBlocks(push.checkouts ?? []);
    // The studio's answer: the contact it keeps (the one sent, once stored; else the old one or none — it says why in a private line).
    this.contact = push.contact;
    this.sentContact = null;
    // The question appears without taking the focus: the buyer may be typing in the chat.
    this.render();
  }

  private async submit(): Promise<void> {
    const check = checkBuyerContact(this.view.input.value);
    if (!check.ok) {
      this.view.showError(check.reason);
      return;
    }
    if (!this.transport) return;
    this.view.setSending(true);
    try {
      await this.transport.shareContact(check.contact);
      this.sentContact = check.contact;
      this.editing = false;
      this.view.input.value = '';
      this.render();
    } catch (error) {
      // The SFU's or the page's own words ("The seller is not connected right now…").
      this.view.showError(error instanceof Error && error.message ? error.message : 'That did not go through. Try again.');
    } finally {
      this.view.setSending(false);
    }
  }

  private asking(): boolean {
    if (this.editing) return true;
    return this.claims.length > 0 && this.contact === null && this.sentContact === null && !this.skipped;
  }

  private render(): void {
    this.view.render({
      claims: this.claims,
      checkouts: this.checkouts,
      contact: this.contact,
      sending: this.sentContact,
      asking: this.asking(),
      offerContact: this.claims.length > 0,
    });
  }
}
