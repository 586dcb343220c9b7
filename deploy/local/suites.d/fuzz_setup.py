"""Set-up of the API fuzz suite (90-fuzz.py): settings, the HTTP client, the services' OpenAPI
documents and the signed-in callers with a product and a license to aim at."""

import http.client
import json
import os
import random
import sys
import time
import urllib.parse

GATEWAY = os.environ.get("GATEWAY_URL", "http://127.0.0.1:8080")
BASE = int(os.environ.get("LM_PORT_BASE", "8080"))
SERVICES = {"license": BASE + 1, "device": BASE + 2, "session": BASE + 3, "stats": BASE + 4}
MAX_REQUESTS = int(os.environ.get("FUZZ_MAX_REQUESTS", "1800"))
# Below the default per-address limit (600/min): violations would get 127.0.0.1 blocked.
RATE = float(os.environ.get("FUZZ_RATE", "9"))
MAX_SECONDS = float(os.environ.get("FUZZ_MAX_SECONDS", "200"))
ADMIN_LOGIN = os.environ.get("LICENSING_ADMIN_USERNAME", "admin")
ADMIN_PASSWORD = os.environ.get("LICENSING_ADMIN_PASSWORD", "admin-change-me")
LEGACY = ("/api/verify_key.php", "/api/register_user.php", "/api/heartbeat.php")
# Sign-in failures count per login and address: never send credentials that could be wrong twice.
NO_BASE_CASE = ("/api/v1/auth/sign-in", "/api/v1/auth/sign-out", "/api/v1/auth/refresh")
random.seed(int(os.environ.get("FUZZ_SEED", "15")))

gw = urllib.parse.urlsplit(GATEWAY)


class Client:
    def __init__(self, host, port):
        self.host, self.port, self.conn = host, port, None

    def send(self, method, target, headers=None, body=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.putrequest(method, target, skip_accept_encoding=True)
                h = dict(headers or {})
                if body is not None:
                    h["Content-Length"] = str(len(body))
                for k, v in h.items():
                    self.conn.putheader(k, v)
                self.conn.endheaders(body)
                r = self.conn.getresponse()
                data = r.read()
                hdrs = {k.lower(): v for k, v in r.getheaders()}
                if hdrs.get("connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, hdrs, data
            except (http.client.HTTPException, ConnectionError, OSError) as e:
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    return 0, {}, str(e).encode()


client = Client(gw.hostname, gw.port or 80)


def call_json(method, path, body=None, token=None):
    h = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    status, _, data = client.send(method, path, h, None if body is None else json.dumps(body).encode())
    try:
        return status, json.loads(data or b"null")
    except ValueError:
        return status, None


# ---------------------------------------------------------------- set-up: documents and callers
def documents():
    docs = {}
    for name, port in SERVICES.items():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/q/openapi?format=json", headers={"Accept": "application/json"})
        r = c.getresponse()
        body = r.read()
        if r.status != 200:
            sys.exit(f"fuzz: no OpenAPI document from {name}-service (:{port}): HTTP {r.status}")
        docs[name] = json.loads(body)
    return docs


def sign_up_and_in():
    tag = f"fz{int(time.time()) % 100000}{random.randint(100, 999)}"
    tokens, ids = {}, {}
    registered = {}
    for who, body in (("seller", {"username": tag + "s", "email": tag + "s@fuzz.test", "password": "fuzz-pass-1",
                                  "role": "SELLER", "seller_name": "FUZZ" + tag[2:].upper()[:20]}),
                      ("customer", {"username": tag + "c", "email": tag + "c@fuzz.test", "password": "fuzz-pass-1"})):
        status, answer = call_json("POST", "/api/v1/auth/register", body)
        if status in (200, 201) and answer and answer.get("access_token"):
            registered[who] = answer
        else:
            print(f"fuzz: registering the {who} answered HTTP {status}: {str(answer)[:200]}")
    for who, answer in registered.items():
        tokens[who] = answer["access_token"]
        ids[who + "_account"] = (answer.get("account") or {}).get("id")
    status, body = call_json("POST", "/api/v1/auth/sign-in", {"login": ADMIN_LOGIN, "password": ADMIN_PASSWORD})
    if status == 200 and body and body.get("access_token"):
        tokens["admin"] = body["access_token"]
        ids["admin_account"] = (body.get("account") or {}).get("id")
    else:
        print(f"fuzz: could not sign in as admin (HTTP {status}); admin operations are fuzzed as the others")
    if "seller" in tokens:
        status, product = call_json("POST", "/api/v1/products", {"code": "FZ" + tag[-5:].upper(), "name": "Fuzz product",
                                                                  "key_scheme": "SEGMENTED", "default_term": "ANNUAL",
                                                                  "default_max_devices": 2}, tokens["seller"])
        if status in (200, 201) and product:
            ids["product"] = product.get("id")
            status, issued = call_json("POST", "/api/v1/licenses", {"product_id": product.get("id")}, tokens["seller"])
            if status in (200, 201) and issued:
                ids["license"] = (issued.get("license") or {}).get("id")
                ids["key"] = issued.get("key")
    return tokens, ids
