import path from 'node:path';
import packageJson from '../../../package.json' with { type: 'json' };
import type { AppInfo } from '../../shared/api/contract/app.js';
import { createDispatcher, type Dispatch, type Handlers } from '../api/dispatcher.js';
import { catalogHandlers } from '../catalog/catalog-handlers.js';
import { chatHandlers } from '../chat/chat-handlers.js';
import { ChatService } from '../chat/chat-service.js';
import { ChatStore } from '../chat/chat-store.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { ImportService } from '../catalog/import-service.js';
import { parseCatalogInWorker } from '../catalog/parse-in-worker.js';
import { ControlServerManager } from '../control-server/control-server-manager.js';
import { UploadStore } from '../control-server/upload-store.js';
import { openDatabase, schemaVersionOf, type StudioDatabase } from '../db/open-database.js';
import { BackupService, backupHandlers, finishPendingRestore } from '../db/backup-service.js';
import { backupsDirOf, DEFAULT_BACKUPS_KEPT } from '../db/backups.js';
import { DestinationStore } from '../egress/destination-store.js';
import { egressHandlers } from '../egress/egress-handlers.js';
import { EgressService } from '../egress/egress-service.js';
import { liveHandlers } from '../live/live-handlers.js';
import { LiveService } from '../live/live-service.js';
import { publisherClientKey } from '../live/one-publisher.js';
import type { PinService } from '../pin/pin-service.js';
import type { ClaimService } from '../claims/claim-service.js';
import type { ShowReportService } from '../report/show-report-service.js';
import type { DealService } from '../deals/deal-service.js';
import { sellingHandlers } from '../selling/selling-handlers.js';
import { createSellingServices, stockLeftReader, viewerClaimsRequest } from '../selling/selling-services.js';
import { createObsController, obsHandlers, type ObsController } from '../obs/index.js';
import { recordingHandlers } from '../recording/recording-handlers.js';
import { RecordingService } from '../recording/recording-service.js';
import { rundownHandlers } from '../rundown/rundown-handlers.js';
import { RundownService } from '../rundown/rundown-service.js';
import { RundownStore } from '../rundown/rundown-store.js';
import { replayHandlers } from '../replay/replay-handlers.js';
import { checkoutReplayPageDir } from '../replay/replay-page-dir.js';
import { ReplayService } from '../replay/replay-service.js';
import { sceneModuleHandlers } from '../scenes/scene-module.js';
import { FileSecretStore, plainSecretsFile, type SecretStore } from '../settings/secret-store.js';
import { SettingsStore } from '../settings/settings-store.js';
import { appHandlers, type PlatformAdapter } from './app-handlers.js';
import { StudioEventBus } from '../events/event-bus.js';
import { auctionHandlers } from '../auctions/auction-handlers.js';
import { giveawayHandlers } from '../giveaways/giveaway-handlers.js';
import type { AuctionService } from '../auctions/auction-service.js';
import type { GiveawayService } from '../giveaways/giveaway-service.js';
import type { SellBoard } from '../sell-board/sell-board.js';
import { createSellingInputs, practiceOffRefusal, startAuctionsAndGiveaways } from './live-selling.js';
import { practiceHandlers, wirePracticeShows, type PracticeAudience } from '../practice/practice-wiring.js';
import { GuestLink, guestHandlers, startGuests } from '../guests/guest-wiring.js';
import { mediaDirOf, pictureHandlers, startPictures, type Pictures } from '../media/index.js';
import type { FetchedImage } from '../media/image-fetcher.js';

