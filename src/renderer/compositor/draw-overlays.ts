import { dealPhase, formatCountdown } from '../../shared/sfu/deal-clock.js';
import type { ProductCard } from '../../shared/sfu/product-card.js';
import { formatMoney, isMarkedDown } from '../ui/format.js';
import { CARD_UNITS, fitSource, productCardLayout, type PixelRect } from './layout.js';
import { NO_CROP } from './scene-model.js';

/**
 * The overlays bound to live state, drawn with Canvas 2D (runs in the
 * renderer). Sizes scale with the layer's rect, so the same scene reads the
 * same at 720p and 1080p. Product text is untrusted but only ever drawn as
 * canvas text, never parsed.
 */

/** The card's background: tests read it back from the output to find the card. */
export const CARD_BACKGROUND = '#ffffff';
/** A screen layer with nothing shared: tests read it back to tell it from black. */
export const SCREEN_PLACEHOLDER_BACKGROUND = '#232a36';
const CARD_TEXT = '#14161b';
const CARD_MUTED = '#6b7280';
const ACCENT = '#ff4d6d';
const DEAL_BADGE = '#e11d48';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

function roundedRect(ctx: CanvasRenderingContext2D, r: PixelRect, radius: number): void {
  ctx.beginPath();
  ctx.roundRect(r.x, r.y, r.w, r.h, radius);
}

/** Cuts text to the width with an ellipsis (one line; titles are short enough for two). */
function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > maxWidth) end--;
  return `${text.slice(0, end)}…`;
}

/** Up to two lines of the title, word-wrapped. */
function wrapTitle(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const words = text.split(/\s+/);
  let first = '';
  let i = 0;
  for (; i < words.length; i++) {
    const next = first ? `${first} ${words[i]}` : words[i]!;
    if (ctx.measureText(next).width > maxWidth && first) break;
    first = next;
  }
  const rest = words.slice(i).join(' ');
  return rest ? [fitText(ctx, first, maxWidth), fitText(ctx, rest, maxWidth)] : [fitText(ctx, first, maxWidth)];
}

export function stockLabel(stock: number | null): string | null {
  if (stock === null) return null;
  if (stock <= 0) return 'Sold out';
  return `${stock.toLocaleString('en-US')} left`;
}

/**
 * `now`: main's clock (the deal's times are on it; the compositor learns the
 * offset from PinState.now), so the countdown matches the studio's and every
 * viewer's. Called every frame: a running deal's countdown moves by itself.
 * `image`: the loaded picture, or null when it is not there (none, still
 * loading, or refused: a website without CORS headers) — the card is then
 * laid out without it (productCardLayout), never with an empty square.
 */
