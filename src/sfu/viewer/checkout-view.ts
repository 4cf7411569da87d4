import type { CheckoutBlock } from './checkout-format.js';

/**
 * Runs in the viewer's browser. Draws the checkout links in "My claims":
 * each an <a> opening the store in a new tab (rel=noopener noreferrer);
 * the URL only as href (checked https by checkout-format.ts), every text
 * as textContent.
 */
export function checkoutNodes(blocks: readonly CheckoutBlock[]): HTMLElement[] {
  return blocks.map((block) => {
    const item = document.createElement('div');
    item.className = 'my-checkout';
    item.dataset.testid = 'my-checkout';
    if (block.links.length === 1) {
      item.append(link(block.links[0]!.url, block.title, 'my-checkout-link is-cart'));
      return item;
    }
    const title = document.createElement('p');
    title.className = 'my-checkout-title';
    title.textContent = `${block.title}:`;
    const list = document.createElement('ul');
    list.className = 'my-checkout-items';
    for (const each of block.links) {
      const li = document.createElement('li');
      li.append(link(each.url, each.label, 'my-checkout-link'));
      list.append(li);
    }
    item.append(title, list);
    return item;
  });
}

function link(url: string, text: string, className: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.className = className;
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.textContent = text;
  a.dataset.testid = 'checkout-link';
  return a;
}
