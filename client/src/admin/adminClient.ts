/**
 * The console's HTTP side: every request carries the bearer token; the live
 * stream is read with fetch (EventSource cannot send an Authorization header).
 */
import type { AdminState } from '../../../server/admin/adminView';

export class AdminRefused extends Error {
  constructor(readonly status: number) {
    super(status === 429 ? 'Too many failed attempts from this address: wait a minute.' : status === 401 ? 'Token refused (401).' : `The server answered ${status}.`);
  }
}

export class AdminClient {
  constructor(private readonly token: string) {}

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async state(): Promise<AdminState> {
    const res = await fetch('/admin/api/state', { headers: this.headers() });
    if (!res.ok) throw new AdminRefused(res.status);
    return (await res.json()) as AdminState;
  }

  async act(path: string): Promise<void> {
    const res = await fetch(`/admin/api/${path}`, { method: 'POST', headers: this.headers() });
    if (!res.ok) throw new AdminRefused(res.status);
  }

  /** Read the event stream until it ends or `signal` aborts; each update goes to `onState`. */
  async stream(onState: (s: AdminState) => void, signal: AbortSignal): Promise<void> {
    const res = await fetch('/admin/api/events', { headers: this.headers(), signal });
    if (!res.ok || !res.body) throw new AdminRefused(res.status);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
      const events = text.split('\n\n');
      text = events.pop() ?? '';
      for (const e of events) if (e.startsWith('data: ')) onState(JSON.parse(e.slice(6)) as AdminState);
    }
  }
}
