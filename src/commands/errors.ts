/** Bad input: shown privately to the user with a correct example; nothing is stored. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly example?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The user may not do this (not the owner, not an approver…). Shown privately. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}
