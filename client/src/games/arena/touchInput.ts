/**
 * Touch controls: a virtual stick (left side: drag to move, and to aim while
 * not firing) and a fire button (right side; drag it to aim while firing).
 * Shown on the first touch, so mouse users never see them.
 */
import { ArenaButton as Button } from '../../../../shared/game/arena';

const STICK_RADIUS = 56;
const DEAD_ZONE = 0.3;

export class TouchInput {
  private readonly root: HTMLDivElement;
  private readonly knob: HTMLDivElement;
  private readonly base: HTMLDivElement;
  private readonly fire: HTMLDivElement;
  private stickId: number | null = null;
  private stickOrigin = { x: 0, y: 0 };
  private stick = { x: 0, y: 0 };
  private fireId: number | null = null;
  private fireOrigin = { x: 0, y: 0 };
  private fireAim: { dx: number; dy: number } | null = null;
  private active = false;
  private readonly onStart = (e: TouchEvent) => this.start(e);
  private readonly onMove = (e: TouchEvent) => this.move(e);
  private readonly onEnd = (e: TouchEvent) => this.end(e);

  constructor(parent: HTMLElement) {
    this.root = div('touch-controls');
    this.base = div('touch-stick');
    this.knob = div('touch-knob');
    this.base.appendChild(this.knob);
    this.fire = div('touch-fire');
    this.fire.textContent = 'FIRE';
    this.root.append(this.base, this.fire);
    parent.appendChild(this.root);
    window.addEventListener('touchstart', this.onStart, { passive: false });
    window.addEventListener('touchmove', this.onMove, { passive: false });
    window.addEventListener('touchend', this.onEnd);
    window.addEventListener('touchcancel', this.onEnd);
  }

  private start(e: TouchEvent): void {
    if (!this.active) {
      this.active = true;
      this.root.classList.add('visible');
    }
    const target = e.target as HTMLElement | null;
    if (target && target.closest('button, input, a, .hud')) return;
    e.preventDefault();
    for (const t of Array.from(e.changedTouches)) {
      if (t.clientX < window.innerWidth / 2 && this.stickId === null) {
        this.stickId = t.identifier;
        this.stickOrigin = { x: t.clientX, y: t.clientY };
        this.base.style.left = `${t.clientX - STICK_RADIUS}px`;
        this.base.style.top = `${t.clientY - STICK_RADIUS}px`;
        this.base.classList.add('held');
      } else if (t.clientX >= window.innerWidth / 2 && this.fireId === null) {
        this.fireId = t.identifier;
        this.fireOrigin = { x: t.clientX, y: t.clientY };
        this.fireAim = null;
        this.fire.classList.add('held');
      }
    }
  }

  private move(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier === this.stickId) {
        e.preventDefault();
        let dx = (t.clientX - this.stickOrigin.x) / STICK_RADIUS;
        let dy = (t.clientY - this.stickOrigin.y) / STICK_RADIUS;
        const len = Math.hypot(dx, dy);
        if (len > 1) {
          dx /= len;
          dy /= len;
        }
        this.stick = { x: dx, y: dy };
        this.knob.style.transform = `translate(${dx * STICK_RADIUS}px, ${dy * STICK_RADIUS}px)`;
      } else if (t.identifier === this.fireId) {
        e.preventDefault();
        const dx = t.clientX - this.fireOrigin.x;
        const dy = t.clientY - this.fireOrigin.y;
        if (Math.hypot(dx, dy) > 12) this.fireAim = { dx, dy };
      }
    }
  }

  private end(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier === this.stickId) {
        this.stickId = null;
        this.stick = { x: 0, y: 0 };
        this.knob.style.transform = '';
        this.base.classList.remove('held');
      } else if (t.identifier === this.fireId) {
        this.fireId = null;
        this.fireAim = null;
        this.fire.classList.remove('held');
      }
    }
  }

  get buttons(): number {
    let b = 0;
    if (this.stick.x < -DEAD_ZONE) b |= Button.Left;
    if (this.stick.x > DEAD_ZONE) b |= Button.Right;
    if (this.stick.y < -DEAD_ZONE) b |= Button.Up;
    if (this.stick.y > DEAD_ZONE) b |= Button.Down;
    if (this.fireId !== null) b |= Button.Fire;
    return b;
  }

  /** Aim direction: the fire-button drag, else the stick; null if neither. */
  get aimDir(): { dx: number; dy: number } | null {
    if (this.fireAim) return this.fireAim;
    if (Math.hypot(this.stick.x, this.stick.y) > DEAD_ZONE) return { dx: this.stick.x, dy: this.stick.y };
    return null;
  }

  get isActive(): boolean {
    return this.active;
  }

  dispose(): void {
    window.removeEventListener('touchstart', this.onStart);
    window.removeEventListener('touchmove', this.onMove);
    window.removeEventListener('touchend', this.onEnd);
    window.removeEventListener('touchcancel', this.onEnd);
    this.root.remove();
  }
}

function div(className: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = className;
  return d;
}
