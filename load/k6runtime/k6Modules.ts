/**
 * The k6 modules a script imports, one set per VU: `k6` (check, sleep, group, fail), `k6/http`
 * (http.ts), `k6/execution` and `k6/metrics`, with the rules k6 enforces that scripts break most:
 * no requests and no new metrics outside the init context, no metric samples inside it, and no
 * scenario information outside an iteration. A module or export k6 has but this runtime does not
 * emulate fails the import: extend the runtime then, the script may be fine.
 */
import { httpModule } from './http.ts';
import type { MetricType, Tags } from './metrics.ts';
import type { Realm } from './realm.ts';
import { type RunState, record, type VuState, vuTags } from './state.ts';
import { blockFor } from './syncHttp.ts';

class Abort extends Error {}
/** Thrown by `exec.test.abort()`: the run stops starting iterations; teardown and handleSummary still run. */
export const isAbort = (error: unknown): error is Abort => error instanceof Abort;

function coreModule(run: RunState, vu: VuState, realm: Realm) {
  const module = {
    check(value: unknown, sets: Record<string, unknown>, tags?: Tags): boolean {
      let all = true;
      for (const [name, test] of Object.entries(sets)) {
        const ok = Boolean(typeof test === 'function' ? test(value) : test);
        record(run, 'checks', ok ? 1 : 0, { ...vuTags(run, vu), check: name, ...(tags ?? {}) });
        all &&= ok;
      }
      return all;
    },
    sleep(seconds: number): void {
      blockFor(seconds * 1000);
    },
    group<T>(name: string, fn: () => T): T {
      const started = performance.now();
      const result = fn();
      record(run, 'group_duration', performance.now() - started, { ...vuTags(run, vu), group: `::${name}` });
      return result;
    },
    fail(message = ''): never {
      throw realm.error(message);
    },
  };
  return { ...module, default: module };
}

function executionModule(run: RunState, vu: VuState, realm: Realm) {
  const scenario = () => {
    if (!vu.scenario)
      throw realm.error(
        `getting scenario information outside of a scenario's iteration (in ${vu.phase}) is not supported`,
      );
    return vu.scenario;
  };
  const exec = {
    scenario: {
      get name() {
        return scenario().name;
      },
      get executor() {
        return scenario().executor;
      },
      get startTime() {
        return scenario().startedAt;
      },
      get iterationInTest() {
        return scenario().iterationInTest;
      },
      get iterationInInstance() {
        return scenario().iterationInTest;
      },
      get progress() {
        return 0;
      },
    },
    vu: {
      get idInTest() {
        return vu.id;
      },
      get idInInstance() {
        return vu.id;
      },
      get iterationInInstance() {
        return vu.iterationInInstance;
      },
      get iterationInScenario() {
        return scenario().iterationInScenario;
      },
      get tags() {
        return vu.tags;
      },
      metrics: {
        get tags() {
          return vu.tags;
        },
        get metadata() {
          return {};
        },
      },
    },
    instance: {
      get currentTestRunDuration() {
        return Date.now() - run.started;
      },
      get iterationsCompleted() {
        return run.samples.filter((s) => s.metric === 'iterations').length;
      },
      get iterationsInterrupted() {
        return 0;
      },
      get vusActive() {
        return 1;
      },
      get vusInitialized() {
        return 1;
      },
    },
    test: {
      abort(message = 'test aborted'): never {
        throw new Abort(message);
      },
      get options() {
        return realm.copy(run.options);
      },
    },
  };
  return { ...exec, default: exec };
}

function metricsModule(run: RunState, vu: VuState, realm: Realm) {
  const metricClass = (type: MetricType) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        if (vu.phase !== 'init') throw realm.error('metrics must be declared in the init context');
        const known = run.metrics.get(name);
        if (known && known.type !== type)
          throw realm.error(`metric ${name} already exists as a ${known.type}`);
        run.metrics.set(name, { type, contains: type === 'trend' && isTime ? 'time' : 'default' });
        this.name = name;
      }
      add(value: number | boolean, tags?: Tags): void {
        if (vu.phase === 'init') throw realm.error('Adding to metrics in the init context is not supported');
        record(run, this.name, Number(value), { ...vuTags(run, vu), ...(tags ?? {}) });
      }
    };
  const module = {
    Counter: metricClass('counter'),
    Gauge: metricClass('gauge'),
    Rate: metricClass('rate'),
    Trend: metricClass('trend'),
  };
  return { ...module, default: module };
}

/** The modules by import specifier, built for one VU. */
export function k6Modules(run: RunState, vu: VuState, realm: Realm): Record<string, Record<string, unknown>> {
  return {
    k6: coreModule(run, vu, realm),
    'k6/http': httpModule(run, vu, realm),
    'k6/execution': executionModule(run, vu, realm),
    'k6/metrics': metricsModule(run, vu, realm),
  };
}
