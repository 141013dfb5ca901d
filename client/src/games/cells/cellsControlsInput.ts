/**
 * Cells controls from the browser: the mouse steers (its position), Space or
 * a held mouse button boosts; on touch screens a stick on the left half steers
 * and a button on the right half boosts. The touch controls appear on the
 * first touch, so mouse players never see them.
 */
const STICK_RADIUS = 56;

export class CellsControlsInput {
  /** Last pointer position, CSS px in the window; null until the mouse moves. */
  pointer: { x: number; y: number } | null = null;
  private keyBoost = false;
  private mouseBoost = false;
  private stickId: number | null = null;
  private stickOrigin = { x: 0, y: 0 };
  private stickVec = { dx: 0, dy: 0 };
  private boostId: number | null = null;
  private touched = false;
  private readonly root: HTMLDivElement;
  private readonly base: HTMLDivElement;
  private readonly knob: HTMLDivElement;
  private readonly boostButton: HTMLDivElement;
  private readonly listeners: [EventTarget, string, EventListener, AddEventListenerOptions?][] = [];

  constructor(parent: HTMLElement, canvas: HTMLElement) {
    this.root = div('cells-touch');
    this.base = div('cells-stick');
    this.knob = div('cells-knob');
    this.base.appendChild(this.knob);
    this.boostButton = div('cells-boost');
    this.boostButton.textContent = 'BOOST';
    this.root.append(this.base, this.boostButton);
    parent.appendChild(this.root);
    this.on(window, 'keydown', (e) => this.key(e as KeyboardEvent, true));
    this.on(window, 'keyup', (e) => this.key(e as KeyboardEvent, false));
    this.on(window, 'blur', () => {
      this.keyBoost = false;
      this.mouseBoost = false;
    });
    this.on(canvas, 'mousemove', (e) => {
      const m = e as MouseEvent;
      this.pointer = { x: m.clientX, y: m.clientY };
    });
    this.on(canvas, 'mousedown', () => (this.mouseBoost = true));
    this.on(window, 'mouseup', () => (this.mouseBoost = false));
    this.on(canvas, 'contextmenu', (e) => e.preventDefault());
    this.on(window, 'touchstart', (e) => this.touchStart(e as TouchEvent), { passive: false });
    this.on(window, 'touchmove', (e) => this.touchMove(e as TouchEvent), { passive: false });
    this.on(window, 'touchend', (e) => this.touchEnd(e as TouchEvent));
    this.on(window, 'touchcancel', (e) => this.touchEnd(e as TouchEvent));
  }

  get boost(): boolean {
    return this.keyBoost || this.mouseBoost || this.boostId !== null;
  }

  /** The stick's direction and strength (length 0..1) while touch steers, else null. */
  get stick(): { dx: number; dy: number } | null {
    return this.touched ? this.stickVec : null;
  }

  private on(target: EventTarget, type: string, fn: EventListener, opts?: AddEventListenerOptions): void {
    target.addEventListener(type, fn, opts);
    this.listeners.push([target, type, fn, opts]);
  }

  private key(e: KeyboardEvent, down: boolean): void {
    if (e.code !== 'Space') return;
    const el = e.target as HTMLElement | null;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) return;
    e.preventDefault();
    this.keyBoost = down;
  }

  private touchStart(e: TouchEvent): void {
    if (!this.touched) {
      this.touched = true;
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
      } else if (t.clientX >= window.innerWidth / 2 && this.boostId === null) {
        this.boostId = t.identifier;
        this.boostButton.classList.add('held');
      }
    }
  }

  private touchMove(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier !== this.stickId) continue;
      e.preventDefault();
      let dx = (t.clientX - this.stickOrigin.x) / STICK_RADIUS;
      let dy = (t.clientY - this.stickOrigin.y) / STICK_RADIUS;
      const len = Math.hypot(dx, dy);
      if (len > 1) {
        dx /= len;
        dy /= len;
      }
      this.stickVec = { dx, dy };
      this.knob.style.transform = `translate(${dx * STICK_RADIUS}px, ${dy * STICK_RADIUS}px)`;
    }
  }

  private touchEnd(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier === this.stickId) {
        this.stickId = null;
        this.stickVec = { dx: 0, dy: 0 };
        this.knob.style.transform = '';
        this.base.classList.remove('held');
      } else if (t.identifier === this.boostId) {
        this.boostId = null;
        this.boostButton.classList.remove('held');
      }
    }
  }

  dispose(): void {
    for (const [t, type, fn, opts] of this.listeners) t.removeEventListener(type, fn, opts);
    this.listeners.length = 0;
    this.root.remove();
  }
}

function div(className: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = className;
  return d;
}
