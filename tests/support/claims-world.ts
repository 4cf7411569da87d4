import { DEFAULT_BID_INCREMENTS } from '../../src/shared/auction/auction-rules.js';
/**
 * A claims bench for tests: a real SQLite file, the real catalog, pins and
 * deals, and a ClaimService, built by the studio core's own factory
 * (createSellingServices). Only the SFU is a
 * stand-in (a pin target that says "delivered"), and the viewer notices and
 * "My claims" lists are collected instead of sent.
 */
import path from 'node:path';
import { afterEach } from 'vitest';
import type { CallContext } from '../../src/main/api/dispatcher.js';
import { CatalogStore } from '../../src/main/catalog/catalog-store.js';
import { StudioEventBus } from '../../src/main/events/event-bus.js';
import { openDatabase } from '../../src/main/db/open-database.js';
import type { ViewerClaimsList } from '../../src/main/claims/viewer-claims.js';
import type { PinTarget } from '../../src/main/pin/pin-service.js';
import { createSellingServices } from '../../src/main/selling/selling-services.js';
import type { ChatMessage } from '../../src/shared/domain/chat.js';
import type { ClaimsState } from '../../src/shared/domain/selling.js';
import type { Settings } from '../../src/shared/domain/settings.js';
import type { StoreSettings } from '../../src/shared/domain/store-settings.js';
import { importedProduct } from '../harness/imported-products.js';
import { tempDir } from './temp-dir.js';

export const host: CallContext = { transport: 'ipc', clientId: 'window' };

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** A pin target that delivers at once. */
const deliveredAtOnce: PinTarget = {
  setPin: () => Promise.resolve('delivered'),
  pinTargetState: () => 'delivered',
  onPinDelivery: () => () => {},
};

/** A T-shirt in S / M / L (blue), one unit each unless said otherwise, and a one-variant mug. */
export function blueTee(stock: { S?: number | null; M?: number | null; L?: number | null } = {}) {
  const unit = (size: 'S' | 'M' | 'L') => (stock[size] === undefined ? 1 : stock[size]);
  return importedProduct({
    sourceKey: 'blue-tee',
    title: 'Blue T-shirt',
    optionNames: ['Size', 'Color'],
    currency: 'USD',
    variants: [
      { sku: 'BT-S', optionValues: ['S', 'Blue'], price: '19.99', stock: unit('S') },
      { sku: 'BT-M', optionValues: ['M', 'Blue'], price: '19.99', stock: unit('M') },
      { sku: 'BT-L', optionValues: ['L', 'Blue'], price: '21.50', stock: unit('L') },
    ],
  });
}

export const mug = (stock: number | null = 1) =>
  importedProduct({ sourceKey: 'mug', title: 'Café Mug', currency: 'EUR', variants: [{ sku: 'MUG-1', price: '12.00', stock }] });

export function claimsBench(
  products = [blueTee(), mug()],
  sellingSettings: Partial<Settings['selling']> = {},
  options: { readonly store?: Pick<StoreSettings, 'platform' | 'url'> } = {},
) {
  const file = path.join(tempDir(), 'studio.sqlite');
  const db = openDatabase(file);
  let clock = 1_700_000_000_000;
  const now = () => clock;
  const catalog = new CatalogStore(db);
  const ids = catalog.applyImport(products, 'shopify', { dryRun: false }).planned.map((p) => p.productId!);
  const showName = 'Spring Drop: Tees & Mugs';
  const showId = Number(db.prepare('INSERT INTO shows (name, created_at) VALUES (?, 1)').run(showName).lastInsertRowid);
  const events = new StudioEventBus();
  const claimEvents: ClaimsState[] = [];
  events.subscribe((channel, payload) => {
    if (channel === 'studio:event:claims-changed') claimEvents.push(payload as ClaimsState);
  });
  const notices: { viewerId: string; text: string }[] = [];
  /** Each viewer's "My claims" as sent to them, oldest first. */
  const viewerLists: { viewerId: string; list: ViewerClaimsList }[] = [];
  const logs: string[] = [];
  const settings: Settings['selling'] = {
    autoUnpinSeconds: null,
    claimsFromChat: true,
    claimLimitPerViewer: null,
    bidIncrements: [...DEFAULT_BID_INCREMENTS],
    ...sellingSettings,
  };
  const activeShowId = () => showId;
  const selling = createSellingServices({
    db,
    catalog,
    events,
    sfu: deliveredAtOnce,
    notify: (viewerId, text) => notices.push({ viewerId, text }),
    sendViewerClaims: (viewerId, list) => viewerLists.push({ viewerId, list }),
    activeShowId,
    settings: () => settings,
    ...(options.store ? { buyLinks: { store: () => ({ currency: '', embedOrigins: [], ...options.store! }), show: (id: number) => ({ id, name: showName }) } } : {}),
    now,
    log: (area, message, error) => logs.push(`[${area}] ${message} ${String(error ?? '')}`),
  });
  const { pins, deals, claims, checkout } = selling;
  open.push(selling, db);

  let messages = 0;
  /** An approved viewer message, sent now (or at `ts`). */
  const message = (viewerId: string, text: string, fields: Partial<ChatMessage> = {}): ChatMessage => ({
    id: `message-${++messages}`,
    showId,
    viewerId,
    name: `Viewer ${viewerId}`,
    role: 'viewer',
    text,
    ts: clock,
    status: 'approved',
    reasons: [],
    question: false,
    decidedBy: 'auto',
    decidedAt: clock,
    ...fields,
  });
  /** Claims from chat as the chat service would hand them over; returns the claim made, if any. */
  const say = (viewerId: string, text: string, fields: Partial<ChatMessage> = {}) => {
    const m = message(viewerId, text, fields);
    claims.onApprovedMessage(m);
    return claims.list(null).claims.find((c) => c.messageId === m.id) ?? null;
  };
  const product = (index: number) => catalog.getProduct(ids[index]!);
  const variant = (index: number, title: string) => product(index).variants.find((v) => v.title.startsWith(title))!;
  const pin = (index: number, variantTitle: string | null = null) =>
    pins.pin({ productId: ids[index]!, variantId: variantTitle === null ? null : variant(index, variantTitle).id, rundownItemId: null });

  return {
    db,
    file,
    catalog,
    pins,
    deals,
    claims,
    checkout,
    selling,
    events,
    claimEvents,
    notices,
    settings,
    showId,
    ids,
    product,
    variant,
    pin,
    message,
    say,
    tick: (ms: number) => {
      clock += ms;
    },
    now,
    noticesTo: (viewerId: string) => notices.filter((n) => n.viewerId === viewerId).map((n) => n.text),
    viewerLists,
    logs,
    /** The last "My claims" sent to a viewer (undefined: none yet). */
    listOf: (viewerId: string) => viewerLists.filter((l) => l.viewerId === viewerId).at(-1)?.list,
  };
}
