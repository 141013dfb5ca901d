/**
 * Which browser origins may open a WebSocket (checked before the upgrade; a
 * refused origin gets 403). Allowed: no Origin header (non-browser clients —
 * Origin is a browser protection, not authentication), the server's own
 * origin (same host as the request, or the configured public origin),
 * localhost and loopback on any port, and the configured allowlist ("*" = any).
 */
export interface OriginPolicyConfig {
  allowedOrigins: readonly string[];
  publicOrigin: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isOriginAllowed(origin: string, hostHeader: string, config: OriginPolicyConfig): boolean {
  if (origin === '') return true;
  if (config.allowedOrigins.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // not an origin at all, e.g. "null" from a sandboxed frame
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const normalized = `${url.protocol}//${url.host}`;
  if (config.allowedOrigins.includes(normalized)) return true;
  if (config.publicOrigin !== '' && normalized === config.publicOrigin) return true;
  if (LOOPBACK_HOSTS.has(url.hostname)) return true;
  return hostHeader !== '' && url.host === hostHeader.toLowerCase();
}
