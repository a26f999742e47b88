"""Deterministic held-out splits and label mappings shared by training and evaluation.

A split is decided by a hash of the item's group (a Reddit thread, an ISEAR respondent, an
EmpatheticDialogues conversation), never by a random draw, so `coachlens train` and
`coachlens evaluate` agree on every machine and no group straddles train and test.
"""

from __future__ import annotations

import hashlib

HELD_OUT_SHARE = 0.2


def is_held_out(group: str, share: float = HELD_OUT_SHARE) -> bool:
    """Return True when ``group`` belongs to the held-out slice (about ``share`` of groups)."""
    digest = hashlib.sha256(group.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


# GoEmotions labels -> the seven families (DOMAIN.md). Labels not listed carry no family
# (neutral, surprise, curiosity, confusion, realization, desire, disgust, approval).
GOEMOTIONS_FAMILIES: dict[str, str] = {
    "anger": "anger",
    "annoyance": "anger",
    "disapproval": "anger",
    "fear": "fear",
    "nervousness": "fear",
    "sadness": "sadness",
    "grief": "sadness",
    "disappointment": "sadness",
    "embarrassment": "shame",
    "remorse": "guilt",
    "joy": "joy",
    "amusement": "joy",
    "excitement": "joy",
    "optimism": "joy",
    "pride": "joy",
    "relief": "joy",
    "gratitude": "joy",
    "love": "love",
    "caring": "love",
    "admiration": "love",
}

# ISEAR's seven emotions: disgust has no family here and is left out.
ISEAR_FAMILIES: dict[str, str] = {
    "anger": "anger",
    "fear": "fear",
    "sadness": "sadness",
    "shame": "shame",
    "guilt": "guilt",
    "joy": "joy",
}

# EmpatheticDialogues prompt emotions -> families (weak labels: the conversation's emotion).
EMPATHETIC_FAMILIES: dict[str, str] = {
    "angry": "anger",
    "annoyed": "anger",
    "furious": "anger",
    "jealous": "anger",
    "afraid": "fear",
    "anxious": "fear",
    "apprehensive": "fear",
    "terrified": "fear",
    "sad": "sadness",
    "devastated": "sadness",
    "disappointed": "sadness",
    "lonely": "sadness",
    "ashamed": "shame",
    "embarrassed": "shame",
    "guilty": "guilt",
    "joyful": "joy",
    "excited": "joy",
    "proud": "joy",
    "content": "joy",
    "grateful": "joy",
    "hopeful": "joy",
    "caring": "love",
    "trusting": "love",
    "faithful": "love",
    "sentimental": "love",
}


def goemotions_family(labels: tuple[str, ...]) -> str | None:
    """Return the one family of a GoEmotions row, "none" for neutral, None when ambiguous."""
    if labels == ("neutral",):
        return "none"
    families = {GOEMOTIONS_FAMILIES[label] for label in labels if label in GOEMOTIONS_FAMILIES}
    return families.pop() if len(families) == 1 else None
