/**
 * `npm run teams:package`: the Teams app package to upload (sideload) or hand to an admin. Fills
 * the bot's app id (MICROSOFT_APP_ID) into manifests/teams/manifest.json and zips it with the two
 * icons at the root of manifests/teams/build/renewal-desk-teams.zip.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeZip } from './zip-writer.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fillManifest(template: string, appId: string, version?: string): string {
  const manifest = JSON.parse(template.replaceAll('{{MICROSOFT_APP_ID}}', appId)) as Record<string, unknown>;
  if (version) manifest['version'] = version;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function buildPackage(dir: URL, appId: string, version?: string): Buffer {
  const manifest = fillManifest(readFileSync(new URL('manifest.json', dir), 'utf8'), appId, version);
  return writeZip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(new URL('color.png', dir)) },
    { name: 'outline.png', data: readFileSync(new URL('outline.png', dir)) },
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const appId = (process.env['MICROSOFT_APP_ID'] ?? '').trim();
  if (!GUID.test(appId)) {
    console.error(
      appId
        ? `MICROSOFT_APP_ID must be the bot's Microsoft App ID (a GUID like 0f1e2d3c-…), not "${appId}".`
        : 'Set MICROSOFT_APP_ID to your Azure Bot\'s Microsoft App ID, e.g.\n  MICROSOFT_APP_ID=0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b npm run teams:package',
    );
    process.exit(1);
  }
  const dir = new URL('../../manifests/teams/', import.meta.url);
  const out = new URL('build/', dir);
  mkdirSync(out, { recursive: true });
  const zip = new URL('renewal-desk-teams.zip', out);
  writeFileSync(zip, buildPackage(dir, appId, process.env['TEAMS_APP_VERSION']?.trim() || undefined));
  console.log(`wrote ${fileURLToPath(zip)} (manifest.json, color.png, outline.png) for app id ${appId}`);
}
