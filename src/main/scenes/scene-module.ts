import type { sceneChannels } from '../../shared/api/contract/scenes.js';
import type { Handlers } from '../api/dispatcher.js';
import type { StudioDatabase } from '../db/open-database.js';
import type { StudioEventBus } from '../events/event-bus.js';
import { sceneHandlers } from './scene-handlers.js';
import { SceneStore } from './scene-store.js';
import { VerticalStore } from './vertical-store.js';
import { VerticalSwitch } from './vertical-switch.js';

/** The scenes feature built in dependency order: the store, the vertical switcher, then both switchers' requests. */
export function sceneModuleHandlers(db: StudioDatabase, events: StudioEventBus): Pick<Handlers, keyof typeof sceneChannels> {
  const store = new SceneStore(db);
  const vertical = new VerticalSwitch(store, new VerticalStore(db), events);
  return { ...sceneHandlers(store, events, Date.now, vertical), ...vertical.handlers() };
}
