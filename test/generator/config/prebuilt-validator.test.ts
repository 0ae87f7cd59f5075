import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findExcessNesting } from '../../../generator/config/nesting.js';
import { buildPrebuiltValidator, compileWithAjv } from '../../../generator/config/schema.js';
import { CONFIG_FIXTURES } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the repository, so the validator's `require('ajv-formats/...')` resolves.
const SCRATCH = path.join(ROOT, '.tmp', 'prebuilt-validator', String(process.pid));

/** Every config fixture that is JSON, good and bad: the bad ones exercise the errors. */
async function readFixtureValues(): Promise<{ file: string; value: unknown }[]> {
  const values: { file: string; value: unknown }[] = [];
  for (const folder of ['good', 'bad']) {
    for (const name of (await readdir(path.join(CONFIG_FIXTURES, folder))).sort()) {
      if (name === 'cases.json') continue;

      const text = await readFile(path.join(CONFIG_FIXTURES, folder, name), 'utf8');
      if (findExcessNesting(text) !== undefined) continue; // It never reaches the schema.

      try {
        values.push({ file: `${folder}/${name}`, value: JSON.parse(text) });
      } catch {
        // A syntax error never reaches the schema.
      }
    }
  }

  return values;
}

// As text: a config's own `constructor` key would trip a deep comparison of objects.
const outcome = (validate: ValidateFunction, value: unknown): string =>
  JSON.stringify({ valid: validate(value), errors: validate.errors ?? [] }, null, 1);

test('the validator built ahead of time reports what ajv compiling the schema does', async () => {
  await mkdir(SCRATCH, { recursive: true });
  const file = path.join(SCRATCH, 'config-validator.cjs');
  await writeFile(file, buildPrebuiltValidator());
  const prebuilt = createRequire(import.meta.url)(file) as ValidateFunction & {
    schemaSha256: string;
  };
  const compiled = compileWithAjv();
  const values = await readFixtureValues();
  try {
    assert.ok(values.length > 20, `${values.length} fixtures`);
    assert.match(prebuilt.schemaSha256, /^[0-9a-f]{64}$/);
    let invalid = 0;
    for (const { file: name, value } of values) {
      const want = outcome(compiled, value);
      assert.fixture(outcome(prebuilt, value), want, name);
      if (!compiled(value)) invalid++;
    }
    assert.ok(invalid > 10, `only ${invalid} fixtures fail the schema`);
  } finally {
    await rm(SCRATCH, { recursive: true, force: true });
  }
});

test.run();
