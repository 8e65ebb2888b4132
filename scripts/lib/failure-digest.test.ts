import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureDigest } from './failure-digest.mjs';

function report(data: unknown) {
  const file = join(mkdtempSync(join(tmpdir(), 'digest-')), 'report.json');
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('failureDigest', () => {
  it('names a failed Playwright test with the start of its error, without colours or stack', () => {
    const file = report({
      suites: [
        {
          title: 'a11y/pages.spec.ts',
          file: 'a11y/pages.spec.ts',
          specs: [
            {
              title: 'every page (admin, light)',
              file: 'a11y/pages.spec.ts',
              line: 39,
              tests: [
                {
                  projectName: 'sweeps',
                  status: 'unexpected',
                  results: [
                    {
                      status: 'failed',
                      error: {
                        message:
                          '\u001b[31mError: expect(received).toEqual(expected)\u001b[39m\n\n- []\n+ ["overview: color-contrast"]\n    at auditPages (pages.spec.ts:17:5)',
                      },
                    },
                  ],
                },
                { projectName: 'sweeps', status: 'expected', results: [{ status: 'passed' }] },
              ],
            },
          ],
        },
      ],
    });
    expect(failureDigest(file, 'playwright')).toEqual([
      '✗ [sweeps] a11y/pages.spec.ts:39 › every page (admin, light)',
      '    Error: expect(received).toEqual(expected)',
      '    - []',
      '    + ["overview: color-contrast"]',
    ]);
  });

  it('names failed vitest tests and files that failed to load', () => {
    const file = report({
      testResults: [
        {
          name: '/repo/lib/a.test.ts',
          status: 'failed',
          assertionResults: [
            { fullName: 'a works', status: 'failed', failureMessages: ['AssertionError: 1 !== 2'] },
            { fullName: 'a passes', status: 'passed', failureMessages: [] },
          ],
        },
        {
          name: '/repo/lib/b.test.ts',
          status: 'failed',
          message: 'SyntaxError: b',
          assertionResults: [],
        },
        { name: '/repo/lib/c.test.ts', status: 'passed', assertionResults: [] },
      ],
    });
    expect(failureDigest(file, 'vitest')).toEqual([
      '✗ /repo/lib/a.test.ts › a works',
      '    AssertionError: 1 !== 2',
      '✗ /repo/lib/b.test.ts',
      '    SyntaxError: b',
    ]);
  });

  it('says nothing when a runner left no report', () => {
    expect(failureDigest('/nonexistent/report.json', 'vitest')).toEqual([]);
  });
});
