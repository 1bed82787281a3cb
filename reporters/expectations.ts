// Expectations (waivers): a committed file of clauses known to fail on a target, each with a reason
// and an optional expiry date. Loaded strictly: a waiver that names no clause is a mistake to fix.
import { readFileSync } from 'node:fs';
import { CAUSES, clauseById } from '../fixtures/load.ts';

/** A waiver file that cannot be used: the run stops with this one line before any request (exit 2). */
export class ExpectationsError extends Error {
  override readonly name = 'ExpectationsError';
  constructor(problem: string) {
    super(`MVMNT_EXPECTATIONS ${problem}`);
  }
}

/** A waiver names a clause, or a cause (every clause failing only from waived causes is waived). */
export interface Waiver {
  clause?: string;
  cause?: string;
  reason: string;
  /** YYYY-MM-DD; after that day the clause fails again. */
  expires?: string;
}

export interface Expectations {
  waivers: Waiver[];
}

export function loadExpectations(file: string): Expectations {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ExpectationsError(`cannot be read as JSON (${file}): ${(error as Error).message}`);
  }
  const waivers = (parsed as { waivers?: unknown })?.waivers;
  if (!Array.isArray(waivers)) throw new ExpectationsError(`has no "waivers" array (${file})`);
  return {
    waivers: waivers.map((waiver, index) => {
      const { clause, cause, reason, expires } = (waiver ?? {}) as Record<string, unknown>;
      const where = `waivers[${index}] in ${file}`;
      if ((clause === undefined) === (cause === undefined)) throw new ExpectationsError(`${where} must name either a clause or a cause`);
      if (clause !== undefined && (typeof clause !== 'string' || !clauseById(clause))) throw new ExpectationsError(`${where} names an unknown clause: ${String(clause)}`);
      if (cause !== undefined && (typeof cause !== 'string' || !CAUSES.some((known) => known.id === cause))) {
        throw new ExpectationsError(`${where} names an unknown cause: ${String(cause)} (causes are listed in CONTRACT.md; a clause's own failures are waived by its clause id)`);
      }
      if (typeof reason !== 'string' || reason.trim() === '') throw new ExpectationsError(`${where} has no reason`);
      if (expires !== undefined && (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires))) {
        throw new ExpectationsError(`${where} has an expiry that is not YYYY-MM-DD: ${String(expires)}`);
      }
      return { ...(clause !== undefined ? { clause: clause as string } : { cause: cause as string }), reason, ...(expires ? { expires } : {}) };
    }),
  };
}
