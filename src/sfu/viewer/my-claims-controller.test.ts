// @vitest-environment happy-dom
/**
 * "My claims" on the watch page in a DOM (the page's own markup): the
 * buyer's claims as the studio sends them, the optional question where the
 * seller can reach them (checked before it is sent; Skip is remembered),
 * and untrusted text kept as text. (Real Chromium runs it in
 * e2e/first-show.spec.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTACT_PURPOSE, CONTACT_QUESTION } from '../../shared/selling/buyer-contact.js';
import type { MyClaim } from '../../shared/sfu/protocol-claims.js';
import { SignalRequestError } from '../../shared/sfu/signal-requests.js';
import { MyClaimsController } from './my-claims-controller.js';
import { MyClaimsView } from './my-claims-view.js';

const page = new DOMParser().parseFromString(fs.readFileSync(path.join(import.meta.dirname, 'index.html'), 'utf8'), 'text/html');

const claim = (over: Partial<MyClaim> = {}): MyClaim => ({
  id: 1,
  product: 'Linen Shirt',
  variant: 'M',
  price: '35.00',
  currency: 'USD',
  status: 'confirmed',
  waitlistPlace: null,
  bySeller: null,
  claimedAt: 1,
  ...over,
});

let view: MyClaimsView;
let controller: MyClaimsController;
let shared: string[];
let answer: () => Promise<unknown>;
const $ = (id: string) => document.getElementById(id)!;
const panel = () => $('my-claims');
const form = () => $('contact-form') as HTMLFormElement;
const items = () => [...document.querySelectorAll<HTMLElement>('[data-testid="my-claim"]')].map((li) => li.textContent);

function start(): void {
  document.body.replaceChildren(document.importNode(page.getElementById('chat')!, true));
  view = new MyClaimsView();
  controller = new MyClaimsController(view);
  controller.connect({
    shareContact: (contact) => {
      shared.push(contact);
      return answer();
    },
  });
}

function submit(text: string): void {
  view.input.value = text;
  view.form.dispatchEvent(new Event('submit', { cancelable: true }));
}

beforeEach(() => {
  shared = [];
  answer = () => Promise.resolve({ forwarded: true });
  start();
});
afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

describe('My claims on the watch page', () => {
  it('stays away until the buyer has claimed, then lists each claim with its status', () => {
    expect(panel().hidden).toBe(true);
    controller.update({ type: 'myClaims', claims: [claim(), claim({ id: 2, variant: 'S', status: 'waitlisted', waitlistPlace: 2 })], contact: null });
    expect(panel().hidden).toBe(false);
    expect(items()).toEqual(['Linen Shirt — M$35.00Confirmed', 'Linen Shirt — S$35.00Waitlist #2']);
    controller.update({ type: 'myClaims', claims: [claim({ status: 'cancelled', bySeller: 'cancelled' })], contact: null });
    expect(items()).toEqual(['Linen Shirt — M$35.00Cancelled by the seller']);
  });

  it('asks where the seller can reach the buyer at the first claim, says why, and checks the answer before sending it', async () => {
    controller.update({ type: 'myClaims', claims: [claim()], contact: null });
    expect(form().hidden).toBe(false);
    expect($('contact-question').textContent).toBe(CONTACT_QUESTION);
    expect($('contact-purpose').textContent).toBe(CONTACT_PURPOSE);
    expect(view.input.labels?.[0]?.textContent).toBe(CONTACT_QUESTION);
    // Not taken from the chat: the buyer may be typing there.
    expect(document.activeElement).not.toBe(view.input);

    submit('anna');
    expect(shared).toEqual([]);
    expect($('contact-error').textContent).toMatch(/^Type an e-mail/);
    expect(view.input.getAttribute('aria-invalid')).toBe('true');

    submit(' anna@example.com ');
    await vi.waitFor(() => expect(form().hidden).toBe(true));
    expect(shared).toEqual(['anna@example.com']);
    // Not yet what the seller keeps: only the studio's answer says so.
    expect($('contact-text').textContent).toBe('Sending anna@example.com to the seller…');
    // The studio stored it and sends the list with it: it stays, and is not asked again.
    controller.update({ type: 'myClaims', claims: [claim()], contact: 'anna@example.com' });
    expect(form().hidden).toBe(true);
    expect($('contact-text').textContent).toBe('The seller can reach you at anna@example.com');
  });

  it('shows the contact the studio kept, never one it refused or could not save', async () => {
    controller.update({ type: 'myClaims', claims: [claim()], contact: '@anna.old' });
    view.change.click();
    submit('anna@example.com');
    await vi.waitFor(() => expect(form().hidden).toBe(true));
    expect($('contact-text').textContent).toBe('Sending anna@example.com to the seller…');
    // The studio refused it (and said why in a private line): its list still has the old one.
    controller.update({ type: 'myClaims', claims: [claim()], contact: '@anna.old' });
    expect($('contact-text').textContent).toBe('The seller can reach you at @anna.old');
    expect(panel().textContent).not.toContain('anna@example.com');
  });

  it('keeps the question open with the SFU’s words when the seller is not there', async () => {
    answer = () => Promise.reject(new SignalRequestError('unavailable', 'The seller is not connected right now. Try again in a moment.'));
    controller.update({ type: 'myClaims', claims: [claim()], contact: null });
    submit('@anna.shop');
    await vi.waitFor(() => expect($('contact-error').textContent).toBe('The seller is not connected right now. Try again in a moment.'));
    expect(form().hidden).toBe(false);
    expect(view.input.value).toBe('@anna.shop');
  });

  it('Skip hides the question for good (a reload too), and leaves a way to add it later', () => {
    controller.update({ type: 'myClaims', claims: [claim()], contact: null });
    view.skip.click();
    expect(form().hidden).toBe(true);
    expect($('contact-line').hidden).toBe(false);
    expect(view.change.textContent).toBe('Add how the seller can reach you');
    start(); // a reload
    controller.update({ type: 'myClaims', claims: [claim(), claim({ id: 2 })], contact: null });
    expect(form().hidden).toBe(true);
    view.change.click();
    expect(form().hidden).toBe(false);
  });

  it('shows product titles and the contact as text, never as markup', () => {
    controller.update({ type: 'myClaims', claims: [claim({ product: '<img src=x onerror=alert(1)>', variant: null })], contact: '@<b>x</b>' });
    expect(panel().querySelector('img, b')).toBeNull();
    expect(items()[0]).toContain('<img src=x onerror=alert(1)>');
    expect($('contact-text').textContent).toContain('@<b>x</b>');
  });
});
