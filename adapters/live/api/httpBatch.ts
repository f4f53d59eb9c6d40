/**
 * One HTTP message inside an OData `$batch` (`multipart/mixed`, each part `application/http`), as
 * SharePoint's REST API takes and answers them: its first line (`GET URL HTTP/1.1`, or
 * `HTTP/1.1 200 OK`), its headers (names in lower case) and its body as text.
 */
export type BatchPart = { readonly start: string; readonly headers: Readonly<Record<string, string>>; readonly body: string };

const CRLF = '\r\n';

/** The boundary a `multipart/mixed` content type names, or undefined where it names none. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^\s*multipart\/mixed\b/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** The body of a batch of `parts` between `boundary` lines. */
export function batchBody(boundary: string, parts: readonly BatchPart[]): string {
  let out = '';
  for (const p of parts) {
    out += `--${boundary}${CRLF}Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}${CRLF}`;
    out += p.start + CRLF;
    for (const [name, value] of Object.entries(p.headers)) out += `${name}: ${value}${CRLF}`;
    out += CRLF + p.body + CRLF;
  }
  return `${out}--${boundary}--${CRLF}`;
}

/**
 * The messages of a batch body, in order; undefined where the body is not a batch of `application/http`
 * parts between `boundary` lines, so that a caller never reads half an answer as a whole one.
 */
export function batchParts(body: string, boundary: string): BatchPart[] | undefined {
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  // the text before the first delimiter is a preamble; the last delimiter ends with "--"
  const closing = chunks.findIndex((c, i) => i > 0 && c.startsWith('--'));
  if (chunks.length < 2 || closing === -1) return undefined;
  const out: BatchPart[] = [];
  for (const chunk of chunks.slice(1, closing)) {
    const outer = splitHead(chunk.replace(/^\r?\n/, ''));
    if (outer === undefined || !/^application\/http\b/i.test(outer.headers['content-type'] ?? '')) return undefined;
    const inner = splitHead(outer.body);
    if (inner === undefined) return undefined;
    const [start, ...lines] = inner.head.split(/\r?\n/);
    if (start === undefined || start.trim() === '') return undefined;
    out.push({ start: start.trim(), headers: headersOf(lines), body: inner.body.replace(/\r?\n$/, '') });
  }
  return out;
}

/** The status of a response part (`HTTP/1.1 200 OK`), or undefined. */
export function partStatus(part: BatchPart): number | undefined {
  const m = /^HTTP\/\d\.\d (\d{3})\b/.exec(part.start);
  return m === null ? undefined : Number(m[1]);
}

function splitHead(text: string): { head: string; headers: Record<string, string>; body: string } | undefined {
  const m = /\r?\n\r?\n/.exec(text);
  if (m === null) return undefined;
  const head = text.slice(0, m.index);
  return { head, headers: headersOf(head.split(/\r?\n/)), body: text.slice(m.index + m[0].length) };
}

function headersOf(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}
