import { CHAT_STORED_WAIT_MS } from '../shared/sfu/protocol-chat.js';
import type { ShowEndedReason } from '../shared/sfu/protocol.js';
import type { EgressProcess } from './egress/show-egress.js';
import { Room } from './room.js';
import type { SfuLog } from './sfu-log.js';
import { ShowWaiters } from './show-waiters.js';
import type { WorkerPool } from './worker-pool.js';

/** An empty room is kept this long: a host's network blip or a worker restart must not lose the pin. */
const EMPTY_ROOM_GRACE_MS = 60_000;
/** Ended shows are remembered so a late viewer reads "The show has ended", not "hasn't started". */
const ENDED_SHOW_MEMORY_MS = 6 * 60 * 60_000;
const ENDED_SHOW_MEMORY_MAX = 2000;

export interface RoomTotals {
  readonly rooms: number;
  readonly liveRooms: number;
  readonly viewers: number;
  readonly hosts: number;
  /** Connections waiting for a show that has no room (`waitForShow`). */
  readonly waiting: number;
}

/** All rooms by show id; a host's join creates one, and it is dropped when it stays empty. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly dropTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly endedShows = new Map<string, number>();
  /** Viewers waiting for shows without a room; a host's join tells them (peer-session.ts). */
  readonly waiters = new ShowWaiters();

  constructor(
    private readonly pool: WorkerPool,
    private readonly settings: {
      readonly maxRooms: number;
      readonly viewerCountIntervalMs: number;
      readonly chatStoredWaitMs?: number;
      readonly ffmpegPath?: string;
    },
    private readonly log: SfuLog,
  ) {}

  get(show: string): Room | undefined {
    return this.rooms.get(show);
  }

  /** The room for a show, created without a router (the host's join opens one next). */
  getOrCreate(show: string): Room {
    this.cancelDrop(show);
    let room = this.rooms.get(show);
    if (!room) {
      room = new Room(
        show,
        {
          createRouter: () => this.pool.createShowRouter(),
          viewerCountIntervalMs: this.settings.viewerCountIntervalMs,
          chatStoredWaitMs: this.settings.chatStoredWaitMs ?? CHAT_STORED_WAIT_MS,
          log: this.log,
          ffmpegPath: this.settings.ffmpegPath ?? 'ffmpeg',
          onEmpty: (r) => this.scheduleDrop(r),
        },
        this.endedRecently(show),
      );
      this.rooms.set(show, room);
    }
    return room;
  }

  /** Routers are the costly part of a room; the limit counts them only. */
  canOpenAnotherShow(): boolean {
    let withRouter = 0;
    for (const room of this.rooms.values()) if (room.hasRouter) withRouter++;
    return withRouter < this.settings.maxRooms;
  }

  totals(): RoomTotals {
    let liveRooms = 0;
    let viewers = 0;
    let hosts = 0;
    for (const room of this.rooms.values()) {
      if (room.live) liveRooms++;
      if (room.hasHost) hosts++;
      viewers += room.viewerCount;
    }
    return { rooms: this.rooms.size, liveRooms, viewers, hosts, waiting: this.waiters.count };
  }

  /** Shutdown: every room's viewers hear that the show ended. */
  endAll(reason: ShowEndedReason): void {
    for (const room of this.rooms.values()) room.endShow(reason);
  }

  rememberEnded(show: string): void {
    this.endedShows.delete(show);
    this.endedShows.set(show, Date.now());
    // Map keeps insertion order: the first entries are the oldest.
    while (this.endedShows.size > ENDED_SHOW_MEMORY_MAX) {
      const oldest = this.endedShows.keys().next().value;
      if (oldest === undefined) break;
      this.endedShows.delete(oldest);
    }
  }

  /** Multistream's ffmpeg processes, every show's (for a benchmark; never in the protocol). */
  egressProcesses(): (EgressProcess & { readonly show: string })[] {
    return [...this.rooms.values()].flatMap((room) => room.egressProcesses().map((p) => ({ show: room.show, ...p })));
  }

  /** Ends every show's multistream; resolves when every ffmpeg is gone. */
  async endAllEgress(reason: string): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => room.endEgress(reason)));
  }

  closeAll(): void {
    for (const timer of this.dropTimers.values()) clearTimeout(timer);
    this.dropTimers.clear();
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  /** The show ended and its room is gone, within the last hours: a late viewer hears "ended", not "not started". */
  endedRecently(show: string): boolean {
    const at = this.endedShows.get(show);
    if (at === undefined) return false;
    if (Date.now() - at <= ENDED_SHOW_MEMORY_MS) return true;
    this.endedShows.delete(show);
    return false;
  }

  private scheduleDrop(room: Room): void {
    this.cancelDrop(room.show);
    const timer = setTimeout(() => {
      this.dropTimers.delete(room.show);
      if (!room.isEmpty || this.rooms.get(room.show) !== room) return;
      if (room.hasEnded) this.rememberEnded(room.show);
      room.close();
      this.rooms.delete(room.show);
      this.log.debug(`show ${room.show}: room dropped after staying empty`);
    }, EMPTY_ROOM_GRACE_MS);
    timer.unref();
    this.dropTimers.set(room.show, timer);
  }

  private cancelDrop(show: string): void {
    const timer = this.dropTimers.get(show);
    if (timer) clearTimeout(timer);
    this.dropTimers.delete(show);
  }
}
