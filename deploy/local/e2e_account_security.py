"""Account security through the gateway (issue 17), for e2e_journey.py; standard library only.

A customer forgets the password and resets it from the e-mail the local SMTP sink delivered
(read from its Maildir); a seller turns two-factor sign-in on and signs in with a TOTP code
computed here (RFC 6238 with hmac/hashlib/struct/base64); a browser-style sign-in keeps the
refresh token in the lm_refresh cookie.
"""
import base64
import email
import email.policy
import hashlib
import hmac
import mailbox
import os
import re
import secrets
import struct
import time

MAILDIR = os.environ.get("LM_MAILDIR", "/var/tmp/licensing-mail")


def totp(secret_b32, step):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000
    return f"{code:06d}"


def mails_to(address, subject):
    """Text parts of the messages to this address with this subject, from the sink's Maildir."""
    found = []
    for msg in mailbox.Maildir(MAILDIR, factory=None, create=False):
        parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
        if address.lower() in str(parsed.get("To", "")).lower() and parsed.get("Subject") == subject:
            part = parsed.get_body(preferencelist=("plain",))
            found.append(part.get_content() if part else "")
    return found


def await_mail(address, subject, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        got = mails_to(address, subject)
        if got:
            return got[-1]
        time.sleep(0.5)
    return None


def run(call, check, field):
    suffix = secrets.token_hex(4)

    # --- A customer resets a forgotten password from the delivered e-mail
    addr = f"forgetful{suffix}@e2e.test"
    s, b, _ = call("POST", "/api/v1/auth/register", {"username": "forgetful" + suffix, "email": addr,
                                                     "password": "first-pass-" + suffix})
    check("a customer registers (reset journey)", s == 201, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/password-reset", {"email": addr})
    check("password reset answers 202", s == 202, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/password-reset", {"email": f"nobody{suffix}@e2e.test"})
    check("password reset of an unknown address answers 202 too", s == 202, f"{s} {b}")
    text = await_mail(addr, "Reset your password")
    check("the reset e-mail is delivered to the SMTP sink", text is not None, MAILDIR)
    m = re.search(r"token=([A-Za-z0-9_-]+)", text or "")
    token = m.group(1) if m else ""
    s, b, _ = call("POST", "/api/v1/auth/password-reset/confirm", {"token": token, "new_password": "second-pass-" + suffix})
    check("the customer sets a new password with the mailed token", s == 204, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/password-reset/confirm", {"token": token, "new_password": "third-pass-" + suffix})
    check("the mailed token works once", s == 400 and field(b, "code") == "INVALID_RESET_TOKEN", f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/sign-in", {"login": addr, "password": "first-pass-" + suffix})
    check("the old password is refused", s == 401, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/sign-in", {"login": addr, "password": "second-pass-" + suffix})
    check("the new password signs in", s == 200 and field(b, "access_token"), f"{s} {b}")

    # --- A seller signs in with two-factor authentication
    name = "tfaseller" + suffix
    s, b, _ = call("POST", "/api/v1/auth/register", {"username": name, "email": f"{name}@e2e.test",
                                                     "password": "tfa-pass-" + suffix, "role": "SELLER",
                                                     "seller_name": "TFA" + secrets.token_hex(3).upper()})
    check("a seller registers (2FA journey)", s == 201, f"{s} {b}")
    seller = field(b, "access_token")
    s, b, _ = call("POST", "/api/v1/accounts/me/2fa", {}, seller)
    secret = field(b, "secret") or ""
    check("the seller starts 2FA enrolment", s == 200 and str(field(b, "otpauth_uri")).startswith("otpauth://totp/"), f"{s} {b}")
    step = int(time.time()) // 30
    s, b, _ = call("POST", "/api/v1/accounts/me/2fa/confirm", {"code": totp(secret, step)}, seller)
    check("a first code turns 2FA on with ten recovery codes", s == 200 and len(field(b, "recovery_codes") or []) == 10, f"{s} {b}")
    s, b, _ = call("POST", "/api/v1/auth/sign-in", {"login": name, "password": "tfa-pass-" + suffix})
    check("sign-in answers a 2FA challenge", s == 200 and field(b, "two_factor_required") is True and field(b, "challenge"), f"{s} {b}")
    challenge = field(b, "challenge")
    # The confirming code's step is spent (replays are refused): the next step's code is within the window.
    s, b, _ = call("POST", "/api/v1/auth/sign-in/2fa", {"challenge": challenge, "code": totp(secret, step + 1)})
    check("the seller signs in with a TOTP code", s == 200 and field(b, "access_token"), f"{s} {b}")
    s, b, _ = call("GET", "/api/v1/accounts/me", token=field(b, "access_token"))
    check("the 2FA seller's token works", s == 200 and field(b, "two_factor_enabled") is True, f"{s} {b}")

    # --- Browser mode: the refresh token in an HttpOnly cookie
    s, b, h = call("POST", "/api/v1/auth/sign-in", {"login": addr, "password": "second-pass-" + suffix},
                   headers={"X-Refresh-Mode": "cookie"})
    cookie = h.get("Set-Cookie") or ""
    check("cookie-mode sign-in sets lm_refresh and leaves it out of the body",
          s == 200 and cookie.startswith("lm_refresh=") and "HttpOnly" in cookie and field(b, "refresh_token") is None, f"{s} {cookie}")
    s, b, h = call("POST", "/api/v1/auth/refresh", headers={"Cookie": cookie.split(";")[0]})
    check("refresh reads the cookie and rotates it", s == 200 and (h.get("Set-Cookie") or "").startswith("lm_refresh="), f"{s} {b}")
