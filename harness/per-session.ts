// State a module keeps beside each session (a run): made on first use, gone with the session.
import type { Session } from './session.ts';

export function perSession<Value>(make: () => Value): (session: Session) => Value {
  const values = new WeakMap<Session, Value>();
  return (session) => {
    let value = values.get(session);
    if (value === undefined) values.set(session, (value = make()));
    return value;
  };
}
