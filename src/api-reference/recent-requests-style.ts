/** The "Recent requests" page's style, served from /docs/requests.css (the page's CSP allows only this origin's). */
export const RECENT_REQUESTS_STYLE = `
:root{color-scheme:light dark;--line:#d9dee5;--muted:#5b6472;--ok:#0a7a3d;--warn:#9a6700;--bad:#b42318;--accent:#3454d1}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2937;background:#fff}
header{display:flex;align-items:baseline;justify-content:space-between;padding:1rem 2rem;border-bottom:1px solid var(--line)}
h1{font-size:1.3rem;margin:0}h2{font-size:1.05rem;margin:1.6rem 0 .4rem}
main{padding:0 2rem 2rem;max-width:1440px}
a,.link{color:var(--accent)}
.link{background:none;border:0;padding:0;font:inherit;cursor:pointer;text-align:left;font-family:ui-monospace,monospace}
.row{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}.grow{flex:1}
.grow input{width:100%;min-width:16rem}
input[type=password],input[type=text],select{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px}
#key{min-width:26rem}
button{font:inherit;padding:.35rem .8rem;border:1px solid var(--line);border-radius:6px;background:#f5f7fa;cursor:pointer}
button[type=submit]{background:var(--accent);border-color:var(--accent);color:#fff}
label{display:block;margin:.2rem 0}.check{color:var(--muted)}
.note{color:var(--muted);margin:.4rem 0;max-width:52rem}
#status{min-height:1.3em;font-weight:600}#status.error{color:var(--bad)}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);white-space:nowrap}
td.path{font-family:ui-monospace,monospace;word-break:break-all;min-width:22rem}
td.when{white-space:nowrap}
#history tbody tr:not(.details){cursor:pointer}#history tbody tr:not(.details):hover{background:#f5f7fa}
.s2xx{color:var(--ok);font-weight:600}.s3xx{color:var(--muted);font-weight:600}
.s4xx{color:var(--warn);font-weight:600}.s5xx{color:var(--bad);font-weight:600}
tr.details td{background:#f8fafc}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}dt{font-weight:600}dd{margin:0;word-break:break-all}
code{font-family:ui-monospace,monospace}
`;
