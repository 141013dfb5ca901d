/** Liveness, readiness and metrics for operators and orchestrators. */
import type { TemplatedApp } from 'uWebSockets.js';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

export function registerOpsRoutes(app: TemplatedApp, deps: { metrics: Metrics; isDraining: () => boolean; log: Logger }): void {
  app.get('/healthz', (res) => {
    res.writeHeader('Content-Type', 'text/plain; charset=utf-8').writeHeader('Cache-Control', 'no-store').end('ok\n');
  });

  app.get('/readyz', (res) => {
    const draining = deps.isDraining();
    res
      .writeStatus(draining ? '503 Service Unavailable' : '200 OK')
      .writeHeader('Content-Type', 'text/plain; charset=utf-8')
      .writeHeader('Cache-Control', 'no-store')
      .end(draining ? 'draining\n' : 'ready\n');
  });

  app.get('/metrics', (res) => {
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    deps.metrics.render().then(
      (text) => {
        if (aborted) return;
        res.cork(() => {
          res.writeHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8').end(text);
        });
      },
      (err: unknown) => {
        deps.log.error({ err }, 'metrics render failed');
        if (aborted) return;
        res.cork(() => {
          res.writeStatus('500 Internal Server Error').end('metrics unavailable\n');
        });
      },
    );
  });
}
