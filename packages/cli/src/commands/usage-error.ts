/**
 * A mistake in how the command was called (an unknown provider, a bad number, no text to send). The
 * command prints its message and exits with code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
