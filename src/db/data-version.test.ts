import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cachedUntilDataChanges } from './data-version.js';
import { openDatabase, openReadOnlyDatabase } from './open.js';

describe('cachedUntilDataChanges', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hydra-dv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('recomputes after another connection commits, and only then', () => {
    const file = path.join(dir, 'x.db');
    const writer = openDatabase(file);
    writer.exec('CREATE TABLE t (x INTEGER)');
    const reader = openReadOnlyDatabase(file);
    let runs = 0;
    const count = cachedUntilDataChanges(reader, () => {
      runs++;
      return (reader.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
    });
    expect(count()).toBe(0);
    expect(count()).toBe(0);
    expect(runs).toBe(1);
    writer.prepare('INSERT INTO t VALUES (1)').run();
    expect(count()).toBe(1);
    expect(runs).toBe(2);
    reader.close();
    writer.close();
  });

  it('recomputes after the same connection writes (which data_version does not count)', () => {
    const db = openDatabase(path.join(dir, 'y.db'));
    db.exec('CREATE TABLE t (x INTEGER)');
    const count = cachedUntilDataChanges(
      db,
      () => (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n,
    );
    expect(count()).toBe(0);
    db.prepare('INSERT INTO t VALUES (1)').run();
    expect(count()).toBe(1);
    db.close();
  });
});
