#!/usr/bin/python3
"""API fuzz test through the gateway (issue 15).

Reads every service's OpenAPI document (from the services' own ports: the gateway never routes
/q/*), signs in as a seller, a customer and the admin, and sends to every operation it finds
malformed JSON, wrongly typed and oversized values, control characters and bad percent-encoding
in bodies, query and path parameters. Fails on any 5xx, and on any error answer (4xx) that is
not application/problem+json with a matching `status` and a `code` (the three legacy .php
endpoints may answer their documented legacy JSON instead). Bounded: FUZZ_MAX_REQUESTS requests
and FUZZ_MAX_SECONDS seconds; cases are sent round-robin over the operations so every operation
gets its first cases even when the budget runs out. Paced by the X-RateLimit-* headers, and an
operation that answers 429 is left alone afterwards, so the fuzzer never gets 127.0.0.1 blocked
for the suites that follow. Python 3 standard library only.
"""
import json
import sys
import time
import urllib.parse

from fuzz_setup import (LEGACY, MAX_REQUESTS, MAX_SECONDS, NO_BASE_CASE, RATE, SERVICES, client, documents, sign_up_and_in)


# ---------------------------------------------------------------- values from schemas
def resolve(doc, schema, depth=0):
    while isinstance(schema, dict) and "$ref" in schema and depth < 20:
        ref = schema["$ref"].split("/")[-1]
        schema = doc.get("components", {}).get("schemas", {}).get(ref, {})
        depth += 1
    if isinstance(schema, dict):
        for combo in ("allOf", "oneOf", "anyOf"):
            if combo in schema and schema[combo]:
                merged = {}
                for part in schema[combo]:
                    part = resolve(doc, part, depth + 1)
                    merged.setdefault("properties", {}).update(part.get("properties", {}))
                    for k in ("type", "enum", "items"):
                        if k in part:
                            merged.setdefault(k, part[k])
                return merged
    return schema if isinstance(schema, dict) else {}


def example(doc, schema, ids, depth=0):
    s = resolve(doc, schema)
    if "enum" in s and s["enum"]:
        return s["enum"][0]
    t = s.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), "string")
    if t == "object" or "properties" in s:
        if depth > 3:
            return {}
        return {k: example(doc, v, ids, depth + 1) for k, v in list(s.get("properties", {}).items())[:25]}
    if t == "array":
        return [example(doc, s.get("items", {}), ids, depth + 1)] if depth < 3 else []
    if t == "integer":
        return ids.get("license") or 1
    if t == "number":
        return 1.5
    if t == "boolean":
        return True
    fmt = s.get("format")
    if fmt == "date-time":
        return "2030-01-01T00:00:00Z"
    if fmt == "date":
        return "2030-01-01"
    if fmt == "uuid":
        return "00000000-0000-4000-8000-000000000000"
    return "fuzz"


def wrong_type(value):
    if isinstance(value, bool):
        return "not-a-boolean"
    if isinstance(value, (int, float)):
        return "not-a-number"
    if isinstance(value, str):
        return {"nested": [1, 2]}
    if isinstance(value, list):
        return {"not": "a list"}
    if isinstance(value, dict):
        return "not-an-object"
    return 12345


BAD_STRINGS = ["\u0000", "a\u0000b", "bell\u0007esc\u001b[31m", "line\nbreak", "\ud800", "\u202e\u0085", "x" * 100_000,
               "' OR 1=1 --", "../../etc/passwd", "%00%ZZ", "😀" * 3000]
# Strings every field refuses (NUL, control characters, broken UTF-16, oversize): safe to send where
# an accepted value would count as a failed sign-in.
REFUSED_STRINGS = ["\u0000", "a\u0000b", "bell\u0007esc\u001b[31m", "\ud800", "x" * 100_000]
BAD_PATH = ["abc", "-1", "0", "99999999999999999999", "1.5", "%00", "%ZZ", "a%0Ab", "..%2F..%2Fq%2Fmetrics", "x" * 300,
            "%C0%AF", "%F0%9F%98"]
