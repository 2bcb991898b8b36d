/**
 * One schema change. `version` orders migrations and is recorded in `schema_migrations`;
 * `sql` may hold several statements and runs inside one transaction.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
