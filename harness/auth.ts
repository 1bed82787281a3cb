// Bearer tokens for the run: the OAuth2 client-credentials flow (cached, renewed before expiry)
// or a ready token from MVMNT_ACCESS_TOKEN. Token responses are never recorded: they hold the secret.
import { request, type Dispatcher } from 'undici';
import type { Credentials } from './config.ts';
import { PreflightError } from './errors.ts';

export interface TokenSource {
  readonly mode: 'client-credentials' | 'static';
  token(): Promise<string>;
  /** Forces a new token (after an unexpected 401); a static token cannot be renewed. */
  refresh(): Promise<string>;
  /** Every token value handed out so far, so outputs can be scrubbed of them. */
  issued(): readonly string[];
}

export interface TokenRequestResult {
  status: number;
  body: unknown;
}

/** One form-encoded POST to the token endpoint; used by the flow and by the token-endpoint clause. */
export async function postTokenRequest(
  tokenUrl: string,
  form: Record<string, string>,
  dispatcher: Dispatcher,
  timeoutMs: number,
): Promise<TokenRequestResult> {
  const response = await request(tokenUrl, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.body.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // A non-JSON answer is kept as text for the error message.
  }
  return { status: response.statusCode, body };
}

export function createTokenSource(
  credentials: Credentials,
  tokenUrl: string | null,
  dispatcher: Dispatcher,
  timeoutMs: number,
): TokenSource {
  const issued: string[] = [];
  if (credentials.accessToken && !(credentials.clientId && credentials.clientSecret)) {
    issued.push(credentials.accessToken);
    const fixed = credentials.accessToken;
    return { mode: 'static', token: async () => fixed, refresh: async () => fixed, issued: () => issued };
  }
  if (!tokenUrl || !credentials.clientId || !credentials.clientSecret) {
    throw new PreflightError('no credentials: set MVMNT_CLIENT_ID and MVMNT_CLIENT_SECRET, or MVMNT_ACCESS_TOKEN');
  }
  const { clientId, clientSecret } = credentials;
  let current: { value: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const fetchToken = async (): Promise<string> => {
    let result: TokenRequestResult;
    try {
      result = await postTokenRequest(
        tokenUrl,
        { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
        dispatcher,
        timeoutMs,
      );
    } catch (error) {
      throw new PreflightError(`token endpoint ${tokenUrl} unreachable: ${(error as Error).message}`);
    }
    const body = result.body as { access_token?: unknown; expires_in?: unknown };
    if (result.status !== 200 || typeof body?.access_token !== 'string' || body.access_token === '') {
      throw new PreflightError(
        `token endpoint ${tokenUrl} answered ${result.status} without a token: check MVMNT_CLIENT_ID, MVMNT_CLIENT_SECRET and MVMNT_TOKEN_URL`,
      );
    }
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
    // Renew at 80% of the lifetime (at most a minute early) so no request goes out with a dying token.
    current = { value: body.access_token, renewAt: Date.now() + Math.max(lifetimeMs * 0.8, lifetimeMs - 60_000) };
    issued.push(body.access_token);
    return body.access_token;
  };

  const renew = (): Promise<string> => {
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  };

  return {
    mode: 'client-credentials',
    token: async () => (current && Date.now() < current.renewAt ? current.value : renew()),
    refresh: renew,
    issued: () => issued,
  };
}
