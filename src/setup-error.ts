/**
 * A start that cannot go on until a person changes something: a setting, or the Temporal cluster's setup. The
 * message says what and how; the CLI prints it and exits 2, at once, so nothing retries a misconfiguration.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}
