"""Production refuses to start without its keys; development runs with safe defaults."""

import os
import subprocess
import sys

import pytest

CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_with(env: dict) -> subprocess.CompletedProcess:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "BINHDAN_IDENTITY_KEY", "BINHDAN_ENV", "DEBUG"}
    }
    clean_env["DJANGO_SETTINGS_MODULE"] = "binhdan.config.settings"
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", CHECK], env=clean_env, capture_output=True, text=True, timeout=60
    )


def test_production_without_identity_key_refuses_to_start(tmp_path):
    result = run_with(
        {"BINHDAN_ENV": "production", "SECRET_KEY": "s" * 50, "BINHDAN_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "BINHDAN_IDENTITY_KEY must be set" in result.stderr


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = run_with(
        {
            "BINHDAN_ENV": "production",
            "BINHDAN_IDENTITY_KEY": "k" * 40,
            "BINHDAN_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_with_keys_starts_with_debug_off(tmp_path):
    result = run_with(
        {
            "BINHDAN_ENV": "production",
            "SECRET_KEY": "s" * 50,
            "BINHDAN_IDENTITY_KEY": "k" * 40,
            "BINHDAN_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.django_db
def test_init_local_creates_identity_key_once(tmp_path, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    settings.IDENTITY_KEY_FILE = tmp_path / "identity.key"

    call_command("init_local", stdout=StringIO())
    first = settings.IDENTITY_KEY_FILE.read_text()
    call_command("init_local", stdout=StringIO())

    assert len(first.strip()) >= 48
    assert settings.IDENTITY_KEY_FILE.read_text() == first
    assert oct(settings.IDENTITY_KEY_FILE.stat().st_mode & 0o777) == "0o600"


def run_check(env: dict, tmp_path) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    clean_env.update(
        {
            "DJANGO_SETTINGS_MODULE": "binhdan.config.settings",
            "BINHDAN_ENV": "production",
            "SECRET_KEY": "s" * 50,
            "BINHDAN_IDENTITY_KEY": "k" * 40,
            "BINHDAN_VAR_DIR": str(tmp_path),
        }
    )
    clean_env.update(env)
    code = "from django.core.management import execute_from_command_line as m; m(['x', 'check'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean_env, capture_output=True, text=True, timeout=60
    )


def test_production_without_shared_cache_fails_the_system_check(tmp_path):
    result = run_check({}, tmp_path)

    assert result.returncode != 0
    assert "binhdan.E001" in result.stderr


def test_production_with_redis_passes_the_system_check(tmp_path):
    # the check reads the settings only: nothing connects to this address
    result = run_check({"REDIS_URL": "redis://redis.invalid:6379/0"}, tmp_path)

    assert result.returncode == 0, result.stderr
    assert "binhdan.E001" not in result.stderr + result.stdout
