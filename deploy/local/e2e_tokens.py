#!/usr/bin/env python3
"""Stack suite (docs/security.md): each token kind is refused where another is expected, the address
a client writes in X-Forwarded-For is not the one recorded, and an Idempotency-Key retry issues no
second license. Standard library only; prints "N passed, N failed"."""
import os
import secrets
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_journey as j  # noqa: E402  (its call() and check() helpers)


def main():
    j.GW = sys.argv[1].rstrip("/")
    suffix = secrets.token_hex(4)
    seller_name = "TK" + secrets.token_hex(3).upper()
    j.call("POST", "/api/v1/auth/register", {"username": "tks" + suffix, "email": f"tks{suffix}@e2e.test",
                                           "password": "seller-pass-" + suffix, "role": "SELLER", "seller_name": seller_name})
    s, b, _ = j.call("POST", "/api/v1/auth/sign-in", {"login": "tks" + suffix, "password": "seller-pass-" + suffix})
    j.check("seller signs in", s == 200, f"{s} {b}")
    seller, refresh = j.field(b, "access_token"), j.field(b, "refresh_token")
    s, b, _ = j.call("POST", "/api/v1/products", {"code": "TOK", "name": "Token suite", "key_scheme": "SEGMENTED",
                                                 "default_term": "ANNUAL", "default_max_devices": 2}, seller)
    product = j.field(b, "id")

    # Idempotency-Key: the same request twice issues one license and answers the same
    idem = {"Idempotency-Key": "suite-" + suffix}
    s1, b1, h1 = j.call("POST", "/api/v1/licenses", {"product_id": product}, seller, headers=idem)
    s2, b2, h2 = j.call("POST", "/api/v1/licenses", {"product_id": product}, seller, headers=idem)
    j.check("an Idempotency-Key retry gets the first answer", s1 == 201 and s2 == 201 and b1 == b2
            and h2.get("Idempotent-Replayed") == "true", f"{s1} {s2} {h2.get('Idempotent-Replayed')}")
    s, b, _ = j.call("POST", "/api/v1/licenses", {"product_id": product, "max_devices": 1}, seller, headers=idem)
    j.check("the same key with another body is 422", s == 422 and j.field(b, "code") == "IDEMPOTENCY_KEY_REUSED", f"{s} {b}")
    s, b, _ = j.call("GET", f"/api/v1/licenses?product_id={product}", token=seller)
    items = b if isinstance(b, list) else j.field(b, "items", "content", "licenses") or []
    j.check("one license was issued", len(items) == 1, f"{s} {b}")
    key = j.field(b1, "key")
    j.call("POST", "/api/v1/auth/register", {"username": "tkc" + suffix, "email": f"tkc{suffix}@e2e.test",
                                           "password": "cust-pass-" + suffix})
    s, b, _ = j.call("POST", "/api/v1/auth/sign-in", {"login": "tkc" + suffix, "password": "cust-pass-" + suffix})
    s, b, _ = j.call("POST", "/api/v1/licenses/redeem", {"key": key}, j.field(b, "access_token"))
    j.check("customer redeems the key", s == 200, f"{s} {b}")

    # A session token (Ed25519, aud licensing-session) where an access token is expected, and back
    dev = "tok-dev-" + suffix
    s, b, _ = j.call("POST", "/api/v1/devices/activate", {"license_key": key, "device_id": dev},
                     headers={"X-Forwarded-For": "203.0.113.77"})
    j.check("device activates", s in (200, 201), f"{s} {b}")
    ip = j.field(j.field(b, "device") or {}, "ip_address")
    j.check("the address a client wrote in X-Forwarded-For is not recorded", ip is not None and ip != "203.0.113.77", ip)
    s, b, _ = j.call("POST", "/api/v1/sessions", {"license_key": key, "device_id": dev, "client_version": "1.0.0"})
    session = j.field(b, "token")
    j.check("session starts", s == 201 and session, f"{s} {b}")
    s, b, _ = j.call("GET", "/api/v1/licenses", token=session)
    j.check("a session token is refused by license-service", s == 401, f"{s}")
    s, b, _ = j.call("GET", "/api/v1/devices/1", token=session)
    j.check("a session token is refused by device-service", s == 401, f"{s}")
    s, b, _ = j.call("POST", "/api/v1/sessions/heartbeat", token=seller)
    j.check("an access token is refused by the heartbeat", s == 401, f"{s}")
    s, b, _ = j.call("POST", "/api/v1/sessions/heartbeat", token=refresh)
    j.check("a refresh token is refused by the heartbeat", s == 401, f"{s}")
    s, b, _ = j.call("GET", "/api/v1/licenses", token=refresh)
    j.check("a refresh token is no bearer credential", s == 401, f"{s}")
    s, b, _ = j.call("POST", "/api/v1/sessions/heartbeat", token=session)
    j.check("the session token beats", s == 200 and j.field(b, "status") == "ok", f"{s} {b}")

    print(f"{j.passed} passed, {j.failed} failed")
    return 1 if j.failed else 0


if __name__ == "__main__":
    sys.exit(main())
