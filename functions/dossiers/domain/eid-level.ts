// Online submission needs e-ID level 2 (docs/dossiers.md "Prefilled and locked fields", P4).
// Dependency-free: the web wizard uses the same rule to replace its submit button.

/**
 * Whether an applicant's account of this VNeID e-ID level may submit dossiers online: level 2 and
 * up. Applicants sign in only through VNeID, which always states the level, so a token without one
 * is refused like level 1, as is anything that is not a number ("", "two").
 */
export const eidLevelAllowsSubmission = (eidLevel: string | undefined): boolean =>
  eidLevel !== undefined && /^\d+$/.test(eidLevel) && Number(eidLevel) >= 2;
