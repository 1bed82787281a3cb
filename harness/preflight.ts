// Checks before any test runs: the production guard (before a single request), that the target
// answers, and that the credentials get a token. Each failure is a PreflightError (exit 2).
import { Agent, request } from 'undici';
import { createTokenSource } from './auth.ts';
import { isRefusedProductionTarget, type Config } from './config.ts';
import { PreflightError } from './errors.ts';

export function guardProduction(config: Config): void {
  if (isRefusedProductionTarget(config)) {
    const host = new URL(config.baseUrl!).hostname;
    throw new PreflightError(
      `refusing to run against production host ${host}: the run creates and deletes records and trips the rate limiter; set MVMNT_ALLOW_PRODUCTION=yes-i-know to override`,
    );
  }
}

export async function preflight(config: Config): Promise<void> {
  guardProduction(config);
  if (!config.baseUrl) return;
  const dispatcher = new Agent({ connections: 1 });
  const timeoutMs = config.settings.requestTimeoutMs;
  try {
    await reach(config.baseUrl, dispatcher, timeoutMs);
    await createTokenSource(config.credentials, config.tokenUrl, dispatcher, timeoutMs).token();
  } finally {
    await dispatcher.close();
  }
}

async function reach(baseUrl: string, dispatcher: Agent, timeoutMs: number): Promise<void> {
  const host = new URL(baseUrl).host;
  try {
    const response = await request(baseUrl, { method: 'GET', dispatcher, headersTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
    await response.body.dump();
  } catch (error) {
    const err = error as Error & { code?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code ?? err.name;
    throw new PreflightError(`cannot reach ${host}: ${code}${err.message ? ` (${err.message})` : ''}`);
  }
}
