import { decodeEntities, mapOrder, truncate, TEXT_LIMITS } from '../../src/mapping';
import { createOrderRequestSchema } from '../../src/shipstation/schemas';
import { anOrder } from './fixtures';

const map = (patch: Record<string, unknown>) => createOrderRequestSchema.parse(mapOrder(anOrder(patch), { merchantId: 'DEMO' }));

describe('hostile text', () => {
  it('HTML entities: named, decimal and hex decoded once; invalid ones left as written', () => {
    expect(decodeEntities('Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#39; &#x1F600; &#8364;')).toBe('Tom & Jerry <3 "hi" \'x\' 😀 €');
    expect(decodeEntities('&amp;lt; stays one level')).toBe('&lt; stays one level');
    expect(decodeEntities('&#xD800; &#0; &#99999999; &bogus; & alone')).toBe('&#xD800; &#0; &#99999999; &bogus; & alone');
  });

  it('emoji and right-to-left text pass untouched', () => {
    const body = map({
      shipping: { first_name: 'שרה', last_name: 'כהן', address1: 'شارع الملك فهد 12' },
      gift: { gift: true, gift_message: '🎂 Happy birthday 👨‍👩‍👧‍👦 🇯🇵' },
      checkout: { comments: '\u200Fمرحبا\u200E ok' },
    });
    expect(body.shipTo.name).toBe('שרה כהן');
    expect(body.shipTo.street1).toBe('شارع الملك فهد 12');
    expect(body.giftMessage).toBe('🎂 Happy birthday 👨‍👩‍👧‍👦 🇯🇵');
    expect(body.customerNotes).toBe('\u200Fمرحبا\u200E ok');
  });

  it('2,000-character notes are kept whole; notes past the limit are cut with "…"', () => {
    const note = 'Please handle with care. '.repeat(80).slice(0, 2000);
    expect(map({ checkout: { comments: note } }).customerNotes).toBe(note.trim());
    const huge = map({ internal: { merchant_notes: 'n'.repeat(20_000) } }).internalNotes ?? '';
    expect(huge).toHaveLength(TEXT_LIMITS.notes);
    expect(huge.endsWith('…')).toBe(true);
  });

  it('control characters removed; notes keep line breaks and tabs, one-line fields turn them into spaces', () => {
    const body = map({
      shipping: { address1: '1 Main St\r\nBuilding B\u0000', city: 'Den\u0008ver\u007F\u0085' },
      internal: { merchant_notes: 'a\tb\r\nc\u000Bd\u001F' },
    });
    expect(body.shipTo.street1).toBe('1 Main St Building B');
    expect(body.shipTo.city).toBe('Denver');
    expect(body.internalNotes).toBe('a\tb\ncd');
  });

  it('truncation never splits a surrogate pair or an emoji sequence', () => {
    const family = '👨‍👩‍👧‍👦'; // 11 UTF-16 units
    expect(truncate(`ab${family}`, 12)).toBe('ab…');
    expect(truncate('a😀b', 3)).toBe('a…');
    expect(truncate('short', 5)).toBe('short');
    const name = map({ shipping: { first_name: '😀'.repeat(80), last_name: '' } }).shipTo.name;
    expect(name.length).toBeLessThanOrEqual(TEXT_LIMITS.name);
    expect(name).toBe(`${'😀'.repeat(49)}…`);
  });

  it('text that is only entities and controls becomes empty, not garbage', () => {
    expect(map({ shipping: { company: ' \u0001\u0002 ' } }).shipTo.company).toBeNull();
    expect(map({ checkout: { comments: '&nbsp;' } }).customerNotes).toBeNull();
  });
});
