import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signAlert } from './deliver-alert';
import { linkOf } from './send-alert-event';

describe('signAlert', () => {
  it('signs the timestamp and the body, so neither can be changed', () => {
    const at = new Date('2026-11-23T12:00:00Z');
    const t = at.getTime() / 1000;
    const expected = createHmac('sha256', 'whsec').update(`${t}.{"a":1}`).digest('hex');
    expect(signAlert('whsec', '{"a":1}', at)).toBe(`t=${t},v1=${expected}`);
    expect(signAlert('whsec', '{"a":2}', at)).not.toBe(signAlert('whsec', '{"a":1}', at));
  });
});

describe('linkOf', () => {
  it('joins the console URL and the path; without a URL the path stays relative', () => {
    expect(linkOf('https://waybill.example.com', '/errors')).toBe(
      'https://waybill.example.com/errors',
    );
    expect(linkOf(undefined, '/errors')).toBe('/errors');
  });
});
