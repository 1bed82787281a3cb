// The test worker's session, built once from the context global setup provided.
import { inject } from 'vitest';
import { createSession, type Session } from './session.ts';

let current: Session | undefined;

export function workerSession(): Session {
  current ??= createSession(inject('run'));
  return current;
}
