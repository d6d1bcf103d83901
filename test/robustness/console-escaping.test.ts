/**
 * Markup and SQL are legitimate complaint text: they are stored as written and every console page
 * that shows them shows them as text. A page is checked tag by tag, so a field that broke out of
 * its element or attribute shows up as a tag or an attribute the console never writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileButValid } from './corpus.ts';
import { type Harness, useHarness } from './harness.ts';

const hostile = Object.values(hostileButValid).join(' ');

/** Every start tag in the page, with its attribute names. */
function tagsOf(html: string): Array<{ name: string; attributes: string[] }> {
  const tags: Array<{ name: string; attributes: string[] }> = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const attributes = [...(match[2] ?? '').matchAll(/([^\s=/"']+)(?:=(?:"[^"]*"|'[^']*'|\S+))?/g)];
    tags.push({
      name: (match[1] ?? '').toLowerCase(),
      attributes: attributes.map((a) => (a[1] ?? '').toLowerCase()),
    });
  }
  return tags;
}

/** What a hostile field could add that the console itself never writes. */
function liveMarkup(html: string): string[] {
  const found: string[] = [];
  for (const tag of tagsOf(html)) {
    if (tag.name === 'img') found.push('<img>');
    for (const attribute of tag.attributes) {
      if (attribute.startsWith('on')) found.push(`${tag.name} ${attribute}`);
    }
  }
  const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
  for (const script of scripts) {
    if (/alert\(/.test(script) && !/type="application\/json"/.test(script)) found.push(script);
  }
  return found;
}

describe('hostile text in the console', () => {
  const harness = useHarness();
  let h: Harness;
  let ref: string;
  beforeAll(async () => {
    h = harness();
    const response = await h.safe.request('/api/complaints', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.tokens.supervisor}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        source: 'referral',
        subject: hostileButValid.html,
        content: hostile,
        category: hostileButValid.quote,
        sourceRef: hostileButValid.sql,
        complainant: { name: hostileButValid.html.slice(0, 100), phone: '13812345678' },
        location: {
          project: hostileButValid.quote,
          building: hostileButValid.html.slice(0, 50),
          room: hostileButValid.sql,
        },
        attachments: [{ kind: 'image', url: 'javascript:alert(1)', caption: hostile }],
      }),
    });
    expect(response.status).toBe(201);
    ref = (await response.json()).ref;
  });

  const page = async (path: string) => {
    const response = await h.safe.request(path, { headers: { cookie: h.session.cookie } });
    expect(response.status).toBe(200);
    return await response.text();
  };

  it('should store the text as it was written', async () => {
    const row = await h.database.db.prisma.complaint.findFirstOrThrow({ where: { ref } });

    expect(row.content).toBe(hostile);
    expect(row.sourceRef).toBe(hostileButValid.sql);
  });

  it('should show the complaint page with the text escaped and no live markup', async () => {
    const html = await page(`/complaints/${ref}`);

    expect(liveMarkup(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(');
    expect(html).not.toContain(hostileButValid.quote);
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it('should show the ledger list and a search for markup with no live markup', async () => {
    const list = await page('/ledger');
    const search = await page(`/ledger?q=${encodeURIComponent(hostileButValid.html)}`);

    for (const html of [list, search]) expect(liveMarkup(html)).toEqual([]);
    expect(search).toContain(ref);
  });

  it('should keep ledger text out of the dashboard script and markup', async () => {
    const html = await page('/dashboard');

    expect(liveMarkup(html)).toEqual([]);
    expect(html).not.toContain('</script><img');
  });

  it('should find the live markup this check looks for when it is there', () => {
    expect(liveMarkup(`<p>${hostileButValid.html}</p>`)).toEqual([
      '<img>',
      'img onerror',
      '<script>alert("x")</script>',
    ]);
    expect(liveMarkup(`<a title="${hostileButValid.quote}">`)).toEqual(['a onmouseover']);
  });
});
