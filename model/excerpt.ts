// How much of a body a report shows, and how credentials are hidden in it: the same rules for a
// failure's evidence, an exchange sample and a comparison of two reports.

export const EXCERPT_CHARS = 600;
/** Samples (kept for every test) show less than a failure's evidence. */
export const SAMPLE_BODY_CHARS = 300;
export const REDACTED = '[redacted credential]';

export function bodyExcerpt(text: string, limit = EXCERPT_CHARS): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}

/** An evidence excerpt cut to a sample's length, still marked as cut. */
export function sampleExcerpt(excerpt: string): string {
  return excerpt.length <= SAMPLE_BODY_CHARS ? excerpt : `${excerpt.slice(0, SAMPLE_BODY_CHARS)}…`;
}

export function redact(text: string, credentials: readonly string[]): string {
  // Longest first, so a token is hidden whole before a shorter value inside it is looked for.
  return [...credentials].sort((a, b) => b.length - a.length).reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/** Cut before hiding: a 100,000-character body need not be searched for credentials to show a few hundred characters. */
export function hiddenExcerpt(text: string, credentials: readonly string[], limit: number): string {
  if (text.length <= limit) return redact(text, credentials);
  const longest = Math.max(0, ...credentials.map((credential) => credential.length));
  let hidden = redact(text.slice(0, limit + longest), credentials);
  // Only a credential cut in two at the slice's end escapes redaction, and it lies within `longest` of that end:
  // when hiding shortened the slice so far that it reaches into what is shown, hide the whole body.
  if (hidden.length < limit + longest) hidden = redact(text, credentials);
  return `${hidden.slice(0, limit)}… (${text.length - limit} more characters)`;
}
