/** The client's files for every other GET, and 405 for any other method. */
import type { TemplatedApp } from 'uWebSockets.js';
import { sendText } from './respond';
import type { ResponseBudget } from './responseBudget';
import type { StaticFiles } from './staticFiles';

export function registerStaticRoutes(app: TemplatedApp, staticFiles: StaticFiles, budget: ResponseBudget): void {
  app.get('/*', (res, req) => {
    const url = req.getUrl();
    if (staticFiles.serve(res, req, url)) return;
    if (url === '/' || url === '/index.html') {
      return sendText(res, budget, 503, 'The client is not built. Run: npm run build:client (npm start does this).\n');
    }
    sendText(res, budget, 404, 'not found\n');
  });
  app.any('/*', (res) => sendText(res, budget, 405, 'method not allowed\n'));
}
