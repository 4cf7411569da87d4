import { events, type EventName, type PayloadOf } from '../../shared/api/contract/index.js';

export type EventListener = (channel: string, payload: unknown) => void;

/** Main-process events fan out to every connected UI (IPC window, control-server browsers). */
export class StudioEventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void {
    const { channel } = events[name];
    for (const listener of [...this.listeners]) {
      try {
        listener(channel, payload);
      } catch (error) {
        console.error(`Event listener for ${channel} failed`, error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
