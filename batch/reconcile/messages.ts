import { formatPath, type Issue, type IssueCode } from '../../core/issues.js';
import { DATE_FORMATS_EXPECTED } from '../../core/calendar/calendar-date.js';

/**
 * English messages for core's issue codes. Core returns codes and numbers; wording lives here
 * (and in the add-in's locale files) and may change without breaking anyone.
 */
const MESSAGES: Partial<Record<IssueCode, (p: Record<string, string>, i: Issue) => string>> = {
  invalid_amount: (p, i) =>
    p.reason === 'ambiguous'
      ? `amount "${i.input}" reads differently in the invariant and the given number locale; write it unambiguously`
      : p.reason === 'too_precise'
        ? `amount "${i.input}" has more than ${p.maxSignificantDigits} significant digits, more than a workbook cell holds, so the workbook would count another amount; round it in the file`
        : p.reason === 'malformed_or_locale_formatted'
          ? `amount "${i.input}" is not an invariant number like 1234.56; if the file was saved by a European Excel, pass --number-locale (e.g. nl-NL)`
          : `amount "${i.input ?? ''}" is not a number (${p.reason ?? 'malformed'})`,
  invalid_date: (p, i) => `date "${i.input}" is not a real date (${p.expected ?? DATE_FORMATS_EXPECTED})`,
  invalid_period_label: (_p, i) => `"${i.input}" is not a fiscal half like FY21 H1`,
  invalid_currency: (_p, i) => `"${i.input}" is not a three-letter ISO 4217 currency code`,
  invalid_share: (_p, i) => `co-op share ${i.input ?? ''} must be between 0 and 1`,
  unknown_key: (p, i) => `unknown key "${String(i.path[i.path.length - 1])}"; remove it or fix its spelling${p.expected ? ` (known: ${p.expected})` : ''}`,
  missing_field: () => 'is required',
  invalid_type: (p) => `has the wrong type${p.expected ? `: expected ${p.expected}` : ''}`,
  invalid_policy: (p) => p.reason ?? 'is not a valid policy entry',
  invalid_claim_status: (_p, i) => `"${i.input}" is not a Partner Center claim status`,
  claim_program_not_eligible: (p) => `program ${p.program} does not take co-op claims; file a ${p.use} instead`,
  claim_dates_invalid: (p) =>
    p.reason === 'spans_usage_periods'
      ? `the activity runs from ${p.activityStart} (${p.startPeriod}) to ${p.activityEnd} (${p.endPeriod}); an activity must lie inside one usage period`
      : `the activity ends (${p.activityEnd}) before it starts (${p.activityStart})`,
  claim_period_mismatch: (p) => `the claim names earning period ${p.actual} but its activity dates are funded by ${p.expected}`,
  claim_submitted_outside_window: (p) =>
    p.reason === 'window_closed'
      ? `the claim window for ${p.earningPeriod} closed on ${p.windowEnd} and this claim was never submitted`
      : `submitted on ${p.submittedDate}, outside the claim window ${p.windowStart} – ${p.windowEnd} of ${p.earningPeriod}`,
  claim_missing_documents: (p) =>
    p.missing === 'proof_of_execution'
      ? 'no proof of execution attached; at least one PoE document is required to submit'
      : 'no third-party invoice or CSR attached; at least one is required to submit',
  claim_overdraws_pool: (p) => `needed ${p.needed} ${p.currency}, ${p.available} ${p.currency} available (short by ${p.shortfall})`,
  claim_currency_mismatch: (p) => `claimed in ${p.currency} but the funds are held in ${p.poolCurrencies}`,
  claim_amount_invalid: (p) =>
    p.reason === 'approved_above_claimed'
      ? `approved ${p.approved} is more than claimed ${p.claimed}`
      : `amount must be positive (${p.claimed ?? p.approved ?? ''})`,
};

export function describeIssue(i: Issue): string {
  const render = MESSAGES[i.code];
  const text = render ? render(i.params ?? {}, i) : i.code;
  const where = formatPath(i.path);
  return where === '' || /^(claim_)/.test(i.code) ? text : `${where}: ${text}`;
}
