import { StudioError } from '../../shared/api/result.js';
import { checkDestinationName, checkOrientation, checkServerUrl, checkStreamKey, type Checked } from '../../shared/domain/destination-input.js';
import { MAX_SAVED_DESTINATIONS, type Destination, type DestinationOrientation, type Platform } from '../../shared/domain/destinations.js';
import type { StudioDatabase } from '../db/open-database.js';
import { streamKeyName, streamKeyOwner, type SecretStore } from '../settings/secret-store.js';

interface Row {
  id: number;
  name: string;
  platform: Platform;
  server_url: string;
  enabled: number;
  orientation: DestinationOrientation;
}

export interface NewDestination {
  readonly name: string;
  readonly platform: Platform;
  readonly serverUrl: string;
  readonly streamKey: string;
  readonly enabled: boolean;
  /** Default horizontal. */
  readonly orientation?: DestinationOrientation | undefined;
}

export interface DestinationChange {
  readonly id: number;
  readonly name?: string | undefined;
  readonly platform?: Platform | undefined;
  readonly serverUrl?: string | undefined;
  readonly streamKey?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly orientation?: DestinationOrientation | undefined;
}

const COLUMNS = 'id, name, platform, server_url, enabled, orientation';

/** The checked value, or the check's message as the refusal a host reads. */
function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new StudioError('invalid-input', checked.message);
  return checked.value;
}

/**
 * Settings → Destinations: the rows in SQLite (table `destinations`,
 * migration 0110) and each one's stream key in the secret store
 * (`streamKey.<id>`), never in the database. What it returns carries
 * `hasKey`, never the key; only `streamKey(id)` reads a key, for the request
 * that starts the destination on the SFU.
 */
export class DestinationStore {
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly byNameStmt;
  private readonly countStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(
    db: StudioDatabase,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {
    this.listStmt = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM destinations ORDER BY position, id`);
    this.byIdStmt = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM destinations WHERE id = ?`);
    this.byNameStmt = db.prepare<[string, number], { id: number }>('SELECT id FROM destinations WHERE lower(name) = lower(?) AND id <> ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM destinations');
    this.insertStmt = db.prepare<[string, Platform, string, number, DestinationOrientation, number, number]>(
      `INSERT INTO destinations (name, platform, server_url, enabled, orientation, position, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM destinations), ?, ?)`,
    );
    this.updateStmt = db.prepare<[string, Platform, string, number, DestinationOrientation, number, number]>(
      'UPDATE destinations SET name = ?, platform = ?, server_url = ?, enabled = ?, orientation = ?, updated_at = ? WHERE id = ?',
    );
    this.deleteStmt = db.prepare<[number]>('DELETE FROM destinations WHERE id = ?');
  }

  list(): Destination[] {
    return this.listStmt.all().map((row) => this.view(row));
  }

  get(id: number): Destination {
    return this.view(this.row(id));
  }

  create(input: NewDestination): Destination {
    const name = this.uniqueName(input.name, 0);
    const serverUrl = valid(checkServerUrl(input.serverUrl, input.platform));
    const streamKey = valid(checkStreamKey(input.streamKey));
    const orientation = valid(checkOrientation(input.orientation ?? 'horizontal'));
    if (this.countStmt.get()!.n >= MAX_SAVED_DESTINATIONS) {
      throw new StudioError('conflict', `You can keep up to ${MAX_SAVED_DESTINATIONS} destinations. Delete one you no longer use first.`);
    }
    const at = this.now();
    const id = Number(this.insertStmt.run(name, input.platform, serverUrl, input.enabled ? 1 : 0, orientation, at, at).lastInsertRowid);
    try {
      this.secrets.set(streamKeyName(id), streamKey);
    } catch (error) {
      // Without its key the destination is no use: leave nothing half-made.
      this.deleteStmt.run(id);
      throw new StudioError('internal', `The stream key could not be saved (${(error as Error).message}), so the destination was not added.`);
    }
    return this.get(id);
  }

  /** Applies a change; says whether what the SFU pushes to (the address, the key, the name in its status, the orientation) changed. */
  update(change: DestinationChange): { readonly destination: Destination; readonly addressChanged: boolean } {
    const before = this.row(change.id);
    const name = change.name === undefined ? before.name : this.uniqueName(change.name, before.id);
    const platform = change.platform ?? before.platform;
    const serverUrl = valid(checkServerUrl(change.serverUrl ?? before.server_url, platform));
    const streamKey = change.streamKey === undefined ? null : valid(checkStreamKey(change.streamKey));
    const enabled = change.enabled ?? before.enabled === 1;
    const orientation = change.orientation === undefined ? before.orientation : valid(checkOrientation(change.orientation));
    this.updateStmt.run(name, platform, serverUrl, enabled ? 1 : 0, orientation, this.now(), before.id);
    const keyChanged = streamKey !== null && streamKey !== this.streamKey(before.id);
    if (streamKey !== null && keyChanged) this.secrets.set(streamKeyName(before.id), streamKey);
    return {
      destination: this.get(before.id),
      addressChanged: keyChanged || serverUrl !== before.server_url || name !== before.name || orientation !== before.orientation,
    };
  }

  /** Deletes the row and its stream key. */
  delete(id: number): void {
    this.row(id);
    this.deleteStmt.run(id);
    this.secrets.delete(streamKeyName(id));
  }

  /** The key, for the SFU request only (main never logs it or sends it to a window). */
  streamKey(id: number): string | null {
    return this.secrets.get(streamKeyName(id));
  }

  /** Every saved key: what a reason from the SFU must never show. */
  allKeys(): string[] {
    return this.listStmt
      .all()
      .map((row) => this.streamKey(row.id))
      .filter((key): key is string => key !== null);
  }

  /**
   * Drops stream keys whose destination is gone (a backup restored from
   * before it was added): a key stays only as long as its destination.
   * Returns how many went.
   */
  forgetOrphanKeys(): number {
    const ids = new Set(this.listStmt.all().map((row) => row.id));
    let dropped = 0;
    for (const name of this.secrets.names()) {
      const owner = streamKeyOwner(name);
      if (owner === null || ids.has(owner)) continue;
      this.secrets.delete(name);
      dropped++;
    }
    return dropped;
  }

  private row(id: number): Row {
    const row = this.byIdStmt.get(id);
    if (!row) throw new StudioError('not-found', 'That destination no longer exists.');
    return row;
  }

  private uniqueName(text: string, id: number): string {
    const name = valid(checkDestinationName(text));
    if (this.byNameStmt.get(name, id)) throw new StudioError('conflict', `You already have a destination called "${name}". Give this one another name.`);
    return name;
  }

  private view(row: Row): Destination {
    return {
      id: row.id,
      name: row.name,
      platform: row.platform,
      serverUrl: row.server_url,
      orientation: row.orientation,
      enabled: row.enabled === 1,
      hasKey: this.streamKey(row.id) !== null,
    };
  }
}
