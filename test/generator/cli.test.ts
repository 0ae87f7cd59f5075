import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT, runResilgen, splitLines, STACK_FRAME, SUMMARY } from './cli-run.js';

// These tests run the real command in processes of their own. They start together, a few at
// a time, because each process needs about a second to load TypeScript through tsx.
const GOOD = 'test/fixtures/config/good';
const BAD = 'test/fixtures/config/bad';
const runs = {
  help: runResilgen(['--help']),
  version: runResilgen(['--version']),
  noCommand: runResilgen([]),
  unknownFlag: runResilgen(['validate', '--config', `${GOOD}/seed.json`, '--bogus']),
  missingFile: runResilgen(['validate', '--config', `${GOOD}/missing.json`]),
  valid: runResilgen(['validate', '--config', `${GOOD}/full.json`]),
  invalid: runResilgen(['validate', '--config', `${BAD}/unknown-key.json`]),
  invalidJson: runResilgen(['validate', '--config', `${BAD}/many-errors.json`, '--json']),
  warningsJson: runResilgen(['validate', '--config', `${GOOD}/warnings.json`, '--json']),
  debug: runResilgen(['validate', '--config', `${GOOD}/full.json`], { DEBUG: 'resilgen' }),
};

test('--help prints the commands on stdout and exits 0', async () => {
  const run = await runs.help;
  assert.is(run.code, 0);
  assert.match(run.stdout, /resilgen validate/);
  assert.is(run.stderr, '');
});

test('--version prints the version of package.json', async () => {
  const { version } = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8'));
  const run = await runs.version;
  assert.is(run.code, 0);
  assert.is(run.stdout, `${version}\n`);
});

const usageCases = [
  { name: 'no command', run: runs.noCommand, says: /name a command \[RG_USAGE\]/ },
  { name: 'an unknown flag', run: runs.unknownFlag, says: /Unknown argument: bogus \[RG_USAGE\]/ },
  {
    name: 'a config file that does not exist',
    run: runs.missingFile,
    says: /cannot read config file .*missing\.json: no such file.*\[RG_FILE_UNREADABLE\]/,
  },
];

for (const { name, run: pending, says } of usageCases) {
  test(`${name} is a usage error: exit 2, a message on stderr, nothing on stdout`, async () => {
    const run = await pending;
    assert.is(run.code, 2);
    assert.match(run.stderr, says);
    assert.is(run.stdout, '');
    assert.not.match(run.stderr, STACK_FRAME);
  });
}

test('a valid config exits 0 and prints only the summary line, on stderr', async () => {
  const run = await runs.valid;
  assert.is(run.code, 0);
  assert.is(run.stdout, '');
  const lines = splitLines(run.stderr);
  assert.is(lines.length, 1);
  assert.match(
    lines[0]!,
    /^resilgen: .*full\.json is valid \(2 profiles, no warnings\) in \d+ ms$/,
  );
});

test('an invalid config exits 1 with each error as FILE:LINE:COL  /pointer  message', async () => {
  const run = await runs.invalid;
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  const lines = splitLines(run.stderr);
  assert.equal(lines.slice(0, -1), [
    `${BAD}/unknown-key.json:5:9  /resilience/default/retry/maxAttempt  ` +
      "unknown key 'maxAttempt'; did you mean 'maxAttempts'? [RG_CONFIG_UNKNOWN_KEY]",
  ]);
  assert.match(lines.at(-1)!, /is invalid \(1 error, no warnings\) in \d+ ms$/);
});

test('--json prints the result on stdout, in a stable shape, and exits 1 when invalid', async () => {
  const run = await runs.invalidJson;
  assert.is(run.code, 1);
  const result = JSON.parse(run.stdout);
  assert.equal(Object.keys(result), ['valid', 'errors', 'warnings']);
  assert.is(result.valid, false);
  assert.is(result.errors.length, 5);
  for (const error of result.errors) {
    assert.equal(Object.keys(error), [
      'file',
      'line',
      'column',
      'pointer',
      'message',
      'hint',
      'code',
    ]);
  }
  assert.is(result.errors[0].file, `${BAD}/many-errors.json`);
  assert.is(result.errors[0].hint, 'maxAttempts counts the first attempt too: 1 means no retry');
  assert.is(result.errors[4].hint, 'give each endpoint its own path');
  assert.equal(splitLines(run.stderr).length, 1);
  assert.match(run.stderr.trim(), SUMMARY);
});

test('--json on a valid config with warnings exits 0 and lists them', async () => {
  const run = await runs.warningsJson;
  assert.is(run.code, 0);
  const result = JSON.parse(run.stdout);
  assert.is(result.valid, true);
  assert.equal(result.errors, []);
  assert.equal(
    result.warnings.map((warning: { code: string }) => warning.code),
    [
      'RG_CONFIG_BREAKER_BEFORE_ATTEMPTS',
      'RG_CONFIG_TIMEOUT_BUDGET',
      'RG_CONFIG_UNPROTECTED_CONTROL',
    ],
  );
});

test('DEBUG=resilgen prints the phase timings before the summary', async () => {
  const run = await runs.debug;
  assert.is(run.code, 0);
  const lines = splitLines(run.stderr);
  assert.equal(
    lines.slice(0, -1).map((line) => line.replace(/ \d+ ms$/, '')),
    ['read', 'parse', 'schema', 'checks', 'normalize'].map((phase) => `timing: ${phase}`),
  );
  assert.match(lines.at(-1)!, SUMMARY);
});

test.run();
