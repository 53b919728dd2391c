/** A mistake the user can fix (bad flag, missing path, bad config): exit 2 with one line, no stack. */
export class UsageError extends Error {}
