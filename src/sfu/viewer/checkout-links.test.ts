// @vitest-environment happy-dom
/**
 * The seller's checkout links in "My claims" on the watch page (the page's
 * own markup): "Check out your N items" as a link that opens the store in a
 * new tab, one link per item where there is no cart, text only, https only.
 * (Real Chromium runs it in e2e/checkout-links.spec.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MyCheckout, MyClaim } from '../../shared/sfu/protocol-claims.js';
import { checkoutBlocks } from './checkout-format.js';
import { MyClaimsController } from './my-claims-controller.js';
import { MyClaimsView } from './my-claims-view.js';

const page = new DOMParser().parseFromString(fs.readFileSync(path.join(import.meta.dirname, 'index.html'), 'utf8'), 'text/html');

const claim: MyClaim = {
  id: 1,
  product: 'Linen Shirt',
  variant: 'M',
  price: '35.00',
  currency: 'USD',
  status: 'confirmed',
  waitlistPlace: null,
  bySeller: null,
  claimedAt: 1,
};
const cart: MyCheckout = { sentAt: 2, items: 2, links: [{ url: 'https://shop.example/cart/111:1,222:1?utm_source=live-seller-studio', label: 'Your cart: 2 items' }] };

let controller: MyClaimsController;
const links = () => [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="checkout-link"]')];

beforeEach(() => {
  document.body.replaceChildren(document.importNode(page.getElementById('chat')!, true));
  controller = new MyClaimsController(new MyClaimsView());
});
afterEach(() => document.body.replaceChildren());

describe('checkout links on the watch page', () => {
  it('shows one cart as "Check out your 2 items", opening the store in a new tab', () => {
    controller.update({ type: 'myClaims', claims: [claim], contact: null });
    expect(document.getElementById('my-checkouts')!.hidden).toBe(true);
    controller.update({ type: 'myClaims', claims: [claim], contact: null, checkouts: [cart] });
    expect(document.getElementById('my-checkouts')!.hidden).toBe(false);
    const [link] = links();
    expect(links()).toHaveLength(1);
    expect(link!.textContent).toBe('Check out your 2 items');
    expect(link!.href).toBe(cart.links[0]!.url);
    expect(link!.target).toBe('_blank');
    expect(link!.rel).toBe('noopener noreferrer');
  });

  it('lists one link per item under the title where the store has no cart link', () => {
    controller.update({
      type: 'myClaims',
      claims: [claim],
      contact: null,
      checkouts: [{ sentAt: 3, items: 2, links: [{ url: 'https://shop.example/?add-to-cart=10', label: 'Linen Shirt — M' }, { url: 'https://shop.example/?add-to-cart=11', label: 'Mug' }] }],
    });
    expect(document.querySelector('.my-checkout-title')!.textContent).toBe('Check out your 2 items:');
    expect(links().map((a) => a.textContent)).toEqual(['Linen Shirt — M', 'Mug']);
  });

  it('keeps labels as text and never draws a link that is not https', () => {
    const blocks = checkoutBlocks([
      { sentAt: 4, items: 1, links: [{ url: 'javascript:alert(1)', label: 'x' }] },
      { sentAt: 3, items: 1, links: [{ url: 'http://shop.example/cart/1:1', label: 'x' }] },
      { sentAt: 2, items: 2, links: [{ url: 'https://shop.example/a', label: '<img src=x onerror=alert(1)>' }, { url: 'data:text/html,hi', label: 'y' }] },
    ]);
    expect(blocks).toEqual([{ title: 'Check out your 2 items', links: [{ url: 'https://shop.example/a', label: '<img src=x onerror=alert(1)>' }], sentAt: 2 }]);
    controller.update({ type: 'myClaims', claims: [claim], contact: null, checkouts: [{ sentAt: 2, items: 2, links: [{ url: 'https://shop.example/a', label: '<b>x</b>' }, { url: 'https://shop.example/b', label: '<img src=x>' }] }] });
    expect(document.querySelector('#my-checkouts img, #my-checkouts b')).toBeNull();
    expect(links().map((a) => a.textContent)).toEqual(['<b>x</b>', '<img src=x>']);
  });
});
