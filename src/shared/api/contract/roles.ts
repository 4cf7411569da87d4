import type { EventName, MethodName } from './index.js';

/**
 * Who is on the team. The desktop window and the studio's own link (`npm run
 * web`) are the host; a producer runs scenes, pins, deals and chat; a
 * moderator runs the chat only. Each role has its own link.
 */
export const ROLES = ['host', 'producer', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The least a caller must be. Roles are nested (a host may do all a producer
 * may, a producer all a moderator may); `goLive` is the host, or a producer
 * when the host allowed producers to go live (Settings → Producer console).
 */
export type Clearance = Role | 'goLive';

/** What the host decided about the team, read on every call. */
export interface RolePolicy {
  readonly producersMayGoLive: boolean;
}

interface Access {
  readonly clearance: Clearance;
  /** What the channel does, for the refusal: "Your moderator link can't <what>." */
  readonly what: string;
}

const access = (clearance: Clearance, what: string): Access => ({ clearance, what });

const READ_SHOW = access('moderator', 'see the show');
const CHAT = access('moderator', 'moderate the chat');
const CHAT_RULES = access('producer', 'change the chat rules or moderators');
const READ_STUDIO = access('producer', 'see the catalog, rundown and scenes');
const RUN_SHOW = access('producer', 'run the show (pins, rundown, scenes, deals, claims)');
const SHOWS = access('host', 'create, rename or delete shows');
const CATALOG_IMPORT = access('host', 'import catalogs');
const EXPORTS = access('host', 'export claims or reports');
const SETTINGS = access('host', 'change settings');
const TEAM_LINKS = access('host', 'see or change the team links');
const OBS_SETUP = access('host', 'connect OBS or change its setup');
const GO_LIVE = access('goLive', 'go live');
const REPLAYS = access('host', 'publish replays');
/** The recorder runs in the host's window, beside the camera; a producer's console composes without it. */
const RECORD = access('host', 'start, stop or delete recordings');
const DESTINATIONS = access('host', 'see or change the multistream destinations');
const EGRESS_CONTROL = access('host', 'start or stop multistream destinations');
const EGRESS_STATUS = access('producer', 'see the multistream destinations');
/**
 * Guests: the host's alone. The guests state carries the invite links (each a
 * key to the show's backstage), which only the host's windows may see; a
 * producer still puts guest slots in scenes (RUN_SHOW) but does not pick who
 * is on air.
 */
const GUESTS = access('host', 'invite guests or bring them on air');

/**
 * The one table of who may call what. Every channel of the contract has an
 * entry (a test fails otherwise; until then the dispatcher lets only the
 * host call it). The dispatcher enforces it for both transports; handlers
 * never check roles themselves.
 */
export const channelAccess: { readonly [K in MethodName]?: Access } = {
  // app
  getAppInfo: READ_SHOW,
  getSettings: READ_SHOW,
  updateSettings: SETTINGS,
  // backups
  listBackups: SETTINGS,
  restoreBackup: SETTINGS,
  getControlServerStatus: TEAM_LINKS,
  regenerateControlToken: TEAM_LINKS,
  openExternal: READ_SHOW,
  // catalog
  previewImport: CATALOG_IMPORT,
  startImport: CATALOG_IMPORT,
  cancelImport: CATALOG_IMPORT,
  searchCatalog: READ_STUDIO,
  getProduct: READ_STUDIO,
  getCatalogStats: READ_STUDIO,
  // pictures
  getPictures: READ_STUDIO,
  retryPictures: CATALOG_IMPORT,
  setProductPicture: CATALOG_IMPORT,
  // rundown
  listShows: READ_STUDIO,
  createShow: SHOWS,
  updateShow: SHOWS,
  deleteShow: SHOWS,
  duplicateShow: SHOWS,
  getActiveRundown: READ_STUDIO,
  setActiveShow: SHOWS,
  getRundown: READ_STUDIO,
  addRundownItems: RUN_SHOW,
  updateRundownItem: RUN_SHOW,
  removeRundownItem: RUN_SHOW,
  moveRundownItem: RUN_SHOW,
  setRundownCursor: RUN_SHOW,
  advanceRundown: RUN_SHOW,
  // live
  getSfuStatus: READ_SHOW,
  getPublishTicket: GO_LIVE,
  getPublisher: READ_SHOW,
  getAirState: READ_SHOW,
  claimPublishing: GO_LIVE,
  releasePublishing: GO_LIVE,
  pinProduct: RUN_SHOW,
  unpinProduct: RUN_SHOW,
  getPinState: READ_SHOW,
  listPinHistory: READ_STUDIO,
  // chat
  getChat: CHAT,
  approveMessage: CHAT,
  rejectMessage: CHAT,
  deleteMessage: CHAT,
  markQuestion: CHAT,
  pinChatMessage: CHAT,
  sendHostMessage: CHAT,
  timeoutViewer: CHAT,
  banViewer: CHAT,
  unbanViewer: CHAT,
  setModerator: CHAT_RULES,
  listChatViewers: CHAT,
  getModerationRules: CHAT,
  setModerationRules: CHAT_RULES,
  // obs
  getObsStatus: READ_STUDIO,
  connectObs: OBS_SETUP,
  disconnectObs: OBS_SETUP,
  setObsProgramScene: RUN_SHOW,
  setObsPreviewScene: RUN_SHOW,
  setObsSceneItemEnabled: RUN_SHOW,
  startObsStream: GO_LIVE,
  stopObsStream: GO_LIVE,
  startObsRecord: OBS_SETUP,
  stopObsRecord: OBS_SETUP,
  setObsOverlayScene: OBS_SETUP,
  // scenes
  listScenes: READ_STUDIO,
  saveScene: RUN_SHOW,
  deleteScene: RUN_SHOW,
  reorderScenes: RUN_SHOW,
  getProgramScene: READ_STUDIO,
  getPreviewScene: READ_STUDIO,
  pickPreviewScene: RUN_SHOW,
  takeScene: RUN_SHOW,
  getVerticalSwitch: READ_STUDIO,
  pickVerticalPreview: RUN_SHOW,
  takeVerticalScene: RUN_SHOW,
  setVerticalLinked: RUN_SHOW,
  setVerticalPair: RUN_SHOW,
  // selling
  startDeal: RUN_SHOW,
  endDeal: RUN_SHOW,
  listClaims: READ_STUDIO,
  cancelClaim: RUN_SHOW,
  moveClaim: RUN_SHOW,
  exportClaimsCsv: EXPORTS,
  // checkout links: who runs the show sends them (host, producer), never a moderator
  listCheckouts: READ_STUDIO,
  sendCheckoutLinks: RUN_SHOW,
  getShowReport: READ_STUDIO,
  exportShowReportCsv: EXPORTS,
  // auctions
  startAuction: RUN_SHOW,
  cancelAuction: RUN_SHOW,
  getAuctions: READ_STUDIO,
  // replay
  listReplays: REPLAYS,
  publishReplay: REPLAYS,
  pickReplayFolder: REPLAYS,
  // recording
  getRecordingState: READ_STUDIO,
  startRecording: RECORD,
  appendRecordingChunk: RECORD,
  stopRecording: RECORD,
  listRecordings: READ_STUDIO,
  retryRecording: RECORD,
  deleteRecording: RECORD,
  showRecordingFolder: RECORD,
  // destinations (multistream): server addresses are the host's; keys never leave main
  listDestinations: DESTINATIONS,
  createDestination: DESTINATIONS,
  updateDestination: DESTINATIONS,
  deleteDestination: DESTINATIONS,
  getEgress: EGRESS_STATUS,
  startDestination: EGRESS_CONTROL,
  stopDestination: EGRESS_CONTROL,
  reconnectDestination: EGRESS_CONTROL,
  // giveaways
  startGiveaway: RUN_SHOW,
  drawGiveaway: RUN_SHOW,
  cancelGiveaway: RUN_SHOW,
  getGiveaways: READ_STUDIO,
  exportGiveawayEntries: EXPORTS,
  // practice shows: everyone on the team sees the PRACTICE banner; who runs the show runs the simulated audience
  getPracticeAudience: READ_SHOW,
  startPracticeAudience: RUN_SHOW,
  updatePracticeAudience: RUN_SHOW,
  stopPracticeAudience: RUN_SHOW,
  // guests
  getGuests: GUESTS,
  createGuestInvite: GUESTS,
  revokeGuestInvite: GUESTS,
  controlGuest: GUESTS,
  getGuestPreviewTicket: GUESTS,
};

/**
 * Which events a role receives (the same clearances; an event without an
 * entry goes to the host only). The team links travel only to the host.
 */
export const eventAccess: { readonly [E in EventName]?: Clearance } = {
  settingsChanged: 'moderator',
  controlServerChanged: 'host',
  importProgress: 'host',
  catalogChanged: 'producer',
  picturesChanged: 'producer',
  rundownChanged: 'producer',
  showsChanged: 'producer',
  sfuStatusChanged: 'moderator',
  publisherChanged: 'moderator',
  airStateChanged: 'moderator',
  pinChanged: 'moderator',
  chatMessages: 'moderator',
  chatViewersChanged: 'moderator',
  chatPinnedMessage: 'moderator',
  obsStatusChanged: 'producer',
  scenesChanged: 'producer',
  programSceneChanged: 'producer',
  previewSceneChanged: 'producer',
  verticalSwitchChanged: 'producer',
  claimsChanged: 'producer',
  checkoutsChanged: 'producer',
  auctionsChanged: 'producer',
  replaysChanged: 'host',
  recordingChanged: 'producer',
  recordingsChanged: 'producer',
  destinationsChanged: 'host',
  egressChanged: 'producer',
  giveawaysChanged: 'producer',
  practiceAudienceChanged: 'moderator',
  // carries the invite links: the host's windows only
  guestsChanged: 'host',
};

const RANK: Readonly<Record<Role, number>> = { moderator: 0, producer: 1, host: 2 };

/** Does this role have this clearance under the host's policy? */
export function hasClearance(role: Role, clearance: Clearance, policy: RolePolicy): boolean {
  if (clearance === 'goLive') return role === 'host' || (role === 'producer' && policy.producersMayGoLive);
  return RANK[role] >= RANK[clearance];
}

export type AccessDecision = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** May this role call this channel? The refusal says so in the words the console shows. */
export function mayCall(role: Role, method: MethodName, policy: RolePolicy): AccessDecision {
  const entry = channelAccess[method] ?? access('host', 'do that');
  if (hasClearance(role, entry.clearance, policy)) return { ok: true };
  const why =
    entry.clearance === 'goLive' && role === 'producer' ? ' (the host has not allowed producers to go live)' : '';
  return { ok: false, message: `Your ${role} link can't ${entry.what}${why}.` };
}

/** Does this role receive this event? */
export function receivesEvent(role: Role, event: EventName, policy: RolePolicy): boolean {
  return hasClearance(role, eventAccess[event] ?? 'host', policy);
}

/** What a role may use, for the console to show only that. */
export interface RoleAbilities {
  readonly role: Role;
  readonly goLive: boolean;
  readonly runShow: boolean;
  readonly changeSettings: boolean;
}

export function abilitiesOf(role: Role, policy: RolePolicy): RoleAbilities {
  return {
    role,
    goLive: hasClearance(role, 'goLive', policy),
    runShow: hasClearance(role, 'producer', policy),
    changeSettings: role === 'host',
  };
}
