/**
 * `npm run contract:container`: builds the sandbox image from sandbox/Dockerfile, starts it with
 * testcontainers and runs the whole contract suite against it; the container is always removed.
 *
 *   npm run contract:container [-- --tag secpaid-sandbox:local] [--base-image IMAGE]
 *       [--broken-mode delete-noop] [--image-startup-timeout 60s] [--reports reports] [--only createLink,...]
 *
 * --broken-mode bakes one of sandbox/broken/modes.ts into the container (SANDBOX_BROKEN_MODE):
 * the run must then fail. Exit codes: 0 passed, 1 the suite failed, 2 the run could not start, 130
 * interrupted (after cleanup and reports).
 */
import { printCliAnswer, readCliOptions } from '../../core/cliOptions.ts';
import { abortOnInterrupt } from '../../core/interrupts.ts';
import { type OperationId, operationIds } from '../../core/spec.ts';
import { runContract } from '../runner/runContract.ts';
import { buildSandboxImage, defaultSandboxImage } from './buildImage.ts';
import { detectEngine } from './engine.ts';

const usage = `usage: npm run contract:container -- [options]
  --tag NAME[:TAG]              the image to build and test (default ${defaultSandboxImage})
  --base-image IMAGE            the image to build on (default: the local Node base image)
  --broken-mode MODE            bake a broken mode of the sandbox in (SANDBOX_BROKEN_MODE): the run must fail
  --image-startup-timeout 60s   how long the container may take to answer
  --reports DIR                 where the reports go (default reports)
  --only createLink,...         run these suites only
exit codes: 0 passed, 1 the suite failed, 2 the run could not start (no Docker engine, a bad option),
  130 interrupted (Ctrl-C, SIGTERM: the suites stop, the container is removed, the reports written;
  a second Ctrl-C quits at once and still removes the container)`;

const read = readCliOptions('npm run contract:container', usage, {
  tag: { type: 'string', default: defaultSandboxImage },
  'base-image': { type: 'string' },
  'broken-mode': { type: 'string' },
  'image-startup-timeout': { type: 'string', default: '60s' },
  reports: { type: 'string', default: 'reports' },
  only: { type: 'string' },
});
if (read.kind !== 'values') process.exit(printCliAnswer(read));
const { values } = read;

async function main(): Promise<number> {
  const engine = detectEngine();
  if (!engine.available) {
    console.error(
      `contract:container needs a Docker engine: ${engine.reason}. Run scripts/docker-setup.sh first.`,
    );
    return 2;
  }
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !(operationIds as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) {
    console.error(`--only: unknown operation ${unknown.join(', ')}; known: ${operationIds.join(', ')}`);
    return 2;
  }
  const stop = abortOnInterrupt('stopping the suites, then removing the container');
  const built = await buildSandboxImage({ tag: values.tag, baseImage: values['base-image'] });
  console.log(
    `built ${built.imageName} (${built.imageId.slice(0, 19)}) on ${built.baseImage} in ` +
      `${built.bundleMs + built.buildMs} ms; engine ${engine.serverVersion}, ${engine.networkMode} network`,
  );
  if (stop.aborted) return 130;
  const brokenMode = values['broken-mode'];
  try {
    // runContract starts the container, names it in every report and always stops it.
    const result = await runContract({
      target: {
        kind: 'image',
        image: built.imageName,
        imageArgs: {
          'image-env': brokenMode ? [`SANDBOX_BROKEN_MODE=${brokenMode}`] : [],
          'image-startup-timeout': values['image-startup-timeout'],
        },
      },
      reportsDir: values.reports,
      signal: stop,
      ...(only ? { only: only as OperationId[] } : {}),
    });
    if (stop.aborted) return 130;
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`contract run could not run: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
