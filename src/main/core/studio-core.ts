import path from 'node:path';
import packageJson from '../../../package.json' with { type: 'json' };
import type { AppInfo } from '../../shared/api/contract/app.js';
import { createDispatcher, type Dispatch, type Handlers } from '../api/dispatcher.js';
import { catalogHandlers } from '../catalog/catalog-handlers.js';
import { parseCatalog } from '../catalog/catalog-parser.js';
import { CatalogStore } from '../catalog/catalog-store.js';
import { ImportService } from '../catalog/import-service.js';
import { ControlServerManager } from '../control-server/control-server-manager.js';
import { openDatabase, schemaVersionOf, type StudioDatabase } from '../db/open-database.js';
import { rundownHandlers } from '../rundown/rundown-handlers.js';
import { RundownService } from '../rundown/rundown-service.js';
import { RundownStore } from '../rundown/rundown-store.js';
import { SettingsStore } from '../settings/settings-store.js';
import { appHandlers, type PlatformAdapter } from './app-handlers.js';
import { StudioEventBus } from './event-bus.js';

export interface StudioCoreOptions {
  /** The user's data folder: database, uploads, logs. */
  readonly dataDir: string;
  /** Defaults to `<dataDir>/studio.sqlite`. */
  readonly databasePath?: string;
  /** The built renderer served to browsers by the control server. */
  readonly rendererDir: string;
  readonly platform: PlatformAdapter;
  /** Browser mode: the control server is always on, on this port/bind. */
  readonly pinnedControlServer?: { readonly port?: number; readonly allowLan?: boolean };
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
  info(): AppInfo;
  close(): Promise<void>;
}

export async function startStudioCore(options: StudioCoreOptions): Promise<StudioCore> {
  const databasePath = options.databasePath ?? path.join(options.dataDir, 'studio.sqlite');
  const db = openDatabase(databasePath);
  const settings = new SettingsStore(db);
  const events = new StudioEventBus();

  const info = (): AppInfo => ({
    name: packageJson.productName,
    version: packageJson.version,
    runtime: options.platform.runtime,
    dataDir: path.resolve(options.dataDir),
    databasePath: path.resolve(databasePath),
    schemaVersion: schemaVersionOf(db),
  });

  // The control server needs the dispatcher and the handlers need the control
  // server: the server gets a forwarding function, bound once handlers exist.
  let dispatchToHandlers: Dispatch | null = null;
  const dispatch: Dispatch = (channel, input, context) => dispatchToHandlers!(channel, input, context);

  const uploadsDir = path.join(options.dataDir, 'uploads');
  const controlServer = new ControlServerManager({
    settings,
    events,
    dispatch,
    rendererDir: options.rendererDir,
    uploadsDir,
    ...(options.pinnedControlServer ? { pinned: options.pinnedControlServer } : {}),
  });

  const catalog = new CatalogStore(db);
  const rundown = new RundownService(new RundownStore(db), events);
  const imports = new ImportService({
    store: catalog,
    events,
    parse: parseCatalog,
    uploadsDir,
    // Product items in the rundown show live prices and stock.
    onCatalogChanged: () => rundown.catalogChanged(),
  });

  const handlers: Handlers = {
    ...appHandlers({ info, settings, events, controlServer, platform: options.platform }),
    ...catalogHandlers({ store: catalog, imports }),
    ...rundownHandlers(rundown),
  };
  dispatchToHandlers = createDispatcher(handlers);

  await controlServer.apply();

  return {
    db,
    settings,
    events,
    dispatch,
    controlServer,
    catalog,
    imports,
    rundown,
    info,
    async close() {
      await controlServer.stop();
      await imports.shutdown();
      db.close();
    },
  };
}