BAD_QUERY = ["abc", "-1", "99999999999999999999", "%00", "%ZZ", "%E0%A4%A", "a%07b", "x" * 3000, "x" * 9000, "true", "[]"]
BAD_BODIES = [b"{", b"[]", b"null", b"\"text\"", b"{\"a\":", b"\x00\x01\x02\xff", b"{\"a\":1}}", b"", b"[" * 5000 + b"]" * 5000]


# ---------------------------------------------------------------- operations and their cases
def operations(docs):
    ops = []
    for service, doc in docs.items():
        for path, item in sorted(doc.get("paths", {}).items()):
            if path.startswith("/q/"):
                continue
            shared = item.get("parameters", [])
            for method in ("get", "post", "put", "patch", "delete"):
                op = item.get(method)
                if op is None:
                    continue
                params = [resolve(doc, p) if "$ref" in p else p for p in shared + op.get("parameters", [])]
                body = None
                content = (op.get("requestBody") or {}).get("content", {})
                for ctype in ("application/json", "application/x-www-form-urlencoded", "multipart/form-data"):
                    if ctype in content:
                        body = (ctype, content[ctype].get("schema", {}))
                        break
                if body is None and content:
                    ctype = next(iter(content))
                    body = (ctype, content[ctype].get("schema", {}))
                secured = bool(op.get("security", doc.get("security")))
                ops.append({"service": service, "doc": doc, "path": path, "method": method.upper(), "params": params,
                            "body": body, "secured": secured, "id": f"{method.upper()} {path}"})
    return ops


def path_value(name, ids, path=""):
    n = name.lower()
    if path.startswith("/api/v1/accounts"):
        # never an id that could be the admin's (or another suite's) account: the fuzz customer's
        return str(ids.get("customer_account") or 999999)
    if "license" in n or n == "id":
        return str(ids.get("license") or 999999)
    if "product" in n:
        return str(ids.get("product") or 999999)
    if "key" in n:
        return ids.get("key") or "NOPE-KEY"
    return "999999"


def build(op, ids, path_over=None, query_over=None, body_over=None, raw_body=None, ctype_over=None):
    """One request: (method, target, body bytes or None, content type)."""
    path = op["path"]
    for p in op["params"]:
        if p.get("in") == "path":
            name = p.get("name")
            value = path_over[1] if path_over and path_over[0] == name else urllib.parse.quote(path_value(name, ids, op["path"]), safe="")
            path = path.replace("{" + name + "}", value)
    query = []
    for p in op["params"]:
        if p.get("in") == "query":
            name = p.get("name")
            if query_over and query_over[0] == name:
                query.append(name + "=" + query_over[1])
            elif p.get("required"):
                query.append(name + "=" + urllib.parse.quote(str(example(op["doc"], p.get("schema", {}), ids))))
    target = path + ("?" + "&".join(query) if query else "")
    if op["body"] is None and raw_body is None:
        return op["method"], target, None, None
    ctype = ctype_over or (op["body"][0] if op["body"] else "application/json")
    if raw_body is not None:
        return op["method"], target, raw_body, ctype
    value = body_over if body_over is not None else example(op["doc"], op["body"][1], ids)
    if ctype == "application/json":
        return op["method"], target, json.dumps(value).encode("utf-8", "surrogatepass"), ctype
    if ctype == "application/x-www-form-urlencoded":
        fields = value if isinstance(value, dict) else {"value": value}
        return op["method"], target, urllib.parse.urlencode({k: str(v) for k, v in fields.items()}, errors="surrogatepass").encode(), ctype
    boundary = "fuzzboundary"
    parts = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                    for k, v in (value.items() if isinstance(value, dict) else []))
    return op["method"], target, (parts + f"--{boundary}--\r\n").encode("utf-8", "surrogatepass"), f"multipart/form-data; boundary={boundary}"


