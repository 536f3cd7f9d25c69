// What an OLE2 compound file (MS-CFB) holds, read from its directory: a Word 97–2003 document (a WordDocument stream),
// or a password-protected Office Open XML file (a .docx saved with a password to open: EncryptionInfo and
// EncryptedPackage streams, MS-OFFCRYPTO). Reads are bounded by the buffer; a damaged file gives what could be read.
const ENTRY = 128;
const END = 0xfffffffe;

/** The file's sectors: offset of sector n, and the next sector of a chain (FAT). */
function sectors(buf: Buffer): { at: (n: number) => number; size: number; next: (n: number) => number } | null {
  if (buf.length < 512) return null;
  const shift = buf.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const at = (n: number) => (n + 1) * size;
  const inside = (n: number) => n < END && at(n) + size <= buf.length;
  // FAT sectors: 109 listed in the header, the rest in the DIFAT chain.
  const fat: number[] = [];
  for (let i = 0; i < 109; i++) fat.push(buf.readUInt32LE(76 + 4 * i));
  let difat = buf.readUInt32LE(68);
  for (let hops = 0; inside(difat) && hops < 1000; hops++) {
    const o = at(difat);
    for (let i = 0; i < size / 4 - 1; i++) fat.push(buf.readUInt32LE(o + 4 * i));
    difat = buf.readUInt32LE(o + size - 4);
  }
  const perSector = size / 4;
  const next = (n: number) => {
    const s = fat[Math.floor(n / perSector)];
    return s !== undefined && inside(s) ? buf.readUInt32LE(at(s) + 4 * (n % perSector)) : END;
  };
  return { at: (n) => (inside(n) ? at(n) : -1), size, next };
}

export interface OleEntry {
  name: string;
  /** First sector and size of a stream (streams under 4096 bytes live in the mini stream: start is then a mini sector). */
  start: number;
  size: number;
}

/** The streams and storages of the file's directory (empty when it is no readable compound file). */
export function oleEntries(buf: Buffer): OleEntry[] {
  const s = sectors(buf);
  if (!s) return [];
  const out: OleEntry[] = [];
  const seen = new Set<number>();
  for (let n = buf.readUInt32LE(48); n < END && !seen.has(n) && seen.size < 10_000; n = s.next(n)) {
    seen.add(n);
    const o = s.at(n);
    if (o < 0) break;
    for (let e = o; e + ENTRY <= o + s.size; e += ENTRY) {
      const len = buf.readUInt16LE(e + 64);
      if (buf[e + 66] === 0 || len < 2 || len > 64) continue;
      out.push({ name: buf.toString("utf16le", e, e + len - 2), start: buf.readUInt32LE(e + 116), size: buf.readUInt32LE(e + 120) });
    }
  }
  return out;
}

/** Whether the compound file is a password-protected Office Open XML file (EncryptedPackage beside EncryptionInfo). */
export function isEncryptedPackage(entries: OleEntry[]): boolean {
  return entries.some((e) => e.name === "EncryptedPackage") && entries.some((e) => e.name === "EncryptionInfo");
}

/** Whether a Word 97–2003 document says it is encrypted: fEncrypted (0x0100) in its FIB's flags (the WordDocument stream's bytes 10–11). */
export function isEncryptedWord(buf: Buffer, entries: OleEntry[]): boolean {
  const word = entries.find((e) => e.name === "WordDocument");
  const s = sectors(buf);
  if (!word || !s || word.size < 4096) return false;
  const o = s.at(word.start);
  return o >= 0 && buf.readUInt16LE(o) === 0xa5ec && (buf.readUInt16LE(o + 10) & 0x0100) !== 0;
}
