/** Function code: where it comes from (inline zip or an OSS object) and its checksum. */
import type { Account, World } from '../core/world';
import { findTempCode, isTempCodeBucket } from './temp-code';
import type { FunctionCode } from './state';
import { invalidArgument, type CodeSource } from './validate';

const CRC64_POLY = 0xc96c5795d7870f42n;
const MASK64 = 0xffffffffffffffffn;

const CRC64_TABLE: bigint[] = Array.from({ length: 256 }, (_, index) => {
  let crc = BigInt(index);
  for (let bit = 0; bit < 8; bit += 1) crc = crc & 1n ? (crc >> 1n) ^ CRC64_POLY : crc >> 1n;
  return crc;
});

// Choice: codeChecksum is CRC-64/ECMA-182 (the XZ variant OSS uses for x-oss-hash-crc64ecma) as a decimal string.
export function crc64Ecma(data: Buffer): string {
  let crc = MASK64;
  for (const byte of data) crc = CRC64_TABLE[Number((crc ^ BigInt(byte)) & 0xffn)] ^ (crc >> 8n);
  return ((crc ^ MASK64) & MASK64).toString(10);
}

// Choice: code.ossBucketName/ossObjectName is read from the caller's own buckets, or from FC's temporary code bucket under `<caller's account id>/` (fc/temp-code.ts).
/** Reads the zip of a code source; an OSS source must name an object the caller's account may hand to FC. */
export function loadCode(source: CodeSource, account: Account, world: World): FunctionCode {
  let zip: Buffer;
  if (source.kind === 'zip') {
    zip = source.zip;
  } else {
    const object = isTempCodeBucket(source.bucket)
      ? findTempCode(world, account.id, source.bucket, source.object)
      : account.oss.findObject(source.bucket, source.object)?.body;
    if (!object) {
      throw invalidArgument(`failed to get code from oss: bucket '${source.bucket}' object '${source.object}' does not exist`);
    }
    zip = object;
  }
  return { zip, checksum: crc64Ecma(zip) };
}