def cases(op, ids):
    """The requests for one operation, most telling first."""
    out = []
    careful = op["path"] in NO_BASE_CASE
    if not careful:
        out.append(("base", build(op, ids)))
        out.append(("garbage token", build(op, ids), "Bearer not.a.token"))
    if op["body"] is not None:
        for raw in BAD_BODIES:
            out.append((f"body {raw[:12]!r}", build(op, ids, raw_body=raw)))
        out.append(("text/plain body", build(op, ids, raw_body=b"hello", ctype_over="text/plain")))
        base = example(op["doc"], op["body"][1], ids)
        if op["body"][0] != "application/json":
            out.append(("bad percent-encoding", build(op, ids, raw_body=b"license_key=%ZZ%&device_id=%E0%A4%A")))
            out.append(("100 KB form value", build(op, ids, raw_body=b"license_key=" + b"A" * 100_000 + b"&device_id=x")))
            out.append(("truncated multipart", build(op, ids, raw_body=b"--XYZ\r\nContent-Disposition: form-data; name=\"license_key\"\r\n\r\nabc",
                                                     ctype_over="multipart/form-data; boundary=XYZ")))
            out.append(("NUL form value", build(op, ids, raw_body=b"license_key=%00&device_id=%00&user_name=%00")))
        if isinstance(base, dict):
            for key in list(base)[:12]:
                out.append((f"{key}: wrong type", build(op, ids, body_over={**base, key: wrong_type(base[key])})))
                if isinstance(base[key], str) or base[key] is None:
                    for bad in (REFUSED_STRINGS if careful else BAD_STRINGS):
                        out.append((f"{key}: {bad[:10]!r}", build(op, ids, body_over={**base, key: bad})))
                if isinstance(base[key], (int, float)) and not isinstance(base[key], bool):
                    for n in (-1, 0, 2**63, 1e308, -2**31):
                        out.append((f"{key}: {n}", build(op, ids, body_over={**base, key: n})))
            if not careful:
                out.append(("unknown fields", build(op, ids, body_over={**base, "zz_unknown\u0000": "\u0000"})))
    for p in op["params"]:
        if p.get("in") == "path":
            for bad in BAD_PATH:
                out.append((f"path {p['name']}={bad[:12]}", build(op, ids, path_over=(p["name"], bad))))
        if p.get("in") == "query":
            for bad in BAD_QUERY:
                out.append((f"query {p['name']}={bad[:12]}", build(op, ids, query_over=(p["name"], bad))))
    return out


# ---------------------------------------------------------------- checking answers
def problem_ok(status, headers, data, legacy):
    ctype = headers.get("content-type", "")
    if ctype.startswith("application/problem+json"):
        try:
            body = json.loads(data)
        except ValueError:
            return "problem+json that is not JSON"
        if body.get("status") != status:
            return f"problem status {body.get('status')} differs from HTTP {status}"
        if not body.get("code"):
            return "problem without a code"
        return None
    if legacy and ctype.startswith("application/json"):
        try:
            body = json.loads(data)
        except ValueError:
            return "legacy answer that is not JSON"
        return None if body.get("status") in ("error", "blocked") else "legacy error without status error/blocked"
    return f"error answer of type {ctype or 'none'}"


