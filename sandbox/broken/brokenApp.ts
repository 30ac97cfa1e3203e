/** The faithful app wrapped with one broken mode's overrides (modes.ts lists them, overrides.ts has them). */
import { type App, createApp, faithfulParts } from '../app.ts';
import type { SandboxState } from '../state.ts';
import { brokenModes, isBrokenMode } from './modes.ts';
import { brokenOverrides } from './overrides.ts';

export function brokenApp(mode: string, state: SandboxState): App {
  if (!isBrokenMode(mode))
    throw new Error(
      `unknown broken mode ${JSON.stringify(mode)}: one of ${brokenModes.map((m) => m.name).join(', ')}`,
    );
  const overrides = brokenOverrides[mode];
  overrides.state?.(state);
  const app = createApp(state, { ...faithfulParts, ...overrides.parts });
  return overrides.http ? overrides.http(app, state) : app;
}
