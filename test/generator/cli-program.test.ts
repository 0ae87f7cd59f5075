import { readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ExitCodes, isDebugEnabled, runCli } from '../../generator/commands/program.js';
import { createCapturingIo, REPO_ROOT, splitLines, STACK_FRAME, SUMMARY } from './cli-run.js';

const GOOD = `${REPO_ROOT}test/fixtures/config/good`;
const BAD = `${REPO_ROOT}test/fixtures/config/bad`;

async function run(args: string[], env: Record<string, string> = {}) {
  const io = createCapturingIo();
  const code = await runCli(args, io, env);

  return { code, stdout: io.stdout, stderr: io.stderr };
}

test('an unknown command is a usage error that suggests the nearest one', async () => {
  const result = await run(['valdate', '--config', 'x.json']);
  assert.is(result.code, ExitCodes.USAGE);
  assert.match(result.stderr, /^resilgen: unknown command 'valdate'; did you mean 'validate'\?/);
  assert.is(result.stdout, '');
});

test("an unknown flag is a usage error that suggests the command's nearest flag", async () => {
  const result = await run(['generate', '--confg', 'c.json', '--contract', 'a.ts', '--out', 'o']);
  assert.is(result.code, ExitCodes.USAGE);
  assert.match(
    result.stderr,
    /^resilgen: Unknown argument: confg; '--confg': did you mean '--config'\? \[RG_USAGE\]/,
  );
  const several = await run(['validate', '--config', 'x.json', '--jsno', '--verbos', '--zzzzzz']);
  assert.match(
    several.stderr,
    "'--jsno': did you mean '--json'?; '--verbos': did you mean '--verbose'? [RG_USAGE]",
  );
  const short = await run(['generate', '--conf', 'c.json', '--contract', 'a.ts', '--out', 'o']);
  assert.match(short.stderr, "'--conf': did you mean '--config'?");
  const unlike = await run(['validate', '--config', 'x.json', '--zzzzzz']);
  assert.match(unlike.stderr, /^resilgen: Unknown argument: zzzzzz \[RG_USAGE\]/);
});

test('a command with a missing required flag is a usage error', async () => {
  const result = await run(['validate']);
  assert.is(result.code, ExitCodes.USAGE);
  assert.match(result.stderr, /Missing required argument: config \[RG_USAGE\]/);
});

test('a --config without a value is a usage error', async () => {
  const result = await run(['validate', '--config']);
  assert.is(result.code, ExitCodes.USAGE);
});

test('validate --help lists its flags on stdout', async () => {
  const result = await run(['validate', '--help']);
  assert.is(result.code, ExitCodes.OK);
  assert.match(result.stdout, /--config/);
  assert.match(result.stdout, /--json/);
  assert.is(result.stderr, '');
});

test('--verbose prints the phase timings', async () => {
  const result = await run(['validate', '--config', `${GOOD}/seed.json`, '--verbose']);
  assert.is(result.code, ExitCodes.OK);
  assert.equal(
    splitLines(result.stderr)
      .filter((line) => line.startsWith('timing: '))
      .map((line) => line.split(' ')[1]),
    ['read', 'parse', 'schema', 'checks', 'normalize'],
  );
});

test('without --verbose or DEBUG no timings are printed', async () => {
  const result = await run(['validate', '--config', `${GOOD}/seed.json`], { DEBUG: 'other' });
  assert.not.match(result.stderr, /timing:/);
});

test('warnings and errors are printed together, sorted by position', async () => {
  const result = await run(['validate', '--config', `${GOOD}/warnings.json`]);
  assert.is(result.code, ExitCodes.OK);
  const lines = splitLines(result.stderr);
  assert.equal(
    lines.slice(0, -1).map((line) => line.split('  ')[0]!.replace(/^.*warnings\.json:/, '')),
    ['4:33', '5:46', '9:37'],
  );
});

const debugCases: Array<[string | undefined, boolean]> = [
  ['resilgen', true],
  ['express,resilgen', true],
  ['resilgen:*', true],
  ['*', true],
  ['express', false],
  ['resilgenx', false],
  ['', false],
  [undefined, false],
];

for (const [debug, want] of debugCases) {
  test(`DEBUG=${String(debug)} ${want ? 'turns on' : 'leaves off'} the timings`, () => {
    assert.is(isDebugEnabled(debug), want);
  });
}

for (const file of readdirSync(BAD).filter((name) => name !== 'cases.json')) {
  test(`bad/${file} exits 1 with located errors, a summary, and no stack trace`, async () => {
    const result = await run(['validate', '--config', `${BAD}/${file}`]);
    assert.is(result.code, ExitCodes.INVALID);
    assert.not.match(result.stderr, STACK_FRAME);
    const lines = splitLines(result.stderr);
    assert.match(lines.at(-1)!, SUMMARY);
    for (const line of lines.slice(0, -1)) {
      assert.match(line, /^\S+:\d+:\d+ {2}(\/\S*|\(root\)) {2}.+ \[RG_[A-Z_]+\]$/);
    }
    assert.is(result.stdout, '');
  });
}

test.run();
