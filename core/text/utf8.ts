/**
 * Bytes as UTF-8 text, each maximal invalid sequence read as one U+FFFD, as the WHATWG Encoding
 * standard decodes (and so Node's Buffer, which yauzl uses). For labels only (a zip entry's name),
 * never for an export's data, which is refused with its line instead (docs/RULES.md, "Encoding").
 * Here and not the host's TextDecoder: core uses no host API.
 */
export function utf8Label(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let need: number;
    let point: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) [need, point] = [1, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) {
      [need, point] = [2, b & 0x0f];
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      [need, point] = [3, b & 0x07];
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      out += '\ufffd';
      i++;
      continue;
    }
    let k = 1;
    for (; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lo || c > hi) break;
      point = (point << 6) | (c & 0x3f);
      lo = 0x80;
      hi = 0xbf;
    }
    out += k > need ? String.fromCodePoint(point) : '\ufffd';
    i += k > need ? need + 1 : k;
  }
  return out;
}
