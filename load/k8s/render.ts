/**
 * `npm run load:k8s -- --scenario createLinks --profile soak`: prints the k6-operator TestRun of
 * testRun.ts for that scenario and profile (or writes it with --out), with the archive and kubectl
 * commands in its header. Nothing is sent anywhere.
 */
import { writeFileSync } from 'node:fs';
import { printCliAnswer, readCliOptions } from '../../core/cliOptions.ts';
import { profileNames } from '../profiles/profiles.ts';
import { scenarioNames } from '../scenarios/index.ts';
import { archiveCommand, planFrom, testRunManifest } from './testRun.ts';

const usage = `usage: npm run load:k8s -- --scenario NAME --profile NAME [--rate-scale X] [--parallelism N] [--out FILE]
  --scenario NAME   ${scenarioNames.join(', ')}
  --profile NAME    ${profileNames.join(', ')}
  --rate-scale X    multiplies the profile's rates (RATE_SCALE), default 1
  --parallelism N   runner pods, each running 1/N of the rates, 1 to 100, default 4
  --out FILE        write the manifest there instead of printing it (with npm's banner, stdout is
                    not YAML: use --out, or npm run -s load:k8s -- ... > FILE)
Exit status: 0 the manifest was printed or written, 2 a mistake in the options or FILE not writable.
Then, as the manifest's header says: k6 archive -e PROFILE=<profile> ..., a ConfigMap of the
archive, kubectl apply.`;

const options = {
  scenario: { type: 'string' },
  profile: { type: 'string' },
  'rate-scale': { type: 'string', default: '1' },
  parallelism: { type: 'string', default: '4' },
  out: { type: 'string' },
} as const;

function main(): number {
  const answer = readCliOptions('npm run load:k8s', usage, options);
  if (answer.kind !== 'values') return printCliAnswer(answer);
  const plan = planFrom(answer.values);
  if (typeof plan === 'string')
    return printCliAnswer({
      kind: 'mistake',
      text: `${plan} (npm run load:k8s -- --help lists the options)`,
    });
  const { out } = answer.values;
  if (out === undefined) {
    process.stdout.write(testRunManifest(plan));
    return 0;
  }
  try {
    writeFileSync(out, testRunManifest(plan, out));
  } catch (error) {
    console.error(`cannot write ${out}: ${(error as Error).message}`);
    return 2;
  }
  console.error(`wrote ${out}; next: ${archiveCommand(plan)} (the rest is in its header)`);
  return 0;
}

process.exitCode = main();
