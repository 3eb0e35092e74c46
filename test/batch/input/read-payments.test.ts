import { describe, expect, test } from 'vitest';
import { readPayments, type PaymentRow } from '../../../batch/input/read-payments.js';
import type { InputIssue } from '../../../batch/input/input-issue.js';
import { located, source } from './helpers.js';

async function collect(text: string): Promise<{ rows: PaymentRow[]; issues: InputIssue[] }> {
  const rows: PaymentRow[] = [];
  const issues: InputIssue[] = [];
  await readPayments(source(text, 'payments.csv'), { onRow: (r) => void rows.push(r), onIssue: (i) => void issues.push(i) });
  return { rows, issues };
}

describe('payments report', () => {
  test('a report with one currencyCode column uses it for earned and paid amounts', async () => {
    const { rows, issues } = await collect(
      'participantID,programName,earned,earnedUSD,totalPayment,currencyCode,paymentID,paymentStatus,paymentDate\n' +
        'P-1,CSP Indirect Reseller,"1,000.00",1180.00,950.00,eur,PAY-1,Sent,2021-05-20\n',
    );
    expect(issues).toEqual([]);
    expect(rows[0]).toMatchObject({
      participantId: 'P-1',
      paymentId: 'PAY-1',
      earnedCurrency: 'EUR',
      paymentCurrency: 'EUR',
      paymentStatus: 'Sent',
      paymentDate: '2021-05-20',
      location: { file: 'payments.csv', line: 2 },
    });
    expect([rows[0]!.earned.toString(), rows[0]!.earnedUSD?.toString(), rows[0]!.totalPayment?.toString()]).toEqual(['1000', '1180', '950']);
  });

  test('a report with earned and payment currencies keeps them apart', async () => {
    const { rows } = await collect(
      'paymentID,participantID,earned,earnedCurrencyCode,totalPayment,paymentCurrencyCode,paymentDate\nPAY-2,P-1,100,EUR,118.00,USD,\n',
    );
    expect(rows[0]).toMatchObject({ earnedCurrency: 'EUR', paymentCurrency: 'USD', paymentDate: null });
  });

  test('earnedCurrencyCode is read where currencyCode beside it says the same, and an empty payment currency is the earned currency', async () => {
    const { rows, issues } = await collect(
      'paymentID,participantID,earned,currencyCode,earnedCurrencyCode,paymentCurrencyCode\nPAY-3,P-1,100,eur,EUR,\nPAY-4,P-1,100,,EUR,\n',
    );
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.paymentId, r.earnedCurrency, r.paymentCurrency])).toEqual([
      ['PAY-3', 'EUR', 'EUR'],
      ['PAY-4', 'EUR', 'EUR'],
    ]);
  });

  test('a row whose currencyCode is another currency than its earnedCurrencyCode is refused in currencyCode, saying both', async () => {
    const { rows, issues } = await collect('paymentID,participantID,earned,currencyCode,earnedCurrencyCode\nPAY-3,P-1,100,USD,EUR\n');
    expect(rows).toEqual([]);
    expect(located(issues)).toEqual([{ code: 'invalid_currency', severity: 'error', line: 2, column: 4 }]);
    expect(issues[0]!.message).toBe('currencyCode "USD" is another currency than earnedCurrencyCode (EUR) on the same row.');
    expect(issues[0]!.hint).toMatch(/leave currencyCode empty/);
  });

  test('a report without any currency column is missing_column', async () => {
    const { issues } = await collect('paymentID,participantID,earned\nPAY-1,P-1,1\n');
    expect(located(issues)).toEqual([{ code: 'missing_column', severity: 'error', line: 1 }]);
    expect(issues[0]!.params?.['missing']).toBe('earnedCurrencyCode or currencyCode');
  });

  test('bad values are located issues in their columns', async () => {
    const { rows, issues } = await collect('paymentID,participantID,earned,currencyCode,paymentDate\nPAY-1,P-1,1.234,56,EUR,2021-01-01\nPAY-2,,x,EUR,2021-02-30\n');
    expect(located(issues)).toEqual([
      { code: 'ragged_row', severity: 'error', line: 2, column: 6 },
      { code: 'missing_field', severity: 'error', line: 3, column: 2 },
      { code: 'invalid_amount', severity: 'error', line: 3, column: 3 },
      { code: 'invalid_date', severity: 'error', line: 3, column: 5 },
    ]);
    expect(rows).toEqual([]);
  });

  test('a badly written optional value refuses the row, located in its column with the cell as written', async () => {
    const { rows, issues } = await collect(
      'paymentID,participantID,earned,earnedCurrencyCode,totalPayment,paymentCurrencyCode\n' +
        'PAY-1,P-1,100,EUR, 9x ,USD\n' +
        'PAY-2,P-1,100,EUR,118,E U R\n' +
        'PAY-3,P-1,100,EUR,118,\n',
    );
    expect(located(issues)).toEqual([
      { code: 'invalid_amount', severity: 'error', line: 2, column: 5 },
      { code: 'invalid_currency', severity: 'error', line: 3, column: 6 },
    ]);
    expect(issues.map((i) => i.raw)).toEqual([' 9x ', 'E U R']);
    expect(rows.map((r) => [r.paymentId, r.paymentCurrency])).toEqual([['PAY-3', 'EUR']]);
  });
});
