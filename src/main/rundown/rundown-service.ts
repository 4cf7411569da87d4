/**
 * The rundown as the API uses it: every change goes through the store and
 * is announced — `showsChanged` when a show's summary may have changed,
 * `rundownChanged` when the active show's rundown did.
 */
import { StudioError } from '../../shared/api/result.js';
import { shownCurrency } from '../../shared/domain/money.js';
import type { RundownState, Show } from '../../shared/domain/rundown.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { ItemChanges, NewRundownItem, RundownStore, ShowChanges } from './rundown-store.js';

/**
 * Units left of a product (or variant) in a show: the selling services'
 * StockLedger (src/main/selling), so a product row shows the number the
 * pinned card and the Claims tab show. null: not tracked.
 */
export interface RundownStock {
  stockLeft(showId: number, productId: number, variantId: number | null, catalogStock: number | null): number | null;
}

export class RundownService {
  /** Why a show may not stop being practice now (its auction or giveaway has simulated participants), or null. */
  private practiceOffRefusal: (showId: number) => string | null = () => null;

  constructor(
    private readonly store: RundownStore,
    private readonly events: StudioEventBus,
    /** Without it, product rows show the catalog's stock. */
    private readonly stock?: RundownStock,
    /** The seller's store currency ('' for none): shown for products whose file named no currency. */
    private readonly storeCurrency: () => string = () => '',
  ) {}

  listShows(): Show[] {
    return this.store.listShows();
  }

  createShow(name: string, scheduledStart: number | null, practice = false): Show {
    const show = this.store.createShow(name, scheduledStart, practice);
    this.showsChanged();
    return show;
  }

  /** The selling services say when a practice show may not turn real (src/main/core/live-selling.ts). */
  refusePracticeOffWhen(check: (showId: number) => string | null): void {
    this.practiceOffRefusal = check;
  }

  updateShow(showId: number, changes: ShowChanges): Show {
    if (changes.practice === false && this.store.getShow(showId).practice) {
      // Simulated bidders or entrants would stay in a real show's auction or giveaway, and could win it.
      const refusal = this.practiceOffRefusal(showId);
      if (refusal !== null) throw new StudioError('conflict', refusal);
    }
    const show = this.store.updateShow(showId, changes);
    this.changed(showId, { shows: true });
    return show;
  }

  deleteShow(showId: number): boolean {
    const wasActive = this.store.activeShowId() === showId;
    const deleted = this.store.deleteShow(showId);
    if (deleted) {
      this.showsChanged();
      if (wasActive) this.events.emit('rundownChanged', null);
    }
    return deleted;
  }

  duplicateShow(showId: number, name: string): Show {
    const show = this.store.duplicateShow(showId, name);
    this.showsChanged();
    return show;
  }

  getActiveRundown(): RundownState | null {
    const showId = this.store.activeShowId();
    return showId === null ? null : this.read(showId);
  }

  setActiveShow(showId: number): RundownState {
    this.store.setActiveShow(showId);
    const state = this.read(showId);
    this.events.emit('rundownChanged', state);
    return state;
  }

  getRundown(showId: number): RundownState {
    return this.read(showId);
  }

  addItems(showId: number, items: readonly NewRundownItem[], position?: number): RundownState {
    this.store.addItems(showId, items, position);
    return this.changed(showId, { shows: true });
  }

  updateItem(itemId: number, changes: ItemChanges): RundownState {
    const showId = this.store.updateItem(itemId, changes);
    return this.changed(showId, { shows: changes.plannedSeconds !== undefined });
  }

  removeItem(itemId: number): RundownState {
    return this.changed(this.store.removeItem(itemId), { shows: true });
  }

  moveItem(itemId: number, toPosition: number): RundownState {
    return this.changed(this.store.moveItem(itemId, toPosition), { shows: false });
  }

  setCursor(showId: number, itemId: number | null): RundownState {
    this.store.setCursor(showId, itemId);
    return this.changed(showId, { shows: false });
  }

  advance(showId: number, direction: 'next' | 'previous'): RundownState {
    this.store.advance(showId, direction);
    return this.changed(showId, { shows: false });
  }

  /** Product items show live catalog data: after an import the active rundown is re-sent. */
  catalogChanged(): void {
    const state = this.getActiveRundown();
    if (state) this.events.emit('rundownChanged', state);
  }

  /** Claims changed the units left of the active show's products: its rundown is re-sent with them. */
  stockChanged(): void {
    this.catalogChanged();
  }

  /** A show's rundown, its product rows showing the units left in that show and the store currency where the file named none. */
  private read(showId: number): RundownState {
    const state = this.store.getRundown(showId);
    const stock = this.stock;
    const storeCurrency = this.storeCurrency();
    const items = state.items.map((item) => {
      if (item.product === null) return item;
      const { productId, variantId } = item.product;
      const left = stock ? stock.stockLeft(showId, productId, variantId, item.product.stock) : item.product.stock;
      return { ...item, product: { ...item.product, stock: left, currency: shownCurrency(item.product.currency, storeCurrency) } };
    });
    return { ...state, items };
  }

  private showsChanged(): void {
    this.events.emit('showsChanged', this.store.listShows());
  }

  private changed(showId: number, { shows }: { shows: boolean }): RundownState {
    const state = this.read(showId);
    if (shows) this.showsChanged();
    if (this.store.activeShowId() === showId) this.events.emit('rundownChanged', state);
    return state;
  }
}
