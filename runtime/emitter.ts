import type { ResilienceEvent, ResilienceListener } from './events.js';

/**
 * Hands {@link ResilienceEvent}s to subscribers. Emitters check {@link EventHub.active}
 * before they build an event, so a process with no subscriber allocates nothing for events.
 */
export class EventHub {
  #listeners: readonly ResilienceListener[] = [];

  /** @param listeners - subscribers from the start; more may come through {@link EventHub.on}. */
  constructor(listeners: readonly ResilienceListener[] = []) {
    this.#listeners = [...listeners];
  }

  /** True when at least one listener is subscribed. */
  get active(): boolean {
    return this.#listeners.length > 0;
  }

  /** Subscribes `listener`; the function returned unsubscribes it (twice is harmless). */
  on(listener: ResilienceListener): () => void {
    this.#listeners = [...this.#listeners, listener];

    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Hands `event` to every listener; a listener that throws is ignored (see the listener type). */
  emit(event: ResilienceEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's bug must never change the outcome of a call.
      }
    }
  }
}
