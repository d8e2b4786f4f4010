import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import { classifyDatabaseError } from './database-errors.js';

/** What one engine needs beyond naming its errors. */
export interface EngineHooks {
  /** Runs before every statement (SQLite: restores the busy timeout once a lock has cleared). */
  beforeStatement?(): void;
  /** Sees every classified error first (SQLite: stops waiting on a lock that has not cleared). */
  onClassified?(problem: string): void;
  /** The statement that opens a transaction (default: Kysely's). */
  begin?: string;
  /**
   * Whether a transaction is still open. SQLite rolls a transaction back by itself on a full
   * disk or an I/O error; a ROLLBACK after that fails ("no transaction is active") and would
   * hide the error that mattered.
   */
  inTransaction?(): boolean;
}

/**
 * Wraps a Kysely dialect so that every driver error whose cause lies outside Intake's data (a
 * lock held by another process, a full disk, a read-only folder, a server that does not answer)
 * reaches the caller as a StoreUnavailableError naming it, with the driver's error as its cause.
 */
export function errorClassifyingDialect(inner: Dialect, hooks: EngineHooks = {}): Dialect {
  return {
    createDriver: () => new ErrorClassifyingDriver(inner.createDriver(), hooks),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}

class ErrorClassifyingDriver implements Driver {
  /** Our wrapper → the driver's own connection, which it needs back on release. */
  readonly #inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly driver: Driver,
    private readonly hooks: EngineHooks,
  ) {}

  init(): Promise<void> {
    return this.#guard(() => this.driver.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.#guard(() => this.driver.acquireConnection());
    const wrapped: DatabaseConnection = {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        this.hooks.beforeStatement?.();
        return this.#guard(() => connection.executeQuery<R>(query));
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => this.#stream<R>(connection, query, chunkSize),
    };
    this.#inner.set(wrapped, connection);
    return wrapped;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (this.hooks.begin) await connection.executeQuery(CompiledQuery.raw(this.hooks.begin));
    else await this.#guard(() => this.driver.beginTransaction(this.#unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#guard(() => this.driver.commitTransaction(this.#unwrap(connection)));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.hooks.inTransaction && !this.hooks.inTransaction()) return;
    await this.#guard(() => this.driver.rollbackTransaction(this.#unwrap(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(this.#unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.driver.destroy();
  }

  #unwrap(connection: DatabaseConnection): DatabaseConnection {
    return this.#inner.get(connection) ?? connection;
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const classified = classifyDatabaseError(error);
      if (!classified) throw error;
      this.hooks.onClassified?.(classified.problem);
      throw classified;
    }
  }

  async *#stream<R>(connection: DatabaseConnection, query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.hooks.beforeStatement?.();
    const rows = connection.streamQuery<R>(query, chunkSize);
    for (;;) {
      const next = await this.#guard(() => rows.next());
      if (next.done) return;
      yield next.value;
    }
  }
}
