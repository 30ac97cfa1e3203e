/**
 * `npm run load -- --scenario createLinks --profile smoke [--base-url URL] [--baseline FILE]`:
 * runs a scenario through autocannon, prints the thresholds' verdicts, writes reports/load-<scenario>.*,
 * and exits 0 (all met), 1 (a threshold or the baseline failed), 2 (refused, setup broken, a run
 * whose only failures are figures its saturated generator cannot vouch for, or any other error: 1
 * must only ever mean "the target missed its SLOs") or 130 (interrupted).
 * SIGINT, SIGTERM or the parent's exit stop the load, clean up and write the reports first; a second
 * signal quits at once.
 */
import { didYouMean, npmTookOption, strayArgumentHint } from '../../core/cliOptions.ts';
import { abortOnInterrupt } from '../../core/interrupts.ts';
import { parseLoadArgs, UsageError, usage } from './args.ts';
import { bodiesLine } from './bodiesLine.ts';
import { LoadInterrupted, LoadRefused, runLoad } from './run.ts';

const interruptedExit = 130;

/** The span the totals are of: the run without its warm-up (and pause). */
const measuredS = (report: { durationS: number; plan: { warmUpS: number } }) =>
  Math.max(0, report.durationS - report.plan.warmUpS);

async function main(): Promise<number> {
  const taken = npmTookOption('npm run load', usage, process.env);
  if (taken) {
    console.error(taken);
    return 2;
  }
  let options: ReturnType<typeof parseLoadArgs>;
  try {
    options = parseLoadArgs(process.argv.slice(2), process.env);
  } catch (error) {
    const line = (error as Error).message.split('\n')[0]!;
    const unknown = /Unknown option '([^']+)'/.exec(line)?.[1];
    const hint = unknown
      ? didYouMean(unknown, usage)
      : /^Unexpected argument/.test(line)
        ? strayArgumentHint('npm run load')
        : '';
    console.error(`${line}${hint} (npm run load -- --help lists the options)`);
    return 2;
  }
  if (options === 'help') {
    console.log(usage);
    return 0;
  }
  const signal = abortOnInterrupt('stopping the load and cleaning up', interruptedExit);
  try {
    const { report, exitCode, files } = await runLoad({ ...options, signal });
    const t = report.totals;
    console.log(
      `\n${report.scenario} / ${report.profile} against ${report.target}${report.embeddedSandbox ? ' (embedded sandbox)' : ''}: ` +
        `${t.answered} answered, ${t.failed} failed, ${t.dropped} dropped, ${t.achievedRps} req/s in ${measuredS(report).toFixed(1)} s measured`,
    );
    const w = report.warmUp;
    if (w)
      console.log(
        `  warm-up (checked, not judged): ${w.durationS} s at ${w.rate} req/s, ${w.answered} answered, ${w.failed} failed`,
      );
    for (const th of report.thresholds) console.log(`  ${th.ok ? '✓' : '✗'} ${th.message}`);
    for (const c of report.baseline?.comparisons ?? [])
      console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.message}`);
    if (report.aborted) console.log(`  stopped early: ${report.aborted}`);
    if (report.saturation) console.log(`  ${report.saturation.message}`);
    if (!report.measurement.latencyTrustworthy) console.log(`  ${report.measurement.message}`);
    if (report.capacity) console.log(`  ${report.capacity.message}`);
    if (t.cutBodies || t.endlessBodies) console.log(`  ${bodiesLine(report)}`);
    if (report.cleanup && 'error' in report.cleanup) console.log(`  cleanup failed: ${report.cleanup.error}`);
    else if (report.cleanup)
      console.log(`  cleanup: deleted ${report.cleanup.deletedLinks} links of this run`);
    else if (signal.aborted && report.embeddedSandbox)
      console.log('  cleanup: none needed: the embedded sandbox stopped with the run, and its links with it');
    if (files) console.log(`reports: ${files.json}, ${files.junit}, ${files.html}`);
    if (signal.aborted) {
      console.error(`${report.aborted ?? 'interrupted'}: the reports say what was measured until then`);
      return interruptedExit;
    }
    console.log(report.ok ? 'PASSED' : exitCode === 2 ? 'INCONCLUSIVE' : 'FAILED');
    return exitCode;
  } catch (error) {
    if (error instanceof LoadInterrupted) {
      console.error(error.message);
      return interruptedExit;
    }
    if (error instanceof LoadRefused || error instanceof UsageError) {
      console.error(`refused: ${error.message}`);
      return 2;
    }
    console.error(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  }
}

// process.exit, not exitCode: the signal handlers (and any timer left by a failed run) must not keep
// the process alive once the verdict is known.
process.exit(await main());
