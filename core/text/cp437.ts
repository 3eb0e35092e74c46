/**
 * IBM code page 437, the encoding of a zip entry's name when the entry does not say UTF-8 (the ZIP
 * format's APPNOTE, 4.4.4; docs/RULES.md, "Zips"). Windows' own "Compressed folder" writes names
 * this way. Written out here, not taken from a package: the browser's TextDecoder has no cp437,
 * iconv-lite needs Node's Buffer (core runs in the add-in too), and `codepage` ships every code
 * page there is for these 128 characters. A test holds it to yauzl's table, byte by byte.
 */

/** The characters of bytes 0x80–0xFF; 0x00–0x7F are ASCII. */
const HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** Bytes in code page 437 as text; every byte is a character, so nothing can fail. */
export function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : HIGH[b - 0x80]!;
  return out;
}
