import type { ExportedFile } from '../../shared/api/contract/selling.js';
import { StudioError } from '../../shared/api/result.js';
import type { ShowReport } from '../../shared/domain/selling.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { GiveawayStore } from '../giveaways/giveaway-store.js';
import { buildShowReport } from './build-show-report.js';
import { showReportCsv } from './show-report-csv.js';
import { ShowReportStore } from './show-report-store.js';
import { ShowSampleRecorder, type ScheduleTimer } from './show-sample-recorder.js';

/** The show report as the API offers it (the selling handlers). */
export interface ReportApi {
  report(showId: number | null): ShowReport;
  exportCsv(showId: number | null): ExportedFile;
}

export interface ShowReportDeps {
  readonly db: StudioDatabase;
  /** sfuStatusChanged events carry the viewer count and on-air state: they are sampled into show_samples. */
  readonly events: StudioEventBus;
  readonly activeShowId: () => number | null;
  readonly now?: () => number;
  /** The recorder's one-second timer (tests drive it by hand). */
  readonly schedule?: ScheduleTimer;
}

/**
 * The show report: records the audience while the studio runs and builds
 * the report from the file alone, so it is the same during the show, after
 * it and after a restart.
 */
export class ShowReportService implements ReportApi {
  private readonly store: ShowReportStore;
  private readonly recorder: ShowSampleRecorder;
  private readonly now: () => number;
  private readonly unsubscribe: () => void;

  constructor(readonly deps: ShowReportDeps) {
    this.now = deps.now ?? Date.now;
    this.store = new ShowReportStore(deps.db);
    this.recorder = new ShowSampleRecorder({
      db: deps.db,
      activeShowId: deps.activeShowId,
      now: this.now,
      ...(deps.schedule ? { schedule: deps.schedule } : {}),
    });
    this.unsubscribe = deps.events.on('sfuStatusChanged', (status) => this.recorder.observe({ live: status.live, viewers: status.viewerCount }));
  }

  report(showId: number | null): ShowReport {
    const id = showId ?? this.deps.activeShowId();
    if (id === null) throw new StudioError('not-found', 'Open a show in the rundown to see its report.');
    const rows = this.store.read(id);
    if (!rows) throw new StudioError('not-found', 'That show no longer exists, so it has no report.');
    return { ...buildShowReport(rows, this.now()), giveaways: new GiveawayStore(this.deps.db).reportRows(id) };
  }

  exportCsv(showId: number | null): ExportedFile {
    return showReportCsv(this.report(showId));
  }

  /** Writes the last viewer sample (and an off-air row when on air) and stops listening. */
  close(): void {
    this.unsubscribe();
    this.recorder.close();
  }
}
