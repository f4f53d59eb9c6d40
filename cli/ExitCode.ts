/** The exit codes every photosync command shares (SPEC section 3). */
export const ExitCode = {
  /** every profile asked conforms, or the command did what it was asked */
  ok: 0,
  /** some profile diverges */
  diverges: 1,
  /** bad input or usage: nothing was checked, nothing was changed */
  badInput: 2,
  /** checking itself failed (a check worker crashed, an error of photosync's own): no verdict is given */
  failed: 3,
  /** the live tenant could not be used (sign-in, another tenant, a budget spent, a survey or backup that failed): no verdict is given */
  tenantFailed: 4,
  /** another photosync process is changing the tenant through the same state folder: nothing was done; try again once it ends (sysexits' EX_TEMPFAIL) */
  busy: 75,
  /** stopped by Ctrl-C before the runs asked for were made, with nothing found (128 + SIGINT) */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
