/**
 * Whether `text` is the start of a JSON object that is not yet complete: what a line cut short by a
 * writer that stopped (a torn line) is, and what no text that fails for another reason is (a binary
 * file, UTF-16, lines ending in CR alone). White space may come before the object.
 */
export function isJsonPrefix(text: string): boolean {
  const scan = new PrefixScan();
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== OPEN_OBJECT) return false;
  for (; i < text.length; i++) if (!scan.step(text.charCodeAt(i))) return false;
  // a whole value is no prefix of a longer one
  return scan.stack.length > 0;
}

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Where the scan is: what may come next. */
type State =
  | 'value' // a value, after `:` or a `,` in an array
  | 'firstValue' // a value or `]`, after `[`
  | 'firstKey' // a key or `}`, after `{`
  | 'key' // a key, after a `,` in an object
  | 'colon' // `:`, after a key
  | 'after' // `,` or the close of the innermost object or array
  | 'string' // inside a string, `key` telling a key from a value
  | 'escape' // after a backslash in a string
  | 'unicode' // within the four hex digits of `\u`
  | 'literal' // within true, false or null
  | 'number';

/** The parts of a number (RFC 8259 section 6), each named after what was read last. */
type NumberPart = 'minus' | 'zero' | 'int' | 'dot' | 'frac' | 'e' | 'sign' | 'exp';

/** A JSON scanner that says, one character at a time, whether the text can still become JSON. */
class PrefixScan {
  readonly stack: number[] = [];
  private state: State = 'value';
  private key = false;
  private hex = 0;
  private literal = '';
  private matched = 0;
  private part: NumberPart = 'int';

  step(c: number): boolean {
    switch (this.state) {
      case 'string':
        if (c === QUOTE) this.state = this.key ? 'colon' : 'after';
        else if (c === BACKSLASH) this.state = 'escape';
        // control characters are escaped in JSON strings
        else if (c < 32) return false;
        return true;
      case 'escape':
        if (c === 117 /* u */) [this.state, this.hex] = ['unicode', 0];
        else if ('"\\/bfnrt'.includes(String.fromCharCode(c))) this.state = 'string';
        else return false;
        return true;
      case 'unicode':
        if (!isHex(c)) return false;
        if (++this.hex === 4) this.state = 'string';
        return true;
      case 'literal':
        if (this.literal.charCodeAt(this.matched) !== c) return false;
        if (++this.matched === this.literal.length) this.state = 'after';
        return true;
      case 'number':
        if (this.number(c)) return true;
        // the number ends here: whole, or not a number
        if (!(this.part === 'zero' || this.part === 'int' || this.part === 'frac' || this.part === 'exp')) return false;
        this.state = 'after';
        return this.step(c);
      default:
        return isSpace(c) || this.structure(c);
    }
  }

  /** A character outside strings, numbers and literals. */
  private structure(c: number): boolean {
    switch (this.state) {
      case 'firstKey':
        if (c === CLOSE_OBJECT) return this.close(OPEN_OBJECT);
        return this.startKey(c);
      case 'key':
        return this.startKey(c);
      case 'colon':
        if (c !== COLON) return false;
        this.state = 'value';
        return true;
      case 'after':
        if (c === COMMA) {
          if (this.stack.length === 0) return false;
          this.state = this.stack.at(-1) === OPEN_OBJECT ? 'key' : 'value';
          return true;
        }
        if (c === CLOSE_OBJECT) return this.close(OPEN_OBJECT);
        if (c === CLOSE_ARRAY) return this.close(OPEN_ARRAY);
        return false;
      default:
        return this.startValue(c);
    }
  }

  private startKey(c: number): boolean {
    if (c !== QUOTE) return false;
    [this.state, this.key] = ['string', true];
    return true;
  }

  private startValue(c: number): boolean {
    if (c === OPEN_OBJECT) {
      this.stack.push(c);
      this.state = 'firstKey';
    } else if (c === OPEN_ARRAY) {
      this.stack.push(c);
      this.state = 'firstValue';
    } else if (c === CLOSE_ARRAY && this.state === 'firstValue') {
      // `[]`; after a comma (`[1,]`) a value must come
      return this.close(OPEN_ARRAY);
    } else if (c === QUOTE) [this.state, this.key] = ['string', false];
    else if (c === MINUS || isDigit(c)) [this.state, this.part] = ['number', c === MINUS ? 'minus' : c === ZERO ? 'zero' : 'int'];
    else {
      const literal = c === 116 /* t */ ? 'true' : c === 102 /* f */ ? 'false' : c === 110 /* n */ ? 'null' : undefined;
      if (literal === undefined) return false;
      [this.state, this.literal, this.matched] = ['literal', literal, 1];
    }
    return true;
  }

  private close(open: number): boolean {
    if (this.stack.at(-1) !== open) return false;
    this.stack.pop();
    this.state = 'after';
    return true;
  }

  /** Whether `c` goes on the number: the grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. */
  private number(c: number): boolean {
    const next = nextPart(this.part, c);
    if (next === undefined) return false;
    this.part = next;
    return true;
  }
}

/** The part of a number that `c` makes after `part`, or undefined where `c` does not go on it. */
function nextPart(part: NumberPart, c: number): NumberPart | undefined {
  const digit = isDigit(c);
  const exponent = c === 101 /* e */ || c === 69; /* E */
  switch (part) {
    case 'minus':
      return c === ZERO ? 'zero' : digit ? 'int' : undefined;
    case 'zero':
      return c === DOT ? 'dot' : exponent ? 'e' : undefined;
    case 'int':
      return digit ? 'int' : c === DOT ? 'dot' : exponent ? 'e' : undefined;
    case 'dot':
      return digit ? 'frac' : undefined;
    case 'frac':
      return digit ? 'frac' : exponent ? 'e' : undefined;
    case 'e':
      return c === PLUS || c === MINUS ? 'sign' : digit ? 'exp' : undefined;
    case 'sign':
    case 'exp':
      return digit ? 'exp' : undefined;
  }
}
