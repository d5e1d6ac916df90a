/**
 * Draws the Teams app icons into manifests/teams/: `color.png` (192×192, full colour) and
 * `outline.png` (32×32, white on transparent), as Teams requires. No image tools needed:
 * shapes are sampled 4×4 per pixel for smooth edges and written with our own PNG encoder.
 *   npx tsx scripts/teams/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng, type Image } from './png-encoder.js';

type Rgba = [number, number, number, number];
/** A picture as a function of a point in the unit square (0,0 top left), returning straight RGBA. */
type Picture = (x: number, y: number) => Rgba;

const INDIGO: Rgba = [0x3b, 0x5b, 0xa9, 255];
const AMBER: Rgba = [0xf2, 0xa9, 0x3b, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function nearSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number], half: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - (ax + t * dx)) ** 2 + (y - (ay + t * dy)) ** 2 <= half * half;
}

const CHECK: [number, number][] = [[0.36, 0.61], [0.46, 0.71], [0.66, 0.51]];
const onCheck = (x: number, y: number, half: number) => nearSegment(x, y, CHECK[0]!, CHECK[1]!, half) || nearSegment(x, y, CHECK[1]!, CHECK[2]!, half);
const onRings = (x: number, y: number) => inRoundedRect(x, y, 0.34, 0.19, 0.40, 0.33, 0.03) || inRoundedRect(x, y, 0.60, 0.19, 0.66, 0.33, 0.03);

/** A renewal calendar page with a check mark, on the brand colour. */
const colour: Picture = (x, y) => {
  if (!inRoundedRect(x, y, 0, 0, 1, 1, 0.19)) return CLEAR;
  if (onRings(x, y)) return WHITE;
  if (inRoundedRect(x, y, 0.23, 0.26, 0.77, 0.81, 0.06)) {
    if (y < 0.40) return AMBER;
    return onCheck(x, y, 0.045) ? INDIGO : WHITE;
  }
  return INDIGO;
};

/** The same page as a white outline, for Teams' app bar. */
const outline: Picture = (x, y) => {
  const page = inRoundedRect(x, y, 0.12, 0.18, 0.88, 0.9, 0.1);
  const inside = inRoundedRect(x, y, 0.2, 0.26, 0.8, 0.82, 0.05);
  const band = page && y < 0.38;
  const rings = inRoundedRect(x, y, 0.3, 0.08, 0.4, 0.26, 0.04) || inRoundedRect(x, y, 0.6, 0.08, 0.7, 0.26, 0.04);
  const check = nearSegment(x, y, [0.32, 0.6], [0.46, 0.73], 0.06) || nearSegment(x, y, [0.46, 0.73], [0.66, 0.5], 0.06);
  return (page && !inside) || band || rings || (inside && check) ? WHITE : CLEAR;
};

export function render(picture: Picture, size: number, samples = 4): Image {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const [cr, cg, cb, ca] = picture((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round(a / (samples * samples));
    }
  }
  return { width: size, height: size, rgba };
}

export const ICONS = { 'color.png': () => render(colour, 192), 'outline.png': () => render(outline, 32) };

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = new URL('../../manifests/teams/', import.meta.url);
  for (const [file, draw] of Object.entries(ICONS)) {
    writeFileSync(new URL(file, dir), encodePng(draw()));
    console.log(`wrote manifests/teams/${file}`);
  }
}
