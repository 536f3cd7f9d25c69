// A minimal OLE2 compound file (MS-CFB, version 3, 512-byte sectors) holding the given streams, each of 4096 bytes or
// more (kept in regular sectors): the container Word writes for a .docx saved with a password to open (EncryptionInfo,
// EncryptedPackage; MS-OFFCRYPTO). The streams' bytes are the caller's (no real encryption is needed to be recognised).
const SECTOR = 512;
const FREE = 0xffffffff;
const END = 0xfffffffe;
const FATSECT = 0xfffffffd;

export function compoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((SECTOR - (b.length % SECTOR)) % SECTOR)]);
  const bodies = streams.map((s) => pad(s.data));
  // Sector 0: FAT; sector 1: directory; then the streams.
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(END, 4);
  let next = 2;
  const starts: number[] = [];
  for (const b of bodies) {
    const n = b.length / SECTOR;
    starts.push(next);
    for (let i = 0; i < n; i++) fat.writeUInt32LE(i === n - 1 ? END : next + i + 1, 4 * (next + i));
    next += n;
  }
  if (next > SECTOR / 4) throw new Error("compoundFile: streams too large for one FAT sector");
  const dir = Buffer.alloc(SECTOR);
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const o = i * 128;
    const n = Buffer.from(`${name}\0`, "utf16le");
    n.copy(dir, o);
    dir.writeUInt16LE(n.length, o + 64);
    dir[o + 66] = type;
    dir[o + 67] = 1; // black
    dir.writeUInt32LE(FREE, o + 68); // left
    dir.writeUInt32LE(right, o + 72);
    dir.writeUInt32LE(child, o + 76);
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  entry(0, "Root Entry", 5, streams.length ? 1 : FREE, FREE, END, 0);
  streams.forEach((s, i) => entry(i + 1, s.name, 2, FREE, i + 2 <= streams.length ? i + 2 : FREE, starts[i], s.data.length));
  const header = Buffer.alloc(SECTOR);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(END, 60); // no mini FAT
  header.writeUInt32LE(END, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 76 + 4 * i);
  return Buffer.concat([header, fat, dir, ...bodies]);
}
