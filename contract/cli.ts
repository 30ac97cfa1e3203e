/**
 * `npm run contract [-- options]`: the contract suite against the embedded sandbox, a URL or a
 * container image. Exit code 0 only when every test that ran conformed and the coverage gate
 * passed; 1 when not; 2 when the run could not start (bad options, refused or unreachable target);
 * 130 when interrupted by SIGINT, SIGTERM or the parent's exit (after cleanup and reports).
 */
import { npmTookOption, strayArgumentHint } from '../core/cliOptions.ts';
import { abortOnInterrupt } from '../core/interrupts.ts';
import { parseArgs, usage } from './runner/args.ts';
import { runContract } from './runner/runContract.ts';

async function main(): Promise<number> {
  const taken = npmTookOption('npm run contract', usage, process.env);
  if (taken) {
    console.error(taken);
    return 2;
  }
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    const message = (error as Error).message;
    const stray = /^Unexpected argument/.test(message) ? strayArgumentHint('npm run contract') : '';
    console.error(`${message.split('\n')[0]}${stray}`);
    return 2;
  }
  if ('help' in options) {
    console.log(usage);
    return 0;
  }
  // Ctrl-C, SIGTERM or the death of the parent (npm told to stop) stops the suites but still cleans
  // up the run's links and writes the reports; a second, distinct Ctrl-C quits at once (the exit hook
  // still removes the keys' private directory and a started container).
  const stop = abortOnInterrupt('stopping the suites, then cleaning up');
  try {
    const result = await runContract({ ...options, signal: stop });
    if (stop.aborted) return 130;
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`contract run could not run: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
