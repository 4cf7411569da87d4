import { StudioError } from '../../shared/api/result.js';
import type {
  AirState,
  PinTargetState,
  PublisherClaim,
  PublisherState,
  PublishTicket,
  SfuLinkState,
  SfuStatus,
} from '../../shared/domain/live.js';
import type { ProductCardInput } from '../../shared/sfu/product-card.js';
import type { StudioEventBus } from '../events/event-bus.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { DEFAULT_FFMPEG } from '../../shared/domain/settings.js';
import type { ChatIncomingMessage } from '../../shared/sfu/protocol-chat.js';
import { SignalRequestError, type SignalRequestBody } from '../../shared/sfu/signal-requests.js';
import type { EgressStatus } from '../../shared/sfu/protocol-egress.js';
import type { SellIncoming, SellNotice, ShowSellState } from '../../shared/sfu/protocol-selling.js';
import type { SignalReplyData } from '../../shared/sfu/protocol.js';
import { SfuLink, type ChatHostRequest, type EgressRequestType, type SfuLinkExtension, type SfuLinkOptions } from '../sfu-link/sfu-link.js';
import { OnePublisher, type PublisherCaller } from './one-publisher.js';
import { ShowAir } from './show-air.js';
import { generateRoomName } from './sfu-address.js';
import { startEmbeddedTarget, startRemoteTarget, type Target, type TargetConfig, type TargetStarters } from './sfu-target.js';

/**
 * How long a publish ticket admits joins. The publisher fetches one per
 * (re)join, so this only needs to outlast one connection attempt; an hour
 * forgives clock trouble and slow starts.
 */
const PUBLISH_TOKEN_TTL_SECONDS = 3600;

export interface LiveServiceDeps {
  readonly settings: SettingsStore;
  readonly events: StudioEventBus;
  /** Overrides of the built-in SFU's settings for this run (`studio web --sfu-port`, tests). */
  readonly embedded?: { readonly port?: number; readonly allowLan?: boolean; readonly viewerDir?: string };
  /** The folder of published replays the built-in SFU serves at /replay/<name>/ (`<data folder>/replays`). */
  readonly replayDir?: string;
  readonly log?: (message: string) => void;
  /** Key for the built-in SFU's viewer ids; kept across runs so bans stay with the same viewers. */
  readonly viewerIdSalt?: () => string;
  readonly onLive?: () => void; // the show went on air (the SFU sees the host publishing): e.g. the backup at its start
  readonly onShowEnded?: () => void; // the host ended the show (End show): the pin comes down, its deal ends, claims stop
  readonly linkExtensions?: readonly SfuLinkExtension[]; // their own requests on every link: guests (sfu-link/guest-link.ts)
  readonly pictureBytes?: SfuLinkOptions['pictureBytes']; // a pinned card's picture goes to the SFU first (src/main/media)
}

/** What the chat and claims services hear from the show's SFU room. */
export interface ChatRelayListener {
  incoming(message: ChatIncomingMessage): void;
  /** Main's link (re)joined the room (a new or restarted SFU has no chat of its own). */
  joined(): void;
  /** A viewer (with a stable id) joined the room: their "My claims" may be sent. */
  viewerJoined?(viewerId: string): void;
  /** A viewer's contact for the seller, as typed (personal data: checked and stored, never logged). */
  contact?(viewerId: string, contact: string): void;
}

const ON_AIR: ReadonlySet<AirState['phase']> = new Set(['connecting', 'live', 'reconnecting', 'paused']); // no SFU restart for a new ffmpeg path

/** What multistream (src/main/egress) hears from the show's SFU room. */
export interface EgressRelayListener {
  /** Where the destinations stand (`egressStatus`). */
  status(status: EgressStatus): void;
  /** Main's link (re)joined the room: an SFU that restarted runs no destination. */
  joined(): void;
}

/**
 * Where the show goes. Keeps the SFU target in step with Settings: the
 * built-in SFU (started here, on loopback or the LAN) when no address is
 * set, otherwise a remote one; in both cases main holds one host connection
 * (SfuLink) for pins and hands the renderer a ticket to publish with.
 */
