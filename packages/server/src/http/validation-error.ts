/** One schema violation, as Fastify's validator reports it. */
export interface ValidationIssue {
  /** JSON pointer to the value at fault, relative to the body (`/messages/0/content`). */
  instancePath: string;
  /** The schema keyword that failed (`type`, `required`, `enum`, …). */
  keyword: string;
  /** The keyword's parameters (`missingProperty`, `allowedValues`, …). */
  params: Record<string, unknown>;
  /** The validator's message (`must be string`). */
  message?: string;
}

/**
 * The request field an issue is about, in the form `messages[0].content` (OpenAI's `param`); a
 * missing property is included. Null for the body itself.
 */
export function validationParam(issue: ValidationIssue): string | null {
  const segments = issue.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
    segments.push(issue.params.missingProperty);
  }
  let param = '';
  for (const segment of segments) {
    param += /^\d+$/.test(segment) ? `[${segment}]` : param === '' ? segment : `.${segment}`;
  }
  return param === '' ? null : param;
}

/** A readable message for an issue: `Invalid 'messages[0].role': must be one of …`. */
export function validationMessage(param: string | null, issue: ValidationIssue): string {
  if (issue.keyword === 'required') return `Missing required parameter: '${param}'.`;
  const subject = param === null ? 'The request body' : `Invalid '${param}'`;
  const allowed = issue.params.allowedValues;
  if (param !== null && /content\[\d+\]\.type$/.test(param)) {
    return `${subject}: only text content parts ({"type": "text", "text": "…"}) are supported.`;
  }
  if (issue.keyword === 'enum' && Array.isArray(allowed)) {
    const values = allowed.map((value) => JSON.stringify(value)).join(', ');
    return `${subject}: must be one of ${values}.`;
  }
  return `${subject}: ${issue.message ?? 'is not valid'}.`;
}
