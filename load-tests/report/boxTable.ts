/** Plain box-drawing tables in the style autocannon prints. */
export function boxTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const row = (cells: readonly string[]) =>
    '│' + widths.map((w, i) => ` ${i === 0 ? (cells[i] ?? '').padEnd(w) : (cells[i] ?? '').padStart(w)} `).join('│') + '│';
  return [line('┌', '┬', '┐'), row(header), line('├', '┼', '┤'), ...rows.map(row), line('└', '┴', '┘')].join('\n');
}

/** A number for humans: integers grouped, small values with 2–3 significant decimals. */
export function fmt(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return 'n/a';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) || Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
