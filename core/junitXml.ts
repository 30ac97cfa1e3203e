/**
 * The one JUnit XML writer, for the contract run (a suite per operation, a case per test) and for
 * both load engines (a case per SLO threshold). Engine-neutral: no Node or k6 imports, since k6's
 * handleSummary calls it through load/shared/junit.ts.
 *
 * Any text may come from a server under test, so everything goes through `escapeXml`: characters
 * XML 1.0 forbids even escaped (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped,
 * markup characters are escaped (not `'`: every attribute is double-quoted, so "the target's"
 * stays as written), and in attributes line breaks and tabs too, which a parser would otherwise
 * turn into spaces. No CDATA is written, so `]]>` needs nothing more than
 * its escaped `>`.
 */

export interface JUnitTestCase {
  name: string;
  /** Groups cases in CI views: the suite's operation, or e.g. "load.createLinks.smoke". */
  classname: string;
  timeSeconds: number;
  outcome: 'passed' | 'failed' | 'skipped';
  /** A failure's first reason (the line a CI lists), or why the case was skipped. */
  message?: string;
  /** A failure's whole text: every reason with its evidence. */
  detail?: string;
  /** A failure's kind, e.g. "ThresholdBreached". */
  failureType?: string;
  /** What a case printed or measured, shown with passed cases too. */
  systemOut?: string;
}

interface JUnitSuite {
  name: string;
  cases: readonly JUnitTestCase[];
  /** The suite's duration when it is not the sum of its cases' (a load run: its cases are thresholds). */
  timeSeconds?: number;
}

/** Code units XML 1.0 forbids (lone surrogates are checked apart, in pairs). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

function allowedXmlText(text: string): string {
  if (!forbidden.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i += 1;
      }
      continue;
    }
    const allowed =
      code < 0x20 ? code === 0x09 || code === 0x0a || code === 0x0d : code < 0xdc00 || code > 0xdfff;
    if (allowed && code !== 0xfffe && code !== 0xffff) out += text[i];
  }
  return out;
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Text for element content: forbidden characters dropped, markup escaped, line breaks kept. */
export function escapeXml(text: string): string {
  return allowedXmlText(text).replace(/[&<>"\r]/g, (c) => entities[c] ?? c);
}

/** Text for an attribute value: as `escapeXml`, and line breaks and tabs survive parsing. */
export function escapeXmlAttribute(text: string): string {
  return allowedXmlText(text).replace(/[&<>"\r\n\t]/g, (c) => entities[c] ?? c);
}

const seconds = (s: number) => (Number.isFinite(s) ? s : 0).toFixed(3);
const count = (cases: readonly JUnitTestCase[], outcome: JUnitTestCase['outcome']) =>
  cases.filter((c) => c.outcome === outcome).length;

function testCase(c: JUnitTestCase): string {
  const open = `    <testcase name="${escapeXmlAttribute(c.name)}" classname="${escapeXmlAttribute(c.classname)}" time="${seconds(c.timeSeconds)}"`;
  const inner: string[] = [];
  if (c.outcome === 'failed') {
    const type = c.failureType ? ` type="${escapeXmlAttribute(c.failureType)}"` : '';
    inner.push(
      `<failure message="${escapeXmlAttribute(c.message ?? '')}"${type}>${escapeXml(c.detail ?? c.message ?? '')}</failure>`,
    );
  }
  if (c.outcome === 'skipped') inner.push(`<skipped message="${escapeXmlAttribute(c.message ?? '')}"/>`);
  if (c.systemOut !== undefined) inner.push(`<system-out>${escapeXml(c.systemOut)}</system-out>`);
  if (inner.length === 0) return `${open}/>`;
  return [`${open}>`, ...inner.map((line) => `      ${line}`), '    </testcase>'].join('\n');
}

/** A whole JUnit document: `<testsuites>` named `name`, one `<testsuite>` per suite, in order. */
export function junitDocument(name: string, suites: readonly JUnitSuite[]): string {
  const suiteTime = (s: JUnitSuite) => s.timeSeconds ?? s.cases.reduce((sum, c) => sum + c.timeSeconds, 0);
  const totals = (cases: readonly JUnitTestCase[], time: number) =>
    `tests="${cases.length}" failures="${count(cases, 'failed')}" errors="0" skipped="${count(cases, 'skipped')}" time="${seconds(time)}"`;
  const all = suites.flatMap((s) => s.cases);
  const allTime = suites.reduce((sum, s) => sum + suiteTime(s), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXmlAttribute(name)}" ${totals(all, allTime)}>`,
  ];
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${escapeXmlAttribute(suite.name)}" ${totals(suite.cases, suiteTime(suite))}>`,
    );
    lines.push(...suite.cases.map(testCase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
