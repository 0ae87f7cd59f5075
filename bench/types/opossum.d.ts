// opossum ships no types; these declare only what the benchmarks call.
declare module 'opossum' {
  import { EventEmitter } from 'node:events';

  /** The options the benchmarks leave at their defaults (timeout 10 s, window 10 s). */
  interface CircuitBreakerOptions {
    readonly timeout?: number | false;
    readonly resetTimeout?: number;
    readonly errorThresholdPercentage?: number;
  }

  class CircuitBreaker<A extends unknown[] = unknown[], R = unknown> extends EventEmitter {
    constructor(action: (...args: A) => Promise<R>, options?: CircuitBreakerOptions);
    fire(...args: A): Promise<R>;
    shutdown(): void;
  }

  export default CircuitBreaker;
}
