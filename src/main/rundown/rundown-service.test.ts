import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { StudioEventBus } from '../events/event-bus.js';
import { openDatabase } from '../db/open-database.js';
import { RundownService } from './rundown-service.js';
import { RundownStore } from './rundown-store.js';

function service() {
  const events = new StudioEventBus();
  const seen: { channel: string; payload: unknown }[] = [];
  events.subscribe((channel, payload) => seen.push({ channel, payload }));
  const rundown = new RundownService(new RundownStore(openDatabase(path.join(tempDir(), 'studio.sqlite'))), events);
  const take = () => seen.splice(0).map((e) => e.channel.replace('studio:event:', ''));
  return { rundown, seen, take };
}

const intro = { kind: 'segment', segmentType: 'intro', title: 'Intro', notes: '', plannedSeconds: 30 } as const;

describe('RundownService events', () => {
  it('announces show list changes, and rundown changes only for the active show', () => {
    const { rundown, seen, take } = service();
    const live = rundown.createShow('Live', null);
    const other = rundown.createShow('Other', null);
    expect(take()).toEqual(['shows-changed', 'shows-changed']);

    rundown.addItems(other.id, [intro]);
    expect(take()).toEqual(['shows-changed']);

    const state = rundown.setActiveShow(live.id);
    expect(seen[0]).toEqual({ channel: 'studio:event:rundown-changed', payload: state });
    take();

    rundown.addItems(live.id, [intro, intro]);
    expect(take()).toEqual(['shows-changed', 'rundown-changed']);
    const items = rundown.getRundown(live.id).items;
    rundown.moveItem(items[1]!.id, 0);
    rundown.advance(live.id, 'next');
    rundown.updateItem(items[0]!.id, { notes: 'smile' });
    expect(take()).toEqual(['rundown-changed', 'rundown-changed', 'rundown-changed']);
    rundown.updateItem(items[0]!.id, { plannedSeconds: 45 });
    expect(take()).toEqual(['shows-changed', 'rundown-changed']);

    rundown.advance(other.id, 'next');
    expect(take()).toEqual([]);
  });

  it('sends a null rundown when the active show is deleted', () => {
    const { rundown, seen, take } = service();
    const show = rundown.createShow('Live', null);
    rundown.setActiveShow(show.id);
    take();
    expect(rundown.deleteShow(show.id)).toBe(true);
    expect(seen).toEqual([
      { channel: 'studio:event:shows-changed', payload: [] },
      { channel: 'studio:event:rundown-changed', payload: null },
    ]);
    expect(rundown.getActiveRundown()).toBeNull();
  });

  it('re-sends the active rundown when the catalog changed', () => {
    const { rundown, take } = service();
    rundown.catalogChanged();
    expect(take()).toEqual([]);
    rundown.setActiveShow(rundown.createShow('Live', null).id);
    take();
    rundown.catalogChanged();
    expect(take()).toEqual(['rundown-changed']);
  });
});
