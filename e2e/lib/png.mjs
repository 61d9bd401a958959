// Just enough PNG decoding (8-bit RGB/RGBA, non-interlaced: what WebDriver screenshots are) to
// look at the pixels of an element's screenshot, with nothing but node:zlib.
import { inflateSync } from 'node:zlib';

/** Decodes a PNG into { width, height, channels, pixels } (pixels: a Buffer of rows, unfiltered). */
export function decodePng(buffer) {
  const sig = '89504e470d0a1a0a';
  if (buffer.subarray(0, 8).toString('hex') !== sig) throw new Error('not a PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  while (at < buffer.length) {
    const len = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const data = buffer.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) {
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/**
 * How colourful an image (or the `region` of it, in pixels: {x, y, width, height}) is: the number of distinct saturated colours (channels spread by more
 * than 60) and of pixels with one. Text, its anti-aliasing and an empty "tofu" box are greys;
 * a drawn colour emoji is not.
 */
export function colourfulness(png, region = null) {
  const { width, height, channels, pixels } = decodePng(png);
  const x0 = Math.max(0, Math.floor(region?.x ?? 0));
  const y0 = Math.max(0, Math.floor(region?.y ?? 0));
  const x1 = Math.min(width, Math.ceil(region ? region.x + region.width : width));
  const y1 = Math.min(height, Math.ceil(region ? region.y + region.height : height));
  const colours = new Set();
  let count = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const i = y * width + x;
    const r = pixels[i * channels];
    const g = pixels[i * channels + 1];
    const b = pixels[i * channels + 2];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) {
      count++;
      colours.add((r << 16) | (g << 8) | b);
    }
  }
  return { colours: colours.size, pixels: count };
}
