import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '@/lib/base/csv';
import { csvFilename, csvHeader, csvRow } from './transaction-csv';

describe('csvField', () => {
  it.each([
    ['plain text', 'FUL-000123', 'FUL-000123'],
    ['empty', '', ''],
    ['a comma', 'Paid orders, warehouse', '"Paid orders, warehouse"'],
    ['a quote', 'the "big" order', '"the ""big"" order"'],
    ['a line break', 'line 1\nline 2', '"line 1\nline 2"'],
    ['a carriage return', 'a\r\nb', '"a\r\nb"'],
    ['a formula', '=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['a plus', '+1 555', "'+1 555"],
    ['a minus', '-2+3', "'-2+3"],
    // a negative amount is data: it must stay a number a spreadsheet can sum
    ['a negative decimal', '-12.50', '-12.50'],
    ['a negative integer', '-7', '-7'],
    ['a minus that only starts like a number', '-1.5e3', "'-1.5e3"],
    ['an at', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['unicode', 'Paid orders → warehouse', 'Paid orders → warehouse'],
  ])('%s', (_label, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes null as an empty field and numbers as they are (negative numbers stay numbers)', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(3)).toBe('3');
    expect(csvField(-3)).toBe('-3');
  });
});

describe('csv rows', () => {
  it('has the header auditors expect', () => {
    expect(csvHeader()).toBe(
      'id,business_key,flow,target,status,error_class,attempts,external_ref,created_at,updated_at\r\n',
    );
  });

  it('writes one CRLF-terminated line per transaction in header order', () => {
    expect(
      csvRow({
        id: '01963f5e-7c1a-7000-8000-000000000001',
        businessKey: '1047',
        flow: 'Paid orders → warehouse, fast',
        target: 'Warehouse',
        status: 'failed',
        errorClass: 'auth',
        attempts: 3,
        externalRef: null,
        createdAt: '2025-03-03T09:15:00.000Z',
        updatedAt: '2025-03-03T09:16:00.000Z',
      }),
    ).toBe(
      '01963f5e-7c1a-7000-8000-000000000001,1047,"Paid orders → warehouse, fast",Warehouse,failed,auth,3,,2025-03-03T09:15:00.000Z,2025-03-03T09:16:00.000Z\r\n',
    );
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('names the file after the moment without characters file systems mind', () => {
    expect(csvFilename(new Date('2025-03-03T09:15:07.123Z'))).toBe(
      'transactions-2025-03-03T09-15-07Z.csv',
    );
  });
});
