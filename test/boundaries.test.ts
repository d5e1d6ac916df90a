import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Dependencies point inward, toward the domain (README: Design). This reads every import of src/
// (static, dynamic, re-exports) and fails on one that crosses a boundary.

const SRC = resolve('src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : filesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface Import {
  file: string;
  specifier: string;
  /** The src-relative path a relative import resolves to (folder/file), or null for a package. */
  target: string | null;
}

// import … from '…' and export … from '…' (over several lines too), import '…', import('…').
const IMPORTS = [/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

const imports: Import[] = filesUnder(SRC).flatMap((path) =>
  IMPORTS.flatMap((pattern) => [...readFileSync(path, 'utf8').matchAll(pattern)]).map((match) => {
    const specifier = match[1]!;
    const target = specifier.startsWith('.') ? relative(SRC, resolve(dirname(path), specifier)) : null;
    return { file: relative(SRC, path), specifier, target };
  }),
);

const inside = (folder: string) => (i: Import) => i.file.startsWith(`${folder}/`);
const show = (list: Import[]) => list.map((i) => `${i.file} imports ${i.specifier}`);

describe('boundaries of src/', () => {
  it('reads the imports of every folder (a broken pattern would make every check below pass)', () => {
    for (const folder of ['domain', 'commands', 'messages', 'scheduler', 'store', 'platforms/slack', 'platforms/teams', 'platforms/console', 'cli', 'server']) {
      expect(imports.filter(inside(folder)).length, folder).toBeGreaterThan(3);
    }
  });

  it('src/domain imports only itself and date-fns: no I/O, no clock, no other library', () => {
    const allowed = (i: Import) => (i.target !== null ? i.target.startsWith('domain/') : /^(date-fns|@date-fns\/[\w-]+)(\/|$)/.test(i.specifier));
    expect(show(imports.filter(inside('domain')).filter((i) => !allowed(i)))).toEqual([]);
  });

  it('src/commands and src/messages never import the scheduler or a platform', () => {
    const crossing = imports
      .filter((i) => inside('commands')(i) || inside('messages')(i))
      .filter((i) => i.target !== null && (i.target.startsWith('scheduler/') || i.target.startsWith('platforms/')));
    expect(show(crossing)).toEqual([]);
  });

  it('botbuilder and teams-ai are imported in src/platforms/teams only', () => {
    const teamsLibraries = /^(botbuilder|botframework-|@microsoft\/teams-ai)/;
    expect(show(imports.filter((i) => teamsLibraries.test(i.specifier) && !inside('platforms/teams')(i)))).toEqual([]);
  });

  it('the console\'s HTML rendering (preact) is imported in src/platforms/console only', () => {
    expect(show(imports.filter((i) => /^preact(-render-to-string)?(\/|$)/.test(i.specifier) && !inside('platforms/console')(i)))).toEqual([]);
  });

  it('platforms do not import each other: the console reaches Slack and Teams only through the delivery router', () => {
    const platforms = ['slack', 'teams', 'console'];
    const crossing = imports.filter((i) => platforms.some((p) => inside(`platforms/${p}`)(i) && i.target !== null && i.target.startsWith('platforms/') && !i.target.startsWith(`platforms/${p}/`)));
    expect(show(crossing)).toEqual([]);
  });

  it('Bolt and the Slack Web API are imported in src/platforms/slack only', () => {
    expect(show(imports.filter((i) => /^@slack\//.test(i.specifier) && !inside('platforms/slack')(i)))).toEqual([]);
  });

  it('only src/store touches Prisma\'s models: commands, the scheduler and the platforms call its named functions', () => {
    const MODEL_CALL = /\b(?:db|tx|prisma)\.[a-z]\w*\.(?:find\w*|create\w*|update\w*|upsert|delete\w*|count|aggregate|groupBy)\(/g;
    const offending = filesUnder(SRC)
      .map((path) => relative(SRC, path))
      .filter((file) => ['commands/', 'scheduler/', 'platforms/'].some((folder) => file.startsWith(folder)))
      .flatMap((file) => [...readFileSync(join(SRC, file), 'utf8').matchAll(MODEL_CALL)].map((m) => `${file}: ${m[0]}`));
    expect(offending).toEqual([]);
  });
});
