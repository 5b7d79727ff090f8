"""placeplan.config.env.Env: typed reading of the environment that collects every problem."""

import pytest

from placeplan.config.env import ConfigurationError, Env


def test_str_returns_the_value():
    assert Env(source={"SECRET_KEY": "abc"}).str("SECRET_KEY") == "abc"


def test_str_uses_the_default_when_missing_or_empty():
    env = Env(source={"EMPTY": ""})
    assert env.str("MISSING", "fallback") == "fallback"
    assert env.str("EMPTY", "fallback") == "fallback"
    assert env.problems == []


@pytest.mark.parametrize("source", [{}, {"SECRET_KEY": ""}])
def test_missing_required_value_is_a_problem(source):
    env = Env(source=source)
    assert env.str("SECRET_KEY") == ""
    assert env.problems == ["SECRET_KEY must be set."]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" TRUE ", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("OFF", False),
    ],
)
def test_bool_values(raw, expected):
    env = Env(source={"DEBUG": raw})
    assert env.bool("DEBUG", not expected) is expected
    assert env.problems == []


@pytest.mark.parametrize("default", [True, False])
def test_bool_default_when_missing_or_empty(default):
    env = Env(source={"EMPTY": ""})
    assert env.bool("MISSING", default) is default
    assert env.bool("EMPTY", default) is default
    assert env.problems == []


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "y"])
def test_bad_bool_is_a_problem_and_falls_back(raw):
    env = Env(source={"DEBUG": raw})
    assert env.bool("DEBUG", False) is False
    assert env.problems == [f"DEBUG must be true or false (got {raw!r})."]


def test_int_values():
    env = Env(source={"LIMIT": "7", "NEGATIVE": "-3", "EMPTY": ""})
    assert env.int("LIMIT", 5) == 7
    assert env.int("NEGATIVE", 5) == -3
    assert env.int("EMPTY", 5) == 5
    assert env.int("MISSING", 5) == 5
    assert env.problems == []


@pytest.mark.parametrize("raw", ["five", "2.5", "1e3", "0x10"])
def test_bad_int_is_a_problem_and_falls_back(raw):
    env = Env(source={"AXES_FAILURE_LIMIT": raw})
    assert env.int("AXES_FAILURE_LIMIT", 5) == 5
    assert env.problems == [f"AXES_FAILURE_LIMIT must be a whole number (got {raw!r})."]


def test_int_minimum():
    env = Env(source={"AT_MINIMUM": "1", "BELOW": "0", "FAR_BELOW": "-4"})
    assert env.int("AT_MINIMUM", 5, minimum=1) == 1
    assert env.problems == []
    assert env.int("BELOW", 5, minimum=1) == 5
    assert env.int("FAR_BELOW", 15, minimum=1) == 15
    assert env.problems == [
        "BELOW must be at least 1 (got 0).",
        "FAR_BELOW must be at least 1 (got -4).",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.org", ["example.org"]),
        ("a.example, b.example ,c.example", ["a.example", "b.example", "c.example"]),
        ("a.example,,b.example,", ["a.example", "b.example"]),
        (" , ", []),
    ],
)
def test_list_parsing(raw, expected):
    assert Env(source={"ALLOWED_HOSTS": raw}).list("ALLOWED_HOSTS", ["default"]) == expected


@pytest.mark.parametrize("source", [{}, {"ALLOWED_HOSTS": ""}, {"ALLOWED_HOSTS": "   "}])
def test_list_default_when_missing_or_blank(source):
    assert Env(source=source).list("ALLOWED_HOSTS", ["localhost"]) == ["localhost"]


def test_check_passes_without_problems():
    env = Env(source={"SECRET_KEY": "x", "DEBUG": "true"})
    env.str("SECRET_KEY")
    env.bool("DEBUG", False)
    env.check()  # does not raise


def test_check_lists_every_problem():
    env = Env(source={"DEBUG": "perhaps", "AXES_FAILURE_LIMIT": "lots", "AXES_COOLOFF": "0"})
    env.str("SECRET_KEY")
    env.bool("DEBUG", False)
    env.int("AXES_FAILURE_LIMIT", 5, minimum=1)
    env.int("AXES_COOLOFF", 15, minimum=1)
    with pytest.raises(ConfigurationError) as caught:
        env.check()
    assert str(caught.value) == (
        "Placeplan cannot start:\n"
        "  - SECRET_KEY must be set.\n"
        "  - DEBUG must be true or false (got 'perhaps').\n"
        "  - AXES_FAILURE_LIMIT must be a whole number (got 'lots').\n"
        "  - AXES_COOLOFF must be at least 1 (got 0)."
    )


def test_reads_os_environ_by_default(monkeypatch):
    monkeypatch.setenv("PLACEPLAN_TEST_VALUE", "from-environment")
    assert Env().str("PLACEPLAN_TEST_VALUE") == "from-environment"