export class LiveService {
  private target: Target | null = null;
  private starting = true;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private lastStatusJson = '';
  private wasLive = false;
  /** A new ffmpeg path waits for the show to end before the built-in SFU restarts with it. */
  private ffmpegWaits = false;
  /** The pin the studio wants on screen (undefined: the pin service has not said yet). */
  private pin: { readonly card: ProductCardInput | null } | undefined;
  private readonly pinListeners = new Set<() => void>();
  private chatListener: ChatRelayListener | null = null;
  private egressListener: EgressRelayListener | null = null;
  private sellListener: ((action: SellIncoming) => void) | null = null;
  private sellState: ShowSellState | null = null;
  /** Which window publishes (main decides; the SFU enforces it on the tokens it mints). */
  private readonly publishers: OnePublisher;
  /** Where the show stands for every window (on air, paused, ended…), from the two above. */
  private readonly air: ShowAir;

  constructor(private readonly deps: LiveServiceDeps) {
    let phase = 'offline';
    this.air = new ShowAir((state) => {
      const endedNow = state.phase === 'ended' && phase !== 'ended';
      phase = state.phase;
      deps.events.emit('airStateChanged', state);
      if (endedNow) deps.onShowEnded?.();
      // A new ffmpeg path waited for the show to be over (see applyNow).
      if (this.ffmpegWaits && !ON_AIR.has(state.phase)) void this.apply();
    });
    this.publishers = new OnePublisher((state) => {
      this.air.setHolder(state.current);
      deps.events.emit('publisherChanged', state);
    });
    // The viewer link must not change between runs: pick the room once and keep it.
    if (deps.settings.get().sfu.room === '') deps.settings.update({ sfu: { room: generateRoomName() } });
  }

  /** Brings the target in line with the settings (serialised; a no-op when nothing relevant changed). */
  apply(): Promise<void> {
    this.queue = this.queue.then(() => this.applyNow()).catch((error: unknown) => this.deps.log?.(`SFU apply failed: ${String(error)}`));
    return this.queue;
  }

  /** Resolves once the last requested apply is done. */
  ready(): Promise<void> {
    return this.queue;
  }

  status(): SfuStatus {
    const target = this.target;
    const config = target?.config ?? this.wantedConfig();
    const link = target?.link?.status();
    const state: SfuLinkState = this.starting || !target ? 'starting' : (link?.state ?? 'error');
    return {
      mode: config.mode,
      state,
      signalUrl: target?.signalUrl ?? null,
      viewerUrls: target?.viewerUrls ?? [],
      room: config.room,
      live: link?.live ?? false,
      viewerCount: link?.viewerCount ?? 0,
      error: state === 'starting' ? null : (target?.error ?? link?.error ?? null),
    };
  }

  /**
   * Origins the studio UI must be allowed to connect to (its CSP connect-src):
   * WebSockets only, as the UI speaks to an SFU only by signaling. Any
   * loopback port, so a page loaded before the built-in SFU moved port keeps
   * working; a remote SFU's origin as configured now (a page loaded before the
   * switch needs a reload to reach a new remote address).
   */
  connectSources(): readonly string[] {
    return ['ws://127.0.0.1:*', ...(this.target?.connectSources ?? [])];
  }

  /**
   * What the renderer publishes with: a token the SFU mints for this room
   * over main's own host link, valid for a limited time. Main's secret (the
   * per-run token of the built-in SFU, the configured token of a remote one)
   * never reaches a UI, so a producer console cannot keep hosting after the
   * studio stops trusting it. The renderer asks again for every (re)join.
   * Only the window that holds the show gets one (see OnePublisher); the
   * token is minted for that publisher, and the SFU drops media sent with
   * any other publisher's token.
   */
  async publishTicket(caller: PublisherCaller, publisherId?: string): Promise<PublishTicket> {
    const admission = this.publishers.admit(caller, publisherId);
    await this.queue;
    const target = this.target;
    if (!target?.signalUrl || !target.link || target.error) {
      throw new StudioError('unavailable', target?.error ?? 'The SFU is not ready yet. Try again in a moment.');
    }
    let minted;
    try {
      minted = await target.link.mintPublishToken(PUBLISH_TOKEN_TTL_SECONDS, admission);
    } catch (error) {
      if (error instanceof SignalRequestError && error.code === 'conflict') {
        throw new StudioError('conflict', `${error.message} Take over to publish from here instead.`);
      }
      throw new StudioError('unavailable', `The SFU is not reachable right now: ${(error as Error).message}`);
    }
    return {
      signalUrl: target.signalUrl,
      room: target.config.room,
      hostToken: minted.token,
      expiresAt: minted.expiresAt,
      viewerUrls: target.viewerUrls,
    };
  }

  publisher(): PublisherState {
    return this.publishers.state();
  }

