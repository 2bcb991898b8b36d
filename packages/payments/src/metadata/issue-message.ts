import type { z } from 'zod';

/** The first issue of a failed parse as `path.to.field: what is wrong`. */
export function firstIssueMessage(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix}: invalid`;
  const path = [prefix, ...issue.path.map(String)].join('.');
  return `${path}: ${issue.message}`;
}
