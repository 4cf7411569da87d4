import type { rundownChannels } from '../../shared/api/contract/rundown.js';
import type { Handlers } from '../api/dispatcher.js';
import type { RundownService } from './rundown-service.js';

export function rundownHandlers(rundown: RundownService): Pick<Handlers, keyof typeof rundownChannels> {
  return {
    listShows: () => rundown.listShows(),
    createShow: ({ name, scheduledStart, practice }) => rundown.createShow(name, scheduledStart, practice),
    updateShow: ({ showId, name, scheduledStart, practice }) => rundown.updateShow(showId, { name, scheduledStart, practice }),
    deleteShow: ({ showId }) => ({ deleted: rundown.deleteShow(showId) }),
    duplicateShow: ({ showId, name }) => rundown.duplicateShow(showId, name),
    getActiveRundown: () => rundown.getActiveRundown(),
    setActiveShow: ({ showId }) => rundown.setActiveShow(showId),
    getRundown: ({ showId }) => rundown.getRundown(showId),
    addRundownItems: ({ showId, items, position }) => rundown.addItems(showId, items, position),
    updateRundownItem: ({ itemId, title, notes, plannedSeconds }) =>
      rundown.updateItem(itemId, { title, notes, plannedSeconds }),
    removeRundownItem: ({ itemId }) => rundown.removeItem(itemId),
    moveRundownItem: ({ itemId, toPosition }) => rundown.moveItem(itemId, toPosition),
    setRundownCursor: ({ showId, itemId }) => rundown.setCursor(showId, itemId),
    advanceRundown: ({ showId, direction }) => rundown.advance(showId, direction),
  };
}
