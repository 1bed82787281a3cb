// ERR-ONE-ANSWER: where the contract accepts either of two answers, the target should give the same
// one on every operation. Answers are gathered as the run goes (from requests that ask such a question,
// and from every 422's field names and every error code of a status the table leaves open), then judged
// once: the operations whose answer differs from the most common one are named.
import { ERROR_CODES } from '../../fixtures/load.ts';
import type { Violation } from '../../model/violation.ts';
import { errorCode, type Exchange } from '../http/exchange.ts';
import { namedFields } from './details.ts';

/** The questions a request may be asked to answer (RequestSpec.choice), with the answers the contract accepts. */
export const QUESTIONS = {
  'non-uuid-id': { asked: 'a path id that is no UUID and no key', answers: ['404', '400'] },
  'wrong-method': { asked: 'a method the path does not serve', answers: ['404', '405'] },
  'missing-or-type': { asked: 'a missing field or a value of the wrong JSON type', answers: ['422', '400'] },
  'dangling-reference': { asked: 'a reference to no live record', answers: ['422', '404'] },
  'deleted-record': { asked: 'GET of a record deleted in this run', answers: ['404', '200'] },
} as const;

export type Question = keyof typeof QUESTIONS;

interface Seen {
  operations: Set<string>;
  /** The first exchange that gave this answer: the evidence. */
  example: Exchange;
}

export interface OneAnswerFinding {
  question: string;
  answer: string;
  operations: string[];
  usual: { answer: string; operations: number };
  violation: Violation;
  example: Exchange;
}

export class Answers {
  private readonly seen = new Map<string, Map<string, Seen>>();

  /** Records what this response answers, if it answers a question (its request's, its 422's field names, its code). */
  observe(exchange: Exchange): void {
    const response = exchange.response;
    if (!response) return;
    const operation = exchange.request.route ?? `${exchange.request.method} ${new URL(exchange.request.url).pathname}`;
    const choice = exchange.request.choice as Question | undefined;
    if (choice && (QUESTIONS[choice].answers as readonly string[]).includes(String(response.status))) {
      this.add(QUESTIONS[choice].asked, String(response.status), operation, exchange);
    }
    if (response.status === 422) {
      const raw = (response.json as { error?: { details?: { field?: unknown }[] } } | undefined)?.error?.details;
      const nested = Array.isArray(raw) ? raw.map((entry) => entry?.field).filter((field): field is string => typeof field === 'string' && /[./[]/.test(field.slice(1))) : [];
      if (nested.length > 0 && namedFields(exchange) !== null) {
        this.add('how details name a field inside another', nested.every((field) => field.startsWith('/')) ? 'JSON pointers (/a/b)' : 'dots and brackets (a.b[0])', operation, exchange);
      }
    }
    const code = errorCode(exchange);
    if (response.status >= 400 && ERROR_CODES.codes[String(response.status)] === undefined && typeof code === 'string') {
      this.add(`error.code of a ${response.status}`, code, operation, exchange);
    }
  }

  /** The questions asked of two operations or more, and the answers that differ from the most common one. */
  judge(): { asked: number; findings: OneAnswerFinding[] } {
    let asked = 0;
    const findings: OneAnswerFinding[] = [];
    for (const [question, answers] of this.seen) {
      const operations = new Set([...answers.values()].flatMap((seen) => [...seen.operations]));
      if (operations.size < 2) continue;
      asked += 1;
      if (answers.size < 2) continue;
      const ranked = [...answers].sort(([, a], [, b]) => b.operations.size - a.operations.size);
      const [usualAnswer, usual] = ranked[0];
      for (const [answer, seen] of ranked.slice(1)) {
        const named = [...seen.operations].sort();
        findings.push({
          question,
          answer,
          operations: named,
          usual: { answer: usualAnswer, operations: usual.operations.size },
          example: seen.example,
          violation: {
            kind: 'inconsistent-answer',
            message: `For ${question}, ${named.length} operation(s) answer ${answer} where ${usual.operations.size} answer ${usualAnswer}: ${named.slice(0, 8).join(', ')}${named.length > 8 ? ` and ${named.length - 8} more` : ''}.`,
            expected: `${usualAnswer}, as on the other operations (either answer is allowed, but one everywhere)`,
            received: `${answer} on ${named.slice(0, 3).join(', ')}${named.length > 3 ? '…' : ''}`,
          },
        });
      }
    }
    return { asked, findings };
  }

  private add(question: string, answer: string, operation: string, exchange: Exchange): void {
    let answers = this.seen.get(question);
    if (!answers) this.seen.set(question, (answers = new Map()));
    const seen = answers.get(answer);
    if (seen) seen.operations.add(operation);
    else answers.set(answer, { operations: new Set([operation]), example: exchange });
  }
}
