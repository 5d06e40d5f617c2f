"""ID token validation, OpenID Connect Core 1.0 section 3.1.3.7: signature by the IdP's published key, iss exactly
the issuer, aud containing our client id (azp when there are several), exp and iat, and the nonce we sent."""

from authlib.jose.errors import JoseError
from authlib.oidc.core import CodeIDToken

from .jwt_checks import LEEWAY_SECONDS, InvalidToken, decode


def verify_id_token(token, provider, client_id, nonce, access_token=None):
    claims = decode(token, provider.signing_key, claims_cls=CodeIDToken,
                    claims_options={"iss": {"essential": True, "value": provider.issuer},
                                    "aud": {"essential": True, "value": client_id},
                                    "sub": {"essential": True}},
                    # authlib checks nonce, azp and (when given) at_hash against these.
                    claims_params={"nonce": nonce, "client_id": client_id, "access_token": access_token})
    try:
        claims.validate(leeway=LEEWAY_SECONDS)
    except JoseError as e:
        raise InvalidToken("ID token claim: %s" % (e.description or e.error)) from None
    return dict(claims)
