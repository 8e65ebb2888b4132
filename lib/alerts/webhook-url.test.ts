import { describe, expect, it } from 'vitest';
// The guard's address ranges are tested in lib/outbound; here, its words for alert webhooks.
import { checkWebhookUrl, resolveWebhookTarget, type Lookup } from './webhook-url';

describe('checkWebhookUrl (when a rule is saved)', () => {
  it('accepts a public https or http URL and normalises it', () => {
    const verdict = checkWebhookUrl(' https://alerts.example.com/hook?x=1 ');
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.ok && verdict.url.toString()).toBe('https://alerts.example.com/hook?x=1');
    expect(checkWebhookUrl('http://93.184.216.34/hook').ok).toBe(true);
  });

  it.each([
    ['not a url', 'not a valid URL'],
    ['ftp://alerts.example.com/', 'https:// or http://'],
    ['file:///etc/passwd', 'https:// or http://'],
    ['javascript:alert(1)', 'https:// or http://'],
    ['https://user:pass@alerts.example.com/', 'user name or password'],
    ['https://token@alerts.example.com/', 'user name or password'],
  ])('refuses %s', (url, words) => {
    const verdict = checkWebhookUrl(url);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(words);
  });

  it.each([
    'http://127.0.0.1:6379/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://0/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
    'http://100.100.100.200/',
    'http://localhost:3000/',
    'http://LOCALHOST/',
    'http://localhost./',
    'http://api.localhost/',
    'http://printer.local/',
    'http://metadata.google.internal/',
    'http://redis/',
  ])('refuses the internal host of %s', (url) => {
    const verdict = checkWebhookUrl(url);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/may not reach/);
  });

  it('lets an allowed host through, and only that host', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4999/alerts', ['127.0.0.1']).ok).toBe(true);
    expect(checkWebhookUrl('http://[::1]:4999/alerts', ['::1']).ok).toBe(true);
    expect(checkWebhookUrl('http://localhost:4999/alerts', ['127.0.0.1']).ok).toBe(false);
    expect(checkWebhookUrl('http://127.0.0.2/', ['127.0.0.1']).ok).toBe(false);
  });
});

describe('resolveWebhookTarget (when an alert is delivered)', () => {
  const dns =
    (answers: Record<string, string[]>): Lookup =>
    (host) => {
      const found = answers[host];
      if (!found) return Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }));
      return Promise.resolve(
        found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    };

  it('passes a name whose every address is public, with those addresses', async () => {
    const verdict = await resolveWebhookTarget(
      'https://alerts.example.com/hook',
      [],
      dns({ 'alerts.example.com': ['93.184.216.34', '2606:2800:220:1::1'] }),
    );
    expect(verdict).toMatchObject({ ok: true, addresses: [{ address: '93.184.216.34' }, {}] });
  });

  it('refuses a public-looking name that resolves to an internal address (DNS rebinding)', async () => {
    const verdict = await resolveWebhookTarget(
      'https://rebind.example.com/hook',
      [],
      dns({ 'rebind.example.com': ['127.0.0.1'] }),
    );
    expect(verdict).toEqual({
      ok: false,
      reason: expect.stringContaining('resolves to 127.0.0.1, a loopback address') as string,
    });
  });

  it('refuses when ANY address is internal, even if another is public', async () => {
    const verdict = await resolveWebhookTarget(
      'https://mixed.example.com/',
      [],
      dns({ 'mixed.example.com': ['93.184.216.34', '169.254.169.254'] }),
    );
    expect(verdict.ok).toBe(false);
    const mapped = await resolveWebhookTarget(
      'https://mapped.example.com/',
      [],
      dns({ 'mapped.example.com': ['::ffff:10.0.0.1'] }),
    );
    expect(mapped.ok).toBe(false);
  });

  it('refuses an unknown name in words', async () => {
    expect(await resolveWebhookTarget('https://nowhere.example.com/', [], dns({}))).toEqual({
      ok: false,
      reason: "the receiver's host name is unknown",
    });
  });

  it('lets an allowed address through when the name resolves to it', async () => {
    const lookup = dns({ 'receiver.example.com': ['127.0.0.1'] });
    expect(
      (await resolveWebhookTarget('http://receiver.example.com/', ['127.0.0.1'], lookup)).ok,
    ).toBe(true);
    expect((await resolveWebhookTarget('http://receiver.example.com/', [], lookup)).ok).toBe(false);
  });

  it('checks literal addresses without asking DNS, and re-applies the save-time rules', async () => {
    const never: Lookup = () => Promise.reject(new Error('DNS must not be asked'));
    expect(await resolveWebhookTarget('http://93.184.216.34/', [], never)).toMatchObject({
      ok: true,
      addresses: [{ address: '93.184.216.34', family: 4 }],
    });
    expect((await resolveWebhookTarget('http://10.1.1.1/', [], never)).ok).toBe(false);
    expect((await resolveWebhookTarget('http://localhost/', [], never)).ok).toBe(false);
  });
});
