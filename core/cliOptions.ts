/**
 * Reads a command's options the same way for every CLI of the project: node:util's parseArgs in
 * strict mode, `--help`/`-h` answered with the usage, and any mistake (an unknown option, a missing
 * value, a stray argument) said in one line that names the option, suggests a near miss ("did you
 * mean --check?") and points to `--help`. It never ends the process: `printCliAnswer` prints the
 * answer and names the exit code (0 for help, 2 for a mistake), and the CLI exits with it.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export type CliAnswer<V> =
  | { kind: 'values'; values: V }
  | { kind: 'help'; text: string }
  | { kind: 'mistake'; text: string };

/** Edits between two option names (Levenshtein), to find the option a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The known option closest to `given`, if it is a near miss (at most 2 edits, or a prefix). */
export function nearMiss(given: string, known: readonly string[]): string | undefined {
  const bare = given.replace(/^-+/, '').split('=')[0]!;
  const ranked = known
    .map((name) => ({ name, edits: name.startsWith(bare) && bare.length >= 3 ? 0.5 : distance(bare, name) }))
    .sort((a, b) => a.edits - b.edits);
  return ranked[0] && ranked[0].edits <= 2 ? ranked[0].name : undefined;
}

/**
 * "; did you mean --only?" when `given` is a near miss of an option the usage text lists, else
 * nothing: for the CLIs whose own parser finds the unknown option.
 */
export function didYouMean(given: string, usage: string): string {
  const known = [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])].map((name) => name.slice(2));
  const meant = nearMiss(given, known);
  return meant ? `; did you mean --${meant}?` : '';
}

/**
 * An option npm took for its own: `npm run gen --check` (without `--`) reaches the script as the
 * environment variable npm_config_check, not as an argument. Names this command knows, or nearly.
 */
function takenByNpm(
  env: NodeJS.ProcessEnv,
  known: readonly string[],
): { given: string; meant: string } | undefined {
  for (const key of Object.keys(env)) {
    if (!key.startsWith('npm_config_')) continue;
    const given = key.slice('npm_config_'.length).replace(/_/g, '-');
    const meant = known.includes(given) ? given : nearMiss(given, known);
    if (meant && distance(given, meant) <= 1) return { given, meant };
  }
  return undefined;
}

/**
 * The one-line mistake for an option npm took as its own setting, for CLIs with their own parser:
 * the options they know are read from their usage text.
 */
export function npmTookOption(command: string, usage: string, env: NodeJS.ProcessEnv): string | undefined {
  const known = [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])].map((name) => name.slice(2));
  const taken = takenByNpm(env, known);
  return taken
    ? `npm took --${taken.given} for one of its own settings: options go after \`--\`, as in ${command} -- --${taken.meant} (${command} -- --help lists the options)`
    : undefined;
}

/** The hint for a stray argument, which is what npm leaves of `--option value` given without `--`. */
export const strayArgumentHint = (command: string) =>
  `; options go after \`--\` (${command} -- --option value)`;

let outputWatched = false;

/**
 * A command's output piped into one that stops reading (`| head`) makes the next write fail with
 * EPIPE, which Node raises as an uncaught error: a stack trace, and a run cut short before its
 * reports. Every command reads its options here first, so here the lost output is let go quietly
 * and the run goes on to its end (its reports, its exit code). Once per process.
 */
function outliveClosedOutput(): void {
  if (outputWatched) return;
  outputWatched = true;
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
}

export function readCliOptions<O extends Options>(
  command: string,
  usage: string,
  options: O,
  args: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): CliAnswer<ReturnType<typeof parseArgs<{ options: O; args: string[] }>>['values']> {
  outliveClosedOutput();
  const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  const see = `(${command} -- --help lists the options)`;
  const taken = takenByNpm(env, [...Object.keys(options), 'help']);
  if (taken)
    return {
      kind: 'mistake',
      text: `npm took --${taken.given} for one of its own settings: options go after \`--\`, as in ${command} -- --${taken.meant} ${see}`,
    };
  try {
    const { values } = parseArgs({ options: withHelp, args, strict: true, allowPositionals: false });
    if ((values as { help?: boolean }).help) return { kind: 'help', text: usage };
    return {
      kind: 'values',
      values: values as ReturnType<typeof parseArgs<{ options: O; args: string[] }>>['values'],
    };
  } catch (error) {
    const line = (error as Error).message.split('\n')[0]!;
    const unknown = /Unknown option '([^']+)'/.exec(line)?.[1];
    const guess = unknown ? nearMiss(unknown, Object.keys(options)) : undefined;
    // npm eats options given without the `--` that separates them from its own.
    const stray = /Unexpected argument '([^']+)'/.exec(line)?.[1];
    const hint = guess ? `; did you mean --${guess}?` : stray ? strayArgumentHint(command) : '';
    return { kind: 'mistake', text: `${line}${hint} ${see}` };
  }
}

/** Prints a help (stdout) or a mistake (stderr) as every CLI does, and says the exit code: 0 or 2. */
export function printCliAnswer(answer: Exclude<CliAnswer<unknown>, { kind: 'values' }>): 0 | 2 {
  if (answer.kind === 'help') {
    console.log(answer.text);
    return 0;
  }
  console.error(answer.text);
  return 2;
}

/**
 * The named options read as whole numbers (at least `min`, default 1), or the mistake naming the
 * first that is not one, so `--seconds abc` is a line and exit 2, never a run with NaN.
 */
export function wholeNumbers<K extends string>(
  command: string,
  values: Record<K, string | undefined>,
  names: readonly K[],
  min = 1,
): CliAnswer<Record<K, number>> {
  const numbers = {} as Record<K, number>;
  for (const name of names) {
    const given = values[name] ?? '';
    const number = /^\d+$/.test(given) ? Number(given) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min)
      return {
        kind: 'mistake',
        text: `--${name} takes a whole number >= ${min}, not '${given}' (${command} -- --help lists the options)`,
      };
    numbers[name] = number;
  }
  return { kind: 'values', values: numbers };
}
