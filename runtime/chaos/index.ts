/**
 * Fault injection on a generated server's routes, for chaos experiments: errors, added latency
 * and dropped connections at a rate, changeable at run time. docs/server.md describes it.
 */
export { CHAOS_DEFAULTS, CHAOS_MAX_FAULTS, CHAOS_STATE_SCHEMA } from './options.js';
export type { ChaosFault, ChaosFaultKind, ChaosOptions, ChaosState } from './options.js';
export { CHAOS_DEFAULT_ERROR_STATUS } from './controller.js';
export { CHAOS_HEADER } from './inject.js';
export { createSeededRandom } from './random.js';
export type { RandomSource } from './random.js';
