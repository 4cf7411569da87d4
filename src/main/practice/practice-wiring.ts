/**
 * Practice shows in the studio core: the viewers' PRACTICE banner follows
 * the active show's flag (SellBoard.setPractice), and the simulated
 * audience follows the active show (it leaves when another show opens or
 * the flag is turned off). The core calls `showEnded()` at End show and
 * `close()` on close.
 */
import { incrementAt } from '../../shared/auction/auction-rules.js';
import type { ProductDetail } from '../../shared/domain/catalog.js';
import type { PinState, SfuStatus } from '../../shared/domain/live.js';
import type { Settings } from '../../shared/domain/settings.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { optionsOf } from './practice-messages.js';
import { PracticeAudience, type PracticeShow } from './practice-audience.js';

export { practiceHandlers } from './practice-handlers.js';
export type { PracticeAudience } from './practice-audience.js';

export interface PracticeWiringDeps {
  readonly events: StudioEventBus;
  readonly activeShow: () => PracticeShow | null;
  readonly live: { status(): SfuStatus; audienceKey(): string | null };
  readonly pins: { state(): PinState };
  readonly catalog: { findProduct(productId: number): ProductDetail | null };
  readonly settings: { get(): Settings };
  readonly sellBoard: { setPractice(practice: boolean): void };
  readonly log?: (message: string, error?: unknown) => void;
}

export function wirePracticeShows(deps: PracticeWiringDeps): PracticeAudience {
  const audience = new PracticeAudience({
    activeShow: deps.activeShow,
    sfu: () => {
      const status = deps.live.status();
      if (status.signalUrl === null || status.state === 'starting') return null;
      // The built-in SFU's per-run key lifts its per-address limits for these viewers only; a remote SFU has none.
      return { signalUrl: status.signalUrl, room: status.room, audienceKey: deps.live.audienceKey() };
    },
    pinnedOptions: () => {
      const pin = deps.pins.state().current;
      if (!pin || pin.productId === null || pin.variantId !== null) return [];
      return optionsOf(deps.catalog.findProduct(pin.productId)?.variants.map((v) => v.title) ?? []);
    },
    bidIncrement: (price) => incrementAt(deps.settings.get().selling.bidIncrements, price),
    emit: (state) => deps.events.emit('practiceAudienceChanged', state),
    log: deps.log ?? ((message, error) => console.warn(`[practice] ${message}`, error ?? '')),
  });
  let shown = '';
  const follow = () => {
    const show = deps.activeShow();
    deps.sellBoard.setPractice(show?.practice ?? false);
    // rundownChanged also comes with every cursor move and claim: act only when the show or its flag changed.
    const key = show === null ? '' : `${show.id}:${show.practice}:${show.name}`;
    if (key === shown) return;
    shown = key;
    audience.showChanged();
  };
  follow();
  deps.events.on('rundownChanged', follow);
  deps.events.on('showsChanged', follow);
  return audience;
}
