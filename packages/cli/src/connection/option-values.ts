/** The owner of the CLI's own option errors: their `provider`; the CLI reports them with exit code 2. */
export const CLI_OWNER = 'freechat';

/** Text with its surrounding blanks removed, or `undefined` when nothing is left (an unset variable). */
export function nonBlank(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
