/**
 * A small, self-contained page that reads the OpenAPI document and lists every operation with its
 * parameters, body schema and responses. No CDN: staff networks often block them, and Workers
 * serve it as well as Node does.
 */
const script = `
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
const resolve = (doc, s) => s && s.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s;
fetch(document.body.dataset.spec).then((r) => r.json()).then((doc) => {
  const main = document.querySelector('main');
  main.append(el('h1', doc.info.title + ' ' + doc.info.version), el('p', doc.info.description || ''));
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const box = el('details', '', 'op');
      const sum = el('summary');
      sum.append(el('b', method.toUpperCase(), 'm ' + method), el('code', path), el('span', ' ' + (op.summary || '')));
      box.append(sum);
      if (op.parameters && op.parameters.length) {
        box.append(el('h3', 'Parameters'));
        const ul = el('ul');
        for (const p of op.parameters) ul.append(el('li', p.name + ' (' + p.in + (p.required ? ', required' : '') + ') ' + (p.schema && p.schema.description || p.description || '')));
        box.append(ul);
      }
      const body = op.requestBody && op.requestBody.content['application/json'];
      if (body) { box.append(el('h3', 'Body')); box.append(el('pre', JSON.stringify(resolve(doc, body.schema), null, 2))); }
      box.append(el('h3', 'Responses'));
      for (const [status, res] of Object.entries(op.responses)) box.append(el('p', status + ': ' + res.description));
      main.append(box);
    }
  }
}).catch((e) => { document.querySelector('main').textContent = 'Could not load the API document: ' + e; });
`;

export function docsPage(specUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Taizhang API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem}
.op{border:1px solid #ccc;border-radius:4px;margin:.5rem 0;padding:.5rem}
.m{display:inline-block;width:4rem}.get{color:#06c}.post{color:#080}.patch,.put{color:#a60}.delete{color:#c00}
pre{background:#f6f6f6;overflow:auto;padding:.5rem;max-height:30rem}
</style></head>
<body data-spec="${specUrl}"><main><p>Loading the API document…</p></main>
<p><a href="${specUrl}">openapi.json</a></p>
<script>${script}</script></body></html>`;
}
