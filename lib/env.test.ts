import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEVELOPMENT_SECRETS,
  loadDotEnv,
  outboundAllowHostsSetting,
  productionProblems,
  serverEnvOf,
} from './env';

const example = Object.fromEntries(
  readFileSync('.env.example', 'utf8')
    .split('\n')
    .map((line) => line.replace(/^#\s*/, ''))
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

describe('production settings', () => {
  it('knows every development secret .env.example ships', () => {
    expect(DEVELOPMENT_SECRETS).toContain(example.NEXTAUTH_SECRET);
    expect(DEVELOPMENT_SECRETS).toContain(example.WAYBILL_ENCRYPTION_KEY);
    expect(DEVELOPMENT_SECRETS).toContain(example.METRICS_TOKEN);
    for (const pair of String(example.WAYBILL_ENCRYPTION_KEYS).split(','))
      expect(DEVELOPMENT_SECRETS).toContain(pair.slice(pair.indexOf(':') + 1));
  });

  it('refuses .env.example as it is, naming each setting', () => {
    const problems = productionProblems({ ...example, NEXTAUTH_URL: '' });
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'NEXTAUTH_SECRET',
      'WAYBILL_ENCRYPTION_KEY',
      'WAYBILL_ENCRYPTION_KEYS',
      'METRICS_TOKEN',
      'NEXTAUTH_URL',
    ]);
    // the message says what to do, and never repeats the secret
    for (const p of problems) for (const s of DEVELOPMENT_SECRETS) expect(p).not.toContain(s);
  });

  it('finds the demo key inside a key ring of several', () => {
    const ring = `k2:${'A'.repeat(43)}=,k1:${DEVELOPMENT_SECRETS[1]}`;
    expect(
      productionProblems({ WAYBILL_ENCRYPTION_KEYS: ring, NEXTAUTH_URL: 'https://x' }),
    ).toEqual([expect.stringMatching(/^WAYBILL_ENCRYPTION_KEYS:/)]);
  });

  it('accepts secrets of your own and a public URL', () => {
    expect(
      productionProblems({
        NEXTAUTH_SECRET: 'a-secret-of-our-own-0123456789',
        WAYBILL_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        NEXTAUTH_URL: 'https://waybill.example.com',
      }),
    ).toEqual([]);
  });
});

describe('OUTBOUND_ALLOW_HOSTS', () => {
  it('falls back to its former name ALERT_WEBHOOK_ALLOW_HOSTS only when unset', () => {
    loadDotEnv(); // a checkout's .env must not fill in what this test removes
    const saved = [process.env.OUTBOUND_ALLOW_HOSTS, process.env.ALERT_WEBHOOK_ALLOW_HOSTS];
    try {
      delete process.env.OUTBOUND_ALLOW_HOSTS;
      process.env.ALERT_WEBHOOK_ALLOW_HOSTS = '127.0.0.1,receiver.test';
      expect(outboundAllowHostsSetting()).toBe('127.0.0.1,receiver.test');
      process.env.OUTBOUND_ALLOW_HOSTS = 'sims.test';
      expect(outboundAllowHostsSetting()).toBe('sims.test');
      process.env.OUTBOUND_ALLOW_HOSTS = '';
      expect(outboundAllowHostsSetting()).toBe('');
      delete process.env.ALERT_WEBHOOK_ALLOW_HOSTS;
      delete process.env.OUTBOUND_ALLOW_HOSTS;
      expect(outboundAllowHostsSetting()).toBeUndefined();
    } finally {
      const restore = (name: string, value: string | undefined) =>
        value === undefined ? delete process.env[name] : (process.env[name] = value);
      restore('OUTBOUND_ALLOW_HOSTS', saved[0]);
      restore('ALERT_WEBHOOK_ALLOW_HOSTS', saved[1]);
    }
  });
});

/** The settings without a default: everything else as shipped. */
const required = {
  DATABASE_URL: 'postgresql://waybill@primary.test:5432/waybill',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  WAYBILL_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('DATABASE_READ_URL', () => {
  it('is the replica the console reads from when set', () => {
    const env = serverEnvOf({
      ...required,
      DATABASE_READ_URL: 'postgresql://waybill@replica.test:5432/waybill',
    });
    expect(env.DATABASE_READ_URL).toBe('postgresql://waybill@replica.test:5432/waybill');
    expect(env.DATABASE_URL).toBe(required.DATABASE_URL);
  });

  it('is unset when absent or empty (everything reads the primary)', () => {
    expect(serverEnvOf(required).DATABASE_READ_URL).toBeUndefined();
    expect(serverEnvOf({ ...required, DATABASE_READ_URL: '' }).DATABASE_READ_URL).toBeUndefined();
  });

  it('refuses a value that is not a postgresql:// URL, naming the variable', () => {
    for (const bad of ['mysql://replica.test/waybill', 'replica.test:5432', ' '])
      expect(() => serverEnvOf({ ...required, DATABASE_READ_URL: bad })).toThrow(
        /DATABASE_READ_URL: must be a postgresql:\/\/ URL/,
      );
  });
});

describe('DISPATCH_LEASE_MS against PROVIDER_TIMEOUT_MS', () => {
  it('accepts the defaults and a lease of exactly twice the timeout', () => {
    expect(serverEnvOf(required).DISPATCH_LEASE_MS).toBe(30_000);
    const env = serverEnvOf({
      ...required,
      DISPATCH_LEASE_MS: '4000',
      PROVIDER_TIMEOUT_MS: '2000',
    });
    expect(env.DISPATCH_LEASE_MS).toBe(4000);
  });

  it('refuses a lease a dead worker’s last call could outlive, naming both settings', () => {
    expect(() =>
      serverEnvOf({ ...required, DISPATCH_LEASE_MS: '5000', PROVIDER_TIMEOUT_MS: '3000' }),
    ).toThrow(/DISPATCH_LEASE_MS: must be at least twice PROVIDER_TIMEOUT_MS \(3000 ms\)/);
    expect(() => serverEnvOf({ ...required, PROVIDER_TIMEOUT_MS: '20000' })).toThrow(
      /DISPATCH_LEASE_MS/,
    );
  });
});
