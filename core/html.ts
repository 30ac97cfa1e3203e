/**
 * The project's one HTML escaper, for text and for double-quoted attribute values alike: every
 * report that writes HTML (load's, the contract run's) goes through it, so what a server sent can
 * never become markup. Attribute values must be written in double quotes: `'` is left as it is.
 */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
