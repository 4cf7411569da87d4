// SKELETON — replaced by the deals work (see selling-handlers.ts DealApi).
import { StudioError } from '../../shared/api/result.js';
import type { PinState } from '../../shared/domain/live.js';
import type { Deal } from '../../shared/domain/selling.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { DealApi } from './selling-handlers.js';

export interface DealServiceDeps {
  readonly db: StudioDatabase;
  /** The pin service: the current pin, and `refresh()` to re-send the card with the deal on it. */
  readonly pins: { readonly state: () => PinState; refresh(): Promise<PinState> };
  readonly now?: () => number;
}

export class DealService implements DealApi {
  constructor(private readonly deps: DealServiceDeps) {}
  startDeal(): Promise<PinState> {
    throw new StudioError('invalid-input', 'Flash deals are not available yet.');
  }
  endDeal(): Promise<PinState> {
    return Promise.resolve(this.deps.pins.state());
  }
  /** The deal of a pin running at `at` (for the price a claim pays), or null. */
  dealAt(_pinId: number, _at: number): Deal | null {
    return null;
  }
  /** The current pin's deal (running or ended), or null. */
  currentDeal(): Deal | null {
    return null;
  }
  close(): void {}
}
