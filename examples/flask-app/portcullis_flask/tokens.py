"""What the server-side session keeps of a token response."""

import time


def tokens_of(answer, previous=None):
    """A refresh may leave out the refresh token (not rotated) or the ID token: the previous ones stay."""
    previous = previous or {}
    expires_in = answer.get("expires_in")
    return {
        "access_token": answer["access_token"],
        "refresh_token": answer.get("refresh_token") or previous.get("refresh_token"),
        "id_token": answer.get("id_token") or previous.get("id_token"),
        "expires_at": time.time() + (expires_in if isinstance(expires_in, (int, float)) else 60),
    }
