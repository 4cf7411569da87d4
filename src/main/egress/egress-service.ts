import { StudioError } from '../../shared/api/result.js';
import type { AirState } from '../../shared/domain/live.js';
import type { Destination, EgressOverview } from '../../shared/domain/destinations.js';
import { ServerClock } from '../../shared/sfu/deal-clock.js';
import type { SignalReplyData } from '../../shared/sfu/protocol.js';
import { EGRESS_MAX_DESTINATIONS, type EgressDestinationStatus, type EgressEncoderStatus, type EgressStatus } from '../../shared/sfu/protocol-egress.js';
import { SignalRequestError, type SignalRequestBody } from '../../shared/sfu/signal-requests.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { DestinationChange, DestinationStore, NewDestination } from './destination-store.js';
import { buildOverview, destinationIdOf, sfuIdOf, type LocalState } from './egress-overview.js';

export type EgressRequestType = 'egressStart' | 'egressStop' | 'egressReconnect' | 'egressList';

/** Main's own link to the SFU room (LiveService): egress requests go over it, whichever SFU it is. */
export interface EgressLink {
  egress<T extends EgressRequestType>(request: SignalRequestBody<T> & { readonly type: T }): Promise<SignalReplyData[T]>;
}

export interface EgressServiceDeps {
  readonly store: DestinationStore;
  readonly link: EgressLink;
  readonly events: StudioEventBus;
  /** Where the show stands now (the service then follows `airStateChanged`). */
  readonly airState: () => AirState;
  readonly log?: (message: string) => void;
  readonly now?: () => number;
}

const NO_KEY = 'No stream key is saved for it: add the key in Settings → Destinations.';
const TOO_MANY = `At most ${EGRESS_MAX_DESTINATIONS} destinations can run at once: stop one to start this one.`;
const LINK_AWAY = 'The studio is not connected to the streaming server; it starts this destination as soon as the connection is back.';

/**
 * Multistream, the studio's side. Keeps the destinations (SQLite and the
 * secret store, `DestinationStore`) and runs them on the SFU over main's own
 * link — the same requests for the built-in SFU and a remote `studio sfu`:
 *
 * - the show goes live → every enabled destination starts (`egressStart`,
 *   with its key: the only place a key leaves main, to the SFU);
 * - the host starts, stops or reconnects one while on air; the others are
 *   never touched;
 * - End show → every destination stops;
 * - main's link (re)joins → what the SFU runs is compared with what should
 *   run (an SFU that restarted forgot them all) and put right.
 *
 * Every window hears `egressChanged` (no keys, no addresses: a producer's
 * console sees it too); Settings hears `destinationsChanged`.
 */
export class EgressService {
  private showRunning = false;
  private readonly wanted = new Set<number>();
  private sfu = new Map<number, EgressDestinationStatus>();
  private readonly local = new Map<number, LocalState>();
  private encoder: EgressEncoderStatus | null = null;
  private verticalEncoder: EgressEncoderStatus | null = null;
  private offsetMs = 0;
  private readonly sfuClock = new ServerClock();
  private lastJson = '';
  private closed = false;
  private steps: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;

  constructor(private readonly deps: EgressServiceDeps) {
    this.now = deps.now ?? Date.now;
    const dropped = deps.store.forgetOrphanKeys();
    if (dropped > 0) deps.log?.(`dropped ${dropped} stream key(s) whose destination no longer exists`);
    this.unsubscribe = deps.events.on('airStateChanged', (air) => this.airChanged(air));
    this.airChanged(deps.airState());
  }

  // ---- Settings → Destinations ----

  list(): Destination[] {
    return this.deps.store.list();
  }

  create(input: NewDestination): Destination {
    const created = this.deps.store.create(input);
    this.destinationsChanged();
    return created;
  }

  update(change: DestinationChange): Destination {
    const { destination, addressChanged } = this.deps.store.update(change);
    // A running destination goes on with its new address, key or name (a start with the same id replaces it).
    if (addressChanged && this.wanted.has(destination.id)) this.send(destination.id, 'start');
    this.destinationsChanged();
    return destination;
  }

  delete(id: number): Destination[] {
    this.deps.store.get(id);
    if (this.wanted.delete(id)) void this.request(id, { type: 'egressStop', id: sfuIdOf(id) });
    this.deps.store.delete(id);
    this.local.delete(id);
    this.sfu.delete(id);
    this.destinationsChanged();
    return this.deps.store.list();
  }

  // ---- the show ----

  overview(): EgressOverview {
    return buildOverview({
      destinations: this.deps.store.list(),
      wanted: this.wanted,
      sfu: this.sfu,
      local: this.local,
      encoder: this.encoder,
      verticalEncoder: this.verticalEncoder,
      showRunning: this.showRunning,
      offsetMs: this.offsetMs,
      keys: this.deps.store.allKeys(),
      now: this.now(),
    });
  }

