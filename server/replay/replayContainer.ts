/**
 * The replay file's outer layout (replayFormat.ts): writing its pieces, and
 * splitting a whole file into header, compressed blocks and footer with every
 * length checked against the bytes that are really there. Inflating the
 * blocks is the caller's (Node's zlib or the browser's DecompressionStream),
 * each to exactly its declared size. Node-free.
 */
import {
  ascii,
  decodeMeta,
  encodeMeta,
  MAX_BLOCK_RAW_BYTES,
  MAX_META_BYTES,
  PROLOGUE_BYTES,
  REPLAY_FORMAT_VERSION,
  REPLAY_MAGIC,
  ReplayFormatError,
  SECTION_HEAD_BYTES,
  SectionKind,
  TRAILER_BYTES,
  TRAILER_MAGIC,
  writeAscii,
  type ReplayFooter,
  type ReplayHeader,
} from './replayFormat';

export interface StoredBlock {
  /** Declared size once inflated. */
  rawBytes: number;
  /** deflate-raw bytes (a view into the file). */
  stored: Uint8Array;
}

export interface ParsedReplay {
  header: ReplayHeader;
  blocks: StoredBlock[];
  footer: ReplayFooter;
}

/** Magic, version and header. */
export function encodePrologue(header: ReplayHeader): Uint8Array {
  const meta = encodeMeta(header);
  const out = new Uint8Array(PROLOGUE_BYTES + meta.length);
  writeAscii(out, 0, REPLAY_MAGIC);
  const dv = new DataView(out.buffer);
  dv.setUint8(4, REPLAY_FORMAT_VERSION);
  dv.setUint32(5, meta.length, true);
  out.set(meta, PROLOGUE_BYTES);
  return out;
}

export function encodeSection(kind: number, rawBytes: number, stored: Uint8Array): Uint8Array {
  const out = new Uint8Array(SECTION_HEAD_BYTES + stored.length);
  const dv = new DataView(out.buffer);
  dv.setUint8(0, kind);
  dv.setUint32(1, rawBytes, true);
  dv.setUint32(5, stored.length, true);
  out.set(stored, SECTION_HEAD_BYTES);
  return out;
}

/** The footer section and the trailer, for a footer written at byte `offset`. */
export function encodeEnding(footer: ReplayFooter, offset: number): Uint8Array {
  const meta = encodeMeta(footer);
  const section = encodeSection(SectionKind.Footer, meta.length, meta);
  const out = new Uint8Array(section.length + TRAILER_BYTES);
  out.set(section);
  new DataView(out.buffer).setUint32(section.length, offset, true);
  writeAscii(out, section.length + 4, TRAILER_MAGIC);
  return out;
}

/** Just the header (listing files without reading them whole). */
export function parsePrologue(bytes: Uint8Array): { header: ReplayHeader; end: number } | ReplayFormatError {
  if (bytes.length < PROLOGUE_BYTES) return new ReplayFormatError('truncated', `file is ${bytes.length} bytes: too short for a replay`);
  if (ascii(bytes, 0, 4) !== REPLAY_MAGIC) return new ReplayFormatError('bad-magic', 'not a tickwire replay (bad magic)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint8(4);
  if (version !== REPLAY_FORMAT_VERSION) return new ReplayFormatError('unsupported-version', `replay format version ${version}; this build reads ${REPLAY_FORMAT_VERSION}`);
  const len = dv.getUint32(5, true);
  if (len > MAX_META_BYTES) return new ReplayFormatError('bad-header', `header declares ${len} bytes (limit ${MAX_META_BYTES})`);
  if (PROLOGUE_BYTES + len > bytes.length) return new ReplayFormatError('truncated', 'file ends inside its header');
  const header = decodeMeta(bytes.subarray(PROLOGUE_BYTES, PROLOGUE_BYTES + len), 'header');
  if (header instanceof ReplayFormatError) return header;
  return { header, end: PROLOGUE_BYTES + len };
}

/** The footer from the file's last bytes (listing). */
export function parseEnding(bytes: Uint8Array, after: number): ReplayFooter | ReplayFormatError {
  if (bytes.length < after + TRAILER_BYTES || ascii(bytes, bytes.length - 4, 4) !== TRAILER_MAGIC) {
    return new ReplayFormatError('truncated', 'file has no trailer: the recording was not finished (or the file was cut short)');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = dv.getUint32(bytes.length - TRAILER_BYTES, true);
  const sectionEnd = bytes.length - TRAILER_BYTES;
  if (offset < after || offset + SECTION_HEAD_BYTES > sectionEnd) return new ReplayFormatError('corrupt', `trailer points at byte ${offset}, outside the file's sections`);
  if (dv.getUint8(offset) !== SectionKind.Footer) return new ReplayFormatError('corrupt', `trailer points at byte ${offset}, which is not the footer`);
  const len = dv.getUint32(offset + 5, true);
  if (len > MAX_META_BYTES || offset + SECTION_HEAD_BYTES + len !== sectionEnd) return new ReplayFormatError('corrupt', 'footer length does not match the file');
  return decodeMeta(bytes.subarray(offset + SECTION_HEAD_BYTES, sectionEnd), 'footer');
}

/** Header, blocks (still compressed) and footer of a whole file; every length is checked. Never throws. */
export function parseReplay(bytes: Uint8Array): ParsedReplay | ReplayFormatError {
  const prologue = parsePrologue(bytes);
  if (prologue instanceof ReplayFormatError) return prologue;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks: StoredBlock[] = [];
  let at = prologue.end;
  for (;;) {
    if (at + SECTION_HEAD_BYTES > bytes.length) return new ReplayFormatError('truncated', `file ends at byte ${bytes.length} before its footer (after ${blocks.length} blocks)`);
    const kind = dv.getUint8(at);
    const rawBytes = dv.getUint32(at + 1, true);
    const storedBytes = dv.getUint32(at + 5, true);
    const body = at + SECTION_HEAD_BYTES;
    if (body + storedBytes > bytes.length) return new ReplayFormatError('truncated', `section at byte ${at} declares ${storedBytes} bytes; the file ends first`);
    if (kind === SectionKind.Footer) {
      const footer = parseEnding(bytes, prologue.end);
      if (footer instanceof ReplayFormatError) return footer;
      if (dv.getUint32(bytes.length - TRAILER_BYTES, true) !== at) return new ReplayFormatError('corrupt', 'trailer does not point at the footer section');
      return { header: prologue.header, blocks, footer };
    }
    if (kind !== SectionKind.Block) return new ReplayFormatError('corrupt', `section at byte ${at}: unknown kind ${kind}`);
    if (rawBytes > MAX_BLOCK_RAW_BYTES || rawBytes === 0) return new ReplayFormatError('corrupt', `block at byte ${at} declares ${rawBytes} bytes inflated (limit ${MAX_BLOCK_RAW_BYTES})`);
    blocks.push({ rawBytes, stored: bytes.subarray(body, body + storedBytes) });
    at = body + storedBytes;
  }
}