  /** `ending`: the window claims only to end the show from a pause; the show does not look like it is going live. */
  claimPublishing(caller: PublisherCaller, takeOver: boolean, ending = false): PublisherClaim {
    return ending ? this.air.endingClaim(() => this.publishers.claim(caller, takeOver)) : this.publishers.claim(caller, takeOver);
  }

  /** `ended`: the window let go because the host pressed End show (not Stop). */
  releasePublishing(publisherId: string, ended = false): PublisherState {
    if (ended && this.publishers.state().current?.publisherId === publisherId) this.air.endingShow();
    return this.publishers.release(publisherId);
  }

  /** Where the show stands (the same for every window). */
  airState(): AirState {
    return this.air.state();
  }

  /** A UI connection closed (`publisherClientKey`): the show it published is nobody's until it comes back. */
  clientGone(clientKey: string): void {
    this.publishers.clientGone(clientKey);
  }

  /**
   * Sends the pin (null: none) to the SFU room and resolves with how far it
   * got. It is remembered: a link that (re)connects later sends it again.
   */
  async setPin(card: ProductCardInput | null): Promise<PinTargetState> {
    this.pin = { card };
    const link = this.target?.link;
    if (!link) return this.pinTargetState();
    await link.setPin(card);
    return this.pinTargetState();
  }

  /** Did the SFU room get the last pin? */
  pinTargetState(): PinTargetState {
    if (this.closed) return 'off';
    const target = this.target;
    if (!target) return 'pending'; // starting: sent once the link joins
    if (!target.link) return 'failed'; // the SFU cannot start or is not configured: the host must act
    const delivery = target.link.pinDelivery();
    if (delivery === 'pending' && target.link.status().state === 'error') return 'failed';
    return delivery;
  }

  /** The built-in SFU's secret for a practice show's simulated audience (main only; never sent to a page). */
  readonly audienceKey = (): string | null => this.target?.audienceKey ?? null;

  /** Why the SFU refused the last pin, if it did. */
  pinFailure(): string | null {
    return this.target?.link?.pinFailure() ?? null;
  }

  /** The chat service's ears: viewer messages arriving over main's link. */
  setChatListener(listener: ChatRelayListener | null): void {
    this.chatListener = listener;
  }

  /** A chat request to the current room; kept by the link while it is away. Dropped when there is no SFU target. */
  sendChat(request: ChatHostRequest): void {
    this.target?.link?.sendChat(request);
  }

  /** The chat service stored a viewer's message: the SFU answers the viewer now (never kept for later). */
  confirmStored(messageId: string): void {
    this.target?.link?.confirmStored(messageId);
  }

  /** Auctions' and giveaways' ears: viewers' bids and entries, stamped by the SFU. */
  setSellListener(listener: ((action: SellIncoming) => void) | null): void {
    this.sellListener = listener;
  }

  /** The show's selling state for every viewer (src/main/sell-board); remembered for the next link. */
  sendSellState(state: ShowSellState): void {
    this.sellState = state;
    this.target?.link?.sendSellState(state);
  }

  sendSellNotice(viewerId: string, notice: SellNotice): void {
    this.target?.link?.sendSellNotice(viewerId, notice);
  }

  /** Multistream's ears: the destinations' status and main's link (re)joining. */
  setEgressListener(listener: EgressRelayListener | null): void {
    this.egressListener = listener;
  }

  /** A multistream request over main's link, to whichever SFU runs the show (the built-in one or a remote `studio sfu`). */
  async egress<T extends EgressRequestType>(request: SignalRequestBody<T> & { readonly type: T }): Promise<SignalReplyData[T]> {
    const link = this.target?.link;
    if (!link) throw new SignalRequestError('disconnected', this.target?.error ?? 'The SFU is not ready yet.');
    return link.egress(request);
  }

  /** Called whenever pinTargetState() may have changed. */
  onPinDelivery(listener: () => void): () => void {
    this.pinListeners.add(listener);
    return () => this.pinListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.publishers.dispose();
    this.air.dispose();
    await this.queue;
    await this.stopTarget();
  }

