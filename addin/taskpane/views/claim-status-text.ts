import type { ClaimStatus } from '../../../core/claims/claim-status.js';
import type { Locale } from '../../i18n/locale.js';

/** A claim status in the pane's language (the workbook keeps Partner Center's English names). */
export function claimStatusText(locale: Locale, status: ClaimStatus): string {
  return locale.t(`claimStatus.${status}`);
}
