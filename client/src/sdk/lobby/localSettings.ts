/** Small lobby preferences in localStorage (which may be unavailable: private mode, blocked storage). */

export function loadSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch (err) {
    console.warn('localStorage unavailable', err);
    return null;
  }
}

export function saveSetting(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch (err) {
    console.warn('localStorage unavailable', err);
  }
}