  private wantedConfig(): TargetConfig {
    const { sfu, ffmpegPath } = this.deps.settings.get();
    const pinned = this.deps.embedded;
    // Only what the mode uses, so e.g. the LAN switch does not reconnect a remote SFU.
    if (sfu.url !== '') {
      return { mode: 'remote', room: sfu.room, url: sfu.url, port: 0, allowLan: false, remoteToken: this.deps.settings.sfuHostToken(), ffmpegPath: '' };
    }
    return {
      mode: 'embedded',
      room: sfu.room,
      url: '',
      port: pinned?.port ?? sfu.port,
      allowLan: pinned?.allowLan ?? sfu.allowLan,
      remoteToken: '',
      // Settings → Recording's ffmpeg, which multistream's encoder uses too; the default leaves the SFU's own (LSS_FFMPEG, else PATH).
      ffmpegPath: ffmpegPath === DEFAULT_FFMPEG ? '' : ffmpegPath,
    };
  }

  private async applyNow(): Promise<void> {
    if (this.closed) return;
    const config = this.wantedConfig();
    const current = this.target;
    // A target that failed (port taken, no token) is tried again on any settings save.
    if (current && !current.error && JSON.stringify(current.config) === JSON.stringify(config)) return;
    // Only the ffmpeg path changed (Settings → Recording) while the show is on: restarting the built-in SFU would
    // cut it for every viewer and destination, so the new path waits for the show to end.
    this.ffmpegWaits = false;
    if (current && !current.error && ON_AIR.has(this.air.state().phase) && JSON.stringify({ ...current.config, ffmpegPath: config.ffmpegPath }) === JSON.stringify(config)) {
      this.ffmpegWaits = true;
      return;
    }
    this.starting = true;
    this.changed();
    await this.stopTarget();
    const starters: TargetStarters = {
      startLink: (signalUrl, room, hostToken) => this.startLink(signalUrl, room, hostToken),
      ...(this.deps.log ? { log: this.deps.log } : {}),
      ...(this.deps.embedded?.viewerDir ? { viewerDir: this.deps.embedded.viewerDir } : {}),
      ...(this.deps.viewerIdSalt ? { viewerIdSalt: this.deps.viewerIdSalt } : {}),
      ...(this.deps.replayDir ? { replayDir: this.deps.replayDir } : {}),
      embedOrigins: () => this.deps.settings.get().store.embedOrigins, // Settings → Store, read per request: no restart
    };
    this.target = config.mode === 'embedded' ? await startEmbeddedTarget(config, starters) : startRemoteTarget(config, starters);
    this.starting = false;
    this.changed();
  }

  private startLink(signalUrl: string, room: string, hostToken: string): SfuLink {
    const link = new SfuLink({
      signalUrl,
      room,
      hostToken,
      onChange: () => this.changed(),
      ...(this.deps.log ? { log: this.deps.log } : {}),
      onChatIncoming: (message) => this.chatListener?.incoming(message),
      onClaimPush: (push) =>
        push.type === 'viewerJoined' ? this.chatListener?.viewerJoined?.(push.viewerId) : this.chatListener?.contact?.(push.viewerId, push.contact),
      // The chat service confirms each viewer message once stored (confirmStored), so the SFU's "sent" to a viewer means saved.
      confirmsChat: true,
      onJoined: () => {
        this.chatListener?.joined();
        this.egressListener?.joined();
      },
      onEgressStatus: (status) => this.egressListener?.status(status),
      onSellIncoming: (action) => this.sellListener?.(action),
      ...(this.deps.linkExtensions ? { extensions: this.deps.linkExtensions } : {}),
      ...(this.deps.pictureBytes ? { pictureBytes: this.deps.pictureBytes } : {}),
    });
    // Whatever the studio has pinned (and its auction, giveaway) goes to the new room as soon as the link joins.
    if (this.pin) void link.setPin(this.pin.card);
    if (this.sellState) link.sendSellState(this.sellState);
    return link;
  }

  private async stopTarget(): Promise<void> {
    const target = this.target;
    this.target = null;
    if (!target) return;
    target.link?.close();
    // Shutting the built-in SFU down tells its viewers the show ended.
    await target.server?.close();
  }

  private changed(): void {
    // A link being shut down may still deliver a last push; the studio (and its database) may be closed by then.
    if (this.closed) return;
    const status = this.status();
    if (status.live && !this.wasLive) this.deps.onLive?.();
    this.wasLive = status.live;
    this.publishers.airState(status.live);
    this.air.setMedia(status.live, status.viewerCount);
    const json = JSON.stringify(status);
    if (json !== this.lastStatusJson) {
      this.lastStatusJson = json;
      this.deps.events.emit('sfuStatusChanged', status);
    }
    for (const listener of [...this.pinListeners]) listener();
  }
}
