/** A colour in CIELAB (D65): L from 0 to 100, a and b roughly from -128 to 127. */
export type Lab = readonly [l: number, a: number, b: number];

const linear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
// one table for the 256 byte values, since every pixel of every comparison goes through it
const LINEAR = Float64Array.from({ length: 256 }, (_, i) => linear(i));

const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389) / 27 / 116 + 16 / 116);

/** The CIELAB (D65) colour of an sRGB byte triple; the same triple always gives the same colour. */
export function labOf(r: number, g: number, b: number): Lab {
  const rl = LINEAR[r]!;
  const gl = LINEAR[g]!;
  const bl = LINEAR[b]!;
  const x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
  const y = 0.2126729 * rl + 0.7151522 * gl + 0.072175 * bl;
  const z = (0.0193339 * rl + 0.119192 * gl + 0.9503041 * bl) / 1.08883;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** The CIELAB colours of packed sRGB bytes (3 per pixel), as a flat array of 3 numbers per pixel. */
export function labPixels(rgb: Uint8Array): Float64Array {
  const out = new Float64Array(rgb.length);
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const [l, a, b] = labOf(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
    out[i] = l;
    out[i + 1] = a;
    out[i + 2] = b;
  }
  return out;
}
