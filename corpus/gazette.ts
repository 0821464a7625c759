// Read-only view of the store, in the terms the tools speak: notices, texts, outline nodes.
import Database from 'better-sqlite3';

export class Gazette {
  private readonly db: Database.Database;

  constructor(dbPath: string) {
    this.db = new Database(dbPath, { readonly: true, fileMustExist: true });
  }

  noticeCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM notices').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
