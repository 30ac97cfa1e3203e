/**
 * Values handed to a script are made in the VU's own realm (its vm context), so `instanceof Array`,
 * `Object.prototype` and `JSON` behave as in k6 and no object of the host's realm (whose constructors
 * lead to Node's `process`) is reachable through them.
 */
import vm from 'node:vm';

export interface Realm {
  context: vm.Context;
  /** A copy of plain data (JSON-shaped) made in the VU's realm. */
  copy<T>(value: T): T;
  /** An Error of the VU's realm, so `catch (e) { e instanceof Error }` holds in the script. */
  error(message: string): Error;
  /** `response.json()`, a function of the VU's realm. */
  jsonMethod: () => unknown;
}

export function realmOf(context: vm.Context): Realm {
  const parse = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
  const ErrorOfRealm = vm.runInContext('Error', context) as ErrorConstructor;
  const jsonMethod = vm.runInContext(
    '(function json() { return JSON.parse(this.body); })',
    context,
  ) as () => unknown;
  return {
    context,
    copy: <T>(value: T) => (value === undefined ? value : (parse(JSON.stringify(value)) as T)),
    error: (message) => new ErrorOfRealm(message),
    jsonMethod,
  };
}
