import type { ProductDetail } from '../../shared/domain/catalog.js';
import { formatMoney } from '../../shared/domain/money.js';
import type { Claim } from '../../shared/domain/selling.js';

/**
 * The private lines a viewer gets about their claims, in shopper words.
 * Plain text (the SFU sends it as text; titles are the seller's, names are
 * never included), at most NOTICE_MAX_CHARS as the protocol allows.
 */
export const NOTICE_MAX_CHARS = 500;
const TITLE_MAX_CHARS = 120;
const VALUES_LISTED = 12;

export type ClaimUnit = Pick<Claim, 'productTitle' | 'variantTitle' | 'pricePaid' | 'currency'>;

/** A "sold" held for review and approved after End show: nothing was claimed. */
export const SHOW_ENDED_NOTICE = 'The show had ended before your message was approved, so it did not claim anything.';

export function confirmedNotice(claim: ClaimUnit, chooseLater: boolean): string {
  const which = chooseLater ? ' The seller will check with you which one you want.' : '';
  return notice(`You got it! ${unitWithComma(claim)}${price(claim)}. The seller will send you checkout details.${which}`);
}

export function waitlistedNotice(claim: ClaimUnit, place: number): string {
  return notice(`You're on the waitlist for ${unitInBrackets(claim)}: #${place} in line. We'll tell you here if one frees up.`);
}

export function promotedNotice(claim: ClaimUnit): string {
  return notice(`Good news! ${unitInBrackets(claim)} came free and it's yours${price(claim)}. The seller will send you checkout details.`);
}

export function cancelledNotice(claim: ClaimUnit): string {
  return notice(`Your claim on ${unitInBrackets(claim)} was cancelled by the seller.`);
}

export function movedNotice(claim: ClaimUnit & Pick<Claim, 'status'>, place: number): string {
  const outcome = claim.status === 'confirmed' ? `it's yours${price(claim)}` : `you're #${place} on the waitlist`;
  return notice(`The seller changed your claim to ${unitInBrackets(claim)}: ${outcome}.`);
}

export function limitNotice(productTitle: string, limit: number): string {
  const claims = limit === 1 ? 'a claim' : `${limit} claims`;
  return notice(`You already have ${claims} on ${title(productTitle)} — that's the limit per viewer for this show.`);
}

/** "One more" over the per-viewer limit. */
export function moreLimitNotice(productTitle: string, limit: number): string {
  return notice(`You've reached the limit of ${limit} per buyer for ${title(productTitle)}.`);
}

/** "One more" from a viewer with nothing to add to: how claiming works (productTitle: what is pinned, if anything). */
export function howToClaimNotice(productTitle: string | null): string {
  if (productTitle === null) return notice(`Type "sold" while a product is pinned to claim it.`);
  return notice(`You have no claim on ${title(productTitle)} yet. Type "sold" to claim it.`);
}

/**
 * "Which size? Classic T-Shirt comes in S, M, L — reply e.g. "sold M"."
 * Lists the values of the options that differ between variants; the example
 * is a variant with stock when there is one.
 */
export function whichOptionNotice(product: Pick<ProductDetail, 'title' | 'optionNames' | 'variants'>, example: ProductDetail['variants'][number] | null): string {
  const varying = product.optionNames
    .map((name, position) => ({ name, values: distinct(product.variants.map((v) => v.optionValues[position] ?? '')) }))
    .filter((o) => o.values.length > 1);
  if (varying.length === 0) return notice(`Sorry, ${title(product.title)} doesn't come in that option. Reply "sold" to claim it.`);
  const question = varying.length === 1 ? `Which ${varying[0]!.name.trim().toLowerCase() || 'one'}?` : 'Which one?';
  const lists = varying.map((o) => list(o.values)).join(' and ');
  const sample = (example ?? product.variants[0])?.optionValues.filter((_, p) => varying.some((o) => product.optionNames[p] === o.name));
  const reply = sample && sample.length > 0 ? ` — reply e.g. "sold ${sample.join(' ')}"` : '';
  return notice(`${question} ${title(product.title)} comes in ${lists}${reply}.`);
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

function list(values: readonly string[]): string {
  const shown = values.slice(0, VALUES_LISTED).join(', ');
  return values.length > VALUES_LISTED ? `${shown}…` : shown;
}

/** In the host's locale (main's default, the system's), like every price main writes. */
function price(claim: ClaimUnit): string {
  return claim.pricePaid === null ? '' : ` — ${formatMoney(claim.pricePaid, claim.currency)}`;
}

function unitWithComma(claim: ClaimUnit): string {
  return claim.variantTitle ? `${title(claim.productTitle)}, ${title(claim.variantTitle)}` : title(claim.productTitle);
}

function unitInBrackets(claim: ClaimUnit): string {
  return claim.variantTitle ? `${title(claim.productTitle)} (${title(claim.variantTitle)})` : title(claim.productTitle);
}

/** Long catalog titles are cut by code point, so an emoji is never split. */
function title(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= TITLE_MAX_CHARS ? chars.join('') : `${chars.slice(0, TITLE_MAX_CHARS - 1).join('').trimEnd()}…`;
}

function notice(text: string): string {
  if (text.length <= NOTICE_MAX_CHARS) return text;
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > NOTICE_MAX_CHARS - 1) break;
    cut += char;
  }
  return `${cut}…`;
}

/** Why a practice show's claims are not exported, in the host's words (docs/practice.md). */
export function practiceExportRefusal(showName: string | null): string {
  return `“${showName ?? 'This show'}” is a practice show: its claims are rehearsal, not orders, so there is nothing to export for invoicing. Turn off “Practice show” only if these were real sales.`;
}
