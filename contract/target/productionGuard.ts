/**
 * The suite creates and deletes links. On SecPaid's production host that would touch real money
 * records, so it is refused unless the caller asks for it twice: `--allow-production` and
 * `--read-only` (which creates nothing).
 */
export const productionHosts = ['app.secpaid.com'];

export function isProductionUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.toLowerCase().replace(/\.$/, '');
  return productionHosts.includes(host);
}

export function assertTargetAllowed(
  baseUrl: string,
  options: { allowProduction: boolean; readOnly: boolean },
): void {
  if (!isProductionUrl(baseUrl)) return;
  if (options.allowProduction && options.readOnly) return;
  throw new Error(
    `refusing to run against the production host ${new URL(baseUrl).host}: pass both --allow-production and --read-only ` +
      '(the suite then creates nothing and only lists and checks authentication)',
  );
}
