import { describe, expect, it } from 'vitest';
import { chromiumPath, FULL_CHROMIUM, HEADLESS_SHELL } from './chromium-path.mjs';

const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('chromiumPath', () => {
  it('prefers the headless shell, then the full browser', () => {
    expect(chromiumPath({}, only(HEADLESS_SHELL, FULL_CHROMIUM))).toBe(HEADLESS_SHELL);
    expect(chromiumPath({}, only(FULL_CHROMIUM))).toBe(FULL_CHROMIUM);
    expect(chromiumPath({}, only())).toBeNull();
  });

  it('takes CHROMIUM_PATH as given, and says none when it does not exist', () => {
    const env = { CHROMIUM_PATH: '/opt/chrome/chrome' };
    expect(chromiumPath(env, only('/opt/chrome/chrome', HEADLESS_SHELL))).toBe(
      '/opt/chrome/chrome',
    );
    expect(chromiumPath(env, only(HEADLESS_SHELL))).toBeNull();
  });
});
