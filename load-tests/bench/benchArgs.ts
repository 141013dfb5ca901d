/** `npm run bench -- [--quick] [--parts echo,codec,uplink,peer,memory,join,netcode,spectators] [--max-players N] [--json]`; every problem at once. */
export const BENCH_PARTS = ['echo', 'codec', 'uplink', 'peer', 'memory', 'join', 'netcode', 'spectators'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchOptions {
  quick: boolean;
  parts: BenchPart[];
  maxPlayers: number;
  json: boolean;
}

export function parseBenchArgs(argv: readonly string[]): { ok: true; options: BenchOptions } | { ok: false; problems: string[] } {
  const o: BenchOptions = { quick: false, parts: [...BENCH_PARTS], maxPlayers: 3000, json: false };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => inline ?? (i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
    switch (name) {
      case '--quick':
        o.quick = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--parts': {
        const v = value();
        const parts = (v ?? '').split(',').filter(Boolean);
        const bad = parts.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
        if (!v || parts.length === 0) problems.push(`--parts: needs a comma-separated list of ${BENCH_PARTS.join(', ')}`);
        else if (bad.length > 0) problems.push(`--parts: unknown part(s) ${bad.join(', ')} (known: ${BENCH_PARTS.join(', ')})`);
        else o.parts = parts as BenchPart[];
        break;
      }
      case '--max-players': {
        const v = value();
        const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
        if (!(n >= 10 && n <= 20_000)) problems.push(`--max-players: must be an integer from 10 to 20000 (got ${JSON.stringify(v ?? '')})`);
        else o.maxPlayers = n;
        break;
      }
      default:
        problems.push(`unknown flag ${name}`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, options: o };
}
