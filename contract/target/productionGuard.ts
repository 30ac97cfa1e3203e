/**
 * The suite creates and deletes links. On SecPaid's production host that would touch real money
 * records, so it is refused unless the caller asks for it twice: `--allow-production` and
 * `--read-only` (which creates nothing). The host is taken from the parsed URL (so user-info,
 * port, case and a trailing dot do not disguise it), and its subdomains count as production too.
 * Which hosts are production is the harness's one list, load/shared/productionHost.ts (engine-neutral,
 * since the k6 scripts refuse the same hosts).
 */
import { isProductionHost, normalHost } from '../../load/shared/productionHost.ts';

function hostOf(baseUrl: string): string {
  return normalHost(new URL(baseUrl).hostname);
}

export function isProductionUrl(baseUrl: string): boolean {
  return isProductionHost(new URL(baseUrl).hostname);
}

export function assertTargetAllowed(
  baseUrl: string,
  options: { allowProduction: boolean; readOnly: boolean },
): void {
  if (!isProductionUrl(baseUrl)) return;
  if (options.allowProduction && options.readOnly) return;
  throw new Error(
    `refusing to run against the production host ${hostOf(baseUrl)}: pass both --allow-production and --read-only ` +
      '(the suite then creates nothing and only lists and checks authentication)',
  );
}
