/**
 * Ids held compactly, for indexes of a million entries (a city's payroll run): a canonical
 * lowercase UUID — every id the payroll derives (paymentInstructionId, entitlementIdFor) — is
 * packed into 16 bytes of one growing byte array instead of a 36-character string plus the object
 * or map entry around it (~150 bytes each on V8); any other id is kept as a string beside, so what
 * goes in comes out exactly. No I/O, plain typed arrays (the domain imports no Node modules).
 */

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const hexDigits = '0123456789abcdef';
/** Where each of the 16 bytes starts in the 36-character text. */
const byteStarts = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

function nibble(code: number): number {
  return code <= 57 ? code - 48 : code - 87;
}

/** An append-only list of ids, read back by position. */
export class PackedIdList {
  protected bytes = new Uint8Array(16 * 1024);
  /**
   * Ids that are not canonical UUIDs, by position (their 16 bytes stay zero); made at the first
   * such id, then one slot per id (8 bytes), so a list of UUIDs only never pays for it.
   */
  private others: (string | undefined)[] | undefined;
  length = 0;

  push(id: string): number {
    const at = this.length;
    if ((at + 1) * 16 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    const packed = uuidShape.test(id);
    if (packed) {
      packInto(id, this.bytes, at * 16);
    } else {
      this.others ??= new Array<string | undefined>(at).fill(undefined);
    }
    this.others?.push(packed ? undefined : id);
    this.length = at + 1;
    return at;
  }

  at(position: number): string {
    const other = this.others?.[position];
    if (other !== undefined) return other;
    let text = '';
    for (let b = 0; b < 16; b++) {
      if (b === 4 || b === 6 || b === 8 || b === 10) text += '-';
      const byte = this.bytes[position * 16 + b] as number;
      text += (hexDigits[byte >> 4] as string) + (hexDigits[byte & 15] as string);
    }
    return text;
  }

  /** Whether the position holds a packed UUID (not an id kept as a string). */
  protected isPacked(position: number): boolean {
    return this.others?.[position] === undefined;
  }

  /** Whether the packed id at a position has the 16 bytes in `packed`. */
  protected holdsBytes(position: number, packed: Uint8Array): boolean {
    for (let b = 0; b < 16; b++) if (this.bytes[position * 16 + b] !== packed[b]) return false;
    return true;
  }

  protected bytesAt(position: number): Uint8Array {
    return this.bytes.subarray(position * 16, position * 16 + 16);
  }
}

/**
 * A PackedIdList that also finds an id's position: open addressing over the packed bytes (no Map
 * of a million strings); ids that are not UUIDs (tests, old data) in a Map beside.
 */
export class PackedIdTable extends PackedIdList {
  /** position + 1 per slot; 0 is empty. Kept at most half full. */
  private slots = new Int32Array(2048);
  private packedCount = 0;
  private otherPositions: Map<string, number> | undefined;
  private readonly scratch = new Uint8Array(16);

  indexOf(id: string): number {
    if (!uuidShape.test(id)) return this.otherPositions?.get(id) ?? -1;
    packInto(id, this.scratch, 0);
    const mask = this.slots.length - 1;
    for (let slot = hashOf(this.scratch) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === 0) return -1;
      if (this.holdsBytes(held - 1, this.scratch)) return held - 1;
    }
  }

  /** Adds an id that is not in the table yet (callers check with indexOf); answers its position. */
  override push(id: string): number {
    const at = super.push(id);
    if (!this.isPacked(at)) {
      (this.otherPositions ??= new Map()).set(id, at);
      return at;
    }
    this.packedCount += 1;
    if (this.packedCount * 2 > this.slots.length) this.rehash();
    else this.place(at);
    return at;
  }

  private place(position: number): void {
    const mask = this.slots.length - 1;
    let slot = hashOf(this.bytesAt(position)) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = position + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let p = 0; p < this.length; p++) if (this.isPacked(p)) this.place(p);
  }
}

function packInto(id: string, into: Uint8Array, offset: number): void {
  for (let b = 0; b < 16; b++) {
    const s = byteStarts[b] as number;
    into[offset + b] = (nibble(id.charCodeAt(s)) << 4) | nibble(id.charCodeAt(s + 1));
  }
}

/**
 * FNV-1a over the 16 bytes, then MurmurHash3's finaliser: FNV alone leaves the low bits of
 * sequential ids (which differ only at their end) clustered under linear probing.
 */
function hashOf(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < 16; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
