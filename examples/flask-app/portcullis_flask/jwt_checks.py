"""What every token this app verifies shares: a compact JWS (never a JWE), signed with an algorithm we chose, by a
key the IdP publishes. The claim rules live with each token (id_token.py, logout_token.py)."""

from authlib.jose import JsonWebToken
from authlib.jose.errors import JoseError

# What the IdP signs with (RS256 by default, ES256 when configured). Never "none", never an HMAC: with a list of
# public-key algorithms, a token cannot talk us into checking its signature with the public key as a shared secret.
ALGORITHMS = ["RS256", "ES256"]

# Clocks of two machines differ: a minute either way on exp and iat.
LEEWAY_SECONDS = 60

_JWT = JsonWebToken(ALGORITHMS)


class InvalidToken(ValueError):
    """A token that must be refused, with the reason (safe to log and to answer: it holds no token material)."""


def decode(token, key_loader, claims_cls=None, claims_options=None, claims_params=None):
    """Checks form and signature and returns the claims (not yet validated)."""
    if not isinstance(token, str) or token.count(".") != 2:
        # Five parts would be a JWE, which authlib would try to decrypt; we expect only signed tokens.
        raise InvalidToken("not a signed JWT (compact JWS with three parts)")
    try:
        return _JWT.decode(token, key_loader, claims_cls=claims_cls, claims_options=claims_options,
                           claims_params=claims_params)
    except (JoseError, ValueError, TypeError, KeyError) as e:
        # IdpUnavailable (keys could not be fetched) is not caught here: that is our problem, not the token's.
        raise InvalidToken("signature or format: %s" % _describe(e)) from None


def _describe(error):
    return getattr(error, "description", None) or getattr(error, "error", None) or error.__class__.__name__
