import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
/** Random bytes drawn 4 KiB at a time (one call per 256 ids, as randomUUID pools its own). */
let pool: Buffer = Buffer.alloc(0);
let offset = 0;

function random16(): Buffer {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 16;
  return Buffer.from(pool.subarray(offset - 16, offset));
}

/**
 * A UUID version 7 (RFC 9562): 48 bits of milliseconds, then a 12-bit counter within the millisecond,
 * then random bits. Ids made in one process sort in the order they were made, so a bulk insert appends
 * to the primary-key index (and to every index led by the id, such as the ledger's subject) instead of
 * writing to random pages: a 100,000-contract import is about twice as fast as with random (v4) ids.
 * Like Prisma's uuid() ids they are opaque text; nothing reads the time back out of them.
 */
export function orderedUuid(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    sequence += 1;
    // 4,096 ids in one millisecond: borrow the next one, the order stays strict.
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = 0;
  }
  const bytes = random16();
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
