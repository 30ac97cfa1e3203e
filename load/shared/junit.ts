/**
 * A small JUnit XML writer, engine-neutral so k6's handleSummary and the runner produce the same
 * shape: one suite per run, one test case per threshold (CI shows each SLO as a test).
 */

export interface JUnitCase {
  name: string;
  /** Groups cases in CI views, e.g. "load.createLinks.smoke". */
  classname: string;
  ok: boolean;
  /** Why it failed, or what was measured when it passed. */
  message: string;
  /** Seconds. */
  time?: number;
}

/** XML 1.0 forbids control characters other than tab and line breaks, even escaped: they are dropped. */
function isAllowedXmlChar(code: number): boolean {
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

export function escapeXml(text: string): string {
  let allowed = '';
  for (let i = 0; i < text.length; i++) if (isAllowedXmlChar(text.charCodeAt(i))) allowed += text[i];
  return allowed
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function junitXml(suiteName: string, cases: readonly JUnitCase[], timeSeconds = 0): string {
  const failures = cases.filter((c) => !c.ok).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suiteName)}" tests="${cases.length}" failures="${failures}" time="${timeSeconds.toFixed(3)}">`,
    `  <testsuite name="${escapeXml(suiteName)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${timeSeconds.toFixed(3)}">`,
  ];
  for (const c of cases) {
    const head = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}" time="${(c.time ?? 0).toFixed(3)}"`;
    if (c.ok) {
      lines.push(`${head}>`, `      <system-out>${escapeXml(c.message)}</system-out>`, '    </testcase>');
    } else {
      lines.push(
        `${head}>`,
        `      <failure message="${escapeXml(c.message)}" type="ThresholdBreached">${escapeXml(c.message)}</failure>`,
        '    </testcase>',
      );
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
