import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, isConfigError } from '../../../generator/config/config-error.js';
import { loadConfig } from '../../../generator/config/load.js';
import { GeneratorError, isGeneratorError } from '../../../generator/errors.js';
import { CONFIG_FIXTURES } from './fixtures.js';

async function catchError(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

test('loadConfig returns the normalized config of a valid file', async () => {
  const config = await loadConfig(`${CONFIG_FIXTURES}good/seed.json`);
  assert.equal(Object.keys(config.resilience), ['default', 'highAvailability', 'fastFail']);
});

test('loadConfig throws a ConfigError with every error, the first one in front', async () => {
  const file = `${CONFIG_FIXTURES}bad/many-errors.json`;
  const error = await catchError(() => loadConfig(file));
  assert.ok(isConfigError(error));
  assert.ok(isGeneratorError(error));
  assert.is(error.code, 'RG_CONFIG_INVALID');
  assert.is(error.errors.length, 5);
  assert.equal(error.location, { file, line: 4, column: 33 });
  assert.is(error.pointer, '/resilience/default/retry/maxAttempts');
  assert.ok(error.message.startsWith(`config ${file} has 5 errors: ${file}:4:33  `));
});

test('loadConfig throws RG_FILE_UNREADABLE, not a ConfigError, for a missing file', async () => {
  const error = await catchError(() => loadConfig(`${CONFIG_FIXTURES}nope.json`));
  assert.ok(isGeneratorError(error));
  assert.is(isConfigError(error), false);
  assert.is(error.code, 'RG_FILE_UNREADABLE');
  assert.ok(error.message.endsWith('no such file'));
});

test('loadConfig says when the path is a folder', async () => {
  const error = await catchError(() => loadConfig(CONFIG_FIXTURES));
  assert.ok(isGeneratorError(error));
  assert.ok(error.message.endsWith('it is a folder, not a file'));
});

test('isConfigError checks the brand: other errors and look-alikes are not ConfigErrors', () => {
  const real = new ConfigError('c.json', [], []);
  assert.ok(isConfigError(real));
  assert.is(isConfigError(new GeneratorError('RG_CONFIG_INVALID', 'x')), false);
  assert.is(isConfigError(new Error('x')), false);
  assert.is(isConfigError({ code: 'RG_CONFIG_INVALID', errors: [] }), false);
  assert.is(isConfigError(null), false);
  assert.is(isConfigError('RG_CONFIG_INVALID'), false);
});

test.run();
