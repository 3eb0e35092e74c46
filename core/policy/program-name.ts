/**
 * The form in which program names are compared. Partner Center, translated documents and people
 * write the same program as `OSU - Microsoft 365`, `OSU – Microsoft 365` or `osu  microsoft 365`:
 * case, hyphens versus dashes versus spaces, and repeated spaces carry no meaning.
 */
export function programNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[-\u2010-\u2015\u2212]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
