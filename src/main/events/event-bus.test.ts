import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import { StudioEventBus } from './event-bus.js';

describe('StudioEventBus', () => {
  it('on() hears only its own event, typed, until it lets go', () => {
    const bus = new StudioEventBus();
    const hosts: string[] = [];
    const off = bus.on('settingsChanged', (settings) => hosts.push(settings.hostName));
    bus.emit('settingsChanged', { ...defaultSettings(), hostName: 'Lola' });
    bus.emit('scenesChanged', []);
    off();
    bus.emit('settingsChanged', { ...defaultSettings(), hostName: 'Mia' });
    expect(hosts).toEqual(['Lola']);
  });

  it('subscribe() hears every event by channel; a failing listener does not stop the others', () => {
    const bus = new StudioEventBus();
    const heard: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bus.subscribe(() => {
      throw new Error('broken listener');
    });
    bus.subscribe((channel) => heard.push(channel));
    bus.emit('scenesChanged', []);
    bus.emit('settingsChanged', defaultSettings());
    expect(heard).toEqual(['studio:event:scenes-changed', 'studio:event:settings-changed']);
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
