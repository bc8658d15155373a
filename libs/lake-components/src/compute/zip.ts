import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  /** Path inside the archive, with forward slashes (`lake_jobs/common/args.py`). */
  readonly path: string;
  readonly content: Buffer;
}

// 1980-01-01 00:00:00, the earliest MS-DOS date a zip can hold: a fixed timestamp so equal files give equal bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UNIX_REGULAR_FILE_0644 = 0o100644;
const VERSION_NEEDED = 20; // deflate
const VERSION_MADE_BY_UNIX = (3 << 8) | 20;
const DEFLATE = 8;

/**
 * A zip archive that is a pure function of the entries: entries sorted by path, fixed timestamps and
 * permissions, deflate at a fixed level, no extra fields. Two builds of the same files are byte-identical, so
 * the object's hash (and the offline plan) only changes when a file does.
 */
export function buildZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const seen = new Set<string>();
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    if (
      !entry.path ||
      entry.path.startsWith("/") ||
      entry.path.includes("\\") ||
      entry.path.split("/").includes("..")
    ) {
      throw new Error(`zip entry "${entry.path}" must be a relative path with forward slashes and no ".."`);
    }
    if (seen.has(entry.path)) throw new Error(`zip entry "${entry.path}" appears twice`);
    seen.add(entry.path);
    const name = Buffer.from(entry.path, "utf8");
    const data = deflateRawSync(entry.content, { level: 9 });
    const crc = crc32(entry.content);

    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION_NEEDED, 4);
    header.writeUInt16LE(0x0800, 6); // names are UTF-8
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(entry.content.length, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    local.push(header, name, data);

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(VERSION_MADE_BY_UNIX, 4);
    record.writeUInt16LE(VERSION_NEEDED, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(DEFLATE, 10);
    record.writeUInt16LE(DOS_TIME, 12);
    record.writeUInt16LE(DOS_DATE, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(entry.content.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt16LE(0, 30); // extra
    record.writeUInt16LE(0, 32); // comment
    record.writeUInt16LE(0, 34); // disk
    record.writeUInt16LE(0, 36); // internal attributes
    record.writeUInt32LE((UNIX_REGULAR_FILE_0644 << 16) >>> 0, 38);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.length + name.length + data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (sorted.length > 0xffff || offset + centralSize > 0xffffffff) {
    throw new Error("the job package is too large for a zip without ZIP64 (65535 files or 4 GiB)");
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}
