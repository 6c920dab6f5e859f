// Online submission needs e-ID level 2 (docs/dossiers.md "Prefilled and locked fields", P4).
// Dependency-free: the web wizard uses the same rule to replace its submit button.

/**
 * Whether an account of this VNeID e-ID level may submit dossiers online: level 2 and up. A token
 * without a level is not a VNeID account's (officials' and administrators' password accounts, the
 * local demo accounts): not refused. Anything else ("1", "", "two") is refused.
 */
export const eidLevelAllowsSubmission = (eidLevel: string | undefined): boolean =>
  eidLevel === undefined || (/^\d+$/.test(eidLevel) && Number(eidLevel) >= 2);
