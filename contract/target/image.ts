/**
 * `--image NAME[:TAG]`: the container target. Its resolver starts the image with
 * testcontainers, waits until it answers and returns a Target that also names the container and
 * keeps its logs (contract/container/imageTarget.ts). runContract stops it after the run.
 */
import { type ImageTarget, resolveImageTarget } from '../container/imageTarget.ts';
import type { TargetRequest } from './types.ts';

export function imageTarget(
  request: Extract<TargetRequest, { kind: 'image' }>,
  env: NodeJS.ProcessEnv,
): Promise<ImageTarget> {
  const { selection, singleAccount } = request;
  return resolveImageTarget({ ...request.imageArgs, image: request.image }, env, {
    ...(selection ? { selection } : {}),
    ...(singleAccount ? { singleAccount } : {}),
  });
}
