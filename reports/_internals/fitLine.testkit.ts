/** Test helper: text with each line `fitLine` broke joined again, its continuations' indent read as the space it replaced. */
export function unwrapped(text: string): string {
  return text.replace(/\n {2}(?=\S)/g, ' ');
}
