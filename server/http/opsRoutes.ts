/**
 * Liveness, readiness and metrics for operators and orchestrators. /healthz
 * and /readyz answer HEAD as well as GET (load balancers probe with either).
 * /metrics is restricted (see metricsAccess.ts). None of these is subject to
 * the connection caps: they must answer while the server is full.
 */
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { clientAddress } from '../ws/clientAddress';
import type { MetricsAccess } from './metricsAccess';
import { sendError, sendText } from './respond';
import type { ResponseBudget } from './responseBudget';

export interface OpsDeps {
  metrics: Metrics;
  metricsAccess: MetricsAccess;
  trustedProxies: readonly string[];
  budget: ResponseBudget;
  isDraining: () => boolean;
  log: Logger;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export function registerOpsRoutes(app: TemplatedApp, deps: OpsDeps): void {
  const { budget } = deps;
  const alive = () => ({ status: 200, text: 'ok\n' });
  const ready = () => (deps.isDraining() ? { status: 503, text: 'draining\n' } : { status: 200, text: 'ready\n' });
  for (const [path, answer] of [['/healthz', alive], ['/readyz', ready]] as const) {
    app.get(path, (res) => {
      const a = answer();
      sendText(res, budget, a.status, a.text, NO_STORE);
    });
    app.head(path, (res) => {
      const a = answer();
      res.writeStatus(a.status === 200 ? '200 OK' : '503 Service Unavailable');
      res.writeHeader('Content-Type', 'text/plain; charset=utf-8').writeHeader('Cache-Control', 'no-store');
      res.endWithoutBody();
    });
  }

  app.get('/metrics', (res: HttpResponse, req: HttpRequest) => {
    const peer = new TextDecoder().decode(res.getRemoteAddressAsText());
    const address = clientAddress(peer, req.getHeader('x-forwarded-for'), deps.trustedProxies);
    if (!deps.metricsAccess.allows(address, req.getHeader('authorization'))) {
      return sendError(res, budget, 403, 'forbidden', 'metrics are served to loopback, --metrics-allow networks, or a bearer token');
    }
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    deps.metrics.render().then(
      (text) => {
        if (aborted) return;
        res.cork(() => sendText(res, budget, 200, text, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }));
      },
      (err: unknown) => {
        deps.log.error({ err }, 'metrics render failed');
        if (aborted) return;
        res.cork(() => sendText(res, budget, 500, 'metrics unavailable\n'));
      },
    );
  });
}
