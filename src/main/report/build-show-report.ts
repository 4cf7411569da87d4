import type { Money } from '../../shared/domain/catalog.js';
import { addMoney, compareMoney, isMoney } from '../../shared/domain/money.js';
import type { ClaimStatus, ShowReport, ShowReportProduct } from '../../shared/domain/selling.js';
import type { ShowReportRows } from './show-report-store.js';

/**
 * Turns a show's rows into its report. Pure: the same rows and `now` give
 * the same report, so the arithmetic is tested without a clock.
 *
 * Definitions (the host reads these numbers after the show, they must add up):
 * - A live period runs from a live sample to the next off-air sample; one
 *   still open runs until `now`. Duration is the sum of the periods.
 * - The average audience is time-weighted over live periods: each sample's
 *   count holds until the next sample. 0 when the show never went live.
 * - Messages: `total` is every viewer and moderator message whatever became
 *   of it; approved/held/blocked are those statuses now (rejected and
 *   deleted messages count in the total only).
 * - A product is its catalog id; pins and claims without one (the product
 *   left the catalog) are grouped by the title they had. Revenue is the exact
 *   sum of the prices paid on confirmed claims; every claim lands in exactly
 *   one product, so the totals are the sums of the product rows.
 * - A pin still on screen counts until `now`, or until the show ended when it
 *   is over, so a finished show's report stops changing.
 */
export function buildShowReport(rows: ShowReportRows, now: number): Omit<ShowReport, 'giveaways'> {
  const air = livePeriods(rows.samples, now);
  const startedAt =
    rows.samples.find((s) => s.live)?.at ??
    minOf([rows.pins[0]?.pinnedAt, rows.firstMessageAt ?? undefined, rows.show.rundownStartedAt ?? undefined]);

  const products = new Map<string, ProductTally>();
  const tally = (productId: number | null, title: string): ProductTally => {
    const key = productId !== null ? `id:${productId}` : `title:${title}`;
    let entry = products.get(key);
    if (!entry) {
      entry = {
        productId,
        title,
        pinnedMs: 0,
        pinCount: 0,
        confirmed: 0,
        waitlisted: 0,
        cancelled: 0,
        revenue: '0',
        saleCurrencies: new Set(),
        cardCurrency: null,
      };
      products.set(key, entry);
    }
    return entry;
  };

  const timelinePins: ShowReport['timeline']['pins'][number][] = [];
  for (const pin of rows.pins) {
    const card = readCard(pin.card);
    const entry = tally(pin.productId, card.title);
    // The newest pin names the product: the catalog title may have been corrected during the show.
    entry.title = card.title;
    entry.cardCurrency = card.currency ?? entry.cardCurrency;
    const openUntil = air.endedAt !== null && pin.pinnedAt <= air.endedAt ? air.endedAt : now;
    const to = Math.max(pin.pinnedAt, pin.unpinnedAt ?? openUntil);
    entry.pinnedMs += to - pin.pinnedAt;
    entry.pinCount += 1;
    timelinePins.push({
      productId: pin.productId,
      title: card.variantTitle ? `${card.title} / ${card.variantTitle}` : card.title,
      from: pin.pinnedAt,
      to: pin.unpinnedAt,
    });
  }

  const timelineClaims: ShowReport['timeline']['claims'][number][] = [];
  /** Confirmed sales per currency: a show selling in EUR and USD gets two sums, never one. */
  const revenue = new Map<string | null, Money>();
  for (const claim of rows.claims) {
    if (!isClaimStatus(claim.status)) continue;
    const entry = tally(claim.productId, claim.productTitle);
    timelineClaims.push({ at: claim.claimedAt, status: claim.status });
    if (claim.status === 'waitlisted') entry.waitlisted += 1;
    else if (claim.status === 'cancelled') entry.cancelled += 1;
    else {
      entry.confirmed += 1;
      // A claim on a product without a price is a sale of unknown value: counted, not summed.
      if (claim.pricePaid !== null && isMoney(claim.pricePaid)) {
        entry.revenue = addMoney(entry.revenue, claim.pricePaid);
        entry.saleCurrencies.add(claim.currency);
        const currency = claim.currency?.trim().toUpperCase() || null;
        revenue.set(currency, addMoney(revenue.get(currency) ?? '0', claim.pricePaid));
      }
    }
  }

  const productRows: ShowReportProduct[] = [...products.values()].map((p) => ({
    productId: p.productId,
    title: p.title,
    pinnedSeconds: Math.round(p.pinnedMs / 1000),
    pinCount: p.pinCount,
    claimsConfirmed: p.confirmed,
    claimsWaitlisted: p.waitlisted,
    claimsCancelled: p.cancelled,
    revenue: p.revenue,
    currency: p.saleCurrencies.size > 0 ? onlyOne(p.saleCurrencies) : p.cardCurrency,
  }));
  productRows.sort(
    (a, b) => compareMoney(b.revenue, a.revenue) || b.pinnedSeconds - a.pinnedSeconds || a.title.localeCompare(b.title),
  );


  const count = (status: string) => rows.messageCounts.find((m) => m.status === status)?.count ?? 0;

  return {
    showId: rows.show.id,
    showName: rows.show.name,
    practice: rows.show.practice,
    startedAt: startedAt ?? null,
    endedAt: air.endedAt,
    durationSeconds: Math.round(air.liveMs / 1000),
    viewers: {
      peak: rows.samples.reduce((peak, s) => Math.max(peak, s.viewers), 0),
      average: air.liveMs > 0 ? Math.round((air.viewerMs / air.liveMs) * 10) / 10 : 0,
    },
    messages: {
      total: rows.messageCounts.reduce((sum, m) => sum + m.count, 0),
      approved: count('approved'),
      held: count('held'),
      blocked: count('blocked'),
    },
    products: productRows,
    totals: {
      claimsConfirmed: sum(productRows, (p) => p.claimsConfirmed),
      claimsWaitlisted: sum(productRows, (p) => p.claimsWaitlisted),
      claimsCancelled: sum(productRows, (p) => p.claimsCancelled),
      revenue: [...revenue]
        .map(([currency, amount]) => ({ currency, amount }))
        .sort((a, b) => (a.currency === null ? 1 : b.currency === null ? -1 : a.currency.localeCompare(b.currency))),
    },
    timeline: {
      pins: timelinePins,
      deals: rows.deals.map((d) => ({
        title: d.title,
        price: d.price,
        currency: d.currency,
        from: d.startedAt,
        // A running deal is drawn up to now; one the studio never closed (a crash) up to its planned end.
        to: d.endedAt ?? Math.max(d.startedAt, Math.min(d.endsAt, now)),
      })),
      claims: timelineClaims,
      viewers: chartSamples(rows.samples).map((s) => ({ at: s.at, count: s.viewers, live: s.live })),
    },
    auctions: rows.auctions,
    generatedAt: now,
  };
}

