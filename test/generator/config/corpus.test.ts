import { readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConfigDiagnostic } from '../../../generator/config/diagnostics.js';
import { validateConfigFile } from '../../../generator/config/load.js';
import {
  CONFIG_FIXTURES,
  readCases,
  type BadCase,
  type ExpectedDiagnostic,
  type GoodCase,
} from './fixtures.js';

const badCases = readCases<BadCase>('bad');
const goodCases = readCases<GoodCase>('good');

function listFixtures(folder: string): string[] {
  return readdirSync(`${CONFIG_FIXTURES}${folder}`)
    .filter((name) => name !== 'cases.json')
    .sort();
}

function assertDiagnostics(
  actual: readonly ConfigDiagnostic[],
  expected: readonly ExpectedDiagnostic[],
): void {
  const place = ({ code, pointer, line, column }: ExpectedDiagnostic | ConfigDiagnostic) => ({
    code,
    pointer,
    line,
    column,
  });
  assert.equal(actual.map(place), expected.map(place));
  expected.forEach((want, index) => {
    const got = actual[index]!;
    if (want.message !== undefined) {
      assert.ok(got.message.includes(want.message), `"${got.message}" lacks "${want.message}"`);
    }
    if (want.hint !== undefined) {
      assert.is(got.hint, want.hint);
    }
  });
}

test('the bad corpus holds at least 25 configs, each with a row in the table', () => {
  const files = listFixtures('bad');
  assert.ok(files.length >= 25, `only ${files.length} bad configs`);
  assert.equal(badCases.map((row) => row.file).sort(), files);
});

test('the good corpus includes the seed, and each config has a row in the table', () => {
  const files = listFixtures('good');
  assert.ok(files.includes('seed.json'));
  assert.equal(goodCases.map((row) => row.file).sort(), files);
});

for (const row of badCases) {
  test(`bad/${row.file} is rejected with ${row.errors.map((e) => e.code).join(', ')}`, async () => {
    const report = await validateConfigFile(`${CONFIG_FIXTURES}bad/${row.file}`);
    assert.is(report.valid, false);
    assert.is(report.config, undefined);
    assertDiagnostics(report.errors, row.errors);
    // A check that reasons about a value the schema refused only adds noise to its error.
    assertDiagnostics(report.warnings, row.warnings ?? []);
  });
}

for (const row of goodCases) {
  test(`good/${row.file} validates and normalizes its profiles in file order`, async () => {
    const report = await validateConfigFile(`${CONFIG_FIXTURES}good/${row.file}`);
    assert.equal(report.errors, []);
    assert.is(report.valid, true);
    assert.equal(Object.keys(report.config?.resilience ?? {}), row.profiles);
    assertDiagnostics(report.warnings, row.warnings);
  });
}

test('every diagnostic of a config with many errors comes out sorted by position', async () => {
  const report = await validateConfigFile(`${CONFIG_FIXTURES}bad/many-errors.json`);
  const positions = report.errors.map((error) => error.line * 10_000 + error.column);
  assert.ok(report.errors.length >= 5);
  assert.equal(
    positions,
    [...positions].sort((a, b) => a - b),
  );
});

test('validating the same file twice gives the same report', async () => {
  const file = `${CONFIG_FIXTURES}bad/many-errors.json`;
  const [first, second] = await Promise.all([validateConfigFile(file), validateConfigFile(file)]);
  assert.equal(first.errors, second.errors);
});

test.run();
