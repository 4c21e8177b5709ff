"""missedcall quickstart in Python, standard library only: the REST API, the widget, the webhook.

Run: GATEWAY_URL=http://127.0.0.1:8080 PASSKEY='RA$…' WEBHOOK_SECRET=… PORT=8002 python3 app.py
"""
import hashlib
import hmac
import json
import os
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

GATEWAY = os.environ.get("GATEWAY_URL", "http://127.0.0.1:8080").rstrip("/")
PASSKEY = os.environ["PASSKEY"]
SECRET = os.environ["WEBHOOK_SECRET"]
PORT = int(os.environ.get("PORT", "8002"))
PUBLIC = os.environ.get("PUBLIC_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
PAGE = (Path(__file__).parent.parent / "page.html").read_text().replace("{{GATEWAY}}", GATEWAY)
verified: dict[str, str] = {}  # session id -> number; your database in a real app


def signature_ok(header: str, method: str, target: str, body: bytes) -> bool:
    """X-Missedcall-Signature: t=<unix>,v1=<hex>[,v1=<hex>] over "<t>.<METHOD>.<target>.<body>"."""
    parts = [p.split("=", 1) for p in header.split(",") if "=" in p]
    stamps = [v for k, v in parts if k == "t"]
    if not stamps or abs(time.time() - int(stamps[0])) > 300:
        return False
    expected = hmac.new(SECRET.encode(), f"{stamps[0]}.{method}.{target}.".encode() + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, v) for k, v in parts if k == "v1")


class App(BaseHTTPRequestHandler):
    def reply(self, status: int, body, content_type: str = "application/json") -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            self.reply(200, PAGE, "text/html; charset=utf-8")
        elif url.path == "/webhook":
            self.webhook(b"")
        elif url.path == "/verified":
            sid = parse_qs(url.query).get("id", [""])[0]
            self.reply(200, {"id": sid, "verified": sid in verified})
        else:
            self.reply(404, {"error": "not found"})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/start":
            mobile = json.loads(body or b"{}").get("mobile", "")
            request = urllib.request.Request(
                f"{GATEWAY}/v1/verifications",
                data=json.dumps({"mobile": mobile, "notify_url": f"{PUBLIC}/webhook"}).encode(),
                headers={"Authorization": f"Bearer {PASSKEY}", "Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    created = json.load(response)
            except urllib.error.HTTPError as error:
                return self.reply(502, {"error": json.load(error).get("error", {}).get("message", "refused")})
            self.reply(200, {"id": created["id"], "token": created["widget_token"], "dial": created["dial"]})
        elif self.path.startswith("/webhook"):
            self.webhook(body)
        else:
            self.reply(404, {"error": "not found"})

    def webhook(self, body: bytes) -> None:
        if not signature_ok(self.headers.get("X-Missedcall-Signature", ""), self.command, self.path, body):
            return self.reply(401, {"error": "bad signature"})
        fields = parse_qs(urlsplit(self.path).query) if self.command == "GET" else json.loads(body or b"{}")
        sid = fields["SID"][0] if self.command == "GET" else fields["SID"]
        verified[sid] = fields["VerifiedNumber"][0] if self.command == "GET" else fields["VerifiedNumber"]
        self.reply(200, {"ok": True})

    def log_message(self, *args) -> None:
        pass


if __name__ == "__main__":
    print(f"quickstart on http://127.0.0.1:{PORT}/", flush=True)
    ThreadingHTTPServer(("127.0.0.1", PORT), App).serve_forever()
