// Renders an exchange as a curl command that reproduces it, credentials written as shell variables.
// Bodies too large or too binary for a command line are referenced as a file the caller saves.
import { createHash } from 'node:crypto';
import type { Exchange } from './exchange.ts';

const INLINE_BODY_LIMIT = 2_000;

export interface CurlCommand {
  command: string;
  /** Set when the body is referenced as a file: its name (under the report's bodies/) and content. */
  bodyFile?: { name: string; content: Uint8Array };
}

export function toCurl(exchange: Exchange, bodiesDir = 'reports/bodies'): CurlCommand {
  const { method, url, headers, body } = exchange.request;
  const parts = ['curl -i'];
  if (method !== 'GET' || body) parts.push(`-X ${method}`);
  parts.push(singleQuote(url));
  for (const [name, value] of Object.entries(headers)) {
    // The Authorization display form holds shell variables ($MVMNT_TOKEN): double quotes expand them.
    parts.push(name.toLowerCase() === 'authorization' ? `-H "${name}: ${value}"` : `-H ${singleQuote(`${name}: ${value}`)}`);
  }
  let bodyFile: CurlCommand['bodyFile'];
  if (body && body.length > 0) {
    const text = decodeIfPrintable(body);
    if (text !== null && text.length <= INLINE_BODY_LIMIT) {
      parts.push(`--data-raw ${singleQuote(text)}`);
    } else if (text === null && body.length <= 200) {
      parts.push(`--data-binary "$(printf '${printfEscape(body)}')"`);
    } else {
      const name = `${createHash('sha256').update(body).digest('hex').slice(0, 16)}.body`;
      bodyFile = { name, content: body };
      parts.push(`--data-binary @${bodiesDir}/${name}`);
    }
  }
  return { command: parts.join(' '), bodyFile };
}

function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function decodeIfPrintable(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // Control characters other than tab and newline would be mangled by a terminal.
    return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

function printfEscape(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
}
