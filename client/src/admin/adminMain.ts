/**
 * The operator console page (/admin): asks for the token (kept for this tab
 * only, in sessionStorage), then shows the live state the server streams each
 * second — figures, a chart of the last minutes, rooms and their players —
 * with the actions: close a room, kick, mute/unmute, drain the node. Plain DOM.
 */
import type { AdminRoom, AdminState } from '../../../server/admin/adminView';
import { AdminClient, AdminRefused } from './adminClient';
import { drawChart } from './adminChart';

const TOKEN_KEY = 'tickwire.admin.token';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('admin-status');
const main = $('admin-main');
let client: AdminClient | null = null;
let streaming: AbortController | null = null;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)} k` : String(Math.round(n * 10) / 10);
}

function roomRow(r: AdminRoom): HTMLTableRowElement {
  const tr = el('tr', '', { 'data-room': r.id });
  const traffic = el('div', `${fmt(r.bytesInPerSec)} B/s in · ${fmt(r.bytesOutPerSec)} B/s out`, { class: 'room-traffic' });
  const tick = el('td', `${r.tickMeanUs} / ${r.tickMaxUs}`);
  tick.append(traffic);
  tr.append(el('td', `${r.name} (${r.id})${r.private ? ' · private' : ''}`), el('td', r.game), el('td', `${r.players}/${r.maxPlayers}${r.spectators ? ` +${r.spectators} watching` : ''}`), tick);
  const list = el('ul', '', { class: 'players' });
  for (const m of r.members) {
    const li = el('li', '', { 'data-player': String(m.id), 'data-name': m.name });
    // RTT and loss are the client's own figures (its Pings carry them); ack age is the server's.
    const net = m.rttMs === null ? 'rtt – · loss –' : `rtt ${m.rttMs} ms · loss ${m.lossPct} %`;
    const figures = `${net} · ack ${m.ackAgeMs === null ? '–' : `${m.ackAgeMs} ms`} · ${m.inputsSkipped} · ${m.bufferedBytes} B`;
    li.append(el('span', `${m.name} #${m.id}${m.connected ? '' : ' (away)'}${m.muted ? ' (muted)' : ''} ${m.address}`), el('span', figures));
    li.append(action(m.muted ? 'Unmute' : 'Mute', `rooms/${r.id}/players/${m.id}/${m.muted ? 'unmute' : 'mute'}`));
    li.append(action('Kick', `rooms/${r.id}/players/${m.id}/kick`, true));
    list.append(li);
  }
  const close = action('Close room', `rooms/${r.id}/close`, true);
  tr.append(el('td'), el('td'));
  tr.children[4].append(list);
  tr.children[5].append(close);
  return tr;
}

function action(label: string, path: string, danger = false): HTMLButtonElement {
  const b = el('button', label, { 'data-action': path, ...(danger ? { class: 'danger' } : {}) });
  b.addEventListener('click', () => void act(path));
  return b;
}

async function act(path: string): Promise<void> {
  if (!client) return;
  try {
    await client.act(path);
    render(await client.state());
  } catch (err) {
    status.textContent = err instanceof Error ? err.message : String(err);
  }
}

function render(s: AdminState): void {
  const l = s.latest;
  const players = s.rooms.reduce((n, r) => n + r.players, 0);
  $('admin-summary').replaceChildren(
    el('span', `rooms ${s.rooms.length}`),
    el('span', `players ${players}`),
    el('span', `connections ${s.connections}`),
    el('span', `tick p99 ${l ? l.tickP99Ms : '–'} ms`),
    el('span', `messages/s ${l ? fmt(l.messagesInPerSec) : '–'} in · ${l ? fmt(l.messagesOutPerSec) : '–'} out`),
    el('span', `bytes/s ${l ? fmt(l.bytesInPerSec) : '–'} in · ${l ? fmt(l.bytesOutPerSec) : '–'} out`),
    el('span', s.draining ? 'DRAINING' : 'serving', { id: 'admin-phase' }),
  );
  drawChart($('admin-chart'), s.history);
  $('admin-chart').dataset.samples = String(s.history.length);
  $('admin-rooms').replaceChildren(...s.rooms.map(roomRow));
  $('admin-audit').replaceChildren(
    ...s.audit.map((a) => el('li', `${new Date(a.atMs).toISOString()} ${a.action} ${a.room ?? ''}${a.player ? `/${a.player}` : ''}${a.playerName ? ` (${a.playerName})` : ''} from ${a.address}: ${a.result}`)),
  );
}

async function open(token: string): Promise<void> {
  streaming?.abort();
  client = new AdminClient(token);
  try {
    render(await client.state());
  } catch (err) {
    status.textContent = err instanceof AdminRefused ? err.message : 'Server unreachable.';
    status.className = 'error';
    main.hidden = true;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  status.textContent = 'live';
  status.className = '';
  main.hidden = false;
  $('admin-drain').hidden = false;
  const controller = (streaming = new AbortController());
  client.stream(render, controller.signal).then(
    () => (status.textContent = 'stream ended (server stopping?)'),
    (err: unknown) => {
      if (!controller.signal.aborted) status.textContent = `stream lost: ${err instanceof Error ? err.message : String(err)}`;
    },
  );
}

$('admin-login').addEventListener('submit', (e) => {
  e.preventDefault();
  void open($<HTMLInputElement>('admin-token').value.trim());
});
$('admin-drain').addEventListener('click', () => void act('drain'));
const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) void open(saved);
