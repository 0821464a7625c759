// GB18030 bytes for a text, for tests of files saved by Chinese Windows tools: Node encodes only
// UTF-8, so the two-byte (GBK) table is recovered by decoding every two-byte code. Characters
// outside it are not needed by the bundled issue and throw.
let table: Map<string, Buffer> | null = null;

function gbkTable(): Map<string, Buffer> {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const map = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      try {
        const ch = decoder.decode(bytes);
        if (!map.has(ch)) map.set(ch, bytes);
      } catch {
        // not a two-byte code
      }
    }
  }
  return map;
}

export function encodeGb18030(text: string): Buffer {
  table ??= gbkTable();
  const out: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(Buffer.from(ch, 'latin1'));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch} (U+${ch.codePointAt(0)!.toString(16)})`);
      out.push(bytes);
    }
  }
  return Buffer.concat(out);
}
