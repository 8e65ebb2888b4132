import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Time } from './time';
import { TimeText } from './time-text';
import { TimeZoneProvider } from './time-zone-context';

const inZone = (zone: string, child: ReactNode) =>
  renderToStaticMarkup(
    createElement(TimeZoneProvider, { value: { zone, source: 'browser' }, children: child }),
  );

describe('<Time>', () => {
  it('writes the instant in the provided zone, labelled, UTC on hover', () => {
    const html = inZone('America/New_York', createElement(Time, { value: '2026-12-05T13:06:40Z' }));
    expect(html).toBe(
      '<time dateTime="2026-12-05T13:06:40.000Z" title="5 Dec 2026, 13:06:40 UTC">5 Dec 2026, 08:06:40 EST</time>',
    );
  });

  it('reads relative with the absolute time on hover', () => {
    const html = inZone(
      'Europe/Berlin',
      createElement(Time, {
        value: '2026-12-05T13:06:40Z',
        relative: true,
        asOf: '2026-12-05T13:09:40Z',
      }),
    );
    expect(html).toContain('title="5 Dec 2026, 14:06:40 CET"');
    expect(html).toContain('>3 min ago</time>');
  });

  it('shows the empty text for a missing value, UTC without a provider', () => {
    expect(renderToStaticMarkup(createElement(Time, { value: null, empty: 'never' }))).toBe(
      '<span>never</span>',
    );
    expect(renderToStaticMarkup(createElement(Time, { value: 0 }))).toContain(
      '1 Jan 1970, 00:00:00 UTC',
    );
  });

  it('shows instants inside ledger text the same way', () => {
    const html = inZone(
      'America/New_York',
      createElement(TimeText, { text: 'retry at 2026-12-05T14:06:45Z (timeout)' }),
    );
    expect(html).toContain('retry at <time dateTime="2026-12-05T14:06:45.000Z"');
    expect(html).toContain('>5 Dec 2026, 09:06:45 EST</time> (timeout)');
  });
});
