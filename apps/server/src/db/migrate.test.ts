import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test-support/test-database.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

describe('migrate', () => {
  it('records every migration once and applies nothing the second time', async () => {
    const { db, close } = await createTestDatabase();
    try {
      const recorded = await db.many<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      expect(await migrate(db)).toEqual([]);
      expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
    } finally {
      await close();
    }
  });

  it('applies a new migration in a transaction, and rolls a failing one back whole', async () => {
    const { db, close } = await createTestDatabase();
    try {
      const extra = {
        version: 9_001,
        name: 'probe',
        sql: 'CREATE TABLE probe (id INT); INSERT INTO probe VALUES (1);',
      };
      expect(await migrate(db, [...MIGRATIONS, extra])).toEqual([9_001]);
      const broken = {
        version: 9_002,
        name: 'broken',
        sql: 'CREATE TABLE half (id INT); SELECT nope FROM nowhere;',
      };
      await expect(migrate(db, [...MIGRATIONS, extra, broken])).rejects.toThrow();
      expect(await db.one("SELECT to_regclass('half') AS t")).toEqual({ t: null });
      expect(await db.one('SELECT 1 AS x FROM schema_migrations WHERE version = 9002')).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('refuses migrations out of order', async () => {
    const { db, close } = await createTestDatabase();
    try {
      const [first] = MIGRATIONS;
      await expect(migrate(db, [first!, first!])).rejects.toThrow(/out of order/);
    } finally {
      await close();
    }
  });
});

describe('Db', () => {
  it('returns BIGINT money exactly as bigint, NUMERIC as text, JSONB and TEXT[] as values', async () => {
    const { db, close } = await createTestDatabase();
    try {
      const max = 9_223_372_036_854_775_807n;
      await db.query('INSERT INTO balances (owner_id, available_units) VALUES ($1, $2)', ['rich', max]);
      const row = await db.one<{ available_units: bigint; n: string; j: unknown; a: string[] }>(
        `SELECT available_units, 1.10::numeric AS n, $2::jsonb AS j, $3::text[] AS a
         FROM balances WHERE owner_id = $1`,
        ['rich', { nested: [1, 'two'] }, ['x', 'y']],
      );
      expect(row).toEqual({ available_units: max, n: '1.10', j: { nested: [1, 'two'] }, a: ['x', 'y'] });
    } finally {
      await close();
    }
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const { db, close } = await createTestDatabase();
    try {
      await db.transaction((tx) => tx.query("INSERT INTO balances (owner_id) VALUES ('kept')"));
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO balances (owner_id) VALUES ('dropped')");
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await db.many('SELECT owner_id FROM balances ORDER BY owner_id')).toEqual([
        { owner_id: 'kept' },
      ]);
    } finally {
      await close();
    }
  });

  it('refuses a negative balance by constraint', async () => {
    const { db, close } = await createTestDatabase();
    try {
      await expect(
        db.query('INSERT INTO balances (owner_id, available_units) VALUES ($1, $2)', ['neg', -1n]),
      ).rejects.toThrow(/check constraint/);
    } finally {
      await close();
    }
  });
});
