"""Every rule matters: for each of the registered rules, an example message whose result
changes when that one rule is switched off (its code disappears and the score drops)."""

import pytest

from binhdan.scamcheck.checker import (
    RULE_CODES,
    DomainLists,
    ReportedMatch,
    check_text,
    engine,
)
from binhdan.scamcheck.checker.rules import RULES

from .test_checker_rules import FIRES

PLAIN = (
    "Quy khach vui long chuyen tien vao tai khoan de hoan tat thu tuc nhan qua trong ngay hom nay"
)
REPORTED = "Goi lai ngay cho so 0900 000 123 nhe"
BLOCKED = "Xem ảnh ở trang-anh-dep.com nhé"
LISTS = DomainLists([("trang-anh-dep.com", "block", "Danh sách thử")])


class OneReportedPhone:
    def matches(self, *, phones, domains, accounts):
        return [ReportedMatch(kind="phone", value="+84900000123", report_count=2)]


def example_for(code: str) -> str:
    if code == "no_diacritics":
        return PLAIN
    if code == "reported_by_community":
        return REPORTED
    if code == "blocklisted_domain":
        return BLOCKED
    return next(text for rule_code, text in FIRES if rule_code == code)


def run(text: str):
    return check_text(text, reported=OneReportedPhone(), domain_lists=LISTS)


def test_there_are_26_rules_with_distinct_codes() -> None:
    assert len(RULE_CODES) == len(set(RULE_CODES)) == 26


@pytest.mark.parametrize("code", RULE_CODES)
def test_switching_one_rule_off_changes_its_example(code: str, monkeypatch) -> None:
    # given
    text = example_for(code)
    with_rule = run(text)
    # when
    monkeypatch.setattr(engine, "RULES", tuple(r for r in RULES if r.code != code))
    without_rule = run(text)
    # then
    assert code in with_rule.codes
    assert code not in without_rule.codes
    assert without_rule.score < with_rule.score
