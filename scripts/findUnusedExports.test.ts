/**
 * The unused-exports lint on a small project made for the test: each way of using an export counts,
 * and what nothing imports is listed with its line.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { unusedExports } from './findUnusedExports.ts';

const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
    },
    include: ['src', 'load'],
  }),
  'src/main.ts': [
    "import { used, type UsedType } from './lib.ts';",
    "import * as all from './namespace.ts';",
    "export { reexported } from './reexport.ts';",
    "export * from './star.ts';",
    "const later = () => import('./dynamic.ts');",
    "type Queried = typeof import('./queried.ts').queried;",
    'export const main: UsedType = used + all.a;',
    'void later; export type { Queried };',
  ].join('\n'),
  'src/lib.ts':
    'export const used = 1;\nexport type UsedType = number;\n\nexport const unused = 2;\nexport interface UnusedType {}\n',
  'src/namespace.ts': 'export const a = 1;\nexport const b = 2;\n',
  'src/reexport.ts': 'export const reexported = 1;\nexport const notReexported = 2;\n',
  'src/star.ts': 'export const viaStar = 1;\n',
  'src/dynamic.ts': 'export const loaded = 1;\n',
  'src/queried.ts': 'export const queried = 1;\nexport const notQueried = 2;\n',
  'load/k6/script.ts': 'export const options = {};\nexport default function () {}\nexport const extra = 1;\n',
};

test('imports, re-exports, namespaces, dynamic and type imports count; the rest is listed by line', () => {
  const root = mkdtempSync(join(tmpdir(), 'unused-exports-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    assert.deepEqual(
      unusedExports(root, [join(root, 'tsconfig.json')]),
      [
        'load/k6/script.ts:3 extra',
        'src/lib.ts:4 unused',
        'src/lib.ts:5 UnusedType',
        'src/main.ts:3 reexported',
        'src/main.ts:7 main',
        'src/main.ts:8 Queried',
        'src/main.ts:1 viaStar',
        'src/queried.ts:2 notQueried',
        'src/reexport.ts:2 notReexported',
      ].sort(),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
