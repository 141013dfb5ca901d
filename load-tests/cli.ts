/**
 * `npm run load -- <scenario> [flags]` — see usage() in cliOptions.ts.
 * Exit codes: 0 ran, 2 bad flags, 1 the run could not happen (target down…).
 */
import { writeFileSync } from 'node:fs';
import { parseLoadArgs, usage } from './cliOptions';
import { runLoad } from './loadRunner';
import { renderHtml } from './report/htmlReport';
import { renderSummary } from './report/summaryTable';

async function main(): Promise<number> {
  const parsed = parseLoadArgs(process.argv.slice(2));
  if (parsed.ok === 'help') {
    console.log(usage());
    return 0;
  }
  if (parsed.ok === false) {
    console.error(`load: ${parsed.problems.length} problem(s) with the flags:\n  - ${parsed.problems.join('\n  - ')}\n\n${usage()}`);
    return 2;
  }
  const o = parsed.options;
  const result = await runLoad(o, { progress: o.progress || (process.stderr.isTTY === true && !o.json) });
  if (o.json) {
    const { autocannonTable: _table, ...plain } = result;
    console.log(JSON.stringify(plain, null, 2));
  } else {
    if (result.autocannonTable) console.log(result.autocannonTable);
    console.log(renderSummary(result));
  }
  if (o.html) {
    writeFileSync(o.html, renderHtml(result));
    if (!o.json) console.log(`HTML report written to ${o.html}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`load: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
