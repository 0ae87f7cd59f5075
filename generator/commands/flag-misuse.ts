/** The flags that one command line may use, by kind. */
export interface FlagKinds {
  /** Flags that take a value, such as `--config FILE`. */
  readonly valued: readonly string[];
  /** Flags that are on or off, such as `--check`: they take no value. */
  readonly booleans: readonly string[];
}

// yargs reads `--name=value` and `--name` alike, and `--no-name` as `--name` turned off.
const LONG_FLAG = /^--([^=]+)(?:=([\s\S]*))?$/;
const NEGATION_PREFIX = 'no-';
// The only values yargs reads for a boolean flag; it reads every other one as false, and
// has no option for a flag that takes none (https://github.com/yargs/yargs/issues/1077,
// https://github.com/yargs/yargs/issues/1532), so the raw words are checked before it runs.
const BOOLEAN_WORDS: readonly string[] = ['true', 'false'];

interface FlagUse {
  readonly name: string;
  /** The flag as written, with its value when it has one. */
  readonly written: string;
}

/**
 * Finds what yargs would let through silently on a command line: a boolean flag with a value
 * (yargs reads `--check=1` as `--check=false`), a flag given more than once (yargs gathers
 * `--config a --config b` into an array, and keeps the last of booleans), and the negation of
 * a flag that takes a value (`--no-config` makes it `false`). Words after `--` are not flags.
 * Flags of neither kind are left to yargs, which reports them as unknown.
 *
 * @returns one message per problem, each naming its flag; empty when there is none.
 */
export function findFlagMisuse(args: readonly string[], kinds: FlagKinds): string[] {
  const problems: string[] = [];
  const uses = new Map<string, FlagUse[]>();
  for (let index = 0; index < args.length && args[index] !== '--'; index++) {
    const match = LONG_FLAG.exec(args[index]!);
    if (match === null) {
      continue;
    }
    const [arg, written, value] = match as unknown as [string, string, string | undefined];
    const negated = value === undefined && written.startsWith(NEGATION_PREFIX);
    const name = toCamelCase(negated ? written.slice(NEGATION_PREFIX.length) : written);
    const isBoolean = kinds.booleans.includes(name);
    if (!isBoolean && !kinds.valued.includes(name)) {
      continue;
    }
    if (isBoolean && value !== undefined && !BOOLEAN_WORDS.includes(value)) {
      problems.push(
        `--${name} takes no value, got '${arg}'; give --${name} alone to turn it on, ` +
          'or leave it out',
      );
    }
    if (negated && !isBoolean) {
      problems.push(`--${name} takes a value and cannot be turned off with '${arg}'`);
    }
    // As yargs does, a valued flag without `=` takes the next word unless that is a flag.
    const next = args[index + 1];
    const takesNext = !isBoolean && !negated && value === undefined;
    const shown = takesNext && next !== undefined && !next.startsWith('-') ? `${arg} ${next}` : arg;
    uses.set(name, [...(uses.get(name) ?? []), { name, written: shown }]);
  }

  return [...problems, ...[...uses.values()].flatMap(describeRepeat)];
}

function describeRepeat(uses: readonly FlagUse[]): string[] {
  if (uses.length < 2) {
    return [];
  }
  const times = uses.length === 2 ? 'twice' : `${uses.length} times`;
  const given = uses.map((use) => `'${use.written}'`).join(', ');

  return [`--${uses[0]!.name} is given ${times} (${given}); give it once`];
}

/** `dry-run` → `dryRun`, as yargs names a kebab-case flag. */
function toCamelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_dash, letter: string) => letter.toUpperCase());
}
