/**
 * One k6 VU: its own vm context (realm) holding only ECMAScript's built-ins and k6's globals
 * (`__ENV`, `__VU`, `__ITER`, `console`, `open`), and its own instance of every module the script
 * imports, as in k6 (init code runs once per VU; VUs share nothing but setup's data, as JSON).
 * Modules are ES modules (vm.SourceTextModule): each `.ts` file is transformed on its own by esbuild
 * (types stripped, no bundling, as k6 does), imports resolve relative to the importing file with the
 * extension written, `k6` and `k6/*` come from k6Modules.ts, and anything else (Node modules, npm
 * packages, remote URLs) fails the import, naming it.
 * Not offered, as k6's global scope lacks them: Node's globals (process, Buffer), web APIs (URL,
 * URLSearchParams, fetch, structuredClone), `Intl`, `WebAssembly`; nor TextEncoder/TextDecoder,
 * global only in recent k6 releases (a script relying on them would fail on an older k6 1.x).
 * Also not offered though k6 has them: timers (`setTimeout`...), `crypto` and CommonJS `require`; a script using them
 * fails here, and the runtime needs extending.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { transformSync } from 'esbuild';
import { k6Modules } from './k6Modules.ts';
import { type Realm, realmOf } from './realm.ts';
import type { RunState, VuState } from './state.ts';

/** V8 globals a k6 (Sobek) runtime does not have. */
const notInK6 = ['Intl', 'WebAssembly', 'console'];

function format(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function makeContext(run: RunState, vu: VuState): Realm {
  const context = vm.createContext(
    {},
    { name: `VU ${vu.id}`, codeGeneration: { strings: true, wasm: false } },
  );
  vm.runInContext(notInK6.map((name) => `delete globalThis.${name};`).join(''), context);
  const realm = realmOf(context);
  const log =
    (level: string) =>
    (...args: unknown[]) => {
      run.log.push(`${level}: ${args.map(format).join(' ')}`);
    };
  const globals = context as Record<string, unknown>;
  globals.__ENV = realm.copy(run.env);
  globals.__VU = vu.id;
  Object.defineProperty(globals, '__ITER', {
    get: () => vu.scenario?.iterationInScenario ?? 0,
    enumerable: true,
  });
  globals.console = realm.copy({});
  for (const level of ['log', 'info', 'warn', 'error', 'debug'])
    (globals.console as Record<string, unknown>)[level] = log(level === 'log' ? 'info' : level);
  globals.open = (path: string, mode?: string) => {
    if (vu.phase !== 'init') throw realm.error('The "open()" function is only available in the init stage');
    const bytes = readFileSync(resolve(run.scriptDir, path));
    if (mode !== 'b') return bytes.toString('utf8');
    const buffer = vm.runInContext(`new ArrayBuffer(${bytes.length})`, context) as ArrayBuffer;
    new Uint8Array(buffer).set(bytes);
    return buffer;
  };
  return realm;
}

/** A module's source as k6 would run it: `.ts` through esbuild's TypeScript loader, `.js` as it is. */
function compile(path: string): string {
  const source = readFileSync(path, 'utf8');
  if (!path.endsWith('.ts')) return source;
  return transformSync(source, { loader: 'ts', format: 'esm', target: 'esnext', sourcefile: path }).code;
}

function resolveImport(specifier: string, referrer: string): string {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/'))
    return resolve(dirname(referrer), specifier);
  if (specifier.startsWith('file://')) return fileURLToPath(specifier);
  throw new Error(
    `The module "${specifier}" (imported by ${referrer}) is not one k6 provides or k6runtime emulates (k6, k6/http, k6/execution, k6/metrics); k6 does not load Node or npm modules`,
  );
}

export interface LoadedVu {
  realm: Realm;
  exports: Record<string, unknown>;
}

/** Makes the VU, runs its init code (the entry module and its imports) and returns the entry's exports. */
export async function startVu(run: RunState, vu: VuState, entry: string): Promise<LoadedVu> {
  const realm = makeContext(run, vu);
  const modules = k6Modules(run, vu, realm);
  const files = new Map<string, vm.Module>();
  const k6 = new Map<string, vm.Module>();
  const fileModule = (path: string) => {
    let module = files.get(path);
    if (!module) {
      let code: string;
      try {
        code = compile(path);
      } catch (error) {
        throw new Error(`cannot load ${path}: ${(error as Error).message}`);
      }
      module = new vm.SourceTextModule(code, {
        identifier: pathToFileURL(path).href,
        context: realm.context,
      });
      files.set(path, module);
    }
    return module;
  };
  const linker = (specifier: string, referencing: vm.Module): vm.Module => {
    const exported = modules[specifier];
    if (exported) {
      let module = k6.get(specifier);
      if (!module) {
        module = new vm.SyntheticModule(
          Object.keys(exported),
          function (this: vm.SyntheticModule) {
            for (const [name, value] of Object.entries(exported)) this.setExport(name, value);
          },
          { identifier: specifier, context: realm.context },
        );
        k6.set(specifier, module);
      }
      return module;
    }
    return fileModule(resolveImport(specifier, fileURLToPath(referencing.identifier)));
  };
  const main = fileModule(resolve(entry));
  await main.link(linker);
  await main.evaluate();
  return { realm, exports: main.namespace as Record<string, unknown> };
}
