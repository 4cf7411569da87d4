// SKELETON — replaced by the report work (see selling-handlers.ts ReportApi).
import type { ExportedFile } from '../../shared/api/contract/selling.js';
import { StudioError } from '../../shared/api/result.js';
import type { ShowReport } from '../../shared/domain/selling.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../core/event-bus.js';
import type { ReportApi } from '../selling/selling-handlers.js';

export interface ShowReportDeps {
  readonly db: StudioDatabase;
  /** sfuStatusChanged events carry the viewer count and on-air state: they are sampled into show_samples. */
  readonly events: StudioEventBus;
  readonly activeShowId: () => number | null;
  readonly now?: () => number;
}

export class ShowReportService implements ReportApi {
  constructor(readonly deps: ShowReportDeps) {}
  report(_showId: number | null): ShowReport {
    throw new StudioError('not-found', 'No show report yet.');
  }
  exportCsv(_showId: number | null): ExportedFile {
    throw new StudioError('not-found', 'No show report yet.');
  }
  close(): void {}
}
