"""From reasons to a score in 0..1 and a verdict.

Independent signs combine as ``1 - Π(1 - w)``. A request (a secret, money, a fee, an app, a
login) is what turns a story into a scam, so a request together with a pretext (impersonation,
threats, a prize…) or a risky link adds a combination bonus. In a message that warns about
scams, the signs it describes count for much less.
"""

from collections.abc import Iterable
from dataclasses import replace

from .result import Reason, Verdict
from .rules import RULES_BY_CODE, Group

DANGER = 0.7
SUSPICIOUS = 0.35

# How much a sign counts in a warning about scams ("kẻ gian giả danh công an yêu cầu…").
WARNING_DAMPING = {Group.REQUEST: 0.25, Group.PRESSURE: 0.25, Group.LURE: 0.25, Group.LINK: 0.6}

_AUTHORITY_PRESSURE = {"impersonation", "threat_urgency"}
_OTHER_PRESSURE = {"family_emergency", "secrecy"}

# (what must be there, what must be there too, bonus weight)
COMBINATIONS: tuple[tuple[str, str, float], ...] = (
    ("request", "authority", 0.3),
    ("request", "link", 0.25),
    ("request", "other_pressure", 0.2),
    ("request", "second_request", 0.15),
    ("link", "authority_or_lure", 0.15),
)


def group_of(code: str) -> Group:
    return RULES_BY_CODE[code].group


def dampen(reasons: Iterable[Reason], *, warning: bool) -> list[Reason]:
    if not warning:
        return list(reasons)
    out = []
    for reason in reasons:
        factor = WARNING_DAMPING.get(group_of(reason.code), 1.0)
        out.append(replace(reason, weight=round(reason.weight * factor, 3)))
    return out


def _present(weights: dict[str, float]) -> dict[str, bool]:
    requests = [code for code in weights if group_of(code) is Group.REQUEST]
    lure = any(group_of(code) is Group.LURE for code in weights)
    return {
        "request": bool(requests),
        "second_request": len(requests) >= 2,
        "authority": bool(_AUTHORITY_PRESSURE & weights.keys()),
        "other_pressure": lure or bool(_OTHER_PRESSURE & weights.keys()),
        "link": any(group_of(code) is Group.LINK for code in weights),
        "authority_or_lure": lure or bool(_AUTHORITY_PRESSURE & weights.keys()),
    }


def score(reasons: Iterable[Reason], *, warning: bool = False) -> float:
    """Combine the reasons' weights (the strongest per code) into a score in 0..1."""
    weights: dict[str, float] = {}
    for reason in reasons:
        weights[reason.code] = max(weights.get(reason.code, 0.0), reason.weight)
    if not weights:
        return 0.0
    remaining = 1.0
    for weight in weights.values():
        remaining *= 1.0 - min(max(weight, 0.0), 0.99)
    present = _present(weights)
    factor = 0.0 if warning else 1.0  # a warning names requests and pretexts together
    for first, second, bonus in COMBINATIONS:
        if present[first] and present[second]:
            remaining *= 1.0 - bonus * factor
    return round(min(1.0, max(0.0, 1.0 - remaining)), 3)


def verdict_for(value: float) -> Verdict:
    if value >= DANGER:
        return "danger"
    if value >= SUSPICIOUS:
        return "suspicious"
    return "no_sign"
