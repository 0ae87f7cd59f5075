import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONFIG_DEFAULTS } from '../../../generator/config/defaults.js';
import { validateConfigBytes } from '../../../generator/config/load.js';
import type { NormalizedProfile } from '../../../generator/config/types.js';

interface ExtendsCase {
  readonly name: string;
  /** The config's `resilience` section. */
  readonly given: Record<string, unknown>;
  /** The profile to look at, and the parts of its normalized form that must match. */
  readonly profile: string;
  readonly want: Partial<Record<keyof NormalizedProfile, unknown>>;
}

const retryDefaults = CONFIG_DEFAULTS.profile.retry;
const breakerDefaults = CONFIG_DEFAULTS.profile.circuitBreaker;

const cases: ExtendsCase[] = [
  {
    name: 'a child overrides one retry key and keeps its parent’s others',
    given: {
      base: { retry: { maxAttempts: 4, baseDelay: 200, maxDelay: 2000, jitter: false } },
      child: { extends: 'base', retry: { maxAttempts: 2 } },
    },
    profile: 'child',
    want: {
      extendsChain: ['base'],
      retry: { ...retryDefaults, maxAttempts: 2, baseDelay: 200, maxDelay: 2000, jitter: 'none' },
    },
  },
  {
    name: 'a grandchild merges all three levels, the nearest winning key by key',
    given: {
      base: { circuitBreaker: { failureThreshold: 3, recoveryTimeout: 9000 } },
      reads: {
        extends: 'base',
        fallback: { enabled: true },
        circuitBreaker: { failureThreshold: 4 },
      },
      critical: { extends: 'reads', circuitBreaker: { type: 'count-window', windowSize: 50 } },
    },
    profile: 'critical',
    want: {
      extendsChain: ['reads', 'base'],
      circuitBreaker: {
        ...breakerDefaults,
        type: 'count-window',
        windowSize: 50,
        failureThreshold: 4,
        recoveryTimeout: 9000,
      },
      fallback: { enabled: true, strategy: 'cache' },
    },
  },
  {
    name: 'a child written before its parent resolves the same',
    given: {
      child: { extends: 'parent', timeout: { attempt: 2000 } },
      parent: { timeout: { total: 40000 }, bulkhead: { maxConcurrent: 4 } },
    },
    profile: 'child',
    want: {
      timeout: { attempt: 2000, total: 40000 },
      bulkhead: { ...CONFIG_DEFAULTS.profile.bulkhead, maxConcurrent: 4 },
    },
  },
  {
    name: 'the parent’s boolean jitter is named in the child',
    given: { parent: { retry: { jitter: true } }, child: { extends: 'parent' } },
    profile: 'child',
    want: { retry: { ...retryDefaults, jitter: 'full' } },
  },
  {
    name: 'the child’s jitter kind wins over the parent’s boolean',
    given: {
      parent: { retry: { jitter: true } },
      child: { extends: 'parent', retry: { jitter: 'equal' } },
    },
    profile: 'child',
    want: { retry: { ...retryDefaults, jitter: 'equal' } },
  },
  {
    name: 'a profile that extends none gets every default',
    given: { plain: {} },
    profile: 'plain',
    want: { extendsChain: [], ...CONFIG_DEFAULTS.profile },
  },
  {
    name: 'extending a profile leaves the parent unchanged',
    given: {
      parent: { retry: { maxAttempts: 5 } },
      child: { extends: 'parent', retry: { maxAttempts: 1 } },
    },
    profile: 'parent',
    want: { extendsChain: [], retry: { ...retryDefaults, maxAttempts: 5 } },
  },
];

for (const { name, given, profile, want } of cases) {
  test(name, () => {
    const report = validateConfigBytes(JSON.stringify({ resilience: given }), 'given.json');
    assert.equal(report.errors, []);
    const normalized = report.config?.resilience[profile];
    assert.ok(normalized !== undefined, `no profile '${profile}'`);
    for (const [key, value] of Object.entries(want)) {
      assert.equal(
        JSON.parse(JSON.stringify(normalized[key as keyof NormalizedProfile])),
        value,
        key,
      );
    }
  });
}

test('a profile inherits its parent’s service, and the only service is the default', () => {
  const report = validateConfigBytes(
    JSON.stringify({
      services: {
        users: { baseUrl: 'https://users.internal' },
        audit: { baseUrl: 'https://audit.internal' },
      },
      resilience: { parent: { service: 'audit' }, child: { extends: 'parent' }, other: {} },
    }),
    'given.json',
  );
  assert.is(report.config?.resilience.child?.service, 'audit');
  assert.is(report.config?.resilience.other?.service, undefined);

  const single = validateConfigBytes(
    JSON.stringify({
      services: { users: { baseUrl: 'https://u.internal' } },
      resilience: { p: {} },
    }),
    'given.json',
  );
  assert.is(single.config?.service, 'users');
  assert.is(single.config?.resilience.p?.service, 'users');
});

test('a problem inherited from a parent is reported once, at the parent', () => {
  const report = validateConfigBytes(
    JSON.stringify({
      resilience: {
        parent: { retry: { baseDelay: 5000, maxDelay: 1000 } },
        child: { extends: 'parent', retry: { maxAttempts: 2 } },
      },
    }),
    'given.json',
  );
  assert.equal(
    report.errors.map((error) => error.pointer),
    ['/resilience/parent/retry/baseDelay'],
  );
});

test('a child that breaks a rule with its parent’s value is reported at the child', () => {
  const report = validateConfigBytes(
    JSON.stringify({
      resilience: {
        parent: { retry: { baseDelay: 3000 } },
        child: { extends: 'parent', retry: { maxDelay: 1000 } },
      },
    }),
    'given.json',
  );
  assert.equal(
    report.errors.map((error) => [error.pointer, error.message]),
    [
      [
        '/resilience/child/retry/maxDelay',
        "retry.baseDelay 3000 ms (from profile 'parent') is greater than retry.maxDelay 1000 ms",
      ],
    ],
  );
});

test('a cycle through three profiles is named once, from its first profile in the file', () => {
  const report = validateConfigBytes(
    JSON.stringify({
      resilience: { b: { extends: 'c' }, a: { extends: 'b' }, c: { extends: 'a' } },
    }),
    'given.json',
  );
  assert.equal(
    report.errors.map((error) => error.message),
    ['profiles extend each other in a cycle: b → c → a → b'],
  );
});

test.run();
