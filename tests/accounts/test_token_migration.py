"""accounts 0002 and 0003: tokens get an expiry; tokens minted for another user are revoked."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0003_token_expiry_backfill")]


@pytest.fixture
def back_to_latest_afterwards():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest_afterwards")
def test_existing_tokens_expire_180_days_after_issue_and_minted_ones_are_revoked():
    # given the schema before the change, with a personal token and one minted for another
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("accounts", "User")
    ApiToken = old.get_model("accounts", "ApiToken")
    officer = User.objects.create(username="officer")
    operator = User.objects.create(username="operator")
    issued = timezone.now() - dt.timedelta(days=10)
    own = ApiToken.objects.create(
        user=officer, created_by=officer, name="a", prefix="bd_a", key_hash="a" * 64
    )
    minted = ApiToken.objects.create(
        user=operator, created_by=officer, name="b", prefix="bd_b", key_hash="b" * 64
    )
    ApiToken.objects.update(created_at=issued)

    # when migrating
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("accounts", "ApiToken")

    # then
    own, minted = new.objects.get(pk=own.pk), new.objects.get(pk=minted.pk)
    assert own.expires_at == issued + dt.timedelta(days=180)
    assert own.revoked_at is None
    assert minted.expires_at == issued + dt.timedelta(days=180)
    assert minted.revoked_at is not None
    assert own.bridge_point_id is None
