/**
 * `multipleOf` judged on the decimal value, not on a float quotient. ajv's built-in check divides
 * and allows a tolerance, which must be loose enough for 165170.14 / 0.01 = 16517014.000000002 yet
 * then lets 1e-9 or 1.000000001 through as "multiples of 0.01" (a 0.00 € link). For a step that is
 * a power of ten (0.01, 1), a number is a multiple exactly when it equals itself rounded to that
 * many decimals; other steps keep a tight quotient check.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';

function decimalsOf(step: number): number | undefined {
  for (let d = 0; d <= 10; d++) if (Number((1 / 10 ** d).toFixed(d)) === step) return d;
  return undefined;
}

export function isMultipleOf(value: number, step: number): boolean {
  const decimals = decimalsOf(step);
  if (decimals !== undefined) return Number(value.toFixed(decimals)) === value;
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

export function useDecimalMultipleOf(ajv: Ajv2020): void {
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    error: {
      message: ({ schema }: { schema: number }) =>
        `must be a multiple of ${schema} (at most ${decimalsOf(schema) ?? '?'} decimals)`,
    },
    validate: (step: number, value: number) => isMultipleOf(value, step),
  });
}
