/** One step of the schema's history. Migrations are never edited once released: a change is a new one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, for a schema `s` (already quoted). */
  readonly sql: (s: string) => string;
}
