/**
 * Cells controls from the browser: the mouse steers (its position), Space or
 * a held mouse button boosts; on touch screens a stick on the left half steers
 * and a button on the right half boosts. The touch controls appear on the
 * first touch, so mouse players never see them (the SDK's touch pad).
 */
import { TouchPad } from '../../sdk/input/touchPad';

export class CellsControlsInput {
  /** Last pointer position, CSS px in the window; null until the mouse moves. */
  pointer: { x: number; y: number } | null = null;
  private keyBoost = false;
  private mouseBoost = false;
  private readonly pad: TouchPad;
  private readonly listeners: [EventTarget, string, EventListener, AddEventListenerOptions?][] = [];

  constructor(parent: HTMLElement, canvas: HTMLElement) {
    this.pad = new TouchPad(parent, {
      classes: { root: 'cells-touch', stick: 'cells-stick', knob: 'cells-knob', button: 'cells-boost' },
      buttonLabel: 'BOOST',
    });
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
  }

  get boost(): boolean {
    return this.keyBoost || this.mouseBoost || this.pad.buttonHeld;
  }

  /** The stick's direction and strength (length 0..1) while touch steers, else null. */
  get stick(): { dx: number; dy: number } | null {
    return this.pad.touched ? this.pad.stick : null;
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

  dispose(): void {
    for (const [t, type, fn, opts] of this.listeners) t.removeEventListener(type, fn, opts);
    this.listeners.length = 0;
    this.pad.dispose();
  }
}
