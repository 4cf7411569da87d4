import type { SfuStatus } from '../../shared/domain/live.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { GuestLink } from '../sfu-link/guest-link.js';
import { GuestService } from './guest-service.js';

export { GuestLink } from '../sfu-link/guest-link.js';
export { guestHandlers } from './guest-handlers.js';

export interface GuestWiringDeps {
  readonly db: StudioDatabase;
  readonly events: StudioEventBus;
  /** Carried by main's SFU link (LiveService `linkExtensions`), made before it. */
  readonly link: GuestLink;
  readonly sfuStatus: () => SfuStatus;
  readonly activeShowId: () => number | null;
}

/**
 * Where guests join: the base the watch links use (`<base>/watch/<room>`),
 * the first one (loopback for the built-in SFU; a guest on another computer
 * needs the LAN or a remote SFU, as a viewer does).
 */
export function joinAddressOf(status: SfuStatus): { base: string; room: string } | null {
  const watch = status.viewerUrls[0];
  if (!watch) return null;
  const at = watch.lastIndexOf('/watch/');
  return at < 0 ? null : { base: watch.slice(0, at), room: status.room };
}

/**
 * The guests service, following the open show (its invites are the SFU's
 * list), main's link (guests the SFU reports) and the SFU's address (the
 * invite links).
 */
export function startGuests(deps: GuestWiringDeps): GuestService {
  const guests = new GuestService({
    db: deps.db,
    events: deps.events,
    link: deps.link,
    activeShowId: deps.activeShowId,
    joinAddress: () => joinAddressOf(deps.sfuStatus()),
    signalUrl: () => deps.sfuStatus().signalUrl,
    log: (message) => console.warn(`[guests] ${message}`),
  });
  deps.link.onChange(() => guests.linkChanged());
  let shownFor = deps.activeShowId();
  const follow = () => {
    const show = deps.activeShowId();
    if (show === shownFor) return; // rundownChanged also comes with every cursor move
    shownFor = show;
    guests.showChanged();
  };
  deps.events.on('rundownChanged', follow);
  deps.events.on('showsChanged', follow);
  let address = JSON.stringify(joinAddressOf(deps.sfuStatus()));
  deps.events.on('sfuStatusChanged', (status) => {
    const next = JSON.stringify(joinAddressOf(status));
    if (next === address) return; // viewer counts change often; the links only with the SFU's address
    address = next;
    guests.publish();
  });
  guests.invitesChanged();
  return guests;
}
