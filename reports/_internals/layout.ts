/** A conservative width of a text in the system font: labels are placed without measuring them. */
export function textWidth(text: string, size: number, bold = false): number {
  return Math.ceil(text.length * size * (bold ? 0.68 : 0.62));
}

/** Places each interval in the first row where it overlaps nothing: the row of each, and how many rows. */
export function stack(intervals: readonly (readonly [number, number])[]): { rows: number[]; count: number } {
  const ends: number[] = [];
  const rows = intervals.map(([from, to]) => {
    let row = ends.findIndex((end) => end <= from);
    if (row < 0) row = ends.push(to) - 1;
    else ends[row] = to;
    return row;
  });
  return { rows, count: ends.length };
}

/** Words in lines no wider than `width`. */
export function wrap(text: string, width: number, size: number, bold: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}
