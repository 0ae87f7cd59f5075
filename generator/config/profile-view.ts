import { CONFIG_DEFAULTS } from './defaults.js';
import { findSettingOrigin, mergeProfileChain } from './extends.js';
import { formatPointer } from './json-pointer.js';
import { mergeDeep, readPath, type JsonObject } from './json-object.js';

/** A settings path inside a profile, such as `['retry', 'baseDelay']`. */
export type SettingPath = readonly string[];

/**
 * One profile as the checks see it: its parents and the defaults merged in, and for each
 * setting the profile that wrote it. Values are read defensively, because the checks also
 * run on configs that broke the schema, so that every error is reported at once.
 */
export interface ProfileView {
  readonly name: string;
  /** The profile, then its ancestors. */
  readonly chain: readonly string[];
  /** The merged settings, over the defaults. */
  readonly settings: JsonObject;
  /** The setting at `path` if it is a number, else `undefined`. */
  readNumber(path: SettingPath): number | undefined;
  /** Tells whether this profile itself writes the setting (rather than a parent or default). */
  writes(path: SettingPath): boolean;
  /** The pointer of the setting where it is written, or where it would go in this profile. */
  locate(path: SettingPath): string;
  /** Says where a setting comes from, for messages: `''`, ` (from profile 'x')`, ` (default)`. */
  describeSource(path: SettingPath): string;
}

/** Builds a {@link ProfileView} for each profile of `chains`, in the file's order. */
export function createProfileViews(
  profiles: JsonObject,
  chains: ReadonlyMap<string, readonly string[]>,
): ProfileView[] {
  return [...chains].map(([name, chain]) => {
    const settings = mergeDeep(CONFIG_DEFAULTS.profile, mergeProfileChain(profiles, chain));
    const originOf = (path: SettingPath): string | undefined =>
      findSettingOrigin(profiles, chain, path);

    return {
      name,
      chain,
      settings: settings as JsonObject,
      readNumber(path) {
        const value = readPath(settings, path);

        return typeof value === 'number' ? value : undefined;
      },
      writes: (path) => originOf(path) === name,
      locate: (path) => formatPointer(['resilience', originOf(path) ?? name, ...path]),
      describeSource(path) {
        const origin = originOf(path);
        if (origin === name) {
          return '';
        }

        return origin === undefined ? ' (default)' : ` (from profile '${origin}')`;
      },
    };
  });
}
