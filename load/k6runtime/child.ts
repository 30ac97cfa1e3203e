/**
 * The process an emulated k6 run happens in (started by runK6.ts): vm.SourceTextModule needs
 * `--experimental-vm-modules`, and a VU blocks its thread on every request, so the run gets a
 * process of its own. Reads the RunSpec (JSON) from its argument and prints the RunResult as JSON
 * on stdout; the script's console goes into the result, not to the terminal.
 */
import { type RunSpec, runScript } from './run.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as RunSpec;
const result = await runScript(spec);
process.stdout.write(`${JSON.stringify(result)}\n`);
