/**
 * `npm run bench:contract [-- --rounds 3 --seed S]`: what the generated phase costs. Alternates
 * rounds of the default run (suites + phase), the suites alone (`--generate 0`) and the phase alone
 * (`--generated-only`) against the embedded sandbox, and reports the medians, the phase's share of
 * the default run, and its requests per second (from requests.log). Writes reports/bench-contract.json.
 * A benchmark, not a test: it reports the figures and a missed target, and exits 0.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunOptions, runContract } from '../contract/runner/runContract.ts';
import { printCliAnswer, readCliOptions, wholeNumbers } from '../core/cliOptions.ts';
import { median } from './bareRounds.ts';

const usage = 'usage: npm run bench:contract -- [--rounds N] [--seed S] [--out FILE]';
const read = readCliOptions('npm run bench:contract', usage, {
  rounds: { type: 'string', default: '3' },
  seed: { type: 'string', default: '1' },
  out: { type: 'string', default: 'reports/bench-contract.json' },
});
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const { values } = read;
const counted = wholeNumbers('npm run bench:contract', values, ['rounds']);
if (counted.kind !== 'values') process.exit(printCliAnswer(counted));
const seeded = wholeNumbers('npm run bench:contract', values, ['seed'], 0);
if (seeded.kind !== 'values') process.exit(printCliAnswer(seeded));
const { rounds } = counted.values;
const { seed } = seeded.values;

const kinds = {
  default: { generate: { seed } },
  suites: { generate: { examples: 0 } },
  phase: { handWritten: false, generate: { seed } },
} satisfies Record<string, Partial<RunOptions>>;
type Kind = keyof typeof kinds;

/** Requests the generated phase sent, counted in the run's requests.log. */
function phaseRequests(reportsDir: string): number {
  const log = readFileSync(join(reportsDir, 'requests.log'), 'utf8');
  return log.split('\n=== ').filter((block) => block.includes(' generated ')).length;
}

const scratch = mkdtempSync(join(tmpdir(), 'bench-contract-'));
const samples: Record<Kind, { ms: number; requests: number }[]> = { default: [], suites: [], phase: [] };
try {
  for (let round = 0; round < rounds; round++) {
    for (const kind of Object.keys(kinds) as Kind[]) {
      const reportsDir = join(scratch, `${kind}-${round}`);
      const result = await runContract({
        target: { kind: 'embedded' },
        reportsDir,
        print: () => {},
        ...kinds[kind],
      });
      if (!result.ok)
        console.error(`round ${round} ${kind}: the run failed; its figures are kept but suspect`);
      samples[kind].push({ ms: result.durationMs, requests: phaseRequests(reportsDir) });
      console.error(`round ${round + 1}/${rounds} ${kind}: ${(result.durationMs / 1000).toFixed(2)} s`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const ms = (kind: Kind) => median(samples[kind].map((s) => s.ms));
const phaseMs = ms('phase');
const requests = median(samples.phase.map((s) => s.requests));
const figures = {
  rounds,
  seed,
  loadAverage: loadavg()[0],
  defaultRunS: ms('default') / 1000,
  suitesAloneS: ms('suites') / 1000,
  phaseAloneS: phaseMs / 1000,
  phaseShareOfDefault: (ms('default') - ms('suites')) / ms('default'),
  phaseRequests: requests,
  phaseRequestsPerSecond: requests / (phaseMs / 1000),
  /** Target: the default run at most 3× the suites alone. */
  ratioToSuites: ms('default') / ms('suites'),
};
mkdirSync(resolve(values.out, '..'), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(figures, null, 2)}\n`);
const pct = (n: number) => `${(n * 100).toFixed(0)} %`;
console.log(
  [
    '| what | median |',
    '|---|---|',
    `| default run (suites + generated phase) | ${figures.defaultRunS.toFixed(2)} s |`,
    `| suites alone (--generate 0) | ${figures.suitesAloneS.toFixed(2)} s |`,
    `| generated phase alone (--generated-only) | ${figures.phaseAloneS.toFixed(2)} s, ${requests} requests, ${figures.phaseRequestsPerSecond.toFixed(0)} req/s |`,
    `| the phase's share of the default run | ${pct(figures.phaseShareOfDefault)} |`,
    `| default run ÷ suites alone (target ≤ 3) | ${figures.ratioToSuites.toFixed(2)}${figures.ratioToSuites > 3 ? ' MISSED' : ''} |`,
  ].join('\n'),
);
