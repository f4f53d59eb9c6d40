import { COLUMNS } from './fitTable.js';

/**
 * A line of prose in lines at most `width` characters long, broken at spaces, each continuation
 * indented by two more than the line. A `keep` piece (a command or a path to copy, words that read as
 * one) is never broken: it goes to the next line when it does not fit, and stays whole even when it
 * is longer than `width`. A line that fits is left as it is.
 */
export function fitLine(text: string, keep: readonly string[] = [], width = COLUMNS): string {
  if (length(text) <= width) return text;
  const lead = /^ */.exec(text)![0];
  const indent = `${lead}  `;
  const lines: string[] = [];
  let line = lead;
  for (const word of words(text.slice(lead.length), keep)) {
    if (line === lead || line === indent) line += word;
    else if (length(`${line} ${word}`) <= width) line += ` ${word}`;
    else {
      lines.push(line.trimEnd());
      // a space doubled at the break is not carried into the indent
      line = word === '' ? indent : indent + word;
    }
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

/** The text split at each space outside the `keep` pieces. */
function words(text: string, keep: readonly string[]): string[] {
  const kept = new Array<boolean>(text.length).fill(false);
  for (const piece of keep) {
    if (piece === '') continue;
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + piece.length)) kept.fill(true, at, at + piece.length);
  }
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ' ' && !kept[i]) {
      out.push(word);
      word = '';
    } else word += text[i];
  }
  out.push(word);
  return out;
}

function length(text: string): number {
  return [...text].length;
}
