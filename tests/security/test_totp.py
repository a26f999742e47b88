"""TOTP against the published test vectors of RFC 4226 (appendix D) and RFC 6238 (appendix B)."""

from __future__ import annotations

import base64

import pytest

from coachlens.security.totp import hotp, new_secret, provisioning_uri, step_at, totp, verify_code

# The RFCs' shared secret "12345678901234567890" (ASCII), in base32 as authenticator apps store it.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()

RFC4226_CODES = [
    "755224",
    "287082",
    "359152",
    "969429",
    "338314",
    "254676",
    "287922",
    "162583",
    "399871",
    "520489",
]


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(RFC4226_CODES)))
def test_hotp_matches_rfc4226_appendix_d(counter: int, expected: str) -> None:
    assert hotp(RFC_SECRET, counter) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_totp_matches_rfc6238_appendix_b_sha1(moment: int, expected: str) -> None:
    assert totp(RFC_SECRET, moment, digits=8) == expected


def test_a_code_is_accepted_one_step_either_side_and_not_two() -> None:
    secret = new_secret()
    now = 1_700_000_000.0
    code = totp(secret, now)
    assert verify_code(secret, code, moment=now) == step_at(now)
    assert verify_code(secret, code, moment=now + 30) == step_at(now)
    assert verify_code(secret, code, moment=now - 30) == step_at(now)
    assert verify_code(secret, code, moment=now + 90) is None


def test_a_used_step_cannot_be_replayed() -> None:
    secret = new_secret()
    now = 1_700_000_000.0
    used = verify_code(secret, totp(secret, now), moment=now)
    assert used is not None
    assert verify_code(secret, totp(secret, now), moment=now + 5, after_step=used) is None
    # The next step's code still works.
    assert verify_code(secret, totp(secret, now + 30), moment=now + 30, after_step=used) == used + 1


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_are_refused(bad: str) -> None:
    assert verify_code(new_secret(), bad, moment=0) is None


def test_codes_with_spaces_as_apps_show_them_are_read() -> None:
    secret = new_secret()
    code = totp(secret, 1000.0)
    assert verify_code(secret, f"{code[:3]} {code[3:]}", moment=1000.0) == step_at(1000.0)


def test_secrets_are_fresh_base32_of_160_bits() -> None:
    a, b = new_secret(), new_secret()
    assert a != b
    assert len(base64.b32decode(a + "=" * (-len(a) % 8))) == 20


def test_provisioning_uri_names_issuer_account_and_secret() -> None:
    uri = provisioning_uri("JBSWY3DPEHPK3PXP", "ruth@example.org")
    assert uri.startswith("otpauth://totp/coachlens:ruth@example.org?")
    assert "secret=JBSWY3DPEHPK3PXP" in uri
    assert "issuer=coachlens" in uri
