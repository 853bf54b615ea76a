// Encoding layer: bytes → text, and repair of text decoded with the wrong code page.
export { decodeBytes, sniffDeclaredCharset, looksBinary } from './decode.js';
export type { DecodeResult } from './decode.js';
export { fixText, fixTextDetailed } from './mojibake.js';
export type { Repair } from './mojibake.js';
