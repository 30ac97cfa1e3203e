/** The scenarios by name, for the runner's `--scenario` and its worker threads. */
import { createLinks } from './createLinks.ts';
import { listTransactions } from './listTransactions.ts';

export const scenarios = { createLinks, listTransactions } as const;
export type ScenarioName = keyof typeof scenarios;
export const scenarioNames = Object.keys(scenarios) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return (scenarioNames as string[]).includes(name);
}
