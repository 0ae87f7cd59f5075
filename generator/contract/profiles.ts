import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import { formatDidYouMean } from '../suggest.js';
import type { StringArgument } from './decorator-arguments.js';
import type { ProblemList } from './problems.js';

/**
 * Checks that `@Resilience(name)` names a profile of the config, reporting the nearest
 * known name otherwise. Answers the name either way, so that reading goes on.
 */
export function checkProfile(
  argument: StringArgument,
  knownProfiles: readonly string[],
  problems: ProblemList,
): string {
  const name = argument.value;
  if (knownProfiles.includes(name)) return name;

  const known = knownProfiles.length === 0 ? 'none' : knownProfiles.map((p) => `'${p}'`).join(', ');
  const message = `unknown resilience profile '${name}'; the config defines ${known}`;
  const hint =
    formatDidYouMean(name, knownProfiles) ??
    `add resilience.${name} to the config, or use a defined profile`;
  problems.report(argument.node, Codes.CONTRACT_PROFILE_UNKNOWN, message, hint);

  return name;
}
