import { assertNever } from '../assert-never.js';
import type { ResolvedBreaker } from '../resolve-policy.js';
import { ConsecutiveStrategy } from './consecutive.js';
import { CountWindowStrategy } from './count-window.js';
import type { BreakerStrategy } from './strategy.js';
import { TimeWindowStrategy } from './time-window.js';

/** Builds the strategy a breaker's `type` names, from settings already checked. */
export function createBreakerStrategy(settings: ResolvedBreaker): BreakerStrategy {
  switch (settings.type) {
    case 'consecutive':
      return new ConsecutiveStrategy(settings.failureThreshold);
    case 'count-window':
      return new CountWindowStrategy(settings.windowSize, settings.limits);
    case 'time-window':
      return new TimeWindowStrategy(settings.windowMs, settings.limits);
    default:
      return assertNever(settings.type, 'circuit breaker type');
  }
}
