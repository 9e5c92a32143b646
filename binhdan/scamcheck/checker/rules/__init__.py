"""The checker's rules, one function each, registered in the order they run.

Each rule has a stable ``code`` (the contract for clients), a usual ``weight`` and a
``group`` that tells ``scoring`` how it combines with others.
"""

from . import community, links, lists, pretexts, requests, style  # noqa: F401  (registers)
from .base import REGISTRY, Context, Group, Hit, Rule, rule

RULES: tuple[Rule, ...] = tuple(REGISTRY)
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}

__all__ = ["RULES", "RULES_BY_CODE", "Context", "Group", "Hit", "Rule", "rule"]
