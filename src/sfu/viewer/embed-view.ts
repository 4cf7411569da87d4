import type { WatchPhase } from './watch-session.js';
import { nextShowText, replayPath } from './embed-format.js';

/** How long "Added to your cart" stays on the card. */
const NOTE_MS = 4_000;

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The player is missing #${id}.`);
  return node as T;
}

/**
 * Runs in the viewer's browser: what the embedded player adds to the watch
 * page (markup in index.html, hidden there): the mini/full layout
 * (`data-embed` on #watch, watch.css), the mini-player's "Open" button, the
 * next show and the replay while the show is not live, and the note after
 * the page put a product in its own cart. Text only.
 */
export class EmbedView {
  private readonly root = byId<HTMLElement>('watch');
  private readonly open = byId<HTMLButtonElement>('embed-open');
  private readonly next = byId<HTMLElement>('status-next');
  private readonly replay = byId<HTMLAnchorElement>('status-replay');
  private readonly note = byId<HTMLElement>('embed-note');
  private noteTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly nextText: string | null;
  private replayFound = false;

  constructor(onOpen: () => void) {
    const query = new URLSearchParams(location.search);
    this.nextText = nextShowText(query.get('next'), Date.now());
    this.open.addEventListener('click', onOpen);
    this.setSize(query.get('size') === 'full' ? 'full' : 'mini');
    const path = replayPath(query.get('replay'));
    // Linked only when this SFU serves that replay (a folder name mistyped in the snippet shows nothing).
    if (path) {
      void fetch(`${path}timeline.json`, { method: 'HEAD' })
        .then((r) => {
          if (!r.ok) return;
          this.replay.href = path;
          this.replayFound = true;
          this.renderOffAir();
        })
        .catch(() => undefined);
    }
  }

  setSize(size: 'mini' | 'full'): void {
    this.root.dataset.embed = size;
    this.open.hidden = size !== 'mini';
  }

  private phase: WatchPhase = 'connecting';

  onPhase(phase: WatchPhase): void {
    this.phase = phase;
    this.renderOffAir();
  }

  private renderOffAir(): void {
    const offAir = this.phase === 'not-started' || this.phase === 'ended';
    this.next.hidden = !(offAir && this.nextText);
    this.next.textContent = this.nextText ?? '';
    this.replay.hidden = !(offAir && this.replayFound);
  }

  boughtOnPage(): void {
    this.note.textContent = 'Added to your cart';
    this.note.hidden = false;
    if (this.noteTimer) clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => (this.note.hidden = true), NOTE_MS);
  }
}