export function drawProductCard(
  ctx: CanvasRenderingContext2D,
  r: PixelRect,
  card: ProductCard,
  image: HTMLImageElement | null,
  now: number = Date.now(),
): void {
  const deal = dealPhase(card.deal, now);
  const picture = image !== null && image.complete && image.naturalWidth > 0;
  const unit = r.w / 24;
  const inner = r.w - unit * CARD_UNITS.pad * 2;
  ctx.font = `600 ${unit * 1.6}px ${FONT}`;
  const title = wrapTitle(ctx, card.title, inner);
  const stock = stockLabel(card.stock);
  const layout = productCardLayout(r, {
    picture,
    titleLines: title.length,
    variant: card.variantTitle !== null,
    deal: deal.kind === 'running',
    footer: stock !== null || deal.kind === 'ended',
  });
  const { card: box, pad } = layout;
  ctx.save();
  ctx.shadowColor = 'rgba(0,0,0,0.35)';
  ctx.shadowBlur = unit;
  ctx.fillStyle = CARD_BACKGROUND;
  roundedRect(ctx, box, unit * 0.8);
  ctx.fill();
  ctx.restore();

  if (picture && layout.imageBox) {
    const imageBox = layout.imageBox;
    ctx.fillStyle = '#eef0f4';
    roundedRect(ctx, imageBox, unit * 0.5);
    ctx.fill();
    const { source, dest } = fitSource(image.naturalWidth, image.naturalHeight, NO_CROP, imageBox, 'contain');
    ctx.drawImage(image, source.x, source.y, source.w, source.h, dest.x, dest.y, dest.w, dest.h);
  }

  if (deal.kind === 'running') drawDealBadge(ctx, layout.badge, unit, formatCountdown(deal.remainingMs));

  let y = layout.textTop;
  ctx.textBaseline = 'top';
  ctx.fillStyle = CARD_TEXT;
  ctx.font = `600 ${unit * 1.6}px ${FONT}`;
  for (const line of title) {
    ctx.fillText(line, box.x + pad, y);
    y += unit * 2;
  }
  if (card.variantTitle) {
    ctx.fillStyle = CARD_MUTED;
    ctx.font = `${unit * 1.05}px ${FONT}`;
    ctx.fillText(fitText(ctx, card.variantTitle, inner), box.x + pad, y);
    y += unit * 1.5;
  }
  y += unit * 0.4;
  ctx.fillStyle = ACCENT;
  ctx.font = `700 ${unit * 2}px ${FONT}`;
  // While a deal runs the sale price leads and the regular price is struck; after it, the usual prices.
  const price = formatMoney(deal.kind === 'running' ? deal.price : card.price, card.currency);
  ctx.fillText(price, box.x + pad, y);
  const struck = deal.kind === 'running' ? card.price : isMarkedDown(card.price, card.compareAtPrice) ? card.compareAtPrice : null;
  if (struck !== null) {
    const priceWidth = ctx.measureText(price).width;
    const was = formatMoney(struck, card.currency);
    ctx.fillStyle = CARD_MUTED;
    ctx.font = `${unit * 1.2}px ${FONT}`;
    const wx = box.x + pad + priceWidth + unit * 0.8;
    const wy = y + unit * 0.6;
    ctx.fillText(was, wx, wy);
    const strike = wy + unit * 0.62;
    ctx.fillRect(wx, strike, ctx.measureText(was).width, Math.max(1, unit * 0.1));
  }
  if (stock) {
    ctx.font = `600 ${unit * 1.05}px ${FONT}`;
    const w = ctx.measureText(stock).width + unit * 1.2;
    const badge = { x: box.x + pad, y: box.y + box.h - pad - unit * 1.8, w, h: unit * 1.8 };
    ctx.fillStyle = card.stock === 0 ? '#6b7280' : card.stock !== null && card.stock <= 10 ? '#fde8ec' : '#e6f7ef';
    roundedRect(ctx, badge, unit * 0.9);
    ctx.fill();
    ctx.fillStyle = card.stock === 0 ? '#ffffff' : card.stock !== null && card.stock <= 10 ? '#c81e45' : '#137a4b';
    ctx.textBaseline = 'middle';
    ctx.fillText(stock, badge.x + unit * 0.6, badge.y + badge.h / 2);
  }
  if (deal.kind === 'ended') {
    ctx.fillStyle = CARD_MUTED;
    ctx.font = `600 ${unit * 1.05}px ${FONT}`;
    ctx.textAlign = 'end';
    ctx.textBaseline = 'middle';
    ctx.fillText('Deal ended', box.x + box.w - pad, box.y + box.h - pad - unit * 0.9);
    ctx.textAlign = 'start';
  }
}

