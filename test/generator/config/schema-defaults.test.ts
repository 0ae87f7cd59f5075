import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONFIG_DEFAULTS } from '../../../generator/config/defaults.js';
import { readConfigSchema, type SchemaNode } from '../../../generator/config/schema.js';
import { PATTERN_MEANINGS } from '../../../generator/config/schema-errors.js';

const schema = readConfigSchema();

/** Properties that are required, or whose absence means something no default can say. */
const WITHOUT_DEFAULT = [
  '/$schema', // only for editors
  '/service', // absent: the only service, or none
  '/monitoring/resilience/token', // absent: control needs no token
  '/chaos/token',
  '$defs/service/baseUrl', // required
  '$defs/service/alternativeBaseUrl', // absent: no alternative_service fallback
  '$defs/profile/extends', // absent: start from the defaults
  '$defs/profile/service',
  '$defs/fault/route', // required
  '$defs/fault/rate', // required
  '$defs/fault/status', // exactly one of status, latency and drop
  '$defs/fault/latency',
  '$defs/fault/drop',
].sort();

function resolve(node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) {
    return node;
  }
  const name = node.$ref.replace('#/$defs/', '');

  return { ...resolve(schema.$defs![name]!), ...node, $ref: undefined };
}

/** Builds the object of defaults that a schema node's properties declare, leaves only. */
function collectDefaults(node: SchemaNode): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(resolve(node).properties ?? {})) {
    const resolved = resolve(property);
    if (resolved.properties !== undefined) {
      result[key] = collectDefaults(resolved);
    } else if ('default' in resolved) {
      result[key] = resolved.default;
    }
  }

  return result;
}

/** Visits every property of the schema with its path: `/a/b` from the root, `$defs/x/y`. */
function visitProperties(visit: (path: string, property: SchemaNode) => void): void {
  const walk = (node: SchemaNode, path: string): void => {
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      visit(`${path}/${key}`, property);
      walk(property, `${path}/${key}`);
    }
  };
  walk(schema, '');
  for (const [name, definition] of Object.entries(schema.$defs ?? {})) {
    walk(definition, `$defs/${name}`);
  }
}

test('the schema is JSON Schema 2020-12 and has an $id', () => {
  assert.is(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.type(schema.$id, 'string');
});

test('the schema’s defaults for the config sections equal CONFIG_DEFAULTS', () => {
  const sections = Object.fromEntries(
    Object.entries(CONFIG_DEFAULTS).filter(([key]) => key !== 'profile'),
  );
  assert.equal(collectDefaults(schema), JSON.parse(JSON.stringify(sections)));
});

test('the schema’s defaults for a profile equal CONFIG_DEFAULTS.profile', () => {
  assert.equal(
    collectDefaults(schema.$defs!.profile!),
    JSON.parse(JSON.stringify(CONFIG_DEFAULTS.profile)),
  );
});

test('every property of the schema has a description', () => {
  const missing: string[] = [];
  visitProperties((path, property) => {
    if (typeof resolve(property).description !== 'string') {
      missing.push(path);
    }
  });
  assert.equal(missing, []);
});

test('every property has a default, but for the listed required or meaningful-when-absent ones', () => {
  const missing: string[] = [];
  visitProperties((path, property) => {
    if (!('default' in property)) {
      missing.push(path);
    }
  });
  assert.equal(missing.sort(), WITHOUT_DEFAULT);
});

test('every pattern of the schema has a meaning for messages', () => {
  const patterns = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'pattern' && typeof inner === 'string') {
          patterns.add(inner);
        }
        walk(inner);
      }
    }
  };
  walk(schema);
  assert.equal([...patterns].sort(), Object.keys(PATTERN_MEANINGS).sort());
});

test('docs/config.md names every key of the schema', () => {
  const docs = readFileSync(new URL('../../../docs/config.md', import.meta.url), 'utf8');
  const missing: string[] = [];
  visitProperties((path) => {
    const key = path.split('/').at(-1)!;
    if (!docs.includes(`\`${key}\``) && !docs.includes(`\`${key}.`)) {
      missing.push(path);
    }
  });
  assert.equal(missing, []);
});

test('CONFIG_DEFAULTS is frozen all the way down', () => {
  assert.ok(Object.isFrozen(CONFIG_DEFAULTS));
  assert.ok(Object.isFrozen(CONFIG_DEFAULTS.profile.retry.budget));
  assert.ok(Object.isFrozen(CONFIG_DEFAULTS.chaos.faults));
  assert.throws(() => {
    (CONFIG_DEFAULTS.profile.retry as { maxAttempts: number }).maxAttempts = 9;
  });
});

test.run();