  /** The host starts one while the show is on air (also one that is not enabled for every show). */
  start(id: number): EgressOverview {
    const destination = this.deps.store.get(id);
    if (!this.showRunning) throw new StudioError('conflict', 'Destinations start when you go live: go live first.');
    if (!destination.hasKey) throw new StudioError('conflict', NO_KEY);
    if (!this.wanted.has(id) && this.wanted.size >= EGRESS_MAX_DESTINATIONS) throw new StudioError('conflict', TOO_MANY);
    this.wanted.add(id);
    this.send(id, 'start');
    return this.overview();
  }

  /** Stops one; the others go on. */
  stop(id: number): EgressOverview {
    this.deps.store.get(id);
    this.wanted.delete(id);
    this.send(id, 'stop');
    return this.overview();
  }

  /** Tries one that is reconnecting or failed again now (one that is not running is started). */
  reconnect(id: number): EgressOverview {
    if (!this.wanted.has(id)) return this.start(id);
    const reported = this.sfu.get(id);
    // The SFU never had it (a refused start, a lost link): start it, rather than reconnect what it does not know.
    this.send(id, reported && reported.state !== 'stopped' ? 'reconnect' : 'start');
    return this.overview();
  }

  // ---- what main's link hears ----

  /** An `egressStatus` push (or the answer to `egressList`): the SFU's word on every destination it runs. */
  statusPushed(status: EgressStatus): void {
    if (this.closed) return;
    // The SFU's clock as main sees it: the steadiest of the recent samples, so uptimes do not jitter between pushes.
    this.sfuClock.sample(status.serverTime, this.now());
    this.offsetMs = -this.sfuClock.offset();
    this.encoder = status.encoder;
    this.verticalEncoder = status.verticalEncoder ?? null;
    const next = new Map<number, EgressDestinationStatus>();
    for (const reported of status.destinations) {
      const id = destinationIdOf(reported.id);
      if (id === null) continue;
      next.set(id, reported);
      // The SFU knows this one now: its word replaces main's, unless a request for it is still on its way.
      if (!this.local.get(id)?.pending) this.local.delete(id);
    }
    // One the SFU no longer lists (it restarted, or the show ended there) and that should not run: it stopped.
    for (const id of this.sfu.keys()) {
      if (!next.has(id) && !this.wanted.has(id) && !this.local.has(id)) this.local.set(id, { state: 'stopped', reason: null, pending: false });
    }
    this.sfu = next;
    this.changed();
  }

  /**
   * Main's link (re)joined the room. An SFU that restarted runs nothing; one
   * the link only lost for a moment may still run a destination stopped
   * meanwhile: compare and put right (while no show runs for the studio,
   * what the SFU runs is left for the show to take over when it is live).
   */
  linkJoined(): Promise<void> {
    return this.serially(async () => {
      const status = await this.listOnSfu();
      if (!this.showRunning) return;
      if (!status) {
        for (const id of this.wanted) this.send(id, 'start');
        return;
      }
      for (const id of this.wanted) {
        if (!this.runsOnSfu(id) && !this.local.get(id)?.pending) this.send(id, 'start');
      }
      for (const reported of status.destinations) {
        const id = destinationIdOf(reported.id);
        if (reported.state === 'stopped' || (id !== null && this.wanted.has(id))) continue;
        void this.deps.link.egress({ type: 'egressStop', id: reported.id }).catch(() => undefined);
      }
    });
  }

  /** Resolves once the SFU has been looked at for the latest show start or rejoin (what was then sent may still be on its way). */
  idle(): Promise<void> {
    return this.steps;
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
  }

  // ---- inside ----

  private airChanged(air: AirState): void {
    if (this.closed) return;
    if (air.phase === 'live' && !this.showRunning) {
      this.showRunning = true;
      this.local.clear();
      this.changed();
      void this.serially(() => this.startShow());
    } else if (air.phase === 'ended' && this.showRunning) {
      this.showRunning = false;
      // Every destination the studio runs, and any other the SFU still lists as running.
      const running = new Set([...this.wanted, ...[...this.sfu].filter(([, d]) => d.state !== 'stopped').map(([id]) => id)]);
      this.wanted.clear();
      for (const id of running) this.send(id, 'stop');
      this.changed();
    }
  }

  /**
   * The show went live: every ticked destination starts. Those the SFU
   * already runs (the studio restarted during a show on a remote SFU, which
   * kept pushing) are taken over as they are, not started again: a start
   * would cut them for a few seconds.
   */
  private async startShow(): Promise<void> {
    const status = await this.listOnSfu();
    if (!this.showRunning) return;
    if (!status) this.sfu.clear();
    for (const destination of this.deps.store.list()) {
      if (this.runsOnSfu(destination.id)) this.wanted.add(destination.id);
      else if (destination.enabled) this.startWithShow(destination);
    }
    this.changed();
  }

