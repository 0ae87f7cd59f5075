import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatDiagnostic,
  placeFindings,
  type ConfigDiagnostic,
  type ConfigFinding,
} from '../../../generator/config/diagnostics.js';
import { createLineIndex } from '../../../generator/config/line-index.js';

const base: ConfigDiagnostic = {
  severity: 'error',
  code: 'RG_CONFIG_UNKNOWN_KEY',
  file: 'config.json',
  line: 5,
  column: 9,
  pointer: '/resilience/default/retry/maxAttempt',
  message: "unknown key 'maxAttempt'",
  hint: "did you mean 'maxAttempts'?",
};

test('a diagnostic prints as FILE:LINE:COL  /pointer  message; hint [CODE]', () => {
  assert.is(
    formatDiagnostic(base),
    "config.json:5:9  /resilience/default/retry/maxAttempt  unknown key 'maxAttempt'; " +
      "did you mean 'maxAttempts'? [RG_CONFIG_UNKNOWN_KEY]",
  );
});

test('a warning says so, and the root pointer prints as (root)', () => {
  const warning = { ...base, severity: 'warning' as const, pointer: '', hint: undefined };
  assert.is(
    formatDiagnostic(warning),
    "config.json:5:9  (root)  warning: unknown key 'maxAttempt' [RG_CONFIG_UNKNOWN_KEY]",
  );
});

test('a key holding a line break or a control character prints on one line, escaped', () => {
  const key = 'c\nd\u2028e\u0007';
  const diagnostic = { ...base, pointer: `/resilience/${key}`, message: `unknown key '${key}'` };

  assert.is(
    formatDiagnostic(diagnostic),
    "config.json:5:9  /resilience/c\\nd\\u2028e\\u0007  unknown key 'c\\nd\\u2028e\\u0007'; " +
      "did you mean 'maxAttempts'? [RG_CONFIG_UNKNOWN_KEY]",
  );
});

test('findings are placed at their key, their value, or their nearest written parent', () => {
  const text = '{\n  "a": {\n    "b": 1\n  }\n}';
  const positions = new Map([
    ['', { keyOffset: undefined, valueOffset: 0 }],
    ['/a', { keyOffset: 4, valueOffset: 9 }],
    ['/a/b', { keyOffset: 15, valueOffset: 20 }],
  ]);
  const findings: ConfigFinding[] = [
    { code: 'RG_CONFIG_RANGE', pointer: '/a/b', message: 'value' },
    { code: 'RG_CONFIG_UNKNOWN_KEY', pointer: '/a/b', message: 'key', target: 'key' },
    { code: 'RG_CONFIG_DELAY_ORDER', pointer: '/a/missing/deeper', message: 'parent' },
  ];
  const placed = placeFindings(findings, {
    file: 'f.json',
    lines: createLineIndex(text),
    positions,
  });
  assert.equal(
    placed.map((diagnostic) => [diagnostic.message, diagnostic.line, diagnostic.column]),
    [
      ['parent', 2, 8],
      ['key', 3, 5],
      ['value', 3, 10],
    ],
  );
});

test('the order of findings does not change the order of diagnostics, and repeats go', () => {
  const text = '{}';
  const placer = { file: 'f.json', lines: createLineIndex(text), positions: new Map() };
  const findings: ConfigFinding[] = [
    { code: 'RG_CONFIG_TYPE', pointer: '/b', message: 'two', offset: 1 },
    { code: 'RG_CONFIG_RANGE', pointer: '/a', message: 'one', offset: 1 },
    { code: 'RG_CONFIG_RANGE', pointer: '/a', message: 'one', offset: 1 },
    { code: 'RG_CONFIG_SYNTAX', pointer: '', message: 'zero', offset: 0 },
  ];
  const forward = placeFindings(findings, placer);
  const backward = placeFindings([...findings].reverse(), placer);
  assert.equal(forward, backward);
  assert.equal(
    forward.map((diagnostic) => diagnostic.message),
    ['zero', 'one', 'two'],
  );
});

test.run();
