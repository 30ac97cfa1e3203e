/** `aTenant(control, { suspended: true })`: a fresh, isolated account on a sandbox target. */
import type { components } from '../../generated/sandbox.d.ts';
import type { ControlApi, Tenant } from './controlApi.ts';

export function aTenant(
  control: ControlApi,
  overrides: components['schemas']['TenantRequest'] = {},
): Promise<Tenant> {
  return control.createTenant(overrides);
}
