/**
 * embed.js — the snippet a seller pastes into any page (docs/embed.md):
 *
 *   <script src="https://<sfu>/embed.js" data-show="<room>" async></script>
 *
 * Runs in the seller's page, on the seller's origin: no dependencies, no
 * innerHTML, no style attributes (a strict page CSP may forbid them; the
 * CSSOM is always allowed). Frames the player (`/embed/<show>` on the SFU
 * that served this script) as a floating mini-player in a corner, with
 * Expand and Close buttons outside the frame; the player tells the page
 * what happens (`lss:*` messages to `window`, see docs/embed.md). This
 * script hears only the player's window on the SFU's origin, and the page's
 * own `lss:open` / `lss:close` posted to its own window.
 */
import { parsePlayerMessageType } from '../../shared/sfu/embed-messages.js';
import { SHOW_ID_PATTERN } from '../../shared/sfu/protocol-constants.js';

type Size = 'mini' | 'full' | 'closed';

const MINI = { width: '300px', height: '340px' } as const;
const GAP = '16px';

function start(script: HTMLScriptElement): void {
  const show = script.dataset.show ?? '';
  if (!SHOW_ID_PATTERN.test(show)) {
    console.warn('Live Seller Studio: the embed snippet needs data-show="<your show’s room>" (letters, digits, "-" and "_").');
    return;
  }
  const sfuOrigin = new URL(script.src).origin;
  const side = script.dataset.position === 'bottom-left' ? 'left' : 'right';
  const query = new URLSearchParams({ origin: location.origin });
  if (script.dataset.nextShow) query.set('next', script.dataset.nextShow);
  if (script.dataset.replay) query.set('replay', script.dataset.replay);

  const box = document.createElement('div');
  box.dataset.lssEmbed = show;
  Object.assign(box.style, {
    position: 'fixed', bottom: GAP, [side]: GAP, zIndex: '2147483000', borderRadius: '14px', overflow: 'hidden',
    background: '#0b0b0f', boxShadow: '0 10px 40px rgba(0,0,0,.45)', display: 'flex', flexDirection: 'column',
  });
  const bar = document.createElement('div');
  Object.assign(bar.style, { display: 'flex', justifyContent: 'flex-end', gap: '4px', padding: '4px', background: '#0b0b0f' });
  const toggle = button('Expand', 'Open the full player');
  const close = button('×', 'Close the player');
  bar.append(toggle, close);
  let frame: HTMLIFrameElement | null = null;
  let size: Size = 'closed';

  const makeFrame = (first: 'mini' | 'full'): HTMLIFrameElement => {
    const f = document.createElement('iframe');
    query.set('size', first);
    f.src = `${sfuOrigin}/embed/${encodeURIComponent(show)}?${query}`;
    f.title = 'Live show';
    f.allow = 'autoplay; fullscreen; picture-in-picture';
    f.dataset.lssPlayer = show;
    Object.assign(f.style, { border: '0', width: '100%', flex: '1 1 auto', display: 'block', background: '#000' });
    box.append(f);
    return f;
  };

  const setSize = (next: Size): void => {
    if (next === size) return;
    size = next;
    if (next === 'closed') {
      // Gone, not hidden: no video keeps playing (and costing data) behind the page.
      frame?.remove();
      frame = null;
      box.remove();
      return;
    }
    if (!box.isConnected) document.body.append(box);
    const full = next === 'full';
    // A new frame starts in its size; one already there hears the change.
    if (frame) frame.contentWindow?.postMessage({ type: full ? 'lss:open' : 'lss:close' }, sfuOrigin);
    else frame = makeFrame(next);
    Object.assign(box.style, full
      ? { top: GAP, left: GAP, right: GAP, bottom: GAP, width: 'auto', height: 'auto' }
      : { top: 'auto', left: side === 'left' ? GAP : 'auto', right: side === 'right' ? GAP : 'auto', bottom: GAP, ...MINI });
    toggle.textContent = full ? 'Minimize' : 'Expand';
    toggle.setAttribute('aria-label', full ? 'Back to the mini-player' : 'Open the full player');
  };

  toggle.addEventListener('click', () => setSize(size === 'full' ? 'mini' : 'full'));
  close.addEventListener('click', () => setSize('closed'));
  box.append(bar);
  addEventListener('message', (event) => {
    // The player: only its own window, only from the SFU's origin.
    if (frame && event.source === frame.contentWindow && event.origin === sfuOrigin) {
      if (parsePlayerMessageType(event.data) === 'lss:expand') setSize('full');
      return;
    }
    // The page's own code: window.postMessage({ type: 'lss:open' }, location.origin).
    if (event.source === window && event.origin === location.origin) {
      const type = (event.data as { type?: unknown } | null)?.type;
      if (type === 'lss:open') setSize('full');
      else if (type === 'lss:close') setSize(size === 'closed' ? 'closed' : 'mini');
    }
  });
  setSize('mini');
}

function button(text: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  Object.assign(b.style, {
    font: '600 13px system-ui, sans-serif', color: '#f5f5f7', background: '#26262f', border: '0', borderRadius: '999px',
    padding: '4px 10px', cursor: 'pointer', lineHeight: '1.4',
  });
  return b;
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) {
  if (document.body) start(current);
  else addEventListener('DOMContentLoaded', () => start(current), { once: true });
}
