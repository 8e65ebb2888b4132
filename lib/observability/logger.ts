import pino from 'pino';

// Secrets never reach the log: these paths are redacted wherever they appear.
const REDACT = [
  '*.password',
  '*.passwordHash',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.Authorization',
  'headers["x-shopify-hmac-sha256"]',
  'headers.authorization',
  '*.webhookSecret',
  '*.credentials',
];

export function createLogger(level: string, name: string): pino.Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } });
}

export type Logger = pino.Logger;
