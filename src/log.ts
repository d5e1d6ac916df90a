export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where a component writes its log lines; `level` is `info` unless given. Any `(line) => void` is one
 * (tests collect every line that way); `leveledLog` is the process's, which keeps to LOG_LEVEL.
 */
export type Log = (line: string, level?: LogLevel) => void;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * Writes the lines at `min` or above: `info` (the default) writes everything but debug details,
 * `warn` only what went wrong or needs a look (failed posts, refused requests, start-up warnings),
 * `error` only failures (a pass or a request that failed, a reminder given up), `debug` everything,
 * with a library's own error text and stack where we otherwise show our words only.
 */
export function leveledLog(min: LogLevel, write: (line: string) => void): Log {
  return (line, level = 'info') => {
    if (RANK[level] >= RANK[min]) write(line);
  };
}

/** LOG_LEVEL=debug, read before the configuration is (start-up and CLI failures). */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['LOG_LEVEL']?.trim() === 'debug';
}

/** Prisma's messages open with a code frame: the cause is on the last line. */
export function lastLine(error: unknown): string {
  const lines = String((error as Error)?.message ?? error).split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? 'unknown error';
}
