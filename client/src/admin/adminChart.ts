/** The last minutes of tick p99, players and messages/s on one canvas, each line scaled to its own maximum. */
import type { MetricsSample } from '../../../server/admin/metricsHistory';

const SERIES: { color: string; read: (s: MetricsSample) => number }[] = [
  { color: '#ffb74d', read: (s) => s.tickP99Ms },
  { color: '#4fc3f7', read: (s) => s.players },
  { color: '#aed581', read: (s) => s.messagesInPerSec + s.messagesOutPerSec },
];

export function drawChart(canvas: HTMLCanvasElement, history: readonly MetricsSample[], keep = 300): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  g.strokeStyle = '#1e2833';
  for (let y = 0; y <= 4; y++) {
    g.beginPath();
    g.moveTo(0, (y * height) / 4);
    g.lineTo(width, (y * height) / 4);
    g.stroke();
  }
  for (const s of SERIES) {
    const max = Math.max(1e-9, ...history.map(s.read));
    g.strokeStyle = s.color;
    g.lineWidth = 2;
    g.beginPath();
    history.forEach((p, i) => {
      const x = width - (history.length - 1 - i) * (width / keep);
      const y = height - 4 - (s.read(p) / max) * (height - 8);
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    });
    g.stroke();
  }
}
