// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the same Rust code as
// the native `schema-engine` binary that the Prisma CLI downloads and an offline machine cannot get),
// started on one of the bot's driver adapters. The package entry imports the .wasm as an ES module,
// which Node 20 cannot do, so the module is instantiated here and handed to the wasm-bindgen glue.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine };
/** A migration-aware driver adapter factory, e.g. PrismaBetterSqlite3 or PrismaPg. */
export interface AdapterFactory {
  readonly provider: string;
  readonly adapterName: string;
  connect(): Promise<object>;
  connectToShadowDb(): Promise<object>;
}

// The tsconfig has no "dom" lib, so the WebAssembly global is typed here (only what is used).
const { WebAssembly: Wasm } = globalThis as unknown as { WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
  RuntimeError: new () => Error;
} };
type PanicRegistry = { message: string; set_message(m: string): void };
const panics = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
let loaded: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    // The engine records the reason of a Rust panic here before it traps.
    panics.PRISMA_WASM_PANIC_REGISTRY ??= { message: '', set_message(m) { this.message = m; } };
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await Wasm.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

// The adapter error kinds this engine build can read (from its own error message). The adapters
// know more: better-sqlite3 reports SQLITE_BUSY as `SocketTimeout`, which the engine would turn into
// an opaque "unknown variant" error, so those travel as GenericJs and come back as the driver's error.
const engineErrorKinds = new Set(['GenericJs', 'UnsupportedNativeDataType', 'InvalidIsolationLevel', 'LengthMismatch',
  'UniqueConstraintViolation', 'NullConstraintViolation', 'ForeignKeyConstraintViolation', 'DatabaseNotReachable',
  'DatabaseDoesNotExist', 'DatabaseAlreadyExists', 'DatabaseAccessDenied', 'ConnectionClosed', 'TlsConnectionError',
  'AuthenticationFailed', 'TransactionWriteConflict', 'TableDoesNotExist', 'ColumnNotFound', 'TooManyConnections',
  'ValueOutOfRange', 'MissingFullTextSearchIndex', 'TransactionAlreadyClosed', 'postgres', 'mysql', 'sqlite', 'mssql']);

type Fn = (...args: never[]) => unknown;
type Obj = Record<string, unknown>;

/**
 * The engine expects every adapter call to return `{ ok: true, value }` or `{ ok: false, error }`
 * (getConnectionInfo synchronously), as Prisma's `bindMigrationAwareSqlAdapterFactory`
 * (@prisma/driver-adapter-utils) provides. A DriverAdapterError passes its mapped cause, which the
 * engine turns into a Prisma error code (P1014…); any other error is kept here, the engine reports
 * "External error id#N", and `original` maps that back to the error thrown by the driver.
 */
class Binder {
  private readonly errors: unknown[] = [];
  readonly open = new Set<Obj>();

  constructor(private readonly factory: AdapterFactory) {}

  private failure(error: unknown) {
    const e = error as { name?: string; cause?: { kind?: string } };
    if (e?.name === 'DriverAdapterError' && engineErrorKinds.has(e.cause?.kind ?? '')) return { ok: false, error: e.cause };
    return { ok: false, error: { kind: 'GenericJs', id: this.errors.push(error) - 1 } };
  }
  private wrapAsync = (fn: Fn) => async (...args: never[]) => {
    try { return { ok: true, value: await fn(...args) }; } catch (e) { return this.failure(e); }
  };
  private wrapSync = (fn: Fn) => (...args: never[]) => {
    try { return { ok: true, value: fn(...args) }; } catch (e) { return this.failure(e); }
  };
  private wrap(o: Obj, names: string[], how: (fn: Fn) => Fn): Obj {
    const present = names.filter((n) => typeof o[n] === 'function');
    return Object.fromEntries(present.map((n) => [n, how((o[n] as Fn).bind(o))]));
  }
  private transaction = (tx: Obj) => ({
    adapterName: tx.adapterName, provider: tx.provider, options: tx.options,
    ...this.wrap(tx, ['queryRaw', 'executeRaw', 'commit', 'rollback', 'createSavepoint', 'rollbackToSavepoint', 'releaseSavepoint'], this.wrapAsync),
  });
  private adapter = (a: Obj) => ({
    adapterName: a.adapterName, provider: a.provider,
    ...this.wrap(a, ['queryRaw', 'executeRaw', 'executeScript'], this.wrapAsync),
    ...this.wrap(a, ['getConnectionInfo'], this.wrapSync),
    startTransaction: this.wrapAsync(async (...args: never[]) => this.transaction(await (a.startTransaction as (...x: never[]) => Promise<Obj>)(...args))),
    dispose: this.wrapAsync(async () => { this.open.delete(a); await (a.dispose as () => Promise<void>)(); }),
  });
  private connect = (how: 'connect' | 'connectToShadowDb') => this.wrapAsync(async () => {
    const adapter = (await this.factory[how]()) as unknown as Obj;
    this.open.add(adapter);
    return this.adapter(adapter);
  });
  bound = () => ({
    adapterName: this.factory.adapterName, provider: this.factory.provider,
    connect: this.connect('connect'), connectToShadowDb: this.connect('connectToShadowDb'),
  });

  /** The error to throw for what the engine rejected with (keeps the engine's `code`, e.g. P3009). */
  original(error: unknown): unknown {
    const id = /External error id#(\d+)/.exec(String((error as Error)?.message))?.[1];
    const driverError = id === undefined ? undefined : this.errors[Number(id)];
    const cause = (driverError as { cause?: { originalCode?: string; originalMessage?: string } })?.cause;
    if (cause?.originalMessage) return new Error(`${cause.originalCode ?? ''} ${cause.originalMessage}`.trim(), { cause: driverError });
    if (driverError !== undefined) return driverError;
    const panic = panics.PRISMA_WASM_PANIC_REGISTRY?.message;
    if (error instanceof Wasm.RuntimeError && panic) return new Error(`Schema engine panic: ${panic}`, { cause: error });
    return error;
  }

  async closeAll(): Promise<void> {
    const left = [...this.open];
    this.open.clear();
    await Promise.allSettled(left.map((a) => (a.dispose as () => Promise<void>)()));
  }
}

export interface EngineHandle {
  /** Runs engine commands; errors come out as the engine's (with `code`) or the driver's own. */
  run<T>(command: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  /** Frees the engine and closes the connections it opened (it never disposes its main one). */
  close(): Promise<void>;
}

/** Starts an engine connected through `factory` (it connects at once; the shadow database on demand). */
export async function startSchemaEngine(factory: AdapterFactory, log?: (line: string) => void): Promise<EngineHandle> {
  await loadWasm();
  const binder = new Binder(factory);
  let engine: SchemaEngine;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: undefined }, (line: string) => log?.(line), binder.bound());
  } catch (e) {
    await binder.closeAll();
    throw binder.original(e);
  }
  return {
    run: (command) => command(engine).catch((e: unknown) => { throw binder.original(e); }),
    close: async () => {
      engine.free();
      await binder.closeAll();
    },
  };
}
