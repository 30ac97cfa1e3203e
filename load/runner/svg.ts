/**
 * Line charts as inline SVG (no script, no CDN): the HTML report stays one self-contained file. A
 * chart can shade a span of x (the warm-up) and mark its last points as partial (a last time bucket
 * shorter than the others: its rates are over fewer seconds).
 */
import { escapeHtml } from '../../core/html.ts';

export interface Series {
  name: string;
  color: string;
  /** [x, y]; a null y leaves a gap. */
  points: readonly (readonly [number, number | null])[];
  dashed?: boolean;
}

export interface ChartMarks {
  /** x range shaded grey, with its label (the warm-up, which is not judged). */
  shade?: { from: number; to: number; label: string };
  /** x from which points belong to the partial last bucket: drawn hollow, and labelled. */
  partialFrom?: number;
}

const width = 760;
const height = 260;
const pad = { left: 56, right: 16, top: 28, bottom: 36 };

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 2.5, 5, 10].find((step) => step * magnitude >= value) ?? 10) * magnitude;
}

function path(series: Series, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const [px, py] of series.points) {
    if (py === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`;
    pen = true;
  }
  const dash = series.dashed ? ' stroke-dasharray="5 4"' : '';
  return `<path d="${d}" fill="none" stroke="${series.color}" stroke-width="1.6"${dash}/>`;
}

/** Hollow dots on the points of the partial last bucket. */
function partialDots(
  series: Series,
  from: number,
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  return series.points
    .filter(([px, py]) => px >= from && py !== null)
    .map(
      ([px, py]) =>
        `<circle class="partial" cx="${x(px).toFixed(1)}" cy="${y(py as number).toFixed(1)}" r="3.5" fill="#fff" stroke="${series.color}" stroke-width="1.5"/>`,
    )
    .join('');
}

function markLayers(marks: ChartMarks, x: (v: number) => number, xTop: number): string[] {
  const top = pad.top;
  const bottom = height - pad.bottom;
  const out: string[] = [];
  if (marks.shade && marks.shade.to > marks.shade.from) {
    const x0 = x(Math.max(0, marks.shade.from));
    const x1 = x(Math.min(xTop, marks.shade.to));
    out.push(
      `<rect class="warm-up" x="${x0.toFixed(1)}" y="${top}" width="${(x1 - x0).toFixed(1)}" height="${bottom - top}" fill="#e9ecef"><title>${escapeHtml(marks.shade.label)}</title></rect>`,
      `<text x="${(x0 + 3).toFixed(1)}" y="${top + 11}" font-size="10" fill="#495057">${escapeHtml(marks.shade.label)}</text>`,
    );
  }
  if (marks.partialFrom !== undefined) {
    const xp = x(marks.partialFrom);
    out.push(
      `<line x1="${xp.toFixed(1)}" x2="${xp.toFixed(1)}" y1="${top}" y2="${bottom}" stroke="#adb5bd" stroke-dasharray="2 3"/>`,
      `<text x="${(xp - 3).toFixed(1)}" y="${top + 11}" font-size="10" text-anchor="end" fill="#495057">partial bucket ○</text>`,
    );
  }
  return out;
}

export function lineChart(
  title: string,
  yLabel: string,
  xMax: number,
  series: readonly Series[],
  marks: ChartMarks = {},
): string {
  // The scale fits the judged run: a cold warm-up answering in seconds would flatten it to the floor.
  // What passes the scale in the shaded warm-up is clipped, and the chart says so.
  const shade = marks.shade;
  const judged = (px: number) => !shade || px < shade.from || px >= shade.to;
  const values = (keep: (px: number) => boolean) =>
    series.flatMap((s) => s.points.filter(([px]) => keep(px)).map(([, v]) => v ?? 0));
  const judgedValues = values(judged);
  const yMax = niceMax(Math.max(0, ...(judgedValues.length ? judgedValues : values(() => true))));
  const clipped = values((px) => !judged(px)).some((v) => v > yMax);
  const clipId = `plot-${title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  const xTop = Math.max(1, xMax);
  const x = (v: number) => pad.left + (v / xTop) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / yMax) * (height - pad.top - pad.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`,
    `<text x="${pad.left}" y="16" font-size="13" font-weight="bold">${escapeHtml(title)}</text>`,
  ];
  parts.push(...markLayers(marks, x, xTop));
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${pad.left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="10" text-anchor="end">${Number(v.toPrecision(3))} ${escapeHtml(yLabel)}</text>`,
      `<text x="${x((xTop * i) / 4).toFixed(1)}" y="${height - pad.bottom + 14}" font-size="10" text-anchor="middle">${Number(((xTop * i) / 4).toPrecision(3))} s</text>`,
    );
  }
  parts.push(
    `<text x="12" y="${pad.top + 8}" font-size="10" transform="rotate(-90 12 ${pad.top + 8})" text-anchor="end">${escapeHtml(yLabel)}</text>`,
  );
  parts.push(
    `<clipPath id="${clipId}"><rect x="${pad.left}" y="${pad.top}" width="${width - pad.left - pad.right}" height="${height - pad.top - pad.bottom}"/></clipPath>`,
    `<g clip-path="url(#${clipId})">`,
  );
  for (const s of series) parts.push(path(s, x, y));
  parts.push('</g>');
  if (clipped)
    parts.push(
      `<text x="${width - pad.right}" y="16" font-size="10" text-anchor="end" fill="#495057">warm-up values above ${Number(yMax.toPrecision(3))} ${escapeHtml(yLabel)} are cut off</text>`,
    );
  if (marks.partialFrom !== undefined)
    for (const s of series) parts.push(partialDots(s, marks.partialFrom, x, y));
  series.forEach((s, i) => {
    const lx = pad.left + i * 150;
    parts.push(
      `<line x1="${lx}" x2="${lx + 18}" y1="${height - 8}" y2="${height - 8}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
      `<text x="${lx + 22}" y="${height - 4}" font-size="10">${escapeHtml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
