/**
 * On-screen touch controls any game can use: a virtual stick (a touch on the
 * left half of the screen; drag to steer) and one action button (a touch on
 * the right half; dragging it gives a direction while it is held). Shown from
 * the start on a touch-first device (coarse primary pointer, no hover: a phone
 * or tablet), so a player sees where to put their thumbs before the first
 * touch; elsewhere on the first touch, so mouse players never see them. The
 * game reads the state and maps it to its own input fields; the pad knows no
 * game.
 */

const STICK_RADIUS = 56;
/** Drag distance (CSS px) on the button before it counts as a direction. */
const BUTTON_DRAG_MIN = 12;

export interface TouchPadOptions {
  /** CSS classes (the game's stylesheet places and draws them; `visible` and `held` are toggled). */
  classes: { root: string; stick: string; knob: string; button: string };
  buttonLabel: string;
}

export class TouchPad {
  /** The stick's direction and strength, each axis −1..1, length ≤ 1 (0, 0 when released). */
  stick = { dx: 0, dy: 0 };
  /** The button's drag direction while held and dragged past a few px, else null. */
  buttonDrag: { dx: number; dy: number } | null = null;
  /** A touch has been seen: the pad steers (visible since then at the latest). */
  touched = false;
  /** The stick and button are on screen. */
  visible = false;
  private stickId: number | null = null;
  private stickOrigin = { x: 0, y: 0 };
  private buttonId: number | null = null;
  private buttonOrigin = { x: 0, y: 0 };
  private readonly root: HTMLDivElement;
  private readonly base: HTMLDivElement;
  private readonly knob: HTMLDivElement;
  private readonly button: HTMLDivElement;
  private readonly onStart = (e: TouchEvent) => this.start(e);
  private readonly onMove = (e: TouchEvent) => this.move(e);
  private readonly onEnd = (e: TouchEvent) => this.end(e);

  constructor(parent: HTMLElement, opts: TouchPadOptions) {
    this.root = div(opts.classes.root);
    this.base = div(opts.classes.stick);
    this.knob = div(opts.classes.knob);
    this.base.appendChild(this.knob);
    this.button = div(opts.classes.button);
    this.button.textContent = opts.buttonLabel;
    this.root.append(this.base, this.button);
    parent.appendChild(this.root);
    if (isTouchFirst()) this.show();
    window.addEventListener('touchstart', this.onStart, { passive: false });
    window.addEventListener('touchmove', this.onMove, { passive: false });
    window.addEventListener('touchend', this.onEnd);
    window.addEventListener('touchcancel', this.onEnd);
  }

  get buttonHeld(): boolean {
    return this.buttonId !== null;
  }

  dispose(): void {
    window.removeEventListener('touchstart', this.onStart);
    window.removeEventListener('touchmove', this.onMove);
    window.removeEventListener('touchend', this.onEnd);
    window.removeEventListener('touchcancel', this.onEnd);
    this.root.remove();
  }

  private show(): void {
    this.visible = true;
    this.root.classList.add('visible');
  }

  private start(e: TouchEvent): void {
    this.touched = true;
    if (!this.visible) this.show();
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
      } else if (t.clientX >= window.innerWidth / 2 && this.buttonId === null) {
        this.buttonId = t.identifier;
        this.buttonOrigin = { x: t.clientX, y: t.clientY };
        this.buttonDrag = null;
        this.button.classList.add('held');
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
        this.stick = { dx, dy };
        this.knob.style.transform = `translate(${dx * STICK_RADIUS}px, ${dy * STICK_RADIUS}px)`;
      } else if (t.identifier === this.buttonId) {
        e.preventDefault();
        const dx = t.clientX - this.buttonOrigin.x;
        const dy = t.clientY - this.buttonOrigin.y;
        if (Math.hypot(dx, dy) > BUTTON_DRAG_MIN) this.buttonDrag = { dx, dy };
      }
    }
  }

  private end(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (t.identifier === this.stickId) {
        this.stickId = null;
        this.stick = { dx: 0, dy: 0 };
        this.knob.style.transform = '';
        this.base.classList.remove('held');
      } else if (t.identifier === this.buttonId) {
        this.buttonId = null;
        this.buttonDrag = null;
        this.button.classList.remove('held');
      }
    }
  }
}

/** A phone or tablet: its primary pointer is a finger and it cannot hover. */
export function isTouchFirst(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse) and (hover: none)').matches;
}

function div(className: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = className;
  return d;
}