interface ProductTally {
  readonly productId: number | null;
  title: string;
  pinnedMs: number;
  pinCount: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  revenue: Money;
  readonly saleCurrencies: Set<string | null>;
  cardCurrency: string | null;
}

interface AirTime {
  readonly liveMs: number;
  /** Viewers × milliseconds on air, for the time-weighted average. */
  readonly viewerMs: number;
  /** The last time it went off air, when it is off air now and was ever live. */
  readonly endedAt: number | null;
}

function livePeriods(samples: ShowReportRows['samples'], now: number): AirTime {
  let liveMs = 0;
  let viewerMs = 0;
  let periodStart: number | null = null;
  let lastOff: number | null = null;
  samples.forEach((sample, i) => {
    const until = samples[i + 1]?.at ?? Math.max(now, sample.at);
    if (sample.live) {
      periodStart ??= sample.at;
      liveMs += until - sample.at;
      viewerMs += sample.viewers * (until - sample.at);
    } else if (periodStart !== null) {
      periodStart = null;
      lastOff = sample.at;
    }
  });
  return { liveMs, viewerMs, endedAt: periodStart === null ? lastOff : null };
}

/** The chart is about 1,000 units wide: more points only cost IPC and rendering every 5 s. */
export const MAX_CHART_SAMPLES = 1200;

/**
 * A 4-hour show has up to 14,400 samples (one a second). For the chart they
 * are thinned to the highest count per time bucket, so peaks stay, and every
 * on/off-air change is kept, so the off-air shading stays exact. The numbers
 * (duration, average, peak) are computed from every sample, not from these.
 */
export function chartSamples(samples: ShowReportRows['samples']): ShowReportRows['samples'] {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || samples.length <= MAX_CHART_SAMPLES) return samples;
  // Half the budget for buckets: on/off-air changes take points of their own.
  const bucketMs = Math.max(1, Math.ceil((last.at - first.at + 1) / (MAX_CHART_SAMPLES / 2)));
  const kept: ShowReportRows['samples'][number][] = [];
  let bucket = -1;
  let best: ShowReportRows['samples'][number] | null = null;
  let live: boolean | null = null;
  const emit = () => {
    if (best) kept.push(best);
    best = null;
  };
  for (const sample of samples) {
    if (sample.live !== live) {
      emit();
      kept.push(sample);
      live = sample.live;
      bucket = Math.floor((sample.at - first.at) / bucketMs);
      continue;
    }
    const b = Math.floor((sample.at - first.at) / bucketMs);
    if (b !== bucket) {
      emit();
      bucket = b;
    }
    if (!best || sample.viewers > best.viewers) best = sample;
  }
  emit();
  return kept;
}

interface CardText {
  readonly title: string;
  readonly variantTitle: string | null;
  readonly currency: string | null;
}

/** The card as viewers saw it; a row that cannot be read still counts, under a placeholder title. */
function readCard(json: string): CardText {
  try {
    const card = JSON.parse(json) as Record<string, unknown>;
    return {
      title: typeof card.title === 'string' && card.title !== '' ? card.title : 'Untitled product',
      variantTitle: typeof card.variantTitle === 'string' && card.variantTitle !== '' ? card.variantTitle : null,
      currency: typeof card.currency === 'string' ? card.currency : null,
    };
  } catch {
    return { title: 'Unreadable product card', variantTitle: null, currency: null };
  }
}

function isClaimStatus(status: string): status is ClaimStatus {
  return status === 'confirmed' || status === 'waitlisted' || status === 'cancelled';
}

function onlyOne(values: ReadonlySet<string | null>): string | null {
  const [first, ...rest] = values;
  return rest.length === 0 ? (first ?? null) : null;
}

function minOf(values: readonly (number | undefined)[]): number | undefined {
  const present = values.filter((v) => v !== undefined);
  return present.length > 0 ? Math.min(...present) : undefined;
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}
