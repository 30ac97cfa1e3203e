/**
 * `npm run webhooks -- --to URL [options]`: tests an integrator's webhook receiver with every
 * variant of SecPaid's payment notification (variants.ts) and prints, then writes, the verdicts.
 * Exit code 0 when every variant that ran passed, 1 on a finding, 2 when the run could not start
 * (a bad option, an unwritable --reports, nothing answering at --to), 130 when interrupted by
 * SIGINT, SIGTERM or the parent's exit (after the reports).
 */
import { printCliAnswer } from '../../core/cliOptions.ts';
import { abortOnInterrupt } from '../../core/interrupts.ts';
import { makeRedactor } from '../../core/redact.ts';
import { prepareReportDir, ReportDirError } from '../../core/reportDir.ts';
import { command, readReceiverTestArgs } from './options.ts';
import { headingLine, passed, summaryText, variantLine, writeReports } from './reports.ts';
import { runReceiverTest } from './runReceiverTest.ts';

async function main(): Promise<number> {
  const read = readReceiverTestArgs();
  if (read.kind !== 'values') return printCliAnswer(read);
  const args = read.values;
  try {
    prepareReportDir(args.reportDir);
  } catch (error) {
    if (!(error instanceof ReportDirError)) throw error;
    console.error(`${error.message} (${command} -- --help lists the options)`);
    return 2;
  }
  // The key's first 16 characters are the IV: a receiver that echoes its IV must not show half the key.
  const key = args.encryptionKey;
  const redact = makeRedactor(key === undefined ? [] : [key, key.slice(0, 16)]);
  const print = (text: string) => console.log(redact(text));
  const signal = abortOnInterrupt('stopping the notifications, then writing the reports');
  let opened = false;
  const result = await runReceiverTest({
    ...args,
    signal,
    redact,
    onVariant: (variant) => {
      if (!opened) print(headingLine(args));
      opened = true;
      print(variantLine(variant));
    },
  });
  if (result.kind === 'unreachable') {
    const line =
      result.code === 'BAD_PORT'
        ? `cannot send to ${result.to}: BAD_PORT (Node's fetch refuses the ports browsers block); run the receiver on another port`
        : `nothing answers at ${result.to}: ${result.code} (${result.message}); start the receiver first, ` +
          `or the example one: node webhook-receiver.mjs (README.md, "Test your webhook receiver")`;
    console.error(redact(line));
    return 2;
  }
  print(`\n${summaryText(result)}`);
  print(`reports: ${writeReports(args, result, redact).join(', ')}`);
  if (result.interrupted) return 130;
  return passed(result) ? 0 : 1;
}

process.exitCode = await main();
