/**
 * Structured JSON logs (pino). Never log message payloads or tokens: log ids,
 * codes and sizes. Redaction below is a safety net, not the policy.
 */
import { pino, type Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { svc: 'tickwire' },
    redact: { paths: ['token', 'resume', '*.token', '*.resume', 'payload', '*.payload'], censor: '[redacted]' },
  });
}

export type { Logger };
