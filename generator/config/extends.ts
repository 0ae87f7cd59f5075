import { GeneratorErrorCodes } from '../error-codes.js';
import { formatDidYouMean } from '../suggest.js';
import type { ConfigFinding } from './diagnostics.js';
import { formatPointer } from './json-pointer.js';
import { isJsonObject, mergeDeep, readPath, type JsonObject } from './json-object.js';

/** The result of {@link resolveExtends}. */
export interface ProfileLineages {
  /** For each profile, itself and then its ancestors, as far as they resolve. */
  readonly chains: ReadonlyMap<string, readonly string[]>;
  /** Unknown parents and cycles, each reported once. */
  readonly findings: readonly ConfigFinding[];
}

/**
 * Follows each profile's `extends` to the profile it starts from, and so on up. A parent
 * that does not exist is reported at the `extends` that names it, with the nearest profile
 * name; a cycle is reported once, named in full, at the `extends` of its member that comes
 * first in the file. Values of the wrong type are left to the schema's errors.
 */
export function resolveExtends(profiles: JsonObject): ProfileLineages {
  const names = Object.keys(profiles);
  const chains = new Map<string, string[]>();
  const findings: ConfigFinding[] = [];
  const cycles = new Set<string>();
  for (const name of names) {
    const parent = readParent(profiles, name);
    if (parent !== undefined && !Object.hasOwn(profiles, parent)) {
      const others = names.filter((other) => other !== name);
      findings.push({
        code: GeneratorErrorCodes.CONFIG_UNKNOWN_PARENT,
        pointer: formatPointer(['resilience', name, 'extends']),
        message: `profile '${name}' extends '${parent}', which is not a profile`,
        hint: formatDidYouMean(parent, others) ?? listProfiles(others),
      });
    }
    const { chain, cycle } = followParents(profiles, name);
    chains.set(name, chain);
    if (cycle !== undefined) {
      const ordered = rotateToFirst(cycle, names);
      const key = ordered.join('\u0000');
      if (!cycles.has(key)) {
        cycles.add(key);
        findings.push(describeCycle(ordered));
      }
    }
  }

  return { chains, findings };
}

/**
 * Merges the settings of a chain from {@link resolveExtends}: the farthest ancestor first,
 * each nearer profile over it, key by key. `extends` itself is left out.
 */
export function mergeProfileChain(profiles: JsonObject, chain: readonly string[]): JsonObject {
  let merged: JsonObject = Object.create(null);
  for (const name of [...chain].reverse()) {
    const own = profiles[name];
    if (isJsonObject(own)) {
      merged = mergeDeep(merged, own) as JsonObject;
    }
  }
  delete merged.extends;

  return merged;
}

/**
 * Tells which profile of `chain` writes the setting at `path` (such as `['retry',
 * 'baseDelay']`) that the merged profile ends up with, or `undefined` for a default.
 */
export function findSettingOrigin(
  profiles: JsonObject,
  chain: readonly string[],
  path: readonly string[],
): string | undefined {
  return chain.find((name) => readPath(profiles[name], path) !== undefined);
}

function readParent(profiles: JsonObject, name: string): string | undefined {
  const parent = readPath(profiles[name], ['extends']);

  return typeof parent === 'string' ? parent : undefined;
}

function followParents(
  profiles: JsonObject,
  name: string,
): { chain: string[]; cycle: string[] | undefined } {
  const chain = [name];
  for (;;) {
    const parent = readParent(profiles, chain.at(-1)!);
    if (parent === undefined || !Object.hasOwn(profiles, parent)) {
      return { chain, cycle: undefined };
    }
    const seenAt = chain.indexOf(parent);
    if (seenAt >= 0) {
      return { chain, cycle: chain.slice(seenAt) };
    }
    chain.push(parent);
  }
}

/** Starts a cycle at its member that comes first in the file, so it is named one way. */
function rotateToFirst(cycle: readonly string[], order: readonly string[]): string[] {
  const first = cycle.reduce((a, b) => (order.indexOf(b) < order.indexOf(a) ? b : a));
  const at = cycle.indexOf(first);

  return [...cycle.slice(at), ...cycle.slice(0, at)];
}

function describeCycle(cycle: readonly string[]): ConfigFinding {
  const first = cycle[0]!;
  const message =
    cycle.length === 1
      ? `profile '${first}' extends itself`
      : `profiles extend each other in a cycle: ${[...cycle, first].join(' → ')}`;

  return {
    code: GeneratorErrorCodes.CONFIG_EXTENDS_CYCLE,
    pointer: formatPointer(['resilience', first, 'extends']),
    message,
    hint: cycle.length === 1 ? "remove its 'extends'" : "remove 'extends' from one of them",
  };
}

function listProfiles(names: readonly string[]): string {
  return names.length === 0 ? 'there is no other profile' : `the profiles are: ${names.join(', ')}`;
}
