import type { ChaosFault, ChaosState } from './options.js';
import type { RandomSource } from './random.js';

/** What chaos does to one request: a wait first, then maybe an error or a dropped connection. */
export interface ChaosPlan {
  /** The added wait, in milliseconds: the sum of the latency faults that hit. */
  readonly latencyMs: number;
  /** The error or drop fault that hit, if any; the first one ends the draws. */
  readonly fault: (ChaosFault & { readonly kind: 'error' | 'drop' }) | undefined;
}

/** The status of an `error` fault that names none. */
export const CHAOS_DEFAULT_ERROR_STATUS = 500;

/**
 * Holds the live chaos state of a server and decides, request by request, which faults hit.
 * The state is replaced whole, never edited, so a request sees one consistent set of rules.
 */
export class ChaosController {
  #state: ChaosState;
  readonly #random: RandomSource;

  constructor(initial: ChaosState, random: RandomSource) {
    this.#state = copyState(initial);
    this.#random = random;
  }

  /** The current state, as `GET /chaos` shows it. */
  read(): ChaosState {
    return this.#state;
  }

  /** Replaces the state (already checked with `checkChaosState`). */
  replace(state: ChaosState): void {
    this.#state = copyState(state);
  }

  /**
   * Draws the faults for one request of `route` (`METHOD /path/:param`): each rule naming the
   * route or `*`, in order, draws a number and hits when it is below the rule's rate. Latency
   * hits add up; the first error or drop hit ends the draws. `undefined` when nothing hits or
   * chaos is off.
   */
  plan(route: string): ChaosPlan | undefined {
    const { enabled, faults } = this.#state;
    if (!enabled) {
      return undefined;
    }
    let latencyMs = 0;
    for (const fault of faults) {
      if ((fault.route !== '*' && fault.route !== route) || !(this.#random() < fault.rate)) {
        continue;
      }
      if (fault.kind === 'latency') {
        latencyMs += fault.latencyMs ?? 0;
      } else {
        return { latencyMs, fault: { ...fault, kind: fault.kind } };
      }
    }

    return latencyMs > 0 ? { latencyMs, fault: undefined } : undefined;
  }
}

function copyState(state: ChaosState): ChaosState {
  return Object.freeze({
    enabled: state.enabled,
    faults: Object.freeze(state.faults.map((fault) => Object.freeze({ ...fault }))),
  });
}
