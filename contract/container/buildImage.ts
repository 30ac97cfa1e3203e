/**
 * Builds the sandbox image: bundles sandbox/main.ts into one ESM file with esbuild (so the image
 * needs nothing but a `node` binary and nothing is RUN inside it), copies the spec files it reads
 * next to it, then `docker build -f sandbox/Dockerfile CONTEXT`. Each build stages into a context
 * of its own (a temporary directory holding the `.tmp/image/` the Dockerfile copies from), so two
 * builds at once (two test files, two checkouts) never overwrite each other's bundle.
 *
 *   npx tsx contract/container/buildImage.ts [--tag secpaid-sandbox:local] [--base-image IMAGE]
 *
 * The base image is --base-image, else $BASE_IMAGE, else the local secpaid/node-base:20 when
 * scripts/docker-setup.sh built one (no registry here), else the Dockerfile's node:20-slim.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

export const defaultSandboxImage = 'secpaid-sandbox:local';
const localBaseImage = 'secpaid/node-base:20';
const root = resolve(import.meta.dirname, '../..');

export interface BuiltImage {
  imageName: string;
  imageId: string;
  baseImage: string;
  bundleMs: number;
  buildMs: number;
}

function imageExists(name: string): boolean {
  return spawnSync('docker', ['image', 'inspect', name], { stdio: 'ignore', timeout: 15_000 }).status === 0;
}

export function chooseBaseImage(requested?: string): string | undefined {
  if (requested) return requested;
  if (process.env.BASE_IMAGE) return process.env.BASE_IMAGE;
  return imageExists(localBaseImage) ? localBaseImage : undefined;
}

/** The bundle keeps `import.meta.url`, so core/spec.ts resolves ../generated/ from dist/. */
async function bundleSandbox(context: string): Promise<void> {
  const stageDir = join(context, '.tmp/image');
  mkdirSync(join(stageDir, 'generated'), { recursive: true });
  await build({
    entryPoints: [join(root, 'sandbox/main.ts')],
    outfile: join(stageDir, 'dist/sandbox.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // ajv and friends are CommonJS and call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
  for (const file of ['openapi.json', 'sandbox.json']) {
    cpSync(join(root, 'generated', file), join(stageDir, 'generated', file));
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

export async function buildSandboxImage(
  options: { tag?: string; baseImage?: string } = {},
): Promise<BuiltImage> {
  const imageName = options.tag ?? defaultSandboxImage;
  const baseImage = chooseBaseImage(options.baseImage);
  const bundleStart = performance.now();
  const context = mkdtempSync(join(tmpdir(), 'secpaid-image-'));
  let buildStart: number;
  try {
    await bundleSandbox(context);
    buildStart = performance.now();
    const buildArgs = baseImage ? ['--build-arg', `BASE_IMAGE=${baseImage}`] : [];
    const dockerfile = join(root, 'sandbox/Dockerfile');
    await run('docker', ['build', '-f', dockerfile, ...buildArgs, '-t', imageName, context], 300_000);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  const inspected = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}}', imageName], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  return {
    imageName,
    imageId: inspected.stdout.trim(),
    baseImage: baseImage ?? 'node:20-slim (Dockerfile default)',
    bundleMs: Math.round(buildStart - bundleStart),
    buildMs: Math.round(performance.now() - buildStart),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { tag: { type: 'string' }, 'base-image': { type: 'string' } } });
  const built = await buildSandboxImage({ tag: values.tag, baseImage: values['base-image'] });
  console.log(
    `built ${built.imageName} (${built.imageId.slice(0, 19)}) on ${built.baseImage}: ` +
      `bundle ${built.bundleMs} ms, docker build ${built.buildMs} ms`,
  );
}
