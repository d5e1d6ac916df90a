import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseUrlProblem, maskPassword, parseDatabaseUrl } from '../../src/store/database-url.js';
import { loadConfig } from '../../src/config.js';

describe('DATABASE_URL', () => {
  it('accepts SQLite files (relative to the cwd, absolute, file:///) and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('file:./data/renewal-desk.db')).toEqual({ provider: 'sqlite', path: resolve('data/renewal-desk.db') });
    expect(parseDatabaseUrl('file:/srv/rd.db?connection_limit=1')).toEqual({ provider: 'sqlite', path: '/srv/rd.db' });
    expect(parseDatabaseUrl('file:///srv/rd.db')).toEqual({ provider: 'sqlite', path: '/srv/rd.db' });
    for (const url of ['postgresql://user:pass@host:5432/db', 'postgres://host/db']) expect(databaseUrlProblem(url)).toBeNull();
  });

  it('says what is wrong with the form', () => {
    expect(databaseUrlProblem('garbage')).toBe('is not a database URL');
    expect(databaseUrlProblem('mysql://u:p@host/db')).toMatch(/uses mysql, which Renewal Desk does not support/);
    expect(databaseUrlProblem('file:')).toMatch(/names no file/);
    expect(databaseUrlProblem('file:?mode=rwc')).toMatch(/names no file/);
    expect(databaseUrlProblem('postgresql://:pw@/db')).toMatch(/not a valid PostgreSQL URL|no PostgreSQL server/);
  });

  it('masks the password of the userinfo and of a password= parameter', () => {
    expect(maskPassword('postgresql://renewal:s3cr%40t@db.internal:5432/rd')).toBe('postgresql://renewal:***@db.internal:5432/rd');
    expect(maskPassword('mysql://u:p@host/db')).toBe('mysql://u:***@host/db');
    expect(maskPassword('postgresql://renewal@db/rd?password=s3cret&sslmode=require')).toBe('postgresql://renewal@db/rd?password=***&sslmode=require');
    expect(maskPassword('file:./data/renewal-desk.db')).toBe('file:./data/renewal-desk.db');
  });

  it('config loading refuses a malformed url with one line that names the variable and an example', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secret@host/db' })).toThrow(
      /^Renewal Desk cannot start: DATABASE_URL=mysql:\/\/u:\*\*\*@host\/db uses mysql, .*; use a SQLite file such as file:\.\/data\/renewal-desk\.db or a PostgreSQL URL such as postgresql:\/\/user:pass@host:5432\/db\.$/,
    );
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBe('file:./data/renewal-desk.db');
  });
});
