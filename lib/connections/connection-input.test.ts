import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import {
  baseUrl,
  connectionKey,
  maskingRules,
  parseOrRefuse,
  webhookSecret,
} from './connection-input';

describe('connection input rules', () => {
  it('accepts http and https base URLs only', () => {
    expect(parseOrRefuse(baseUrl, ' https://erp.example.com/api ')).toBe(
      'https://erp.example.com/api',
    );
    expect(parseOrRefuse(baseUrl, 'http://127.0.0.1:4101')).toBe('http://127.0.0.1:4101');
    for (const bad of ['ftp://x.example', 'javascript:alert(1)', 'file:///etc/passwd', 'nope'])
      expect(() => parseOrRefuse(baseUrl, bad, 'baseUrl')).toThrow(/baseUrl: /);
  });

  it('keys are URL-safe', () => {
    expect(parseOrRefuse(connectionKey, 'commerce-eu')).toBe('commerce-eu');
    expect(() => parseOrRefuse(connectionKey, 'Commerce EU')).toThrow(AppError);
  });

  it('refuses bad masking paths with the path in the message', () => {
    expect(() => parseOrRefuse(maskingRules, ['$.ok', 'bad'], 'maskingRules')).toThrow(
      /maskingRules\.1: bad must start with \$/,
    );
  });

  it('a refused secret never appears in the error', () => {
    const secret = 'short s3cret with spaces';
    try {
      parseOrRefuse(webhookSecret, secret, 'secret');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify([String(error), (error as AppError).details])).not.toContain(secret);
    }
  });
});
