export const HEADLESS_SHELL: string;
export const FULL_CHROMIUM: string;
/** The browser to launch, or null when none is installed. */
export function chromiumPath(
  env?: Record<string, string | undefined>,
  exists?: (path: string) => boolean,
): string | null;
