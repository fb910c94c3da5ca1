/**
 * What a name is searched by: lower case, accents removed. Computed in JavaScript and stored, so
 * "ecole", "École" and "ÉCOLE" find the same project on SQLite (whose LOWER() knows only ASCII)
 * as on PostgreSQL.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
