// What any answer to junk must be: a 4xx with the envelope, or a 2xx where the junk is still a
// valid request; never a 5xx, a timeout or a dropped connection.
import { errorResponse } from './envelope.ts';
import { noServerError } from './status.ts';
import type { Check } from './types.ts';

export const acceptableAnswer: Check = (exchange) => {
  const broken = noServerError(exchange);
  if (broken.length > 0) return broken;
  const status = exchange.response!.status;
  return status >= 400 ? errorResponse(status)(exchange) : [];
};

/**
 * For junk that is no valid request by the contract: any 4xx with the envelope, never a 2xx (the
 * clause for that rule would fail a 2xx, so the robustness clause must not accept one).
 */
export const refusal: Check = (exchange) => {
  const broken = noServerError(exchange);
  if (broken.length > 0) return broken;
  const status = exchange.response!.status;
  if (status < 400) {
    return [{ kind: 'accepted-invalid', message: `Input the contract calls invalid was accepted (${status}).`, expected: 'a 4xx with the envelope', received: `${status}` }];
  }
  return errorResponse(status)(exchange);
};
