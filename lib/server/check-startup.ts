// A web server whose settings are invalid — or that runs with NODE_ENV=production on the
// development secrets of .env.example or without a public URL — exits at once, naming each
// setting, instead of failing its first request (or, worse, serving with a known secret).
import { checkWebSettings } from '@/lib/env';

export function checkWebStartup(): void {
  try {
    checkWebSettings();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
