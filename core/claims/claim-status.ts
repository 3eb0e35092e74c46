import { issue, ok, fail, type Result } from '../issues.js';
import { memoByText } from '../text/memo-by-text.js';

/** Partner Center's claim statuses (docs/RULES.md, Claims). `Paid` is not one of them: it is derived (isPaid). */
export const CLAIM_STATUSES = ['Editing', 'Submitted', 'Under review', 'Approved', 'Rejected', 'Action required', 'Disputed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The languages whose Partner Center labels a claims register may hold. */
export type StatusLanguage = 'en' | 'nl' | 'de' | 'fr' | 'sv';

/**
 * The labels Partner Center shows for each status, per language. Partner Center words a status
 * differently on different pages (the co-op claims list, the dispute page, the customer
 * association table), and a register copied from any of them is read the same way; docs/RULES.md
 * says which page each label comes from. French lists both genders: its pages mix them
 * (`Envoyée`, `Approuvé`).
 */
export const STATUS_LABELS: Readonly<Record<StatusLanguage, Readonly<Record<ClaimStatus, readonly string[]>>>> = {
  en: {
    Editing: ['Editing'],
    Submitted: ['Submitted'],
    'Under review': ['Under review'],
    Approved: ['Approved'],
    Rejected: ['Rejected'],
    'Action required': ['Action required', 'Partner Action Required'],
    Disputed: ['Disputed'],
  },
  nl: {
    Editing: ['In bewerking', 'Bewerkt'],
    Submitted: ['Ingediend', 'Verzonden'],
    'Under review': ['Wordt beoordeeld', 'Onder beoordeling'],
    Approved: ['Goedgekeurd'],
    Rejected: ['Afgewezen', 'Geweigerd'],
    'Action required': ['Vereiste actie', 'Partneractie vereist', 'Actie van partner vereist'],
    Disputed: ['Betwist'],
  },
  de: {
    Editing: ['Bearbeitung läuft', 'In Bearbeitung'],
    Submitted: ['Gesendet', 'Übermittelt'],
    'Under review': ['Wird überprüft'],
    Approved: ['Genehmigt'],
    Rejected: ['Abgelehnt'],
    'Action required': ['Erforderliche Aktion', 'Partneraktion erforderlich'],
    Disputed: ['Widersprochen'],
  },
  fr: {
    Editing: ['Modification'],
    Submitted: ['Envoyée', 'Envoyé'],
    'Under review': ['En cours d’évaluation'],
    Approved: ['Approuvé', 'Approuvée'],
    Rejected: ['Rejeté', 'Rejetée', 'Refusé', 'Refusée'],
    'Action required': ['Action requise', 'Action du partenaire requise', 'Action de partenaire requise'],
    Disputed: ['En litige'],
  },
  sv: {
    Editing: ['Redigering'],
    Submitted: ['Skickad', 'Skickat'],
    'Under review': ['Under granskning'],
    Approved: ['Godkänd', 'Godkända'],
    Rejected: ['Avslagen', 'Avvisad'],
    'Action required': ['Åtgärd som krävs', 'Partneråtgärd krävs'],
    Disputed: ['Omtvistad'],
  },
};

/**
 * The form in which labels are compared: case, accents, apostrophe style and `_`/`-`/space runs
 * carry no meaning, since registers are typed by hand, exported from Excel or copied from a page
 * (`UNDER_REVIEW`, `action-required`, `En cours d'evaluation`).
 */
function statusKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function statusByKey(): ReadonlyMap<string, ClaimStatus> {
  const byKey = new Map<string, ClaimStatus>();
  for (const labels of Object.values(STATUS_LABELS)) {
    for (const status of CLAIM_STATUSES) {
      for (const label of [status, ...labels[status]]) {
        const key = statusKey(label);
        const taken = byKey.get(key);
        // A label that meant two statuses would be read as whichever came first: refuse it.
        if (taken !== undefined && taken !== status) throw new Error(`claim status label "${label}" means both ${taken} and ${status}`);
        byKey.set(key, status);
      }
    }
  }
  return byKey;
}

const STATUS_BY_KEY = statusByKey();
/** A register repeats a handful of status labels over thousands of claims: each is normalised once. */
const statusKeyOf = memoByText(statusKey, 1024);

/**
 * Reads a status from any label in STATUS_LABELS, case- and accent-insensitively, with `_` or `-`
 * for spaces: `UNDER_REVIEW`, `Partner Action Required`, `Goedgekeurd`, `En litige`. Anything else
 * is `invalid_claim_status`; the claim row parser puts the column on it, the adapters the file and
 * line.
 */
export function parseClaimStatus(text: string): Result<ClaimStatus> {
  const status = STATUS_BY_KEY.get(statusKeyOf(text));
  return status ? ok(status) : fail(issue('invalid_claim_status', [], text));
}

/** A claim's content can change only while Partner Center lets the partner edit it. */
export function isEditable(status: ClaimStatus): boolean {
  return status === 'Editing' || status === 'Action required';
}