export interface StudioCoreOptions {
  /**
   * The Electron build of better-sqlite3's native module (the desktop app in
   * development: node_modules holds the Node build used by tests and the CLI).
   */
  readonly sqliteNativeBinding?: string;
  /** The user's data folder: database, uploads, logs. */
  readonly dataDir: string;
  /** Defaults to `<dataDir>/studio.sqlite`. */
  readonly databasePath?: string;
  /** The built renderer served to browsers by the control server. */
  readonly rendererDir: string;
  readonly platform: PlatformAdapter;
  /**
   * Closes this core and starts it again (a restore from Settings finishes
   * at the next start, with the database closed); absent where the
   * platform cannot, and restore is refused there.
   */
  readonly restart?: () => void;
  /** Browser mode: the control server is always on, on this port/bind. */
  readonly pinnedControlServer?: { readonly port?: number; readonly allowLan?: boolean };
  /**
   * The built-in SFU for this run, overriding Settings: its port (0: any
   * free one), LAN access, and the built watch page (Electron passes its
   * dist/viewer; from source the SFU finds it itself).
   */
  readonly embeddedSfu?: { readonly port?: number; readonly allowLan?: boolean; readonly viewerDir?: string };
  /** The built replay page copied into every published replay (default: this checkout's dist/replay). */
  readonly replayPageDir?: string;
  /**
   * Where tokens and passwords are kept: the OS keychain in the desktop app
   * (src/main/electron/keychain-secret-store.ts); by default a file only this
   * user can read, `<dataDir>/secrets.json` (browser mode, CLI).
   */
  readonly secrets?: SecretStore;
  /** Fetches one imported picture, for the kept copies and a replay's missing ones (default: public websites and the store's own host, src/main/media/image-fetcher.ts; tests trust their own https server). */
  readonly fetchPicture?: (url: string) => Promise<FetchedImage>;
}

/**
 * Everything the studio does, without Electron: the database, the feature
 * services, the one dispatcher behind both transports and the control
 * server. The Electron shell and `npm run web` both start exactly this.
 */
export interface StudioCore {
  readonly db: StudioDatabase;
  readonly settings: SettingsStore;
  readonly events: StudioEventBus;
  readonly dispatch: Dispatch;
  readonly controlServer: ControlServerManager;
  readonly catalog: CatalogStore;
  readonly imports: ImportService;
  readonly rundown: RundownService;
  readonly live: LiveService;
  readonly egress: EgressService;
  readonly pins: PinService;
  readonly chat: ChatService;
  readonly obs: ObsController;
  readonly deals: DealService;
  readonly claims: ClaimService;
  readonly reports: ShowReportService;
  readonly backups: BackupService;
  readonly replays: ReplayService;
  readonly recordings: RecordingService;
  /** The show's selling state for viewers (auction, giveaway, practice). */
  readonly sellBoard: SellBoard;
  /** A practice show's simulated audience (src/main/practice). */
  readonly practice: PracticeAudience;
  /** Timed auctions on the pinned product (src/main/auctions). */
  readonly auctions: AuctionService;
  readonly giveaways: GiveawayService;
  /** Product pictures kept in the data folder (src/main/media). */
  readonly pictures: Pictures;
  info(): AppInfo;
  close(): Promise<void>;
}

