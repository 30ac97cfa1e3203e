/**
 * The look of contract.html and its only script, both inline: the file is mailed to support and
 * opened from disk, so nothing may come from elsewhere. The Content-Security-Policy lets this one
 * script run (by its hash) and nothing else load or run: were a server's text ever to get past the
 * escaping, the page still could not run it or reach the network.
 */
import { createHash } from 'node:crypto';

export const style = `
:root{--ok:#2b8a3e;--bad:#c92a2a;--line:#dee2e6;--muted:#5c636a}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#212529;margin:0 auto;padding:1.5em;max-width:1180px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
h1{font-size:1.5em;margin:0 0 .3em}h2{margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
h3{margin:1.3em 0 .4em}h4{margin:1em 0 .3em;font-size:1em}
nav{margin:.3em 0 1em;color:var(--muted)}nav a{margin-right:.8em}
a{color:#1864ab}
.muted{color:var(--muted)}
.verdict{border:2px solid;border-radius:8px;padding:.8em 1.2em;margin:1em 0}
.verdict-passed{border-color:var(--ok);background:#ebfbee}.verdict-failed{border-color:var(--bad);background:#fff5f5}
.verdict-word{font-size:2.6em;font-weight:800;letter-spacing:.04em;margin:0}
.verdict-passed .verdict-word{color:var(--ok)}.verdict-failed .verdict-word{color:var(--bad)}
.counts{font-size:1.15em;margin:.2em 0}.reasons{margin:.4em 0 0}
.findings li{margin:.25em 0}.finding-count{font-weight:700}
.tag{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 .35em;margin-left:.3em;font-size:.9em;background:#f8f9fa}
.renamed{background:#fff3bf;border-color:#f59f00}
table{border-collapse:collapse;margin:.6em 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f1f3f5}
.grid td{text-align:center;white-space:nowrap;min-width:6.5em}
.grid td a{color:inherit}
.cell-valid{background:#d3f9d8;color:#1b5e20}
.cell-failed{background:#ffc9c9;color:#a51111;font-weight:700}
.cell-notChecked{background:#ffd8a8;color:#8a3c00;font-weight:700}
.cell-notProvokable{background:#e9ecef;color:#495057}
.cell-missing{background:#ffe066;color:#5c4300;font-weight:800}
.cell-none{background:#fff}
.legend span{display:inline-block;padding:1px 8px;margin:0 .5em .3em 0;border-radius:4px}
details.failure{border:1px solid var(--line);border-left:4px solid var(--bad);border-radius:4px;margin:.4em 0;background:#fff}
details.failure>summary{cursor:pointer;padding:.4em .6em;list-style-position:outside;margin-left:1em}
details.failure[open]>summary{background:#fff5f5;border-bottom:1px solid var(--line)}
.failure-body{padding:.2em 1em 1em}
.summary-op{font-weight:700}.summary-status{color:var(--bad);font-weight:700}
.checks li{margin:.3em 0}.check-meta{color:var(--muted);font-size:.92em}
pre{background:#f8f9fa;border:1px solid var(--line);border-radius:4px;padding:.5em .7em;margin:.3em 0;white-space:pre-wrap;overflow-wrap:anywhere;max-height:32em;overflow:auto}
pre.curl{user-select:all;background:#f1f3f5}
.error{color:var(--bad)}
dl.run{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dl.run dt{font-weight:700}dl.run dd{margin:0}
footer{margin-top:2em;color:var(--muted);font-size:.9em}
`;

/** Opens the failure a link points at (a finding's, a grid cell's, or the address's own #failure-…). */
export const script = `(function(){
function open(hash){try{var el=document.getElementById(decodeURIComponent(hash.slice(1)));if(el&&el.tagName==='DETAILS')el.open=true;}catch(e){}}
document.addEventListener('click',function(e){var a=e.target.closest&&e.target.closest('a[href^="#"]');if(a)open(a.getAttribute('href'));});
window.addEventListener('hashchange',function(){open(location.hash);});
open(location.hash);
})();`;

const scriptHash = createHash('sha256').update(script).digest('base64');

export const contentSecurityPolicy = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
