/**
 * A spectator's controls (issue 15), plain DOM: a bar at the top centre
 * ("Watching · following NAME", Next player, Free camera), keys on the window
 * — Space / Tab / F: follow the next player; WASD / arrows: free camera — and
 * dragging the game layer with a mouse or a finger (free camera). It moves a
 * SpectatorCamera; the presenter centres its own camera on it.
 */
import { Pan, type SpectatorCamera } from '../session/spectatorCamera';

const KEY_PAN: Record<string, number> = {
  KeyW: Pan.Up, ArrowUp: Pan.Up, KeyS: Pan.Down, ArrowDown: Pan.Down,
  KeyA: Pan.Left, ArrowLeft: Pan.Left, KeyD: Pan.Right, ArrowRight: Pan.Right,
};
const KEY_NEXT = new Set(['Space', 'Tab', 'KeyF']);

export class SpectatorBar {
  readonly root: HTMLDivElement;
  private readonly label: HTMLSpanElement;
  private held = 0;
  private drag: { id: number; x: number; y: number } | null = null;
  private shown = '';
  private readonly abort = new AbortController();

  constructor(
    parent: HTMLElement,
    /** The element drags start on (the game layer). */
    dragSurface: HTMLElement,
    private readonly camera: SpectatorCamera,
    private readonly playerIds: () => number[],
  ) {
    this.root = document.createElement('div');
    this.root.className = 'hud spectator-bar';
    // Styled here, not in the shared stylesheet: the bar is the SDK's, the same for every game.
    Object.assign(this.root.style, {
      position: 'absolute', left: '50%', top: '10px', transform: 'translateX(-50%)', display: 'flex', gap: '8px',
      alignItems: 'center', background: 'rgba(13, 17, 23, 0.8)', padding: '6px 10px', borderRadius: '8px', pointerEvents: 'auto', zIndex: '5',
    });
    this.label = document.createElement('span');
    this.label.className = 'spectator-label';
    this.label.style.whiteSpace = 'nowrap';
    const next = button('Next player', () => this.camera.next(this.playerIds()));
    next.className = 'spectator-next';
    const free = button('Free camera', () => this.camera.free());
    free.className = 'spectator-free';
    this.root.append(this.label, next, free);
    parent.appendChild(this.root);
    const signal = this.abort.signal;
    window.addEventListener('keydown', (e) => this.onKey(e, true), { signal });
    window.addEventListener('keyup', (e) => this.onKey(e, false), { signal });
    window.addEventListener('blur', () => this.camera.setHeld((this.held = 0)), { signal });
    dragSurface.addEventListener('pointerdown', (e) => (this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY }), { signal });
    window.addEventListener('pointermove', (e) => this.onDrag(e), { signal });
    window.addEventListener('pointerup', () => (this.drag = null), { signal });
    window.addEventListener('pointercancel', () => (this.drag = null), { signal });
  }

  /** Redraw the label (only when it changed). */
  update(nameOf: (id: number) => string): void {
    const c = this.camera;
    const text = c.isFree ? 'Watching · free camera (drag or WASD) · Space: follow a player' : `Watching · following ${nameOf(c.followId)} · Space: next · WASD: free camera`;
    if (text === this.shown) return;
    this.shown = text;
    this.label.textContent = text;
  }

  private onKey(e: KeyboardEvent, down: boolean): void {
    if (e.target instanceof HTMLInputElement) return;
    if (KEY_NEXT.has(e.code)) {
      e.preventDefault();
      if (down && !e.repeat) this.camera.next(this.playerIds());
      return;
    }
    const bit = KEY_PAN[e.code];
    if (bit === undefined) return;
    e.preventDefault();
    this.held = down ? this.held | bit : this.held & ~bit;
    this.camera.setHeld(this.held);
  }

  /** A drag moves the camera by as many world units as CSS px (the presenters draw about 1:1 on a desktop). */
  private onDrag(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.camera.drag(e.clientX - d.x, e.clientY - d.y);
    d.x = e.clientX;
    d.y = e.clientY;
  }

  dispose(): void {
    this.abort.abort();
    this.root.remove();
  }
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}
