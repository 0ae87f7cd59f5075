/** The flags that one command line may use, by kind. */
export interface FlagKinds {
  /** Flags that are on or off, such as `--check`: they take no value. */
  readonly booleans: readonly string[];
}

// yargs reads `--name=value` as the flag `name` with a value.
const LONG_FLAG = /^--([^=]+)(?:=([\s\S]*))?$/;
// The only values yargs reads for a boolean flag; it reads every other one as false.
const BOOLEAN_WORDS: readonly string[] = ['true', 'false'];

/**
 * Finds what yargs would let through silently on a command line: a boolean flag with a value
 * other than `true` or `false` (yargs reads `--check=1` as `--check=false`). Words after `--`
 * are not flags. Flags not in `kinds` are left to yargs, which reports them as unknown.
 *
 * @returns one message per problem, each naming its flag; empty when there is none.
 */
export function findFlagMisuse(args: readonly string[], kinds: FlagKinds): string[] {
  const problems: string[] = [];
  for (let index = 0; index < args.length && args[index] !== '--'; index++) {
    const match = LONG_FLAG.exec(args[index]!);
    if (match === null) {
      continue;
    }
    const [arg, written, value] = match as unknown as [string, string, string | undefined];
    const name = toCamelCase(written);
    if (kinds.booleans.includes(name) && value !== undefined && !BOOLEAN_WORDS.includes(value)) {
      problems.push(
        `--${name} takes no value, got '${arg}'; give --${name} alone to turn it on, ` +
          'or leave it out',
      );
    }
  }

  return problems;
}

/** `dry-run` → `dryRun`, as yargs names a kebab-case flag. */
function toCamelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_dash, letter: string) => letter.toUpperCase());
}