  /** What the SFU runs now (also taken as a status push); null when it cannot say (an SFU without multistream, a lost link). */
  private async listOnSfu(): Promise<EgressStatus | null> {
    try {
      const status = await this.deps.link.egress({ type: 'egressList' });
      if (this.closed) return null;
      this.statusPushed(status);
      return status;
    } catch (error) {
      if (this.wanted.size > 0 || this.showRunning) this.deps.log?.(`could not list the destinations on the SFU: ${(error as Error).message}`);
      return null;
    }
  }

  private runsOnSfu(id: number): boolean {
    const reported = this.sfu.get(id);
    return reported !== undefined && reported.state !== 'stopped';
  }

  /** One look at the SFU at a time (a show starting and the link rejoining must not both start a destination). */
  private serially(step: () => Promise<void>): Promise<void> {
    const next = this.steps.then(step).catch((error: unknown) => this.deps.log?.(`multistream: ${(error as Error).message}`));
    this.steps = next;
    return next;
  }

  private startWithShow(destination: Destination): void {
    if (!destination.hasKey) {
      this.local.set(destination.id, { state: 'failed', reason: NO_KEY, pending: false });
    } else if (this.wanted.size >= EGRESS_MAX_DESTINATIONS) {
      this.local.set(destination.id, { state: 'failed', reason: TOO_MANY, pending: false });
    } else {
      this.wanted.add(destination.id);
      this.send(destination.id, 'start');
    }
  }

  /** Sends one request for a destination, showing main's word on it until the SFU answered. */
  private send(id: number, what: 'start' | 'stop' | 'reconnect'): void {
    const sfuId = sfuIdOf(id);
    if (what === 'stop') {
      this.local.set(id, { state: 'stopped', reason: null, pending: true });
      void this.request(id, { type: 'egressStop', id: sfuId });
    } else if (what === 'reconnect') {
      this.local.set(id, { state: 'connecting', reason: null, pending: true });
      void this.request(id, { type: 'egressReconnect', id: sfuId });
    } else {
      const destination = this.deps.store.get(id);
      const streamKey = this.deps.store.streamKey(id);
      if (streamKey === null) {
        this.local.set(id, { state: 'failed', reason: NO_KEY, pending: false });
      } else {
        this.local.set(id, { state: 'waiting', reason: null, pending: true });
        // What the SFU said of an earlier run of it is over (pushes after this one tell the new run).
        this.sfu.delete(id);
        // The one place a key leaves main: to the SFU, over the studio's own link.
        void this.request(id, {
          type: 'egressStart',
          destination: { id: sfuId, name: destination.name, url: destination.serverUrl, streamKey, orientation: destination.orientation },
        });
      }
    }
    this.changed();
  }

  private async request(id: number, request: SignalRequestBody<'egressStart' | 'egressStop' | 'egressReconnect'>): Promise<void> {
    try {
      await this.deps.link.egress(request);
      if (this.closed) return;
      if (request.type === 'egressStop') {
        // Stopped, until the SFU's next push says so itself (with its last figures) or it is started again.
        if (!this.wanted.has(id)) this.local.set(id, { state: 'stopped', reason: null, pending: false });
      } else if (this.local.get(id)?.pending) {
        this.local.delete(id);
      }
    } catch (error) {
      if (this.closed) return;
      // Never the request itself in the log: it may carry the key.
      this.deps.log?.(`${request.type} for destination ${id} failed: ${(error as Error).message}`);
      if (request.type === 'egressStop') {
        // The next join compares and stops it if the SFU still runs it.
        this.local.delete(id);
      } else if (this.wanted.has(id)) {
        const away = error instanceof SignalRequestError && (error.code === 'disconnected' || error.code === 'timeout');
        this.local.set(id, away ? { state: 'reconnecting', reason: LINK_AWAY, pending: false } : { state: 'failed', reason: refusal(error), pending: false });
      }
    }
    this.changed();
  }

  private destinationsChanged(): void {
    this.deps.events.emit('destinationsChanged', this.deps.store.list());
    this.changed();
  }

  private changed(): void {
    if (this.closed) return;
    const overview = this.overview();
    const json = JSON.stringify({ ...overview, now: 0 });
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.deps.events.emit('egressChanged', overview);
  }
}

/** The SFU's refusal, in its words (they are written for hosts), or ours for anything else. */
function refusal(error: unknown): string {
  if (error instanceof SignalRequestError) {
    if (error.code === 'unavailable') return `The streaming server cannot send to other platforms: ${error.message}`;
    return error.message;
  }
  return 'The streaming server did not start it.';
}
