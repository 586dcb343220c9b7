#!/usr/bin/env python3
"""The whole licensing journey through the gateway only (issue 11), standard library only.

admin and seller sign in; the seller creates products and issues keys in both schemes; a customer
registers and redeems them; the app activates two devices on a license allowing two and the third
is refused; the app starts a session, sends heartbeats, validates; statistics show the login and
the credited usage; the seller suspends the license and the next heartbeat answers `blocked`; the
legacy form endpoints give their legacy answers; sign-out blacklists the token in every service;
a customer resets a forgotten password from the delivered e-mail and a seller signs in with 2FA.

Usage: e2e_journey.py [gateway-url]. Prints one line per check and "N passed, N failed".
"""
import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

GW = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080").rstrip("/")
ADMIN_USER = os.environ.get("LICENSING_ADMIN_USERNAME", "admin")
ADMIN_PASSWORD = os.environ.get("LICENSING_ADMIN_PASSWORD", "admin-change-me-e2e")

passed = 0
failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")
    return condition


def call(method, path, body=None, token=None, form=None, raw=None, headers=None):
    """Returns (status, parsed JSON or text, headers)."""
    h = dict(headers or {})
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    elif raw is not None:
        data = raw.encode()
        h["Content-Type"] = "application/json"
    elif body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(GW + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, text, rh = r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as e:
        status, text, rh = e.code, e.read().decode(), e.headers
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text
    return status, parsed, rh


def field(obj, *names):
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
    return None


def main():
    suffix = secrets.token_hex(4)
    seller_name = "E2E" + secrets.token_hex(3).upper()

    # --- Malformed JSON to a POST of every service: 400 problem+json (issue 4)
    for path in ["/api/v1/auth/sign-in", "/api/v1/devices/activate", "/api/v1/sessions", "/api/v1/licenses/validate"]:
        s, b, h = call("POST", path, raw="{bad")
        check(f"malformed JSON to {path} is 400 problem+json",
              s == 400 and "problem+json" in (h.get("Content-Type") or "") and field(b, "code"), f"{s} {b}")

    # --- People
    s, b, _ = call("POST", "/api/v1/auth/sign-in", {"login": ADMIN_USER, "password": ADMIN_PASSWORD})
    check("admin signs in", s == 200 and field(b, "access_token"), f"{s} {b}")
    admin = field(b, "access_token")

    s, b, _ = call("POST", "/api/v1/auth/register", {"username": "seller" + suffix, "email": f"seller{suffix}@e2e.test",
                                                     "password": "seller-pass-" + suffix, "role": "SELLER",
                                                     "seller_name": seller_name})
    check("seller registers", s == 201, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/sign-in", {"login": "seller" + suffix, "password": "seller-pass-" + suffix})
    check("seller signs in", s == 200, f"{s} {b}")
    seller = field(b, "access_token")

    # --- Products and keys in both schemes
    s, b, _ = call("POST", "/api/v1/products", {"code": "APP", "name": "E2E App", "key_scheme": "SEGMENTED",
                                               "default_term": "ANNUAL", "default_max_devices": 2}, seller)
    check("seller creates a segmented-key product", s == 201, f"{s} {b}")
    app_product = field(b, "id")
    s, b, _ = call("POST", "/api/v1/products", {"code": "PLUGIN", "name": "E2E Plugin", "key_scheme": "CHECKSUMMED",
                                               "default_term": "LIFETIME", "default_max_devices": 5}, seller)
    check("seller creates a checksummed-key product", s == 201, f"{s} {b}")
    plugin_product = field(b, "id")

    s, b, _ = call("POST", "/api/v1/licenses", {"product_id": app_product, "max_devices": 2, "privilege": "REGULAR"}, seller)
    key1 = field(b, "key")
    check("seller issues a segmented key", s == 201 and key1 and key1.startswith(seller_name + "-REGULAR-"), f"{s} {b}")
    license1 = field(field(b, "license"), "id")
    s, b, _ = call("POST", "/api/v1/licenses", {"product_id": plugin_product}, seller)
    key2 = field(b, "key")
    check("seller issues a checksummed key", s == 201 and key2 and key2.startswith("LMP-PLUGIN-"), f"{s} {b}")
    license2 = field(field(b, "license"), "id")

    # --- Customer
    s, b, _ = call("POST", "/api/v1/auth/register", {"username": "cust" + suffix, "email": f"cust{suffix}@e2e.test",
                                                     "password": "cust-pass-" + suffix})
    check("customer registers", s == 201, f"{s} {b}")
    customer = field(b, "access_token")
    s, b, _ = call("POST", "/api/v1/licenses/redeem", {"key": key1}, customer)
    check("customer redeems the segmented key (ACTIVE)", s == 200 and field(b, "status") == "ACTIVE", f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/licenses/redeem", {"key": key2}, customer)
    check("customer redeems the checksummed key", s == 200 and field(b, "status") == "ACTIVE", f"{s} {b}")
    s, b, _ = call("GET", "/api/v1/licenses", token=customer)
    items = field(b, "items") if isinstance(b, dict) else b
    check("the customer's list shows the licenses", s == 200 and isinstance(items, list)
          and {license1, license2} <= {field(i, "id") for i in items}, f"{s} {b}")

    # --- Devices: two of two, the third refused
    s, b, _ = call("POST", "/api/v1/devices/activate", {"license_key": key1, "device_id": "pc-1-" + suffix,
                                                       "hwid": "HW1" + suffix, "name": "Desk"})
    check("first device activates", s == 201, f"{s} {b}")
    device1 = field(b, "id", "device_row_id")
    s, b, _ = call("POST", "/api/v1/devices/activate", {"license_key": key1, "device_id": "pc-2-" + suffix,
                                                       "hwid": "HW2" + suffix})
    check("second device activates", s == 201, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/devices/activate", {"license_key": key1, "device_id": "pc-3-" + suffix,
                                                       "hwid": "HW3" + suffix})
    check("third device is refused (DEVICE_LIMIT_REACHED)", s == 409 and field(b, "code") == "DEVICE_LIMIT_REACHED", f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/devices/activate", {"license_key": key1, "device_id": "pc-1-" + suffix,
                                                       "hwid": "HW1" + suffix})
    check("re-activating a bound device takes no new slot", s == 200, f"{s} {b}")

    # --- Session, heartbeats, validation
    s, b, _ = call("POST", "/api/v1/sessions", {"license_key": key1, "device_id": "pc-1-" + suffix,
                                               "client_version": "1.0.0", "language": "en"})
    check("the app starts a session", s == 201 and field(b, "token"), f"{s} {b}")
    session_token = field(b, "token")
    s, b, _ = call("POST", "/api/v1/sessions/heartbeat", token=session_token)
    check("heartbeat answers ok", s == 200 and field(b, "status") == "ok", f"{s} {b}")
    time.sleep(2.2)
    s, b, _ = call("POST", "/api/v1/sessions/heartbeat", token=session_token)
    credited = field(b, "usage_seconds") or 0
    check("a later heartbeat credits the elapsed time", s == 200 and field(b, "status") == "ok"
          and (field(b, "credited_seconds") or 0) >= 2, f"{s} {b}")

    s, b, _ = call("POST", "/api/v1/licenses/validate", {"key": key1, "product": "APP", "device_id": "pc-1-" + suffix})
    check("validation says VALID", s == 200 and field(b, "valid") is True and field(b, "code") == "VALID", f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/licenses/validate", {"key": key1, "product": "APP", "device_id": "pc-3-" + suffix})
    check("validation of an unbound device says DEVICE_NOT_ACTIVATED",
          s == 200 and field(b, "valid") is False and field(b, "code") == "DEVICE_NOT_ACTIVATED", f"{s} {b}")

    # --- Statistics: the login and the credited usage reach stats-service through the streams
    deadline = time.time() + 20
    stats = None
    while time.time() < deadline:
        s, stats, _ = call("GET", f"/api/v1/stats/licenses/{license1}", token=seller)
        if s == 200 and (field(stats, "logins") or 0) >= 1 and (field(stats, "usage_seconds") or 0) >= credited > 0:
            break
        time.sleep(0.5)
    check("statistics show the login and the credited usage", s == 200 and (field(stats, "logins") or 0) >= 1
          and (field(stats, "usage_seconds") or 0) >= credited > 0, f"{s} {stats} credited={credited}")
    s, b, _ = call("GET", f"/api/v1/stats/licenses/{license1}", token=customer)
    check("the customer sees its own license statistics", s == 200, f"{s} {b}")

    # --- Legacy form endpoints (requirements 000/001) on the checksummed key
    dev_legacy = "legacy-" + suffix
    s, b, _ = call("POST", "/api/register_user.php", form={"license_key": key2, "device_id": dev_legacy, "user_name": "bob"})
    check("legacy register_user answers success", s == 200 and field(b, "status") == "success", f"{s} {b}")
    s, b, _ = call("POST", "/api/verify_key.php", form={"license_key": key2, "device_id": dev_legacy})
    check("legacy verify_key answers success", s == 200 and field(b, "status") == "success", f"{s} {b}")
    s, b, _ = call("POST", "/api/heartbeat.php", form={"license_key": key2, "device_id": dev_legacy})
    check("legacy heartbeat answers success", s == 200 and field(b, "status") == "success"
          and field(b, "message") == "Heartbeat received.", f"{s} {b}")
    s, b, _ = call("POST", "/api/heartbeat.php", form={"license_key": key2})
    check("legacy heartbeat without device answers error", s == 200 and field(b, "status") == "error", f"{s} {b}")
    s, b, _ = call("POST", "/api/verify_key.php", form={"license_key": "NOT-A-REAL-KEY-123", "device_id": dev_legacy})
    check("legacy verify_key of an unknown key answers error", s == 200 and field(b, "status") == "error", f"{s} {b}")

    # --- Suspension reaches the next heartbeat
    s, b, _ = call("POST", f"/api/v1/licenses/{license1}/suspend", {"reason": "e2e chargeback"}, seller)
    check("seller suspends the license", s == 200 and field(b, "status") == "SUSPENDED", f"{s} {b}")
    s, b, _ = call("GET", f"/api/v1/licenses/{license1}", token=seller)
    check("the seller sees SUSPENDED", s == 200 and field(b, "status") == "SUSPENDED", f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/sessions/heartbeat", token=session_token)
    check("the next heartbeat answers blocked", s == 200 and field(b, "status") == "blocked", f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/licenses/validate", {"key": key1, "product": "APP", "device_id": "pc-1-" + suffix})
    check("validation says SUSPENDED", s == 200 and field(b, "code") == "SUSPENDED", f"{s} {b}")
    s, b, _ = call("POST", f"/api/v1/licenses/{license2}/suspend", {"reason": "e2e"}, admin)
    s, b, _ = call("POST", "/api/heartbeat.php", form={"license_key": key2, "device_id": dev_legacy})
    check("legacy heartbeat of a suspended license answers blocked", s == 200 and field(b, "status") == "blocked", f"{s} {b}")

    # --- Sign-out blacklists the token in every service
    s, b, _ = call("GET", "/api/v1/stats/me", token=customer)
    check("customer token works in stats-service before sign-out", s == 200, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/sign-out", {}, customer)
    check("customer signs out", s in (200, 204), f"{s} {b}")
    s, b, _ = call("GET", "/api/v1/accounts/me", token=customer)
    check("the signed-out token is refused by license-service", s == 401, f"{s} {b}")
    s, b, _ = call("GET", "/api/v1/stats/me", token=customer)
    check("the signed-out token is refused by stats-service", s == 401, f"{s} {b}")
    s, b, _ = call("GET", f"/api/v1/devices?license_id={license1}", token=customer)
    check("the signed-out token is refused by device-service", s == 401, f"{s} {b}")

    # --- Account security: password reset from the delivered e-mail, 2FA sign-in, cookie mode (issue 17)
    import e2e_account_security
    e2e_account_security.run(call, check, field)

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
