"""How a citizen is shown where the public (or a wall of staff) can see: never in full."""


def mask_name(full_name: str) -> str:
    """'Nguyễn Văn An' → 'Nguyễn V*** A***': the family name and initials only.

    Used by the certificate verify page and the live wall, so one person reads the same
    everywhere."""
    words = full_name.split()
    if not words:
        return ""
    return " ".join([words[0]] + [f"{w[0]}***" for w in words[1:]])
