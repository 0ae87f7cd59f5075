import type { FirstTrySuccessRecorder, ResilienceEvent, ResilienceListener } from './events.js';

/**
 * Hands {@link ResilienceEvent}s to subscribers. Emitters check {@link EventHub.active}
 * before they build an event, so a process with no subscriber allocates nothing for events.
 */
export class EventHub {
  #listeners: readonly ResilienceListener[] = [];
  /** Changes whenever the set of listeners does, so bound recorders know to rebind. */
  #version = 0;

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
    this.#version++;

    return () => {
      const remaining = this.#listeners.filter((l) => l !== listener);
      if (remaining.length !== this.#listeners.length) {
        this.#listeners = remaining;
        this.#version++;
      }
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

  /**
   * A sink for one route's first-try successes (see {@link FirstTrySuccessRecorder}): it
   * records them without event objects while every listener can bind a recorder, and tells
   * its caller to emit the events otherwise.
   */
  createFirstTrySink(
    identity: { readonly route: string; readonly profile: string },
    runtimeClock: object,
  ): FirstTrySuccessSink {
    return new FirstTrySuccessSink(this, () => this.#bindAll(identity, runtimeClock));
  }

  /** Changes whenever the set of listeners does. */
  get version(): number {
    return this.#version;
  }

  #bindAll(
    identity: { readonly route: string; readonly profile: string },
    runtimeClock: object,
  ): readonly FirstTrySuccessRecorder[] | undefined {
    const recorders: FirstTrySuccessRecorder[] = [];
    for (const listener of this.#listeners) {
      if (listener.bindFirstTrySuccess === undefined) {
        return undefined;
      }
      try {
        recorders.push(listener.bindFirstTrySuccess(identity, runtimeClock));
      } catch {
        return undefined;
      }
    }

    return recorders;
  }
}

/** See {@link EventHub.createFirstTrySink}. */
export class FirstTrySuccessSink {
  readonly #hub: EventHub;
  readonly #bind: () => readonly FirstTrySuccessRecorder[] | undefined;
  #boundVersion = -1;
  #recorders: readonly FirstTrySuccessRecorder[] | undefined;

  constructor(hub: EventHub, bind: () => readonly FirstTrySuccessRecorder[] | undefined) {
    this.#hub = hub;
    this.#bind = bind;
  }

  /**
   * Records a first-try success with every listener's recorder. Returns false, having
   * recorded nothing, when some listener has none: the caller emits the events instead.
   */
  record(durationMs: number, at: number): boolean {
    const version = this.#hub.version;
    if (version !== this.#boundVersion) {
      this.#recorders = this.#bind();
      this.#boundVersion = version;
    }
    const recorders = this.#recorders;
    if (recorders === undefined) {
      return false;
    }
    for (const recorder of recorders) {
      try {
        recorder(durationMs, at);
      } catch {
        // A subscriber's bug must never change the outcome of a call.
      }
    }

    return true;
  }
}
