/**
 * The config file spells a fault by what it does (`{ "route", "rate", "status": 503 }`,
 * `"latency": 200`, `"drop": true`); the runtime spells it with a `kind`. `PUT /chaos`
 * accepts both, so the faults of a config can be pasted into a request as they are.
 */

type Loose = Record<string, unknown>;

/**
 * Rewrites each fault written in the config's spelling (no `kind`, exactly one of `status`,
 * `latency`, `drop: true`) into the runtime's; anything else is left as it is, for validation
 * to judge. Never changes its input.
 */
export function normalizeChaosBody(body: unknown): unknown {
  if (!isObject(body) || !Array.isArray(body.faults)) {
    return body;
  }

  return { ...body, faults: body.faults.map(normalizeFault) };
}

function normalizeFault(fault: unknown): unknown {
  if (!isObject(fault) || 'kind' in fault) {
    return fault;
  }
  const { status, latency, drop, ...rest } = fault;
  const given = [status, latency, drop].filter((value) => value !== undefined).length;
  if (given !== 1) {
    return fault;
  }
  if (status !== undefined) {
    return { ...rest, kind: 'error', status };
  }
  if (latency !== undefined) {
    return { ...rest, kind: 'latency', latencyMs: latency };
  }

  return drop === true ? { ...rest, kind: 'drop' } : fault;
}

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
