/**
 * `options.scenarios` as k6 reads it at start: each scenario's executor must be one k6 has, its
 * `exec` function must be exported, and its durations must be k6 durations. The emulated run does
 * not keep the executors' clock (a test runs a bounded number of iterations, not minutes of load):
 * it runs each scenario's iterations in `startTime` order, with the scenario's tags.
 */
import type { Tags } from './metrics.ts';

export interface ScenarioPlan {
  name: string;
  executor: string;
  exec: string;
  tags: Tags;
  startTimeMs: number;
}

const executors = new Set([
  'shared-iterations',
  'per-vu-iterations',
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'externally-controlled',
]);

/** k6 duration strings (`1m30s`, `500ms`, `2h`), in ms; throws on anything else. */
export function durationMs(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  const parts = text.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/g);
  if (!parts || parts.join('') !== text) throw new Error(`${where}: "${text}" is not a k6 duration`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return parts.reduce((sum, part) => {
    const [, n, u] = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part)!;
    return sum + Number(n) * unit[u as keyof typeof unit];
  }, 0);
}

function checkArrivalRate(name: string, s: Record<string, unknown>): void {
  const whole = (key: string, value: unknown) => {
    if (!Number.isInteger(value) || (value as number) < 0)
      throw new Error(`scenario ${name}: ${key} must be a whole number >= 0, got ${JSON.stringify(value)}`);
  };
  whole('preAllocatedVUs', s.preAllocatedVUs);
  if (s.maxVUs !== undefined) whole('maxVUs', s.maxVUs);
  if (s.timeUnit !== undefined) durationMs(s.timeUnit, `scenario ${name}: timeUnit`);
  if (s.executor === 'constant-arrival-rate') {
    whole('rate', s.rate);
    durationMs(s.duration, `scenario ${name}: duration`);
    return;
  }
  if (s.startRate !== undefined) whole('startRate', s.startRate);
  if (!Array.isArray(s.stages) || s.stages.length === 0)
    throw new Error(`scenario ${name}: stages are required`);
  for (const [i, stage] of (s.stages as Record<string, unknown>[]).entries()) {
    whole(`stages[${i}].target`, stage.target);
    durationMs(stage.duration, `scenario ${name}: stages[${i}].duration`);
  }
}

/** The scenarios of the options, checked as k6 checks them; without any, k6's default one. */
export function planScenarios(
  options: Record<string, unknown>,
  exports: Record<string, unknown>,
): ScenarioPlan[] {
  const declared = (options.scenarios ?? { default: { executor: 'shared-iterations' } }) as Record<
    string,
    Record<string, unknown>
  >;
  const plans = Object.entries(declared).map(([name, s]) => {
    const executor = String(s.executor);
    if (!executors.has(executor)) throw new Error(`scenario ${name}: unknown executor "${executor}"`);
    if (executor.endsWith('arrival-rate')) checkArrivalRate(name, s);
    const exec = typeof s.exec === 'string' ? s.exec : 'default';
    if (typeof exports[exec] !== 'function')
      throw new Error(`executor ${name}: function '${exec}' not found in exports`);
    const tags = (s.tags ?? {}) as Tags;
    for (const [tag, value] of Object.entries(tags))
      if (typeof value !== 'string') throw new Error(`scenario ${name}: tag ${tag} must be a string`);
    if (s.gracefulStop !== undefined) durationMs(s.gracefulStop, `scenario ${name}: gracefulStop`);
    const startTimeMs =
      s.startTime === undefined ? 0 : durationMs(s.startTime, `scenario ${name}: startTime`);
    return { name, executor, exec, tags, startTimeMs };
  });
  return plans.sort((a, b) => a.startTimeMs - b.startTimeMs);
}
