/**
 * Keyboard and mouse: WASD or arrows to move, mouse to aim, left button (or
 * Space) to fire. Keys are tracked by `code` so other layouts work by position.
 */
import { ArenaButton as Button } from '../../../../shared/game/arena';

const MOVE_KEYS: Record<string, number> = {
  KeyW: Button.Up,
  ArrowUp: Button.Up,
  KeyS: Button.Down,
  ArrowDown: Button.Down,
  KeyA: Button.Left,
  ArrowLeft: Button.Left,
  KeyD: Button.Right,
  ArrowRight: Button.Right,
  Space: Button.Fire,
};

export class KeyboardInput {
  private held = 0;
  private mouseFire = false;
  /** Last pointer position, CSS px in the window; null until the mouse moves. */
  pointer: { x: number; y: number } | null = null;
  private readonly listeners: [EventTarget, string, EventListener][] = [];

  constructor(target: HTMLElement) {
    this.on(window, 'keydown', (e) => this.key(e as KeyboardEvent, true));
    this.on(window, 'keyup', (e) => this.key(e as KeyboardEvent, false));
    this.on(window, 'blur', () => {
      this.held = 0;
      this.mouseFire = false;
    });
    this.on(target, 'mousemove', (e) => {
      const m = e as MouseEvent;
      this.pointer = { x: m.clientX, y: m.clientY };
    });
    this.on(target, 'mousedown', (e) => {
      if ((e as MouseEvent).button === 0) this.mouseFire = true;
    });
    this.on(window, 'mouseup', (e) => {
      if ((e as MouseEvent).button === 0) this.mouseFire = false;
    });
    this.on(target, 'contextmenu', (e) => e.preventDefault());
  }

  private on(target: EventTarget, type: string, fn: EventListener): void {
    target.addEventListener(type, fn);
    this.listeners.push([target, type, fn]);
  }

  private key(e: KeyboardEvent, down: boolean): void {
    const bit = MOVE_KEYS[e.code];
    if (bit === undefined) return;
    const el = e.target as HTMLElement | null;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) return;
    e.preventDefault();
    this.held = down ? this.held | bit : this.held & ~bit;
  }

  get buttons(): number {
    return this.held | (this.mouseFire ? Button.Fire : 0);
  }

  dispose(): void {
    for (const [t, type, fn] of this.listeners) t.removeEventListener(type, fn);
    this.listeners.length = 0;
  }
}
