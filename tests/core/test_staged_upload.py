import pytest

from binhdan.core import staged_upload


@pytest.fixture(autouse=True)
def _upload_dir(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path


def test_a_staged_upload_comes_back_for_the_same_binding():
    ticket = staged_upload.stage(kind="t", data=b"abc", filename="a.xlsx", bound={"user": 1})

    data, filename, token = staged_upload.unstage(kind="t", ticket=ticket, bound={"user": 1})

    assert (data, filename) == (b"abc", "a.xlsx")
    staged_upload.discard(kind="t", token=token)
    with pytest.raises(staged_upload.UploadExpired):
        staged_upload.unstage(kind="t", ticket=ticket, bound={"user": 1})


def test_another_user_or_kind_cannot_use_the_ticket():
    ticket = staged_upload.stage(kind="t", data=b"abc", filename="a.csv", bound={"user": 1})

    with pytest.raises(staged_upload.UploadMismatch):
        staged_upload.unstage(kind="t", ticket=ticket, bound={"user": 2})
    with pytest.raises(staged_upload.UploadExpired):
        staged_upload.unstage(kind="other", ticket=ticket, bound={"user": 1})


def test_a_forged_ticket_is_expired_not_an_error():
    with pytest.raises(staged_upload.UploadExpired):
        staged_upload.unstage(kind="t", ticket="not-a-ticket", bound={})