def gateway_checks():
    """The gateway's own answers (issue 15): problem+json for what nginx refuses, exact health routes only."""
    problems = []
    cases = [
        ("GET", "/health/license/%252e%252e/metrics", {}, None, 404),
        ("GET", "/health/session/%252e%252e/openapi", {}, None, 404),
        ("GET", "/health/license/../../q/metrics", {}, None, 404),
        ("GET", "/q/metrics", {}, None, 404),
        ("GET", "/q/openapi", {}, None, 404),
        ("GET", "/health/license/metrics", {}, None, 404),
        ("GET", "/api/no/such/route", {}, None, 404),  # outside /api the console (SPA) answers
        ("GET", "/api/v1/licenses/%00", {}, None, 400),
        ("GET", "/api/v1/licenses/" + "a" * 9000, {}, None, 414),
        ("GET", "/api/v1/licenses", {"X-Big": "h" * 20000}, None, 400),
        ("POST", "/api/v1/licenses/validate", {"Content-Type": "application/json"}, b"{\"key\":\"" + b"k" * 3_000_000 + b"\"}", 413),
        ("GET", "/api/v1/events?type=%00", {}, None, 400),
        ("GET", "/api/v1/events?type=%ZZ", {}, None, 400),
    ]
    for method, target, headers, body, expected in cases:
        status, rh, data = client.send(method, target, headers, body)
        why = problem_ok(status, rh, data, False) if status >= 400 else "not refused"
        if status != expected or why:
            problems.append(f"gateway {method} {target[:60]}: HTTP {status} (expected {expected}) {why or ''}: {data[:120]!r}")
    for svc in SERVICES:
        status, rh, data = client.send("GET", f"/health/{svc}/ready", {}, None)
        if status != 200:
            problems.append(f"gateway /health/{svc}/ready: HTTP {status}")
    return problems


def main():
    started = time.time()
    gateway_problems = gateway_checks()
    docs = documents()
    tokens, ids = sign_up_and_in()
    ops = operations(docs)
    if len(ops) < 10:
        sys.exit(f"fuzz: only {len(ops)} operations in the OpenAPI documents; expected the whole API")
    who = ["seller", "customer", "admin"]
    queues = []
    for i, op in enumerate(ops):
        token = tokens.get(who[i % len(who)]) if op["secured"] else None
        queues.append([op, token, cases(op, ids)])
    failures, sent, limited, statuses = list(gateway_problems), 0, set(), {}
    round_no = 0
    while sent < MAX_REQUESTS and time.time() - started < MAX_SECONDS:
        progressed = False
        for op, token, qs in queues:
            if round_no >= len(qs) or op["id"] in limited:
                continue
            if sent >= MAX_REQUESTS or time.time() - started >= MAX_SECONDS:
                break
            case = qs[round_no]
            label, (method, target, body, ctype) = case[0], case[1]
            headers = {"Accept": "application/json"}
            if ctype:
                headers["Content-Type"] = ctype
            auth = case[2] if len(case) > 2 else ("Bearer " + token if token else None)
            if auth:
                headers["Authorization"] = auth
            wait = started + sent / RATE - time.time()
            if wait > 0:
                time.sleep(wait)
            status, rh, data = client.send(method, target, headers, body)
            sent += 1
            progressed = True
            statuses[status] = statuses.get(status, 0) + 1
            legacy = op["path"] in LEGACY
            where = f"{op['id']} [{label}] -> {target[:120]}"
            if status == 0:
                failures.append(f"{where}: no answer ({data[:100]!r})")
            elif status >= 500:
                failures.append(f"{where}: HTTP {status} {data[:300]!r}")
            elif status >= 400:
                why = problem_ok(status, rh, data, legacy)
                if why:
                    failures.append(f"{where}: HTTP {status}: {why}: {data[:200]!r}")
            if status == 429:
                limited.add(op["id"])  # leave it alone: repeated violations would block this address
            remaining = rh.get("x-ratelimit-remaining")
            if remaining is not None and remaining.isdigit() and int(remaining) < 10:
                reset = float(rh.get("x-ratelimit-reset", "60") or 60)
                if reset <= 15:
                    time.sleep(reset + 0.5)
                else:
                    limited.add(op["id"])  # a small group (sign-in, session start): leave it be
        if not progressed:
            break
        round_no += 1
    total_cases = sum(len(q[2]) for q in queues)
    elapsed = time.time() - started
    print(f"fuzz: {len(ops)} operations from {len(docs)} documents, {sent} of {total_cases} requests sent in {elapsed:.0f} s, "
          f"statuses {dict(sorted(statuses.items()))}, {len(limited)} operations left after a 429")
    if failures:
        print(f"fuzz: {len(failures)} bad answers:")
        for f in failures[:60]:
            print("  " + f)
        print("fuzz: FAILED")
        return 1
    print("fuzz: passed (no 5xx, every error answer problem+json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
