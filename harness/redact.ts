// Credentials never leave the run: any text shown from a response (a target may echo what it
// received) has every credential value of the run replaced before it reaches a report or a log.
import type { Exchange } from './http/exchange.ts';

/** The real Authorization value each exchange carried, kept beside it, never inside it. */
export const sentAuthorization = new WeakMap<Exchange, string>();

/** Values shorter than this could match ordinary text by chance; no credential is that short. */
const MIN_SECRET_LENGTH = 8;

/** The credential values to hide for one exchange: the run's secrets, and what this request sent. */
export function credentialsOf(exchange: Exchange, secrets: readonly string[]): string[] {
  const sent = sentAuthorization.get(exchange);
  const sentToken = sent?.replace(/^\S+\s+/, '');
  return [...secrets, sent, sentToken].filter((value): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH);
}
