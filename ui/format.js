// How dates, times and the core's numbers are written on screen. Only display: every figure is
// computed by the core; this rounds it the way the CLI and the report print it.

function pad(number) {
  return String(number).padStart(2, '0');
}

/** "2026-03-01" in the computer's time zone, from an RFC 3339 time. */
export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "10:42:05" in the computer's time zone, from an RFC 3339 time. */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A 0–100 score with one decimal, or "—" when there is none. */
export function formatScore(score) {
  return score == null ? '—' : score.toFixed(1);
}

/** A signed change with one decimal: "+4.2", "−1.0", "0.0". */
export function formatChange(change) {
  if (change == null) return '—';
  const rounded = Math.round(change * 10) / 10;
  if (rounded > 0) return `+${rounded.toFixed(1)}`;
  if (rounded < 0) return `−${Math.abs(rounded).toFixed(1)}`;
  return '0.0';
}

/** A signed whole change: "+1", "−2", "0". */
export function formatLevelChange(change) {
  if (change == null) return '—';
  if (change > 0) return `+${change}`;
  if (change < 0) return `−${Math.abs(change)}`;
  return '0';
}

/** A share in [0, 1] as a whole percent: "94%". */
export function formatShare(share) {
  return share == null ? '—' : `${Math.round(share * 100)}%`;
}

/**
 * A name that may wrap after a middle dot or slash ("데이터 수집·품질·거버넌스") instead of inside a
 * word, where Korean text keeps its words whole (`word-break: keep-all`): a zero-width space
 * follows each such mark.
 */
export function breakableName(text) {
  return String(text).replace(/([·/])(?=\S)/g, '$1\u200B');
}
