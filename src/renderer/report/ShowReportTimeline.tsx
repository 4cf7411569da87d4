import { useId } from 'react';
import type { ShowReport } from '../../shared/domain/selling.js';
import { formatDuration, formatMoney } from '../ui/format.js';
import { fitLabel, niceTicks, timeScale, timeTicks, viewerPath } from './report-chart.js';

const WIDTH = 960;
const LEFT = 44;
const RIGHT = WIDTH - 12;
const PIN_Y = 8;
const PIN_H = 26;
const DEAL_Y = 40;
const DEAL_H = 14;
const CLAIM_Y = 60;
const CLAIM_H = 12;
const CHART_TOP = 96;
const CHART_BOTTOM = 246;
const HEIGHT = 272;

const CLAIM_LABEL = { confirmed: 'confirmed', waitlisted: 'waitlisted', cancelled: 'cancelled' } as const;

/**
 * The show on one line: what was pinned (bands with product titles), flash
 * deals, claims (ticks), and the audience (a step line). Drawn by React as
 * SVG, so every title is text content, never markup, and it prints sharp.
 */
export function ShowReportTimeline({ report }: { report: ShowReport }) {
  const titleId = useId();
  const descId = useId();
  const scale = timeScale(report, LEFT, RIGHT);
  const { timeline } = report;
  const end = report.endedAt ?? report.generatedAt;
  const top = Math.max(1, ...niceTicks(report.viewers.peak));
  const y = (count: number) => CHART_BOTTOM - (count / top) * (CHART_BOTTOM - CHART_TOP);
  const path = viewerPath(timeline.viewers, scale, y, 2);
  const offAir = offAirSpans(timeline.viewers, end);

  return (
    <svg
      className="report-timeline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
    >
      <title id={titleId}>Show timeline</title>
      <desc id={descId}>
        {`${timeline.pins.length} pins, ${timeline.deals.length} flash deals, ${timeline.claims.length} claims. ` +
          `Viewers peaked at ${report.viewers.peak} and averaged ${report.viewers.average}.`}
      </desc>

      <g className="report-timeline-lanes">
        <text x={4} y={PIN_Y + 17}>Pinned</text>
        <text x={4} y={DEAL_Y + 11}>Deals</text>
        <text x={4} y={CLAIM_Y + 10}>Claims</text>
      </g>

      {offAir.map((span) => (
        <rect
          key={`off-${span.from}`}
          className="report-timeline-offair"
          x={scale.x(span.from)}
          y={CHART_TOP}
          width={Math.max(0, scale.x(span.to) - scale.x(span.from))}
          height={CHART_BOTTOM - CHART_TOP}
        >
          <title>Off air</title>
        </rect>
      ))}

      {timeline.pins.map((pin, i) => {
        const x = scale.x(pin.from);
        const width = Math.max(1, scale.x(pin.to ?? end) - x);
        const label = fitLabel(pin.title, width);
        return (
          <g key={`pin-${pin.from}-${i}`} className={`report-timeline-pin report-timeline-pin-${i % 4}`}>
            <rect x={x} y={PIN_Y} width={width} height={PIN_H} rx={3}>
              <title>{`${pin.title} — pinned ${formatDuration(((pin.to ?? end) - pin.from) / 1000)}`}</title>
            </rect>
            {label && (
              <text x={x + 4} y={PIN_Y + 17}>
                {label}
              </text>
            )}
          </g>
        );
      })}

      {timeline.deals.map((deal, i) => {
        const x = scale.x(deal.from);
        const width = Math.max(2, scale.x(deal.to) - x);
        const label = fitLabel(`Deal ${formatMoney(deal.price, deal.currency)}`, width, 6);
        return (
          <g key={`deal-${deal.from}-${i}`} className="report-timeline-deal">
            <rect x={x} y={DEAL_Y} width={width} height={DEAL_H} rx={2}>
              <title>{`Flash deal on ${deal.title}: ${formatMoney(deal.price, deal.currency)} for ${formatDuration((deal.to - deal.from) / 1000)}`}</title>
            </rect>
            {label && (
              <text x={x + 3} y={DEAL_Y + 11}>
                {label}
              </text>
            )}
          </g>
        );
      })}

      {timeline.claims.map((claim, i) => (
        <line
          key={`claim-${claim.at}-${i}`}
          className={`report-timeline-claim report-timeline-claim-${claim.status}`}
          x1={scale.x(claim.at)}
          x2={scale.x(claim.at)}
          y1={CLAIM_Y}
          y2={CLAIM_Y + CLAIM_H}
        >
          <title>{`Claim ${CLAIM_LABEL[claim.status]} at ${formatDuration((claim.at - scale.from) / 1000)}`}</title>
        </line>
      ))}

      <g className="report-timeline-axis">
        {niceTicks(top).map((tick) => (
          <g key={`y-${tick}`}>
            <line x1={LEFT} x2={RIGHT} y1={y(tick)} y2={y(tick)} className="report-timeline-grid" />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {timeTicks(scale).map((tick) => (
          <text key={`x-${tick}`} x={scale.x(tick)} y={HEIGHT - 8} textAnchor="middle">
            {formatDuration((tick - scale.from) / 1000)}
          </text>
        ))}
      </g>

      {path !== '' && <path className="report-timeline-viewers" d={path} />}
      <text className="report-timeline-caption" x={LEFT + 2} y={CHART_TOP - 8}>
        Viewers
      </text>
    </svg>
  );
}

/** Spans between an off-air sample and the next live one (or the end), shaded in the chart. */
function offAirSpans(samples: ShowReport['timeline']['viewers'], end: number): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  let offSince: number | null = null;
  for (const sample of samples) {
    if (!sample.live) offSince ??= sample.at;
    else if (offSince !== null) {
      spans.push({ from: offSince, to: sample.at });
      offSince = null;
    }
  }
  if (offSince !== null && offSince < end) spans.push({ from: offSince, to: end });
  return spans;
}
