/**
 * Reading the model files of the NER and attribution taggers: gzip of a u32 magic number, a u32
 * header length, a JSON header, then sections each starting on a 4-byte boundary.
 */
import { gunzipSync } from 'node:zlib';
import { DossierError } from '../errors.js';

export interface Sections<H> {
  readonly header: H;
  /** The next section of `len` bytes (a view, not a copy). */
  take(len: number): Uint8Array;
}

/** Unzip a model file and read its header; `what` names the kind of model in error messages. */
export function readSections<H>(gz: Uint8Array, magic: number, what: string, name: string): Sections<H> {
  let raw: Buffer;
  try {
    raw = gunzipSync(gz);
  } catch (error) {
    throw new DossierError('E_MODEL', `${name} is not a dossier ${what} (not gzip data).`, { cause: error });
  }
  if (raw.length < 8 || raw.readUInt32LE(0) !== magic) throw new DossierError('E_MODEL', `${name} is not a dossier ${what} (bad magic number).`);
  const hlen = raw.readUInt32LE(4);
  const header = JSON.parse(new TextDecoder().decode(raw.subarray(8, 8 + hlen))) as H;
  let o = 8 + hlen + ((4 - (hlen % 4)) % 4);
  const take = (len: number): Uint8Array => {
    const b = new Uint8Array(raw.buffer, raw.byteOffset + o, len);
    o += len + ((4 - (len % 4)) % 4);
    return b;
  };
  return { header, take };
}
