// missedcall quickstart in Node (no packages): the REST API, the widget, the webhook.
// Run: GATEWAY_URL=http://127.0.0.1:8080 PASSKEY='RA$…' WEBHOOK_SECRET=… PORT=8003 node server.js
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");

const GATEWAY = (process.env.GATEWAY_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
const PASSKEY = process.env.PASSKEY;
const SECRET = process.env.WEBHOOK_SECRET;
const PORT = Number(process.env.PORT || 8003);
const PUBLIC = (process.env.PUBLIC_URL || `http://127.0.0.1:${PORT}`).replace(/\/$/, "");
const PAGE = fs.readFileSync(path.join(__dirname, "..", "page.html"), "utf8").replaceAll("{{GATEWAY}}", GATEWAY);
const verified = new Map(); // session id -> number; your database in a real app

// X-Missedcall-Signature: t=<unix>,v1=<hex>[,v1=<hex>] over "<t>.<METHOD>.<request target>.<body>".
function signatureOK(header, method, target, body) {
  const parts = String(header || "").split(",").map((p) => p.split("="));
  const t = parts.find(([k]) => k === "t");
  if (!t || Math.abs(Date.now() / 1000 - Number(t[1])) > 300) return false;
  const expected = crypto.createHmac("sha256", SECRET).update(`${t[1]}.${method}.${target}.${body}`).digest("hex");
  return parts.some(([k, v]) => k === "v1" && v && v.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(v), Buffer.from(expected)));
}

function reply(res, status, body, type = "application/json") {
  res.writeHead(status, { "Content-Type": type });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", async () => {
    const url = new URL(req.url, PUBLIC);
    if (url.pathname === "/") return reply(res, 200, PAGE, "text/html; charset=utf-8");
    if (url.pathname === "/start" && req.method === "POST") {
      const { mobile } = JSON.parse(body || "{}");
      const answer = await fetch(`${GATEWAY}/v1/verifications`, {
        method: "POST",
        headers: { Authorization: `Bearer ${PASSKEY}`, "Content-Type": "application/json" },
        body: JSON.stringify({ mobile, notify_url: `${PUBLIC}/webhook` }),
      });
      const created = await answer.json();
      if (!answer.ok) return reply(res, 502, { error: created.error.message });
      return reply(res, 200, { id: created.id, token: created.widget_token, dial: created.dial });
    }
    if (url.pathname === "/webhook") {
      if (!signatureOK(req.headers["x-missedcall-signature"], req.method, req.url, body)) return reply(res, 401, { error: "bad signature" });
      const fields = req.method === "GET" ? Object.fromEntries(url.searchParams) : JSON.parse(body);
      verified.set(fields.SID, fields.VerifiedNumber);
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === "/verified") {
      const id = url.searchParams.get("id") || "";
      return reply(res, 200, { id, verified: verified.has(id) });
    }
    reply(res, 404, { error: "not found" });
  });
}).listen(PORT, "127.0.0.1", () => console.log(`quickstart on http://127.0.0.1:${PORT}/`));
