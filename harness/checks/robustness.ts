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
