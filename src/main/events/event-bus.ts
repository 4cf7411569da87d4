import { events, type EventName, type PayloadOf } from '../../shared/api/contract/index.js';

/** Hears every event on the wire's terms (a channel and its payload): the forwarders to UIs use this. */
export type EventListener = (channel: string, payload: unknown) => void;

/** Hears one event, typed by the contract. */
export type TypedListener<E extends EventName> = (payload: PayloadOf<E>) => void;

/**
 * Main-process events: the contract's events (src/shared/api/contract),
 * emitted by the services and fanned out to every connected UI (the IPC
 * window, the control server's browsers) and to the services that follow
 * another's state (OBS follows the pin, the report follows the SFU status).
 * A failing listener is logged and never stops the others.
 */
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

  /** One event, with its payload typed: what a service inside main listens with. */
  on<E extends EventName>(name: E, listener: TypedListener<E>): () => void {
    const { channel } = events[name];
    return this.subscribe((heard, payload) => {
      if (heard === channel) listener(payload as PayloadOf<E>);
    });
  }

  /** Every event (a UI transport forwarding them all). */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
