/**
 * Measuring what is on screen from a screenshot: the connected areas of one
 * colour (a player's body) and their height in CSS px. The PNG is decoded by
 * the page itself (no image library in Node).
 */
import type { Page } from 'playwright-core';

export interface Blob {
  /** Bounding box, CSS px (the screenshot is taken at CSS scale). */
  x: number;
  y: number;
  width: number;
  height: number;
  pixels: number;
}

/** Areas of `rgb` (±`tolerance` per channel) in `png`, largest first. */
export function colourBlobs(page: Page, png: Buffer, rgb: number, tolerance = 6): Promise<Blob[]> {
  return page.evaluate(
    async ({ b64, rgb, tolerance }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const [r, g, b] = [(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255];
      const w = c.width;
      const hit = new Uint8Array(w * c.height);
      for (let i = 0; i < hit.length; i++) {
        const o = i * 4;
        if (Math.abs(px[o] - r) <= tolerance && Math.abs(px[o + 1] - g) <= tolerance && Math.abs(px[o + 2] - b) <= tolerance) hit[i] = 1;
      }
      const blobs: { x: number; y: number; width: number; height: number; pixels: number }[] = [];
      const stack: number[] = [];
      for (let i = 0; i < hit.length; i++) {
        if (hit[i] !== 1) continue;
        let [minX, minY, maxX, maxY, n] = [w, c.height, 0, 0, 0];
        hit[i] = 2;
        stack.push(i);
        while (stack.length > 0) {
          const at = stack.pop()!;
          const x = at % w;
          const y = (at - x) / w;
          [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
          n++;
          for (const next of [at - 1, at + 1, at - w, at + w]) {
            if (next < 0 || next >= hit.length || hit[next] !== 1 || Math.abs((next % w) - x) > 1) continue;
            hit[next] = 2;
            stack.push(next);
          }
        }
        blobs.push({ x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1, pixels: n });
      }
      return blobs.sort((a, b) => b.pixels - a.pixels);
    },
    { b64: png.toString('base64'), rgb, tolerance },
  );
}
