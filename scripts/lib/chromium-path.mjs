// Which Chromium the browser tests drive: CHROMIUM_PATH when set, else Debian's headless shell (the
// browser without its windowing layers: the sweeps ran about a fifth faster on it than on the full
// `chromium`, same version), else the full browser. Playwright cannot download its own here.
import { existsSync } from 'node:fs';

export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const FULL_CHROMIUM = '/usr/bin/chromium';

/** The browser to launch, or null when none is installed. */
export function chromiumPath(env = process.env, exists = existsSync) {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return [HEADLESS_SHELL, FULL_CHROMIUM].find((path) => exists(path)) ?? null;
}
