import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMANDS } from '../../generator/commands/index.js';
import { ExitCodes, isDebugEnabled, runCli } from '../../generator/commands/program.js';
import { createCapturingIo, REPO_ROOT, splitLines, STACK_FRAME, SUMMARY } from './cli-run.js';

const GOOD = `${REPO_ROOT}test/fixtures/config/good`;
const BAD = `${REPO_ROOT}test/fixtures/config/bad`;
// Where a generate run that should not happen would write; no test creates it on purpose.
const SCRATCH = `${REPO_ROOT}.tmp/cli-program-tests/${process.pid}`;
const OUT = `${SCRATCH}/out`;

/** A valid command line of each command, which a flag added to it would make run. */
const VALID_RUNS: Readonly<Record<string, readonly string[]>> = {
  validate: ['validate', '--config', `${GOOD}/seed.json`],
  generate: ['generate'].concat(
    ['--config', `${REPO_ROOT}examples/users/config.json`],
    ['--contract', `${REPO_ROOT}examples/users/users.api.ts`, '--out', OUT],
  ),
};

/** Every boolean flag each command takes, `--verbose` included. */
const BOOLEAN_FLAGS: Readonly<Record<string, readonly string[]>> = {
  validate: ['json', 'verbose'],
  generate: ['check', 'verbose'],
};

