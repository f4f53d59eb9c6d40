import { describe, expect, it } from 'vitest';
import { labOf, labPixels } from './lab.js';

describe('labOf', () => {
  it('gives the published CIELAB (D65) values of white, black, grey and the sRGB primaries', () => {
    const cases: readonly [readonly [number, number, number], readonly [number, number, number]][] = [
      [
        [255, 255, 255],
        [100, 0, 0],
      ],
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
      [
        [128, 128, 128],
        [53.59, 0, 0],
      ],
      [
        [255, 0, 0],
        [53.24, 80.09, 67.2],
      ],
      [
        [0, 255, 0],
        [87.73, -86.18, 83.18],
      ],
      [
        [0, 0, 255],
        [32.3, 79.19, -107.86],
      ],
    ];
    for (const [rgb, lab] of cases) {
      const got = labOf(...rgb);
      for (let k = 0; k < 3; k++) expect(got[k]!, `${rgb}`).toBeCloseTo(lab[k]!, 1);
    }
  });

  it('converts packed pixels one by one', () => {
    expect(Array.from(labPixels(Uint8Array.from([255, 255, 255, 0, 0, 0]))).map((v) => Math.round(v) + 0)).toEqual([100, 0, 0, 0, 0, 0]);
  });
});
