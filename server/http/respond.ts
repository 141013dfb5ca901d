/** Small helpers for uWS HTTP responses. Every route must answer or register onAborted. */
import type { HttpResponse } from 'uWebSockets.js';

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
  429: '429 Too Many Requests',
  500: '500 Internal Server Error',
  503: '503 Service Unavailable',
};

export function statusLine(status: number): string {
  return STATUS_TEXT[status] ?? `${status} Status`;
}

/** JSON response. Call inside res.cork() when not in the handler's synchronous part. */
export function sendJson(res: HttpResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeStatus(statusLine(status));
  res.writeHeader('Content-Type', 'application/json; charset=utf-8');
  res.writeHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries(headers)) res.writeHeader(k, v);
  res.end(JSON.stringify(body));
}

/** A JSON error body: `{"error": code, "message": reason}`. */
export function sendError(res: HttpResponse, status: number, error: string, message: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { error, message, ...extra });
}