test.after(() => {
  rmSync(SCRATCH, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  const io = createCapturingIo();
  const code = await runCli(args, io, env);

  return { code, stdout: io.stdout, stderr: io.stderr };
}

test('a file name with a line break or a bidi override prints one line a write', async () => {
  const name = `${SCRATCH}/evil\nname\u202e.json`;
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(name, '{ "resilience": { "a\\u2028b": {} } }');
  const missing = `${SCRATCH}/gone\r.json`;

  for (const file of [name, missing]) {
    const result = await run(['validate', '--config', file]);
    const lines = result.stderr.split('\n').slice(0, -1);
    assert.ok(
      lines.length > 0 &&
        lines.every(
          (line) =>
            line.startsWith(SCRATCH) || line.startsWith('resilgen: ') || line.startsWith('Run '),
        ),
      result.stderr,
    );
    assert.not.match(result.stderr, /[\r\u2028\u202e]/);
  }
});

test('--json keeps a key as data in the pointer and escaped in the message', async () => {
  const file = `${SCRATCH}/control-key.json`;
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(file, '{ "resilience": { "default": { "retry": { "a\\nb\\u001b[31m": 1 } } } }');
  const result = await run(['validate', '--json', '--config', file]);
  const [error] = JSON.parse(result.stdout).errors;

  assert.is(error.pointer, '/resilience/default/retry/a\nb\u001b[31m');
  assert.is(error.message, "unknown key 'a\\nb\\u001b[31m'");
});

test('a folder given as the contract is a usage error, not an internal one', async () => {
  const folder = `${SCRATCH}/folder.api.ts`;
  mkdirSync(folder, { recursive: true });
  const result = await run([
    ...VALID_RUNS['generate']!.slice(0, 3),
    '--contract',
    folder,
    '--out',
    OUT,
  ]);

  assert.is(result.code, ExitCodes.USAGE);
  assert.match(result.stderr, `cannot read the contract '${folder}': it is a folder, not a file`);
  assert.match(result.stderr, '[RG_FILE_UNREADABLE]');
  assert.not.match(result.stderr, /internal error/);
  assert.not.ok(existsSync(OUT));
});

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

test('the tables below name every command and each of its boolean flags', () => {
  assert.equal(Object.keys(VALID_RUNS).sort(), COMMANDS.map((command) => command.command).sort());
  for (const command of COMMANDS) {
    assert.equal(BOOLEAN_FLAGS[command.command], [...command.booleanFlags, 'verbose']);
  }
});

// yargs reads every value of a boolean flag but `true` as false: `--check=1` would write.
const NOT_BOOLEAN = ['1', 'yes', 'maybe', '0', 'no', '', 'TRUE'];

for (const [command, flags] of Object.entries(BOOLEAN_FLAGS)) {
  for (const flag of flags) {
    for (const value of NOT_BOOLEAN) {
      test(`${command} --${flag}=${value} is a usage error and does nothing`, async () => {
        const result = await run([...VALID_RUNS[command]!, `--${flag}=${value}`]);
        assert.is(result.code, ExitCodes.USAGE);
        assert.match(
          result.stderr,
          `resilgen: --${flag} takes no value, got '--${flag}=${value}'; give --${flag} alone`,
        );
        assert.match(result.stderr, /\[RG_USAGE\]\n/);
        assert.is(result.stdout, '');
        assert.not.ok(existsSync(OUT), 'the output folder was written');
      });
    }
  }
}

test('--help=1 and --version=1 are usage errors too, not a run of the command', async () => {
  for (const flag of ['help', 'version']) {
    const result = await run([...VALID_RUNS.validate!, `--${flag}=1`]);
    assert.is(result.code, ExitCodes.USAGE);
    assert.match(result.stderr, `--${flag} takes no value`);
  }
});

test('a boolean flag still takes =true and =false, as yargs reads them', async () => {
  const on = await run([...VALID_RUNS.validate!, '--json=true', '--verbose=true']);
  assert.is(on.code, ExitCodes.OK);
  assert.ok(JSON.parse(on.stdout).valid);
  assert.match(on.stderr, /^timing: read /m);
  const off = await run([...VALID_RUNS.validate!, '--json=false', '--verbose=false']);
  assert.is(off.code, ExitCodes.OK);
  assert.is(off.stdout, '');
  assert.not.match(off.stderr, /timing:/);
});

test('generate --check=true finds an empty folder stale and writes nothing', async () => {
  const result = await run([...VALID_RUNS.generate!, '--check=true']);
  assert.is(result.code, ExitCodes.INVALID);
  assert.match(result.stderr, /stale \(client\.ts, index\.ts/);
  assert.not.ok(existsSync(OUT));
});

test('words after -- are not flags, even one that looks like a boolean with a value', async () => {
  const result = await run([...VALID_RUNS.validate!, '--', '--json=1']);
  assert.is(result.code, ExitCodes.OK);
});

const SEED = `${GOOD}/seed.json`;
const FULL = `${GOOD}/full.json`;

// yargs gathers a flag given twice into an array, which reached the file reader as a path.
const flagShapeCases: Array<{ args: string[]; says: string }> = [
  {
    args: ['validate', '--config', SEED, '--config', FULL],
    says: `--config is given twice ('--config ${SEED}', '--config ${FULL}'); give it once`,
  },
  {
    args: ['validate', `--config=${SEED}`, `--config=${FULL}`, '--config', SEED],
    says: '--config is given 3 times',
  },
  { args: [...VALID_RUNS.generate!, '--out', `${OUT}-2`], says: '--out is given twice' },
  {
    args: [...VALID_RUNS.generate!, '--contract', `${REPO_ROOT}examples/users/users.api.ts`],
    says: '--contract is given twice',
  },
  {
    args: [...VALID_RUNS.generate!, '--check', '--no-check'],
    says: "--check is given twice ('--check', '--no-check')",
  },
  { args: [...VALID_RUNS.validate!, '--json', '--json'], says: '--json is given twice' },
  { args: ['--verbose', ...VALID_RUNS.validate!, '--verbose'], says: '--verbose is given twice' },
  {
    args: ['validate', '--no-config'],
    says: "--config takes a value and cannot be turned off with '--no-config'",
  },
  {
    args: ['validate', `--config.x=${SEED}`],
    says: "Unknown argument: config.x; '--config.x': did you mean '--config'?",
  },
];

for (const { args, says } of flagShapeCases) {
  test(`${args.join(' ').replaceAll(REPO_ROOT, '')} is a usage error naming the flag`, async () => {
    const result = await run(args);
    assert.is(result.code, ExitCodes.USAGE);
    assert.match(result.stderr, `resilgen: ${says}`);
    assert.match(result.stderr, /\[RG_USAGE\]\n/);
    assert.not.match(result.stderr, /RG_FILE_UNREADABLE|argument must be of type/);
    assert.is(result.stdout, '');
    assert.not.ok(existsSync(OUT), 'the output folder was written');
  });
}

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
