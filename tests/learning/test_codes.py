from binhdan.learning.codes import ALPHABET, format_code, new_code, normalize_code


def test_new_code_uses_twelve_unambiguous_characters():
    code = new_code()

    assert len(code) == 12
    assert set(code) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)


def test_new_codes_differ_each_time():
    codes = {new_code() for _ in range(500)}

    assert len(codes) == 500


def test_format_code_groups_by_four():
    assert format_code("ABCD2345EFGH") == "ABCD-2345-EFGH"


def test_normalize_code_ignores_case_spaces_and_dashes():
    assert normalize_code(" abcd-2345 efgh ") == "ABCD2345EFGH"


def test_normalize_code_reads_lookalike_letters_as_digits():
    assert normalize_code("OBCD-I345-EFGL") == "0BCD1345EFG1"


def test_normalize_code_rejects_wrong_length_and_letters():
    assert normalize_code("ABCD-2345") == ""
    assert normalize_code("ABCD-2345-EFG!") == ""
