/** The test ids the wallboard's confirmations have always carried (the e2e tests name them). */
export const WALLBOARD_CONFIRM_PARTS = { cancel: 'confirm-cancel', confirm: 'confirm-ok', error: 'confirm-error' } as const;
