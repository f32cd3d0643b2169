import type { ApiCallObserver, ApiSide } from './api-calls';

/**
 * Turns the stream of call outcomes into changes of "does this side accept our credentials": `onChange` runs
 * on a side's first answer and then only when it changes (refused after a key expired, accepted again after it
 * was fixed or rotated), never per call. Per process; the alerts workflow merges what every process reports
 * and alerts on its own changes only, so a fresh process's "accepted" ends an alert an earlier one raised.
 */
export function createCredentialWatch(onChange: (side: ApiSide, refused: boolean) => void): ApiCallObserver {
  const refused = new Map<ApiSide, boolean>();
  return ({ side, outcome }) => {
    if (outcome !== 'refused' && outcome !== 'ok') return;
    const now = outcome === 'refused';
    if (refused.get(side) === now) return;
    refused.set(side, now);
    onChange(side, now);
  };
}
