/**
 * Network-condition simulator controls: added latency, jitter and loss per
 * direction. Starts from the URL parameters (?lag=150&jitter=20&loss=5, or
 * lagUp/lagDown/jitterUp/jitterDown/lossUp/lossDown) and applies changes live.
 */
import type { LinkConditions, NetworkConditions } from '../net/networkSimulator';

type Key = keyof LinkConditions;
const ROWS: { key: Key; label: string; max: number }[] = [
  { key: 'lagMs', label: 'lag ms', max: 2000 },
  { key: 'jitterMs', label: 'jitter ms', max: 1000 },
  { key: 'lossPct', label: 'loss %', max: 100 },
];

export class SimulatorPanel {
  readonly root: HTMLDivElement;

  constructor(initial: NetworkConditions, onChange: (c: NetworkConditions) => void) {
    const state: NetworkConditions = { up: { ...initial.up }, down: { ...initial.down } };
    this.root = document.createElement('div');
    this.root.className = 'sim-panel';
    const table = document.createElement('table');
    table.innerHTML = '<tr><th>simulate</th><th>up ↑</th><th>down ↓</th></tr>';
    for (const row of ROWS) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.textContent = row.label;
      tr.appendChild(th);
      for (const dir of ['up', 'down'] as const) {
        const td = document.createElement('td');
        const input = document.createElement('input');
        input.type = 'number';
        input.min = '0';
        input.max = String(row.max);
        input.value = String(state[dir][row.key]);
        input.dataset.sim = `${row.key}-${dir}`;
        input.addEventListener('change', () => {
          const v = Math.min(row.max, Math.max(0, Number(input.value) || 0));
          input.value = String(v);
          state[dir] = { ...state[dir], [row.key]: v };
          onChange({ up: { ...state.up }, down: { ...state.down } });
        });
        td.appendChild(input);
        tr.appendChild(td);
      }
      table.appendChild(tr);
    }
    this.root.appendChild(table);
  }
}
