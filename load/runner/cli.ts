/**
 * `npm run load -- --scenario createLinks --profile smoke [--base-url URL] [--baseline FILE]`:
 * runs a scenario through autocannon, prints the thresholds' verdicts, writes reports/load-<scenario>.*,
 * and exits 0 (all met), 1 (a threshold or the baseline failed) or 2 (refused or setup broken).
 */
import { parseLoadArgs, UsageError, usage } from './args.ts';
import { LoadRefused, runLoad } from './run.ts';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseLoadArgs>;
  try {
    options = parseLoadArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    console.log(usage);
    return 0;
  }
  try {
    const { report, exitCode, files } = await runLoad(options);
    const t = report.totals;
    console.log(
      `\n${report.scenario} / ${report.profile} against ${report.target}${report.embeddedSandbox ? ' (embedded sandbox)' : ''}: ` +
        `${t.answered} answered, ${t.failed} failed, ${t.dropped} dropped, ${t.achievedRps} req/s in ${report.durationS.toFixed(1)} s`,
    );
    for (const th of report.thresholds) console.log(`  ${th.ok ? '✓' : '✗'} ${th.message}`);
    for (const c of report.baseline?.comparisons ?? [])
      console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.message}`);
    if (report.baseline?.problem) console.log(`  ✗ baseline: ${report.baseline.problem}`);
    if (report.aborted) console.log(`  stopped early: ${report.aborted}`);
    if (files) console.log(`reports: ${files.json}, ${files.junit}, ${files.html}`);
    console.log(report.ok ? 'PASSED' : 'FAILED');
    return exitCode;
  } catch (error) {
    if (error instanceof LoadRefused || error instanceof UsageError) {
      console.error(`refused: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main();
