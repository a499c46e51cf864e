// Client-matrix smoke for nats.js (@nats-io/transport-node): run as `node main.js nats://host:port`. Prints one
// line per step ("ok <step>: ..." or "FAIL <step>: ...") and exits 0 only when every step passes. A watchdog ends
// it (exit 3) after 10 s, so it never hangs.
"use strict";

const { connect, headers, errors } = require("@nats-io/transport-node");
const { version } = require("@nats-io/transport-node/package.json");

const WAIT = 2000;

class StepFailure extends Error {}

function fail(step, message) {
  throw new StepFailure(`${step}: ${message}`);
}

function ok(step, message) {
  console.log(`ok ${step}: ${message}`);
}

// Resolves once cond() holds; fails the step if it does not within WAIT ms.
async function until(step, what, cond) {
  const deadline = Date.now() + WAIT;
  while (!cond()) {
    if (Date.now() > deadline) {
      fail(step, `timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main(url) {
  console.log(`client nats.js @nats-io/transport-node ${version}`);

  // connect
  let nc;
  try {
    nc = await connect({ servers: url, timeout: WAIT, reconnect: false, name: "matrix-js" });
  } catch (e) {
    fail("connect", String(e));
  }
  ok("connect", `${nc.getServer()} server ${nc.info.server_id} ${nc.info.version}`);

  // wildcards: matrix.* matches one token, matrix.> one or more
  const star = [];
  const full = [];
  const wild = [
    nc.subscribe("matrix.*", { callback: (err, m) => star.push(err ? `error ${err}` : m.subject) }),
    nc.subscribe("matrix.>", { callback: (err, m) => full.push(err ? `error ${err}` : m.subject) }),
  ];
  await nc.flush();
  for (const s of ["matrix.a", "matrix.a.b", "matrix.end"]) {
    nc.publish(s, s);
  }
  // one connection: messages to a subscription arrive in publish order, so the sentinel comes last
  await until("wildcards", "the sentinel", () => star.includes("matrix.end") && full.includes("matrix.end"));
  if (star.join(",") !== "matrix.a,matrix.end") {
    fail("wildcards", `matrix.* got ${star}, want matrix.a,matrix.end`);
  }
  if (full.join(",") !== "matrix.a,matrix.a.b,matrix.end") {
    fail("wildcards", `matrix.> got ${full}, want matrix.a,matrix.a.b,matrix.end`);
  }
  wild.forEach((s) => s.unsubscribe());
  ok("wildcards", `matrix.* got [${star}], matrix.> got [${full}]`);

  // queue group: 2 members, 20 messages, each delivered exactly once in total
  const n = 20;
  const seen = [];
  const counts = [0, 0];
  const subs = [0, 1].map((i) =>
    nc.subscribe("matrix.q", {
      queue: "workers",
      callback: (err, m) => {
        seen.push(err ? `error ${err}` : m.string());
        counts[i]++;
      },
    })
  );
  await nc.flush();
  for (let i = 0; i < n; i++) {
    nc.publish("matrix.q", String(i));
  }
  await until("queue", `${n} messages`, () => seen.length >= n);
  await nc.flush(); // the server has sent all it will for these publishes
  if (seen.length !== n || new Set(seen).size !== n) {
    fail("queue", `got ${seen.length} messages [${seen}], want ${n} distinct`);
  }
  subs.forEach((s) => s.unsubscribe());
  ok("queue", `${n} messages exactly once (${counts[0]} + ${counts[1]})`);

  // request/reply: a responder on a second connection
  const rc = await connect({ servers: url, timeout: WAIT, reconnect: false, name: "matrix-js-responder" });
  rc.subscribe("matrix.rpc", { callback: (err, m) => { if (!err) m.respond(`re:${m.string()}`); } });
  await rc.flush();
  let reply;
  try {
    reply = await nc.request("matrix.rpc", "ping", { timeout: WAIT });
  } catch (e) {
    fail("request", String(e));
  }
  if (reply.string() !== "re:ping") {
    fail("request", `reply ${reply.string()}, want re:ping`);
  }
  await rc.close();
  ok("request", `reply "${reply.string()}"`);

  // headers round-trip
  const received = [];
  const hs = nc.subscribe("matrix.h", { callback: (err, m) => received.push(err || m) });
  await nc.flush();
  const h = headers();
  h.set("X-Matrix", "js");
  h.append("X-Multi", "one");
  h.append("X-Multi", "two");
  nc.publish("matrix.h", "with headers", { headers: h });
  await until("headers", "the message", () => received.length > 0);
  const m = received[0];
  if (m instanceof Error || !m.headers || m.headers.get("X-Matrix") !== "js" ||
      m.headers.values("X-Multi").join(",") !== "one,two" || m.string() !== "with headers") {
    fail("headers", `got ${m instanceof Error ? m : `headers ${m.headers} data ${m.string()}`}`);
  }
  hs.unsubscribe();
  ok("headers", `X-Matrix=${m.headers.get("X-Matrix")} X-Multi=[${m.headers.values("X-Multi")}]`);

  // no responders: fails fast (well inside the request timeout) with the 503 no-responders error
  const start = process.hrtime.bigint();
  let error;
  try {
    await nc.request("matrix.nobody", "anyone?", { timeout: 5000 });
  } catch (e) {
    error = e;
  }
  const tookMs = Number(process.hrtime.bigint() - start) / 1e6;
  const noResponders = error instanceof errors.RequestError && error.isNoResponders();
  if (!noResponders) {
    fail("no-responders", `got ${error ? `${error.name}: ${error.message}` : "a reply"}, want NoResponders`);
  }
  if (tookMs > 1000) {
    fail("no-responders", `took ${tookMs} ms: not fast`);
  }
  ok("no-responders", `${error.message} (${error.cause.name}) in ${tookMs.toFixed(2)}ms`);

  // close
  await nc.close();
  if (!nc.isClosed()) {
    fail("close", "connection not closed");
  }
  ok("close", "closed");
  console.log("PASS");
}

if (process.argv.length !== 3) {
  console.log("usage: node main.js nats://host:port");
  process.exit(2);
}
const watchdog = setTimeout(() => {
  console.log("FAIL watchdog: not finished within 10s");
  process.exit(3);
}, 10000);
main(process.argv[2]).then(
  () => {
    clearTimeout(watchdog);
    process.exit(0);
  },
  (e) => {
    console.log(e instanceof StepFailure ? `FAIL ${e.message}` : `FAIL unexpected: ${e && e.stack || e}`);
    process.exit(1);
  }
);
