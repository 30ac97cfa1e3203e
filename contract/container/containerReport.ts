/**
 * The end of a run against a container: print its logs when the suite failed (the first thing a
 * backend developer needs), write reports/container.json naming the image and the container, and
 * stop it. Called in a finally, so it also runs when the suite itself threw.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeContainer, type ImageTarget } from './imageTarget.ts';

export interface ContainerRunOutcome {
  passed: boolean;
  reportsDir?: string;
}

export async function finishImageRun(target: ImageTarget, outcome: ContainerRunOutcome): Promise<string> {
  const reportsDir = outcome.reportsDir ?? 'reports';
  try {
    if (!outcome.passed) {
      console.error(
        `\n--- logs of ${describeContainer(target)} ---\n${await target.logs()}--- end of logs ---`,
      );
    }
  } finally {
    await target.close();
  }
  const report = {
    image: target.imageName,
    imageId: target.imageId,
    containerId: target.containerId,
    baseUrl: target.baseUrl,
    control: target.control,
    readyMs: target.readyMs,
    passed: outcome.passed,
    stoppedAt: new Date().toISOString(),
  };
  mkdirSync(reportsDir, { recursive: true });
  const file = join(reportsDir, 'container.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `contract run against ${describeContainer(target)}: ${outcome.passed ? 'passed' : 'FAILED'} (${file})`,
  );
  return file;
}
