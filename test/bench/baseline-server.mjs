// The benchmark's baseline: a bare node:http server that inserts the same complaint row with
// better-sqlite3 and answers its ref. No signature check, no inbox, no framework, no ORM: the
// floor the gateway's cost is measured against. Usage: node baseline-server.mjs DB_PATH
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
const insert = db.prepare(`INSERT INTO "complaint" ("ref", "received_at", "source", "source_ref",
  "dedupe_key", "repeat_key", "complainant_name", "complainant_phone", "content", "category",
  "project", "building", "unit", "room", "updated_at")
  VALUES (?, ?, 'hotline', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
let next = 0;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const call = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const ref = String(++next).padStart(3, '0');
    const c = call.captured ?? {};
    insert.run(
      ref,
      Date.parse(call.startedAt),
      call.callId,
      `hotline:call:${call.callId}`,
      `hotline:caller:${call.caller}`,
      c.complainantName ?? null,
      call.caller,
      c.summary ?? call.transcript,
      c.category ?? '维修服务',
      c.project ?? null,
      c.building ?? null,
      c.unit ?? null,
      c.room ?? null,
      Date.now(),
    );
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ callId: call.callId, ref, outcome: 'created' }));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
