import pytest

from conference import config


@pytest.fixture
def clean_environment(monkeypatch):
    for name in ("SECRET_KEY", "CONFERENCE_ENV", "DATABASE_URL", "MAIL_SERVER"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_without_secret_key_refuses_to_start(clean_environment, tmp_path):
    clean_environment.setenv("CONFERENCE_ENV", "production")
    with pytest.raises(config.ConfigurationError, match="SECRET_KEY"):
        config.from_environment(tmp_path)


def test_production_with_short_secret_key_refuses_to_start(clean_environment, tmp_path):
    clean_environment.setenv("CONFERENCE_ENV", "production")
    clean_environment.setenv("SECRET_KEY", "changeme")
    with pytest.raises(config.ConfigurationError):
        config.from_environment(tmp_path)


def test_production_with_real_secret_key_starts_with_secure_cookies(clean_environment, tmp_path):
    clean_environment.setenv("CONFERENCE_ENV", "production")
    clean_environment.setenv("SECRET_KEY", "k" * 40)
    settings = config.from_environment(tmp_path)
    assert settings["SECRET_KEY"] == "k" * 40
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert not (tmp_path / "secret_key").exists()


def test_development_secret_key_is_generated_once_and_kept(clean_environment, tmp_path):
    first = config.from_environment(tmp_path)["SECRET_KEY"]
    second = config.from_environment(tmp_path)["SECRET_KEY"]
    assert first == second
    assert len(first) == 64
    assert (tmp_path / "secret_key").read_text() == first


def test_default_database_is_sqlite_in_instance_folder(clean_environment, tmp_path):
    assert (
        config.from_environment(tmp_path)["SQLALCHEMY_DATABASE_URI"]
        == "sqlite:///conference.sqlite"
    )


@pytest.mark.parametrize("given", ["postgres://u:p@db/conf", "postgresql://u:p@db/conf"])
def test_database_url_names_the_psycopg_driver(clean_environment, tmp_path, given):
    clean_environment.setenv("DATABASE_URL", given)
    assert config.from_environment(tmp_path)["SQLALCHEMY_DATABASE_URI"] == (
        "postgresql+psycopg://u:p@db/conf"
    )


def test_overrides_win_over_environment(clean_environment, tmp_path):
    clean_environment.setenv("MAIL_SERVER", "smtp.example.vn")
    settings = config.from_environment(tmp_path, {"MAIL_SERVER": "", "SECRET_KEY": "x" * 40})
    assert settings["MAIL_SERVER"] == ""
    assert not (tmp_path / "secret_key").exists()
