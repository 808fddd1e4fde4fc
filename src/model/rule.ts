/**
 * Schema messages carry both halves of an error, the problem and the fix, so that the
 * wording of a rule sits next to the rule. `splitRule` takes them apart again.
 */
const SEPARATOR = "\u0000";

export const rule = (problem: string, fix: string) => ({ error: `${problem}${SEPARATOR}${fix}` });

export function splitRule(message: string): { problem: string; fix?: string } {
  // `fix` is undefined for a message without one (zod's own wording).
  const [problem, fix] = message.split(SEPARATOR);
  return { problem, fix };
}
