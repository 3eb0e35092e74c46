import { afterAll, describe, expect, test } from 'vitest';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { Dec } from '../../../core/money/decimal.js';
import { tempDirs } from '../../support/temp-dir.js';
import { dumpXlsx } from '../../support/xlsx-dump.js';
import { runCli } from './run.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const HEADER = 'earningId,participantId,participantName,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever,reasonCode,claimId,paymentId';
const CLAIMS_HEADER = 'claimId,participantId,programName,earningPeriod,activityType,activityName,activityStart,activityEnd,currency,amountClaimed,amountApproved,status,submittedDate,decisionDate,invoices,csrs,proofs,notes';

async function fixture(files: Record<string, string>): Promise<string> {
  const dir = await dirs.make();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

function readCsv(text: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

async function reconcileIn(dir: string, extra: string[] = [], asOf = '2022-02-10') {
  const out = join(dir, 'out');
  const r = await runCli(['reconcile', '--earnings', join(dir, 'earnings'), '--as-of', asOf, '--out', out, '--quiet', ...extra]);
  const read = async (name: string) => readFile(join(out, name), 'utf8').catch(() => '');
  return {
    ...r,
    out,
    balances: readCsv(await read('balances.csv')),
    findings: readCsv(await read('findings.csv')),
    claims: readCsv(await read('claims.csv')),
    journal: readCsv(await read('journal.csv')),
    summary: JSON.parse((await read('summary.json')) || 'null'),
  };
}

// A small world whose every number is worked out by hand below.
const EARNINGS = [
  HEADER,
  // P1, CSP Indirect Reseller, FY22 H1 (Jul–Dec 2021): EUR 6,000 co-op (USD 7,000) + USD 3,500 co-op = USD 10,500 >= 10,000
  'E1,P1,Contoso,CSP Indirect Reseller,Rebate,9000.00,10500.00,2021-08-01,EUR,T1,Core,,,PAY1',
  'E2,P1,Contoso,CSP Indirect Reseller,Co-op,6000.00,7000.00,2021-08-01,EUR,T1,Core,,,PAY1',
  'E3,P1,Contoso,CSP Indirect Reseller,Coop,3500.00,3500.00,2021-09-01,USD,T2,Core,,,PAY2',
  // the same E3 again in a later download: counted once
  'E3,P1,Contoso,CSP Indirect Reseller,Coop,3500.00,3500.00,2021-09-01,USD,T2,Core,,,PAY2',
  // P2, Hosting, FY22 H1: USD 1,499.99 co-op, below the 1,500 threshold → converts
  'E4,P2,Fabrikam,Hosting,COOP,1499.99,1499.99,2021-10-01,USD,T3,,,,PAY3',
  // P2, Hosting, FY21 H2 (Jan–Jun 2021): exactly USD 1,500 → not converted; closed by 2022-02-16
  'E5,P2,Fabrikam,Hosting,Co-op,1500.00,1500.00,2021-03-01,USD,T4,,,,PAY4',
  // a clawback written the accounting way: the group stays at USD 10,441.67, above the threshold
  'E6,P1,Contoso,CSP Indirect Reseller,Co-op,(50.00),(58.33),2021-11-01,EUR,T5,Core,,,PAY1',
  // rollover evidence is not earnings; dated in the period it converts, as Partner Center does
  'E7,P2,Fabrikam,Hosting,Co-op,-1499.99,-1499.99,2021-12-31,USD,,,Co-op rollover,,PAY5',
].join('\n');

describe('coop-ledger reconcile: the rules, on hand-checked numbers', () => {
  test('pools, threshold, conversion, duplicates and claims come out as worked out by hand', async () => {
    const dir = await fixture({
      'earnings/a.csv': EARNINGS + '\n',
      'claims.csv': [
        CLAIMS_HEADER,
        // approved EUR 2,000 against P1 FY22 H1 EUR (activity in Jan 2022 → funded by FY22 H1)
        'C1,P1,CSP Indirect Reseller,FY22 H1,Event,Launch,2022-01-10,2022-01-20,EUR,2000.00,2000.00,Approved,2022-02-20,2022-03-01,inv.pdf,,poe.pdf,',
        // pending USD 4,000 against the USD 3,500 pool: overdraws by 500
        'C2,P1,CSP Indirect Reseller,,Digital,Ads,2022-01-05,2022-01-25,USD,4000.00,,Submitted,2022-02-18,,inv2.pdf,,poe2.pdf,',
        // draft, shown not reserved
        'C3,P1,CSP Indirect Reseller,,Digital,Draft ads,2022-02-01,2022-02-05,EUR,100.00,,Editing,,,,,,',
      ].join('\n') + '\n',
    });
    const r = await reconcileIn(dir, ['--claims', join(dir, 'claims.csv')], '2022-03-05');
    expect(r.code).toBe(1);
    // The duplicates went through a scratch folder next to --out, which the run removed.
    expect(r.findings.some((f) => f.code === 'duplicate_earning')).toBe(true);
    expect((await readdir(dir)).filter((n) => n.startsWith('.coop-ledger-'))).toEqual([]);
    const pools = Object.fromEntries(r.balances.map((b) => [`${b.participantId}/${b.programName}/${b.earningPeriod}/${b.currency}`, b]));
    expect(Object.keys(pools)).toEqual([
      'P1/CSP Indirect Reseller/FY22 H1/EUR',
      'P1/CSP Indirect Reseller/FY22 H1/USD',
      'P2/Hosting/FY21 H2/USD',
      'P2/Hosting/FY22 H1/USD',
    ]);
    const eur = pools['P1/CSP Indirect Reseller/FY22 H1/EUR']!;
    expect(eur).toMatchObject({
      status: 'open',
      coopEarned: '5950.00',
      coopEarnedUSD: '6941.67',
      thresholdUSD: '10000.00',
      belowThreshold: 'false',
      claimsDraft: '100.00',
      claimsApproved: '2000.00',
      available: '3950.00',
      usageEnd: '2022-06-30',
      claimEnd: '2022-08-15',
      daysToClaimDeadline: '163',
    });
    const usd = pools['P1/CSP Indirect Reseller/FY22 H1/USD']!;
    expect(usd).toMatchObject({ coopEarned: '3500.00', claimsPending: '4000.00', available: '-500.00' });
    expect(pools['P2/Hosting/FY22 H1/USD']).toMatchObject({ status: 'converted', belowThreshold: 'true', convertedToRebate: '1499.99', available: '0.00' });
    expect(pools['P2/Hosting/FY21 H2/USD']).toMatchObject({ status: 'closed', belowThreshold: 'false', forfeited: '1500.00', available: '0.00' });

    const codes = r.findings.map((f) => f.code);
    expect(codes.filter((c) => c === 'duplicate_earning')).toHaveLength(1);
    expect(codes).toContain('funds_forfeited');
    expect(codes).toContain('threshold_conversion_expected');
    expect(codes).not.toContain('rollover_mismatch'); // the rollover rows match the conversion
    const overdraw = r.findings.find((f) => f.code === 'claim_overdraws_pool')!;
    expect(overdraw).toMatchObject({ claimId: 'C2', severity: 'error', file: join(dir, 'claims.csv'), line: '3' });
    expect(overdraw.expected).toBe('<= 3500 USD');
    expect(r.findings.find((f) => f.code === 'duplicate_earning')).toMatchObject({ earningId: 'E3', line: '5' });
    expect(r.summary.counts).toMatchObject({ earningsRowsRead: 8, earningsRowsCounted: 7, duplicateRows: 1 });

    const c2 = r.claims.find((c) => c.claimId === 'C2')!;
    expect(c2).toMatchObject({ fundingPeriod: 'FY22 H1', claimStart: '2022-02-16', claimEnd: '2022-08-15', retainUntil: '2024-01-25', drawsOnPool: 'true' });
    expect(c2.findings).toContain('claim_overdraws_pool');
  });

  test('the journal balances: debits equal credits in every currency', async () => {
    const dir = await fixture({ 'earnings/a.csv': EARNINGS + '\n' });
    const r = await reconcileIn(dir, [], '2022-09-01');
    const byCurrency = new Map<string, Dec>();
    for (const l of r.journal) {
      const d = new Dec(l.debit!).minus(new Dec(l.credit!));
      byCurrency.set(l.currency!, (byCurrency.get(l.currency!) ?? new Dec(0)).plus(d));
    }
    expect(r.journal.length).toBeGreaterThan(4);
    for (const [, net] of byCurrency) expect(net.isZero()).toBe(true);
    expect(r.journal.some((l) => l.event === 'forfeited')).toBe(true);
    expect(r.journal.some((l) => l.event === 'converted_to_rebate')).toBe(true);
  });

  test('an earningId with different content is an error and the row from the file named last wins', async () => {
    const first = [HEADER, 'E1,P1,Contoso,CSP Indirect Reseller,Co-op,100.00,100.00,2021-08-01,USD,T1,Core,,,'].join('\n');
    const second = [HEADER, 'E1,P1,Contoso,CSP Indirect Reseller,Co-op,250.00,250.00,2021-08-01,USD,T1,Core,,,'].join('\n');
    const dir = await fixture({ 'earnings/1.csv': first, 'earnings/2.csv': second });
    const r = await reconcileIn(dir);
    expect(r.code).toBe(1);
    expect(r.balances).toHaveLength(1);
    expect(r.balances[0]!.coopEarned).toBe('250.00');
    const conflict = r.findings.find((f) => f.code === 'conflicting_duplicate')!;
    expect(conflict).toMatchObject({ severity: 'error', earningId: 'E1', line: '2' });
    expect(conflict.file).toMatch(/2\.csv$/);

    // Named the other way round, the other version wins.
    const out2 = join(dir, 'out2');
    await runCli(['reconcile', '--earnings', join(dir, 'earnings/2.csv'), '--earnings', join(dir, 'earnings/1.csv'), '--as-of', '2022-02-10', '--out', out2, '--quiet']);
    expect(readCsv(await readFile(join(out2, 'balances.csv'), 'utf8'))[0]!.coopEarned).toBe('100.00');
  });

  test('summary.json gives the sha256 of each input: a file (hashed while read), the same file again, a folder', async () => {
    const text = [HEADER, 'E1,P1,Contoso,CSP Indirect Reseller,Co-op,100.00,100.00,2021-08-01,USD,T1,Core,,,'].join('\n');
    const dir = await fixture({ 'earnings/1.csv': text });
    const file = join(dir, 'earnings/1.csv');
    const out = join(dir, 'out');
    await runCli(['reconcile', '--earnings', file, '--earnings', file, '--earnings', join(dir, 'earnings'), '--as-of', '2022-02-10', '--out', out, '--quiet']);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { inputs: { path: string; sha256: string }[] };
    const digest = (data: string) => createHash('sha256').update(data).digest('hex');
    const folder = digest(`1.csv\u0000${digest(text)}\n`);
    expect(summary.inputs.map((i) => i.sha256)).toEqual([digest(text), digest(text), folder]);
  });

  test('a claim with two findings of one code (no invoice, no proof) lists the code once in claims.csv, and both findings in findings.csv', async () => {
    const dir = await fixture({
      'earnings/a.csv': EARNINGS + '\n',
      'claims.csv': [CLAIMS_HEADER, 'C9,P1,CSP Indirect Reseller,,Event,Launch,2022-01-10,2022-01-20,EUR,100.00,,Submitted,2022-02-20,,,,,'].join('\n') + '\n',
    });
    const r = await reconcileIn(dir, ['--claims', join(dir, 'claims.csv')], '2022-03-05');
    expect(r.findings.filter((f) => f.claimId === 'C9' && f.code === 'claim_missing_documents')).toHaveLength(2);
    expect(r.claims.find((c) => c.claimId === 'C9')!.findings).toBe('claim_missing_documents');
  });

  test('summary.json counts each argument\'s own rows: a folder named like the start of another is not given the other\'s rows', async () => {
    const row = (id: string) => `${id},P1,Contoso,CSP Indirect Reseller,Co-op,100.00,100.00,2021-08-01,USD,T${id},Core,,,`;
    const dir = await fixture({ 'exports/a.csv': [HEADER, row('E1')].join('\n'), 'exports-old/b.csv': [HEADER, row('E2'), row('E3')].join('\n') });
    const out = join(dir, 'out');
    await runCli(['reconcile', '--earnings', join(dir, 'exports'), '--earnings', join(dir, 'exports-old'), '--as-of', '2022-02-10', '--out', out, '--quiet']);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { inputs: { path: string; rows: number }[] };
    expect(summary.inputs.map((i) => i.rows)).toEqual([1, 2]);
  });

  test('an earning type the ledger does not know is one unknown_earning_type warning per file and type, with its row count', async () => {
    const a = [
      HEADER,
      'E1,P1,C,CSP Indirect Reseller,Co-op,400.00,400.00,2021-08-01,USD,T1,Core,,,',
      'E2,P1,C,CSP Indirect Reseller,Cooop,100.00,100.00,2021-08-01,USD,T2,Core,,,',
      'E3,P2,F,Hosting,Bonus,5.00,5.00,2021-08-02,USD,T3,,,,',
      'E4,P2,F,Hosting,CO OOP,7.00,7.00,2021-08-03,USD,T4,,,,',
      // the same E2 again: one earning, counted once
      'E2,P1,C,CSP Indirect Reseller,Cooop,100.00,100.00,2021-08-01,USD,T2,Core,,,',
    ].join('\n');
    const b = [HEADER, 'E9,P3,W,Hosting,Rebate,1.00,1.00,2021-08-01,USD,T9,,,,', 'E5,P3,W,Hosting,cooop,3.00,3.00,2021-08-04,USD,T5,,,,'].join('\n');
    const dir = await fixture({ 'earnings/a.csv': a, 'earnings/b.csv': b });
    const r = await reconcileIn(dir);
    const unknown = r.findings.filter((f) => f.code === 'unknown_earning_type');
    expect(unknown.map((f) => [f.severity, f.file!.slice(-5), f.line, f.participantId, f.programName, f.actual])).toEqual([
      ['warning', 'a.csv', '3', 'P1', 'CSP Indirect Reseller', '2'],
      ['warning', 'a.csv', '4', 'P2', 'Hosting', '1'],
      ['warning', 'b.csv', '3', 'P3', 'Hosting', '1'],
    ]);
    expect(r.summary.findings.byCode.unknown_earning_type).toBe(3);
    // Counted as other: in no pool, so P1's pool holds the Co-op row alone.
    expect(r.balances.map((x) => [x.participantId, x.coopEarned])).toEqual([['P1', '400.00']]);
  });

  test('a split that does not match the program share is a split_mismatch with expected and actual', async () => {
    const text = [HEADER, 'E1,P1,C,CSP Indirect Reseller,Rebate,650.00,650.00,2021-08-01,USD,T1,Core,,,', 'E2,P1,C,CSP Indirect Reseller,Co-op,350.00,350.00,2021-08-01,USD,T1,Core,,,'].join('\n');
    const dir = await fixture({ 'earnings/a.csv': text });
    const r = await reconcileIn(dir);
    const f = r.findings.find((x) => x.code === 'split_mismatch')!;
    expect(f).toMatchObject({ transactionId: 'T1', expected: 'rebate 600 / co-op 400', actual: 'rebate 650 / co-op 350' });
  });

  test('--fail-on decides the exit code', async () => {
    const text = [HEADER, 'E1,P1,C,CSP Indirect Reseller,Co-op,20000,20000,2021-08-01,USD,T1,Core,,,', 'E1,P1,C,CSP Indirect Reseller,Co-op,20000,20000,2021-08-01,USD,T1,Core,,,'].join('\n');
    const dir = await fixture({ 'earnings/a.csv': text });
    expect((await reconcileIn(dir, ['--fail-on', 'error'])).code).toBe(0);
    expect((await reconcileIn(dir, ['--fail-on', 'warning'])).code).toBe(1);
    expect((await reconcileIn(dir, ['--fail-on', 'never'])).code).toBe(0);
  });

  test('claims paid by a Claim earnings row are paid; approved long ago without payment is flagged', async () => {
    const text = [
      HEADER,
      'E1,P1,C,CSP Indirect Reseller,Co-op,20000,20000,2021-08-01,USD,T1,Core,,,',
      'E2,P1,C,CSP Indirect Reseller,Claim,900.00,900.00,2022-03-01,USD,,,,C1,',
    ].join('\n');
    const claims = [
      CLAIMS_HEADER,
      'C1,P1,CSP Indirect Reseller,,Event,A,2022-01-10,2022-01-20,USD,1000.00,900.00,Approved,2022-02-20,2022-02-25,i.pdf,,p.pdf,',
      'C2,P1,CSP Indirect Reseller,,Event,B,2022-01-10,2022-01-20,USD,500.00,500.00,Approved,2022-02-20,2022-02-25,i.pdf,,p.pdf,',
    ].join('\n');
    const dir = await fixture({ 'earnings/a.csv': text, 'claims.csv': claims });
    const r = await reconcileIn(dir, ['--claims', join(dir, 'claims.csv')], '2022-05-01');
    expect(r.balances[0]).toMatchObject({ claimsApproved: '1400.00', claimsPaid: '900.00', available: '18600.00' });
    expect(r.claims.map((c) => [c.claimId, c.paid, c.amountPaid])).toEqual([
      ['C1', 'true', '900.00'],
      ['C2', 'false', ''],
    ]);
    const unpaid = r.findings.filter((f) => f.code === 'claim_approved_unpaid').map((f) => f.claimId);
    expect(unpaid).toEqual(['C2']);
  });

  test('a rejected claim keeps its funding period but does not draw on the pool; a claim with bad dates has none', async () => {
    const text = [HEADER, 'E1,P1,C,CSP Indirect Reseller,Co-op,20000,20000,2021-08-01,USD,T1,Core,,,'].join('\n');
    const claims = [
      CLAIMS_HEADER,
      'C1,P1,CSP Indirect Reseller,,Event,A,2022-01-10,2022-01-20,USD,1000.00,,Rejected,2022-02-20,2022-02-25,i.pdf,,p.pdf,',
      'C2,P1,CSP Indirect Reseller,,Event,B,2022-01-10,2022-01-20,USD,500.00,,Submitted,2022-02-20,,i.pdf,,p.pdf,',
      'C3,P1,CSP Indirect Reseller,,Event,C,2022-01-10,2022-01-20,USD,300.00,,Editing,,,,,,',
      'C4,P1,CSP Indirect Reseller,,Event,D,2022-01-25,2022-01-20,USD,200.00,,Submitted,2022-02-20,,i.pdf,,p.pdf,',
    ].join('\n');
    const dir = await fixture({ 'earnings/a.csv': text, 'claims.csv': claims });
    const r = await reconcileIn(dir, ['--claims', join(dir, 'claims.csv')], '2022-05-01');
    expect(r.claims.map((c) => [c.claimId, c.fundingPeriod, c.drawsOnPool])).toEqual([
      ['C1', 'FY22 H1', 'false'],
      ['C2', 'FY22 H1', 'true'],
      ['C3', 'FY22 H1', 'true'],
      ['C4', '', 'false'],
    ]);
    expect(r.balances[0]).toMatchObject({ claimsPending: '500.00', claimsDraft: '300.00' });
  });

  test('a register without a status column is read, every claim a draft, as the add-in reads it', async () => {
    const text = [HEADER, 'E1,P1,C,CSP Indirect Reseller,Co-op,20000,20000,2021-08-01,USD,T1,Core,,,'].join('\n');
    const claims = [
      'claimId,participantId,programName,activityStart,activityEnd,currency,amountClaimed',
      'C1,P1,CSP Indirect Reseller,2022-01-10,2022-01-20,USD,1000.00',
    ].join('\n');
    const dir = await fixture({ 'earnings/a.csv': text, 'claims.csv': claims });
    const r = await reconcileIn(dir, ['--claims', join(dir, 'claims.csv')], '2022-05-01');
    expect(r.code).not.toBe(65);
    expect(r.claims.map((c) => [c.claimId, c.status])).toEqual([['C1', 'Editing']]);
    expect(r.balances[0]).toMatchObject({ claimsDraft: '1000.00', claimsPending: '0.00' });
  });

  test('a Payments report that disagrees with the earnings is a payment_mismatch', async () => {
    const text = [HEADER, 'E1,P1,C,CSP Indirect Reseller,Rebate,600.00,600.00,2021-08-01,USD,T1,Core,,,PAY1', 'E2,P1,C,CSP Indirect Reseller,Co-op,400.00,400.00,2021-08-01,USD,T1,Core,,,PAY1'].join('\n');
    const payments = 'participantID,programName,earned,earnedUSD,totalPayment,currencyCode,paymentID,paymentStatus,paymentDate\nP1,CSP Indirect Reseller,1000.00,1000.00,600.00,USD,PAY1,Sent,2021-09-15\nP1,CSP Indirect Reseller,90.00,90.00,90.00,USD,PAY2,Sent,2021-09-15\n';
    const dir = await fixture({ 'earnings/a.csv': text, 'payments.csv': payments });
    const r = await reconcileIn(dir, ['--payments', join(dir, 'payments.csv')]);
    const mismatches = r.findings.filter((f) => f.code === 'payment_mismatch');
    expect(mismatches.map((f) => [f.paymentId, f.line, f.expected, f.actual])).toEqual([['PAY2', '3', '90 USD', '0 USD']]);
  });

  test('text that a spreadsheet would run as a formula is neutralised in every CSV', async () => {
    const text = [HEADER, 'E1,P1,C,"=HYPERLINK(""http://x"")",Co-op,400.00,400.00,2021-08-01,USD,T1,Core,,,'].join('\n');
    const dir = await fixture({ 'earnings/a.csv': text });
    const r = await reconcileIn(dir);
    const raw = await readFile(join(r.out, 'balances.csv'), 'utf8');
    expect(raw).not.toMatch(/,=HYPERLINK/);
    expect(r.balances[0]!.programName).toBe("'=HYPERLINK(\"http://x\")");
    const findings = await readFile(join(r.out, 'findings.csv'), 'utf8');
    expect(findings).not.toMatch(/,=/);
  });

  test.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'])('%j in a program name and claim notes is neutralised in CSV and XLSX', async (evil) => {
    const text = [HEADER, `E1,P1,C,"${evil}",Co-op,400.00,400.00,2021-08-01,USD,T1,Core,,,`].join('\n');
    const claims = [CLAIMS_HEADER, `C1,P1,"${evil}",,Event,A,2022-01-10,2022-01-20,USD,100.00,,Submitted,2022-02-01,,i.pdf,,p.pdf,"${evil}"`].join('\n');
    const dir = await fixture({ 'earnings/a.csv': text, 'claims.csv': claims });
    const r = await reconcileIn(dir, ['--claims', join(dir, 'claims.csv')]);
    for (const name of ['balances.csv', 'findings.csv', 'claims.csv', 'journal.csv']) {
      const rows = readCsv(await readFile(join(r.out, name), 'utf8'));
      for (const row of rows) for (const v of Object.values(row)) expect(/^[=+@\t\r]/.test(v) || (/^-/.test(v) && !/^-\d+(\.\d+)?$/.test(v)), `${name}: ${v}`).toBe(false);
    }
    expect(r.claims[0]!.notes).toBe(`'${evil}`);
    const dump = await dumpXlsx(join(r.out, 'reconciliation.xlsx'));
    expect(dump).not.toMatch(/ formula /);
    // XML has no bare CR: Excel (and exceljs) store it as a line feed; the quote stays in front.
    expect(dump).toContain(JSON.stringify(`'${evil.replace('\r', '\n')}`));
  });
});
