import { GeneratorErrorCodes } from '../error-codes.js';
import { formatDidYouMean } from '../suggest.js';
import type { ConfigFinding } from './diagnostics.js';
import { formatPointer } from './json-pointer.js';
import { isJsonObject, readPath, type JsonObject } from './json-object.js';
import type { ProfileView } from './profile-view.js';

const FALLBACK_PATHS = [['fallback', 'strategy'], ['fallback', 'enabled'], ['service']];

/**
 * Checks the names that point elsewhere in the config: each `service` must name an entry of
 * `services`, and a profile whose fallback is `alternative_service` must reach a service
 * with an `alternativeBaseUrl`. When the config declares no services at all, base URLs are
 * given to the generated client at run time, and so is the alternative one.
 */
export function checkServiceReferences(
  config: JsonObject,
  views: readonly ProfileView[],
): ConfigFinding[] {
  const services = isJsonObject(config.services) ? config.services : Object.create(null);
  const names = Object.keys(services);
  const findings: ConfigFinding[] = [];
  const checkName = (pointer: string, name: unknown): void => {
    if (typeof name === 'string' && !Object.hasOwn(services, name)) {
      findings.push(describeUnknownService(pointer, name, names));
    }
  };
  checkName('/service', config.service);
  for (const view of views) {
    checkName(
      formatPointer(['resilience', view.name, 'service']),
      readPath(config, ['resilience', view.name, 'service']),
    );
  }
  if (names.length === 0) {
    return findings;
  }
  const configService = typeof config.service === 'string' ? config.service : undefined;
  for (const view of views) {
    const fallback = view.settings.fallback;
    const usesAlternative =
      readPath(fallback, ['enabled']) === true &&
      readPath(fallback, ['strategy']) === 'alternative_service';
    const at = FALLBACK_PATHS.find((path) => view.writes(path));
    if (!usesAlternative || at === undefined) {
      continue;
    }
    const own = view.settings.service;
    const service =
      (typeof own === 'string' ? own : configService) ??
      (names.length === 1 ? names[0] : undefined);
    const finding = checkAlternative(view, service, services);
    if (finding !== undefined) {
      findings.push({ ...finding, pointer: view.locate(at) });
    }
  }

  return findings;
}

function checkAlternative(
  view: ProfileView,
  service: string | undefined,
  services: JsonObject,
): Omit<ConfigFinding, 'pointer'> | undefined {
  const code = GeneratorErrorCodes.CONFIG_NO_ALTERNATIVE_URL;
  if (service === undefined) {
    return {
      code,
      message: `profile '${view.name}' falls back to an alternative service but names no service, and there are several`,
      hint: "set 'service' in the profile or at the top of the config",
    };
  }
  const entry = services[service];
  if (!isJsonObject(entry) || entry.alternativeBaseUrl !== undefined) {
    return undefined;
  }

  return {
    code,
    message: `profile '${view.name}' falls back to an alternative service, but service '${service}' has no alternativeBaseUrl`,
    hint: `add services.${service}.alternativeBaseUrl, or choose another fallback strategy`,
  };
}

function describeUnknownService(
  pointer: string,
  name: string,
  names: readonly string[],
): ConfigFinding {
  return {
    code: GeneratorErrorCodes.CONFIG_UNKNOWN_SERVICE,
    pointer,
    message: `service '${name}' is not declared in services`,
    hint:
      formatDidYouMean(name, names) ??
      (names.length === 0
        ? `declare it: "services": { "${name}": { "baseUrl": "…" } }`
        : `the services are: ${names.join(', ')}`),
  };
}
