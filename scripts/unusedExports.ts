/**
 * `npm run lint:exports`: lists every export of the project (both tsconfigs, Node and k6) that no
 * other file imports, one `path:line name` a line (scripts/findUnusedExports.ts), so dead code and
 * exports kept "just in case" show up. Exit 1 when there is one, 0 when none, 2 for a bad option.
 */
import { resolve } from 'node:path';
import { printCliAnswer, readCliOptions } from '../core/cliOptions.ts';
import { unusedExports } from './findUnusedExports.ts';

const usage = `usage: npm run lint:exports
  Lists every export no other file imports (tsconfig.json and load/tsconfig.json), one per line.
  Exit codes: 0 none, 1 some, 2 a bad option.`;

const read = readCliOptions('npm run lint:exports', usage, {});
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const root = resolve(import.meta.dirname, '..');
const found = unusedExports(root, [resolve(root, 'tsconfig.json'), resolve(root, 'load/tsconfig.json')]);
for (const line of found) console.log(line);
console.log(found.length === 0 ? 'no unused exports' : `${found.length} exports no other file imports`);
process.exitCode = found.length === 0 ? 0 : 1;
