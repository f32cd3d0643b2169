/**
 * Text hygiene for every text field sent to ShipStation: HTML entities decoded (UltraCart stores some text
 * HTML-escaped), control characters removed, length limits respected by truncating with "…" (never rejecting:
 * a long note must not block an order). Emoji, accents and right-to-left text pass untouched.
 */

/**
 * Maximum lengths (UTF-16 code units, as .NET counts them), per ShipStation field. ShipStation publishes
 * only orderNumber ≤ 50; the rest are ASSUMED, chosen at or below the limits peers report and roomy enough
 * for real data.
 */
export const TEXT_LIMITS = {
  name: 100, // address name, company
  street: 100,
  city: 60,
  state: 50,
  postalCode: 20,
  phone: 50,
  email: 254, // RFC 5321 path limit
  shippingService: 100,
  paymentMethod: 50,
  sku: 100,
  itemName: 255,
  optionName: 100,
  optionValue: 255,
  warehouseLocation: 100,
  imageUrl: 2000,
  customField: 100,
  giftMessage: 1000,
  notes: 10_000, // customerNotes, internalNotes, notes to buyer
} as const;
export type TextKind = keyof typeof TEXT_LIMITS;

/** Notes keep their line breaks and tabs; every other field is one line. */
const MULTILINE: ReadonlySet<TextKind> = new Set(['notes', 'giftMessage']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  times: '×',
  frac12: '½',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  aacute: 'á',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
};

/** One pass, so `&amp;lt;` becomes `&lt;` (what the author wrote), not `<`. Unknown entities stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const isScalar = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return isScalar ? String.fromCodePoint(code) : whole;
  });
}

/** C0 (but tab and newline), DEL and C1 controls; zero-width and bidi marks are not controls and stay. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g; // eslint-disable-line no-control-regex

/** Removes control characters; in one-line fields a line break or tab becomes a space. */
export function stripControls(text: string, multiline: boolean): string {
  const unified = text.replace(/\r\n?/g, '\n');
  const oneLine = multiline ? unified : unified.replace(/[\n\t]+/g, ' ');
  return oneLine.replace(CONTROL, '');
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Cuts to at most `max` UTF-16 units, ending in "…", at a grapheme boundary: never inside a surrogate pair,
 * an emoji ZWJ sequence or a letter with its combining marks.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}

/** Decoded, control-free, trimmed and within the field's limit; `null` when nothing is left. */
export function cleanText(value: string | null | undefined, kind: TextKind): string | null {
  return joinText([value], '', kind);
}

/** Several source fields as one ShipStation field: each part cleaned, empty parts dropped, the whole truncated. */
export function joinText(parts: readonly (string | null | undefined)[], separator: string, kind: TextKind): string | null {
  const multiline = MULTILINE.has(kind);
  const kept = parts.map((p) => (p == null ? '' : stripControls(decodeEntities(p), multiline).trim())).filter((p) => p !== '');
  return kept.length === 0 ? null : truncate(kept.join(separator), TEXT_LIMITS[kind]);
}
