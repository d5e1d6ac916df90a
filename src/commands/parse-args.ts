import type { z } from 'zod';
import { UsageError } from './errors.js';
import type { Token } from './tokenize.js';

export type OptionSpec = Record<string, z.ZodType<unknown, string>>;
export type ParsedOptions<S extends OptionSpec> = { [K in keyof S]?: z.output<S[K]> };

/**
 * Validates `key:value` options against a spec of zod schemas. Unknown or repeated keys and every
 * invalid value are reported together, with a correct example.
 */
export function parseOptions<S extends OptionSpec>(tokens: readonly Token[], spec: S, example: string): ParsedOptions<S> {
  const problems: string[] = [];
  const result = new Map<string, unknown>();
  for (const token of tokens) {
    if (token.key === undefined) continue;
    // An own-property check: `constructor:` or `__proto__:` must not reach Object.prototype.
    const schema = Object.hasOwn(spec, token.key) ? spec[token.key] : undefined;
    if (!schema) {
      problems.push(`\`${token.key}:\` is not an option here (options: ${Object.keys(spec).map((k) => `${k}:`).join(' ')})`);
      continue;
    }
    if (result.has(token.key)) {
      problems.push(`\`${token.key}:\` is given twice`);
      continue;
    }
    const parsed = schema.safeParse(token.value);
    if (parsed.success) result.set(token.key, parsed.data);
    else problems.push(`\`${token.key}:${truncate(token.value)}\` ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'), example);
  return Object.fromEntries(result) as ParsedOptions<S>;
}

export function positionals(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.key === undefined).map((t) => t.value);
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
