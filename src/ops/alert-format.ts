import type { AlertItem, AlertKind } from '../contract';

/** One message per kind: a title, then one line per item (a few, then a count). Pure. */

const MAX_LINES = 20;
const MAX_TEXT = 300;

const TITLES: Record<AlertKind, (n: number) => string> = {
  order_parked: (n) => `${n} order${n === 1 ? '' : 's'} parked in needs_attention: fix in UltraCart, then requeue`,
  stage_overdue: (n) => `${n} stage${n === 1 ? '' : 's'} with orders older than the stage's threshold`,
  reconcile_findings: (n) => `reconciliation found ${n} thing${n === 1 ? '' : 's'} it could not heal`,
  credential_refused: () => 'credentials refused: orders on that side wait until the setting is fixed',
  credential_restored: () => 'credentials accepted again: orders resume',
};

/**
 * Reasons come from the workflows and name fields, not their values; still, nothing that looks like an email
 * address or a long free text leaves the process in an alert.
 */
export function scrub(text: string): string {
  const clean = text.replace(/[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+/g, '[email]').replace(/\s+/g, ' ').trim();
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT - 1)}…` : clean;
}

export interface AlertMessage {
  kind: AlertKind;
  title: string;
  lines: string[];
  items: AlertItem[];
}

export function alertMessage(kind: AlertKind, items: AlertItem[], merchantId: string): AlertMessage {
  const clean = items.map((i) => ({ ...i, subject: scrub(i.subject), text: scrub(i.text), action: i.action && scrub(i.action) }));
  const lines = clean.slice(0, MAX_LINES).map((i) => `${i.subject}: ${i.text}${i.action ? ` → \`${i.action}\`` : ''}`);
  if (clean.length > MAX_LINES) lines.push(`…and ${clean.length - MAX_LINES} more (\`ucship orders --stage needs_attention\`)`);
  return { kind, title: `ucship (merchant ${merchantId}): ${TITLES[kind](clean.length)}`, lines, items: clean };
}

/** Slack's incoming webhooks take `{text}` (mrkdwn); anything else gets the structured form, `text` included. */
export const isSlackWebhook = (url: string): boolean => {
  try {
    return new URL(url).hostname === 'hooks.slack.com';
  } catch {
    return false;
  }
};

export function webhookBody(message: AlertMessage, slack: boolean, sentAt: Date): unknown {
  const text = [`*${message.title}*`, ...message.lines.map((l) => `• ${l}`)].join('\n');
  if (slack) return { text };
  return {
    source: 'ucship',
    kind: message.kind,
    title: message.title,
    text,
    count: message.items.length,
    items: message.items.map(({ subject, text: t, action }) => ({ subject, text: t, action })),
    sentAt: sentAt.toISOString(),
  };
}
