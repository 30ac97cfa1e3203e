/** What a run's VUs share (metrics, options, the HTTP thread, the log) and what each VU knows of itself. */
import type { MetricDef, Sample, Tags } from './metrics.ts';
import type { SyncHttp } from './syncHttp.ts';

export interface RunState {
  env: Record<string, string>;
  /** The script's exported options (a copy), once the first init has read them. */
  options: Record<string, unknown>;
  metrics: Map<string, MetricDef>;
  samples: Sample[];
  http: SyncHttp;
  /** The script's console output, one line per call, prefixed with its level. */
  log: string[];
  started: number;
  /** Set by `exec.test.abort()`: no further iteration starts; teardown and handleSummary still run. */
  aborted?: string;
  /** Directory of the entry script: `open()` resolves relative paths from it. */
  scriptDir: string;
}

export type Phase = 'init' | 'setup' | 'iteration' | 'teardown' | 'handleSummary';

export interface ScenarioRun {
  name: string;
  executor: string;
  tags: Tags;
  iterationInTest: number;
  iterationInScenario: number;
  startedAt: number;
}

export interface VuState {
  /** 0 for the VU that reads options and runs setup/teardown/handleSummary, as `__VU` is in k6. */
  id: number;
  phase: Phase;
  scenario?: ScenarioRun;
  iterationInInstance: number;
  /** `exec.vu.metrics.tags` / `exec.vu.tags`: tags the script set on this VU's later samples. */
  tags: Tags;
  /** The expected statuses `http.setResponseCallback` chose (k6's default: 200-399). */
  expected: (status: number) => boolean;
}

/** The tags k6 puts on a sample of this VU now: the run's `options.tags`, the scenario's, the VU's, `scenario`. */
export function vuTags(run: RunState, vu: VuState): Tags {
  const global = (run.options.tags ?? {}) as Tags;
  return vu.scenario
    ? { ...global, ...vu.scenario.tags, ...vu.tags, scenario: vu.scenario.name }
    : { ...global, ...vu.tags };
}

export function record(run: RunState, metric: string, value: number, tags: Tags): void {
  run.samples.push({ metric, value, tags });
}
