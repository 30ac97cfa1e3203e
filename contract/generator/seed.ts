/**
 * One run seed (`--seed S`) gives every operation and pass its own fast-check seed, so adding an
 * operation or running `--only` one of them does not change the examples of the others.
 */
import { randomInt } from 'node:crypto';

export const maxSeed = 2 ** 31 - 1;

/** Random positives per operation when `--generate` is not given. */
export const defaultGeneratedExamples = 20;

export function newSeed(): number {
  return randomInt(0, maxSeed);
}

/** FNV-1a over `seed:label`, as a non-negative 31-bit integer. */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${label}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & maxSeed;
}
