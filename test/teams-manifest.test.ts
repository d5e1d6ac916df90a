import { readFileSync } from 'node:fs';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../src/commands/router.js';
import { buildPackage, fillManifest } from '../scripts/teams/package.js';

const dir = new URL('../manifests/teams/', import.meta.url);
const template = readFileSync(new URL('manifest.json', dir), 'utf8');

/** The entries of a zip, read from its central directory. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/** Width, height and RGBA rows of one of our PNGs (8-bit RGBA, filter 0). */
function readPng(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  return { width, height, pixel: (x, y) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)] };
}

describe('the Teams app manifest', () => {
  const manifest = JSON.parse(template) as Record<string, any>;

  it('is a stable-schema manifest for a bot in teams, group chats and personal chats, with the app id to fill in', () => {
    expect(manifest['$schema']).toMatch(/\/teams\/v1\.(1[6-9]|2\d)\/MicrosoftTeams\.schema\.json$/);
    expect(manifest['$schema']).toContain(`v${manifest['manifestVersion']}/`);
    expect(manifest['id']).toBe('{{MICROSOFT_APP_ID}}');
    expect(manifest['bots'][0].botId).toBe('{{MICROSOFT_APP_ID}}');
    expect(manifest['bots'][0].scopes).toEqual(['team', 'groupChat', 'personal']);
    expect(manifest['icons']).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest['name'].short.length).toBeLessThanOrEqual(30);
    expect(manifest['description'].short.length).toBeLessThanOrEqual(80);
  });

  it('lists every command the bot handles, within Teams limits', () => {
    const commands = manifest['bots'][0].commandLists[0].commands as { title: string; description: string }[];
    expect(commands.map((c) => c.title)).toEqual(COMMAND_NAMES);
    for (const c of commands) expect(c.description.length).toBeLessThanOrEqual(128);
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = readPng(readFileSync(new URL('color.png', dir)));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixel(96, 10)[3]).toBe(255);
    const outline = readPng(readFileSync(new URL('outline.png', dir)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    for (let y = 0; y < 32; y += 1) {
      for (let x = 0; x < 32; x += 1) {
        const [r, g, b, a] = outline.pixel(x, y) as [number, number, number, number];
        if (a > 0) expect([r, g, b]).toEqual([255, 255, 255]);
        if (a === 255) opaque += 1;
      }
    }
    expect(outline.pixel(0, 0)[3]).toBe(0);
    expect(opaque).toBeGreaterThan(100);
  });
});

describe('npm run teams:package', () => {
  it('zips the manifest with the app id filled in and the two icons, all at the root', () => {
    const appId = '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
    const files = unzip(buildPackage(dir, appId));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, any>;
    expect(manifest['id']).toBe(appId);
    expect(manifest['bots'][0].botId).toBe(appId);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(files.get('color.png')).toEqual(readFileSync(new URL('color.png', dir)));
    expect(JSON.parse(fillManifest(template, appId, '1.2.3'))['version']).toBe('1.2.3');
  });
});