/** "FLASH DEAL 01:23", its top-left at `at` (the picture's corner, or above the title). */
function drawDealBadge(ctx: CanvasRenderingContext2D, at: { x: number; y: number }, unit: number, countdown: string): void {
  ctx.save();
  ctx.font = `800 ${unit * 1.1}px ${FONT}`;
  const label = 'FLASH DEAL';
  const labelWidth = ctx.measureText(label).width;
  ctx.font = `800 ${unit * 1.3}px ui-monospace, Menlo, monospace`;
  const clockWidth = ctx.measureText(countdown).width;
  const h = unit * CARD_UNITS.badge;
  const badge = { x: at.x, y: at.y, w: labelWidth + clockWidth + unit * 2, h };
  ctx.fillStyle = DEAL_BADGE;
  roundedRect(ctx, badge, h / 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.font = `800 ${unit * 1.1}px ${FONT}`;
  ctx.fillText(label, badge.x + unit * 0.7, badge.y + h / 2);
  ctx.font = `800 ${unit * 1.3}px ui-monospace, Menlo, monospace`;
  ctx.fillText(countdown, badge.x + unit * 1.3 + labelWidth, badge.y + h / 2);
  ctx.restore();
}

export function drawLowerThird(ctx: CanvasRenderingContext2D, r: PixelRect, hostName: string): void {
  if (!hostName) return;
  const unit = r.h / 4;
  ctx.fillStyle = 'rgba(15,17,21,0.86)';
  roundedRect(ctx, r, unit * 0.4);
  ctx.fill();
  ctx.fillStyle = ACCENT;
  ctx.fillRect(r.x, r.y, unit * 0.35, r.h);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${unit * 1.5}px ${FONT}`;
  ctx.fillText(fitText(ctx, hostName, r.w - unit * 2), r.x + unit * 1.1, r.y + r.h * 0.4);
  ctx.fillStyle = '#c7ccd6';
  ctx.font = `${unit * 0.85}px ${FONT}`;
  ctx.fillText('LIVE SHOPPING', r.x + unit * 1.1, r.y + r.h * 0.76);
}

/** A giveaway's winner across the top of the frame ("Giveaway winner: Ana — Silk scarf"). */
export function drawWinnerLine(ctx: CanvasRenderingContext2D, width: number, height: number, text: string): void {
  const unit = height / 40;
  const r = { x: width * 0.15, y: unit * 1.5, w: width * 0.7, h: unit * 4 };
  ctx.fillStyle = 'rgba(15,17,21,0.9)';
  roundedRect(ctx, r, unit);
  ctx.fill();
  ctx.fillStyle = ACCENT;
  ctx.fillRect(r.x, r.y + r.h - unit * 0.3, r.w, unit * 0.3);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  ctx.font = `700 ${unit * 2}px ${FONT}`;
  ctx.fillText(fitText(ctx, text, r.w - unit * 2), r.x + r.w / 2, r.y + r.h / 2);
  ctx.textAlign = 'start';
}

/** A title card ("Starting soon"); an empty text draws only the dark backdrop. */
export function drawTextCard(ctx: CanvasRenderingContext2D, r: PixelRect, text: string, subtitle: string | undefined, countdown: string | null): void {
  const gradient = ctx.createLinearGradient(r.x, r.y, r.x + r.w, r.y + r.h);
  gradient.addColorStop(0, '#171a21');
  gradient.addColorStop(1, '#2a1720');
  ctx.fillStyle = gradient;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  if (!text) return;
  const unit = r.h / 40;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  ctx.font = `700 ${unit * 4.5}px ${FONT}`;
  ctx.fillText(fitText(ctx, text, r.w * 0.9), r.x + r.w / 2, r.y + r.h * 0.44);
  ctx.fillStyle = ACCENT;
  ctx.fillRect(r.x + r.w / 2 - unit * 3, r.y + r.h * 0.52, unit * 6, unit * 0.35);
  if (subtitle) {
    ctx.fillStyle = '#c7ccd6';
    ctx.font = `${unit * 1.8}px ${FONT}`;
    ctx.fillText(fitText(ctx, subtitle, r.w * 0.9), r.x + r.w / 2, r.y + r.h * 0.6);
  }
  if (countdown) {
    ctx.fillStyle = '#ffffff';
    ctx.font = `600 ${unit * 2.4}px ui-monospace, Menlo, monospace`;
    ctx.fillText(countdown, r.x + r.w / 2, r.y + r.h * 0.72);
  }
  ctx.textAlign = 'start';
}

/**
 * A screen layer with nothing shared (never asked, cancelled, or the share
 * ended): never a black hole in the show. Viewers ('viewers': the program
 * frame, published) see a calm slate with no words for the host in it; the
 * host's preview monitor ('host') also says what to do.
 */
export function drawScreenPlaceholder(ctx: CanvasRenderingContext2D, r: PixelRect, audience: 'viewers' | 'host'): void {
  ctx.fillStyle = SCREEN_PLACEHOLDER_BACKGROUND;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  const unit = Math.min(r.w / 64, r.h / 36);
  const cx = r.x + r.w / 2;
  // A screen outline on its stand: centred for viewers, above the words for the host.
  const top = audience === 'viewers' ? r.y + r.h / 2 - unit * 4.25 : r.y + r.h * 0.3 - unit * 3.5;
  const screen = { x: cx - unit * 6, y: top, w: unit * 12, h: unit * 7 };
  ctx.strokeStyle = '#8b95a7';
  ctx.lineWidth = Math.max(1, unit * 0.4);
  ctx.beginPath();
  ctx.roundRect(screen.x, screen.y, screen.w, screen.h, unit * 0.6);
  ctx.moveTo(cx, screen.y + screen.h);
  ctx.lineTo(cx, screen.y + screen.h + unit * 1.5);
  ctx.moveTo(cx - unit * 3, screen.y + screen.h + unit * 1.5);
  ctx.lineTo(cx + unit * 3, screen.y + screen.h + unit * 1.5);
  ctx.stroke();
  if (audience === 'viewers') return;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  ctx.font = `600 ${unit * 2.6}px ${FONT}`;
  ctx.fillText(fitText(ctx, 'Nothing shared', r.w * 0.9), cx, r.y + r.h * 0.52);
  ctx.fillStyle = '#c7ccd6';
  ctx.font = `${unit * 1.5}px ${FONT}`;
  ctx.fillText(fitText(ctx, "Choose a screen or window from the scene's ⋯ menu", r.w * 0.9), cx, r.y + r.h * 0.6);
  ctx.textAlign = 'start';
}