export async function startStudioCore(options: StudioCoreOptions): Promise<StudioCore> {
  const databasePath = options.databasePath ?? path.join(options.dataDir, 'studio.sqlite');
  const backupsDir = backupsDirOf(options.dataDir);
  await finishPendingRestore(databasePath, backupsDir, DEFAULT_BACKUPS_KEPT, (message) => console.warn(`[backups] ${message}`));
  const db = openDatabase(databasePath, options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {});
  const settings = new SettingsStore(db, options.secrets ?? new FileSecretStore(plainSecretsFile(options.dataDir)));
  const events = new StudioEventBus();

  const info = (): AppInfo => ({
    name: packageJson.productName,
    version: packageJson.version,
    runtime: options.platform.runtime,
    dataDir: path.resolve(options.dataDir),
    databasePath: path.resolve(databasePath),
    schemaVersion: schemaVersionOf(db),
  });

  const uploadsDir = path.join(options.dataDir, 'uploads');
  // Uploads left over from earlier runs (older than a day) go; the studio starts without waiting for it.
  void new UploadStore(uploadsDir).sweep().catch((error: unknown) => console.warn('[uploads] Could not clear old uploads', error));
  const controlServer = new ControlServerManager({
    settings,
    events,
    rendererDir: options.rendererDir,
    uploadsDir,
    ...(options.pinnedControlServer ? { pinned: options.pinnedControlServer } : {}),
    // Browsers running the studio UI publish to the SFU: allow its address.
    extraConnectSources: () => live.connectSources(),
    mediaDir: mediaDirOf(options.dataDir),
  });

  const storeCurrency = () => settings.get().store.currency;
  const catalog = new CatalogStore(db, { storeCurrency });
  // The catalog's pictures, fetched once into <data folder>/media in the background (src/main/media).
  const pictures = startPictures({ db, dataDir: options.dataDir, events, storeUrl: () => settings.get().store.url, ...(options.fetchPicture ? { fetch: options.fetchPicture } : {}), log: (m) => console.warn(`[pictures] ${m}`) });
  const rundownStore = new RundownStore(db);
  /** The show open in the rundown (its name, its practice flag), or null. */
  const activeShow = () => {
    const id = rundownStore.activeShowId();
    return id === null ? null : rundownStore.getShow(id);
  };
  const backups = new BackupService({
    db,
    dir: backupsDir,
    keep: () => settings.get().backups.keep,
    activeShow,
    restart: options.restart ?? null,
    log: (message, error) => console.warn(`[backups] ${message}`, error ?? ''),
  });
  // Product rows show the units left in their show: the same ledger as the pinned card and the Claims tab.
  const rundown = new RundownService(rundownStore, events, stockLeftReader(db, catalog), storeCurrency);
  const imports = new ImportService({
    store: catalog,
    events,
    // Off the main thread: a big file never stalls the UI, the control server or the SFU.
    parse: parseCatalogInWorker,
    uploadsDir,
    // Product items in the rundown, the pinned card and the Claims tab show live prices and stock.
    onImportedFrom: (folder) => pictures.service.importedFrom(folder).catch((e: unknown) => console.warn('[pictures] Could not read the pictures beside the file', e)),
    onCatalogChanged: () => {
      pictures.service.catalogChanged();
      rundown.catalogChanged();
      selling.catalogChanged();
    },
  });
  const chatStore = new ChatStore(db);
  const guestLink = new GuestLink((message) => console.warn(`[guests] ${message}`)); // guests over main's SFU link
  const live = new LiveService({
    linkExtensions: [guestLink],
    pictureBytes: (id) => pictures.bytes(id),
    settings,
    events,
    ...(options.embeddedSfu ? { embedded: options.embeddedSfu } : {}),
    // Published replays in the data folder play from the built-in SFU at /replay/<name>/.
    replayDir: path.resolve(options.dataDir, 'replays'),
    log: (message) => console.warn(`[sfu] ${message}`),
    viewerIdSalt: () => chatStore.viewerIdSalt(),
    // The start of a show: its database backup.
    onLive: () => backups.showWentLive(),
    // The end of a show: the card comes down everywhere, its flash deal ends with it, chat makes no more claims,
    // and an open giveaway's entries close: drawn, or cancelled when nobody could win (src/main/giveaways/README.md).
    onShowEnded: () => {
      // A "sold" held for review and approved after this claims nothing; buyers still waiting get their checkout links.
      selling.showEnded();
      // A recording running when the show ends ends with it (docs/recording.md).
      recordings.showEnded();
      practice.showEnded(); // the simulated audience leaves with the show
      void giveaways.showEnded().catch((error: unknown) => console.warn('[giveaways] Could not close the giveaway at the end of the show', error));
      void pins.unpin().catch((error: unknown) => console.warn('[pin] Could not take the card down at the end of the show', error));
    },
  });
  // Bids and giveaway entries from the watch page and chat, and the selling state for every viewer (live-selling.ts).
  const sellInputs = createSellingInputs(live);
  const sellBoard = sellInputs.board;
  const chat = new ChatService({
    store: chatStore,
    relay: live,
    events,
    activeShowId: () => rundownStore.activeShowId(),
    hostName: () => settings.get().hostName,
    storeName: () => settings.get().storeName,
    log: (message, error) => console.warn(`[chat] ${message}`, error ?? ''),
    // An approved message is read by the selling tools in turn (a bid while an auction runs, a giveaway's
    // keyword); one no reader takes may be a claim: "sold M" on the pinned product.
    onApproved: (message) => {
      if (!sellInputs.readApproved(message)) claims.onApprovedMessage(message);
    },
  });
  // Viewer messages arrive over main's SFU link; a (re)joined room gets the recent chat again, and each buyer their claims.
  live.setChatListener({
    incoming: (message) => {
      sellInputs.noteWatching(message); // for a giveaway's "watching for N minutes"
      chat.incoming(message);
    },
    joined: () => {
      chat.republish();
      claims.viewers.everyone();
    },
    // A viewer back on the watch page (a reload) gets their "My claims"; a contact for the seller is stored.
    viewerJoined: (viewerId) => claims.viewers.viewerJoined(viewerId),
    contact: (viewerId, contact) => claims.viewers.saveContact(viewerId, contact),
  });
  // Multistream: enabled destinations start when the show goes live and stop at End show, on the SFU over main's link.
  const egress = new EgressService({
    store: new DestinationStore(db, settings.secrets),
    link: live,
    events,
    airState: () => live.airState(),
    log: (message) => console.warn(`[egress] ${message}`),
  });
  live.setEgressListener({ status: (status) => egress.statusPushed(status), joined: () => void egress.linkJoined() });
  // A producer console that publishes and goes away (tab closed, crashed) lets go of the show; if it comes back it re-attaches.
  controlServer.onClientClosed((clientId) => live.clientGone(publisherClientKey('control', clientId)));
  // OBS follows the pin (its product sources) and connects at startup if the host asked for it.
  const obs = createObsController({ settings, events, dataDir: options.dataDir, pictures });
  // Pins, flash deals, claims and the show report (src/main/selling): built in one order, no cycle.
  const selling = createSellingServices({
    db,
    catalog,
    events,
    sfu: live,
    obs,
    notify: (viewerId, text) => live.sendChat({ type: 'chatNotice', viewerId, text }),
    sendViewerClaims: (viewerId, list) => live.sendChat(viewerClaimsRequest(viewerId, list)),
    activeShowId: () => rundownStore.activeShowId(),
    settings: () => settings.get().selling,
    buyLinks: { store: () => settings.get().store, show: (id) => rundownStore.getShow(id) },
    log: (area, message, error) => console.warn(`[${area}] ${message}`, error ?? ''),
    pictures: pictures.lookup,
  });
  const { pins, deals, claims, reports } = selling;
  const { auctions, giveaways } = startAuctionsAndGiveaways({
    inputs: sellInputs,
    db,
    events,
    pins,
    claims,
    catalog,
    viewer: (viewerId) => chatStore.viewer(viewerId),
    announce: (text) => void chat.sendHostMessage(text, { transport: 'ipc', clientId: 'giveaways' }),
    settings: () => settings.get().selling,
    activeShowId: () => rundownStore.activeShowId(),
  });
  // A practice show with a running auction or an open giveaway stays practice: its participants are simulated.
  rundown.refusePracticeOffWhen((showId) => practiceOffRefusal({ auctions, giveaways }, showId));
  // A claim, cancel or move changes the units left the rundown's product rows show.
  events.on('claimsChanged', () => rundown.stockChanged());
  obs.showPin(pins.state().current?.card ?? null);
  obs.start();
  // Recording the program on this computer (src/main/recording): a crash's leftovers are finished at start, not awaited.
  const recordings = new RecordingService({
    db,
    dataDir: options.dataDir,
    events,
    ffmpegPath: () => settings.get().ffmpegPath,
    activeShow,
    onAir: () => ['live', 'reconnecting', 'paused'].includes(live.airState().phase),
    log: (message, error) => console.warn(`[recording] ${message}`, error ?? ''),
  });
  void recordings.start().catch((error: unknown) => console.warn('[recording] Could not finish the recordings left from the last run', error));
  // Practice shows: the viewers' PRACTICE banner follows the active show; the simulated audience joins the SFU as real viewers.
  const practice = wirePracticeShows({ events, activeShow, live, pins, catalog, settings, sellBoard });
  const guests = startGuests({ db, events, link: guestLink, sfuStatus: () => live.status(), activeShowId: () => rundownStore.activeShowId() });
  let ffmpegPath = settings.get().ffmpegPath;
  // The SFU follows Settings (address, room, port, LAN, token); unrelated changes are ignored there.
  events.on('settingsChanged', (next) => {
    void live.apply();
    chat.announceReservedNames(); // the host's or the store's name may have changed
    if (next.ffmpegPath !== ffmpegPath) {
      ffmpegPath = next.ffmpegPath;
      void recordings.checkFfmpeg();
    }
  });
  // Not awaited: the window opens while the SFU starts; its status events tell the UI.
  void live.apply();
  // "Publish replay": a finished recording as a folder that plays anywhere; the built-in SFU serves the default one.
  const replays = new ReplayService({
    db,
    events,
    dataDir: options.dataDir,
    findProduct: (id) => catalog.findProduct(id),
    pictures, // a replay's pictures: the kept copies first, else the same guarded fetch as the catalog's
    fetchPicture: pictures.fetch,
    pageDir: options.replayPageDir ?? checkoutReplayPageDir(),
    servedAt: () => {
      const status = live.status();
      return status.mode === 'embedded' ? status.viewerUrls.map((u) => new URL(u).origin) : [];
    },
    log: (message) => console.warn(`[replay] ${message}`),
  });
  events.on('sfuStatusChanged', () => replays.servedAtChanged());
  // A recording that becomes ready (or is deleted) changes what can be published.
  events.on('recordingsChanged', () => replays.recordingsChanged());

  const handlers: Handlers = {
    ...appHandlers({ info, settings, events, controlServer, platform: options.platform }),
    ...catalogHandlers({ store: catalog, imports }),
    ...rundownHandlers(rundown),
    ...liveHandlers(live, pins),
    ...obsHandlers(obs),
    ...chatHandlers(chat),
    ...sceneModuleHandlers(db, events),
    ...sellingHandlers(deals, claims, reports, selling.checkout),
    ...auctionHandlers(auctions),
    ...backupHandlers(backups),
    ...egressHandlers(egress),
    ...replayHandlers(replays, options.platform.pickFolder ? (title) => options.platform.pickFolder!(title) : null),
    ...recordingHandlers(recordings, options.platform.showFolder?.bind(options.platform)),
    ...giveawayHandlers(giveaways),
    ...practiceHandlers(practice),
    ...guestHandlers(guests),
    ...pictureHandlers(pictures.service, catalog, uploadsDir),
  };
  // Who may call what: the roles table, under what the host allows the team.
  const dispatch = createDispatcher(handlers, { policy: () => controlServer.policy() });
  // Browsers reach the same API once every handler exists.
  await controlServer.serve(dispatch);

  return {
    db, settings, events, dispatch, controlServer, catalog, imports, rundown, live, egress, pins, chat, obs, deals, claims,
    reports, backups, replays, recordings, sellBoard, practice, auctions, giveaways, pictures,
    info,
    async close() {
      practice.close(); // every simulated viewer leaves before the SFU closes
      guests.close();
      live.setChatListener(null);
      live.setSellListener(null);
      // What was decided is stored and told before the board closes.
      auctions.close();
      giveaways.close();
      sellBoard.close();
      live.setEgressListener(null);
      egress.close();
      await recordings.close();
      selling.close();
      await obs.close();
      await live.close();
      chat.close();
      await controlServer.stop();
      await imports.shutdown();
      pictures.service.close();
      await backups.idle();
      await replays.idle();
      db.close();
    },
  };
}
