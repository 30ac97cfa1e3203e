/**
 * `npm run contract [-- options]`: the contract suite against the embedded sandbox, a URL or a
 * container image. Exit code 0 only when every test that ran conformed and the coverage gate
 * passed; 1 when not; 2 when the run could not start (bad options, refused or unreachable target);
 * 130 when interrupted (after cleanup and reports).
 */
import { onInterrupt } from '../core/interrupts.ts';
import { parseArgs, usage } from './runner/args.ts';
import { runContract } from './runner/runContract.ts';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if ('help' in options) {
    console.log(usage);
    return 0;
  }
  // Ctrl-C stops the suites but still cleans up the run's links and writes the reports; a second,
  // distinct Ctrl-C quits at once (the private directory's exit hook still removes the keys).
  const stop = new AbortController();
  onInterrupt({
    stop: (signal) => {
      console.error(`${signal}: stopping the suites, then cleaning up (press Ctrl-C again to quit at once)`);
      stop.abort();
    },
    quit: (signal) => {
      console.error(`${signal} again: quitting without cleanup`);
      process.exit(130);
    },
  });
  try {
    const result = await runContract({ ...options, signal: stop.signal });
    if (stop.signal.aborted) return 130;
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`contract run could not run: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
