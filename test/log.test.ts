// LOG_LEVEL: which lines the process writes. A table of the level set × the level of a line.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { leveledLog, type LogLevel } from '../src/log.js';

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];
// [LOG_LEVEL, the levels of the lines it writes]
const TABLE: [LogLevel, LogLevel[]][] = [
  ['debug', ['debug', 'info', 'warn', 'error']],
  ['info', ['info', 'warn', 'error']],
  ['warn', ['warn', 'error']],
  ['error', ['error']],
];

describe('leveledLog', () => {
  it.each(TABLE)('LOG_LEVEL=%s writes %j', (min, written) => {
    const lines: string[] = [];
    const log = leveledLog(min, (line) => lines.push(line));
    for (const level of LEVELS) log(`a ${level} line`, level);
    expect(lines).toEqual(written.map((level) => `a ${level} line`));
  });

  it('a line without a level is info', () => {
    const lines: string[] = [];
    leveledLog('info', (line) => lines.push(line))('posted renewal d30');
    leveledLog('warn', (line) => lines.push(line))('posted renewal d30');
    expect(lines).toEqual(['posted renewal d30']);
  });

  it('LOG_LEVEL takes these four values and no other; info when unset', () => {
    expect(loadConfig({}).LOG_LEVEL).toBe('info');
    for (const level of LEVELS) expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
