/** Small helpers for uWS HTTP responses. Every route must answer or register onAborted. */
import type { HttpResponse } from 'uWebSockets.js';
import { endBody, writeBusy, type ResponseBudget } from './responseBudget';

export const STATUS_TEXT: Record<number, string> = {
  200: '200 OK',
  201: '201 Created',
  204: '204 No Content',
  304: '304 Not Modified',
  400: '400 Bad Request',
  403: '403 Forbidden',
  404: '404 Not Found',
  405: '405 Method Not Allowed',
  409: '409 Conflict',
  413: '413 Payload Too Large',
  415: '415 Unsupported Media Type',
  426: '426 Upgrade Required',
  429: '429 Too Many Requests',
  500: '500 Internal Server Error',
  503: '503 Service Unavailable',
};

export function statusLine(status: number): string {
  return STATUS_TEXT[status] ?? `${status} Status`;
}

/**
 * JSON response, streamed within the response budget (503 when it is spent).
 * Call inside res.cork() when not in the handler's synchronous part.
 */
export function sendJson(
  res: HttpResponse,
  budget: ResponseBudget,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  opts: { close?: boolean } = {},
): void {
  const text = new TextEncoder().encode(JSON.stringify(body));
  if (!budget.canStart(text.length)) return writeBusy(res, budget);
  res.writeStatus(statusLine(status));
  res.writeHeader('Content-Type', 'application/json; charset=utf-8');
  res.writeHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.writeHeader(k, v);
  endBody(res, budget, text, { shared: false, close: opts.close });
}

/** A JSON error body: `{"error": code, "message": reason}`. */
export function sendError(
  res: HttpResponse,
  budget: ResponseBudget,
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  opts: { close?: boolean } = {},
): void {
  sendJson(res, budget, status, { error, message, ...extra }, headers, opts);
}

/** A text response (404/405/503 pages, health, metrics); `headers` may replace the Content-Type. */
export function sendText(res: HttpResponse, budget: ResponseBudget, status: number, text: string, headers: Record<string, string> = {}): void {
  const bytes = new TextEncoder().encode(text);
  if (!budget.canStart(bytes.length)) return writeBusy(res, budget);
  const { 'Content-Type': contentType = 'text/plain; charset=utf-8', ...rest } = headers;
  res.writeStatus(statusLine(status));
  res.writeHeader('Content-Type', contentType);
  for (const [k, v] of Object.entries(rest)) res.writeHeader(k, v);
  endBody(res, budget, bytes, { shared: false });
}
