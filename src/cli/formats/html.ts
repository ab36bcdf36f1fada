/**
 * HTML: one self-contained page (inline CSS, no script, no external resource) listing the
 * findings grouped by file, with a link to each rule's documentation. Every piece of text
 * from the audited code or the environment is escaped: messages quote identifiers and
 * strings from the code, and file names are the repository's.
 */
import { displayPath, plural, ruleUrl, totals, type Report } from '../report';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** Only http(s) links: a rule URL is ours, but an escaped `javascript:` URL would still run. */
function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? escapeHtml(url) : undefined;
}

const STYLE = `
body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 2rem; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
.error { color: #cf222e; font-weight: 600; } .warning { color: #9a6700; font-weight: 600; }
.where { font-family: ui-monospace, monospace; white-space: nowrap; } .summary { padding: .8rem; background: #f6f8fa; border-radius: 6px; }
.notlinted { background: #fff8c5; padding: .8rem; border-radius: 6px; }
`;

export function formatHtml(report: Report): string {
  const t = totals(report);
  const sections = report.results
    .filter((result) => result.messages.length > 0)
    .map((result) => {
      const rows = result.messages
        .map((message) => {
          const severity = message.severity === 2 ? 'error' : 'warning';
          const ruleId = message.ruleId ?? '';
          const href = safeHref(ruleUrl(report, ruleId));
          const rule = href ? `<a href="${href}">${escapeHtml(ruleId)}</a>` : escapeHtml(ruleId);
          return `<tr><td class="where">${message.line}:${message.column}</td><td class="${severity}">${severity}</td><td>${escapeHtml(message.message)}</td><td>${rule}</td></tr>`;
        })
        .join('\n');
      return `<section>\n<h2>${escapeHtml(displayPath(report, result.filePath))}</h2>\n<table>\n<thead><tr><th>Line</th><th>Level</th><th>Finding</th><th>Rule</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n</section>`;
    })
    .join('\n');
  const notLinted =
    report.notLinted.length > 0
      ? `<section class="notlinted">\n<h2>Not linted: ${plural(report.notLinted.length, 'file')} (findings in them are unknown)</h2>\n<ul>\n${report.notLinted
          .map((entry) => {
            const where = entry.line ? `:${entry.line}:${entry.column ?? 1}` : '';
            return `<li><code>${escapeHtml(displayPath(report, entry.filePath) + where)}</code> ${escapeHtml(entry.message)}</li>`;
          })
          .join('\n')}\n</ul>\n</section>`
      : '';
  const title = `${escapeHtml(report.tool.name)} report`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${title}</h1>
<p class="summary">${plural(report.filesLinted, 'file')} linted with the <code>${escapeHtml(report.config)}</code> config
(${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}): <span class="error">${plural(t.errors, 'error')}</span>,
<span class="warning">${plural(t.warnings, 'warning')}</span> in ${plural(t.filesWithFindings, 'file')}.</p>
${notLinted}
${sections || '<p>No findings.</p>'}
</body>
</html>
`;
}
