"""The lock files script/bootstrap installs from agree with pyproject.toml: every declared
dependency is pinned, in the right lock, at a version its specifier allows; every line
is one exact version with its hashes; the tests run the versions production runs
(docs/dependencies.md, "Updating the pinned versions"). Reads text only: no network, no pip."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def _pins(lock: str, lock_name: str, problems: list[str]) -> dict[str, set[str]]:
    """Each package's pinned versions (one per marker branch) that apply here; every
    line that is not one exact version with a sha256 hash goes into ``problems``."""
    pins: dict[str, set[str]] = {}
    for line in lock.replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = line.split(" #", 1)[0]
        requirement_text, _, options = line.partition(" --")
        options = f"--{options}" if options else ""
        if line.startswith("-"):
            problems.append(f"{lock_name}: an option or unpinned source: {line}")
            continue
        try:
            requirement = Requirement(requirement_text.strip())
        except InvalidRequirement:
            problems.append(f"{lock_name}: not a requirement: {requirement_text}")
            continue
        specifiers = list(requirement.specifier)
        if (
            requirement.url
            or len(specifiers) != 1
            or specifiers[0].operator != "=="
            or "*" in specifiers[0].version
        ):
            problems.append(f"{lock_name}: not pinned to one version: {requirement_text}")
            continue
        tokens = options.split()
        if not tokens or not all(HASH.fullmatch(token) for token in tokens):
            problems.append(f"{lock_name}: {requirement.name} has no sha256 hash on every option")
            continue
        if requirement.marker is None or requirement.marker.evaluate():
            pins.setdefault(canonicalize_name(requirement.name), set()).add(specifiers[0].version)
    return pins


def _check_declared(
    declared: list[str], pins: dict[str, set[str]], lock_name: str, problems: list[str]
) -> None:
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{lock_name}: {requirement.name} ({text}) is not pinned")
            continue
        for version in sorted(pins[name]):
            if not requirement.specifier.contains(version, prereleases=True):
                problems.append(f"{lock_name}: {requirement.name}=={version} is outside {text}")


def lock_problems(pyproject: str, base_lock: str, test_lock: str) -> list[str]:
    """What is wrong with the two lock files for this pyproject.toml, in plain words."""
    project = tomllib.loads(pyproject)["project"]
    runtime = project["dependencies"]
    test_extra = project["optional-dependencies"]["test"]
    problems: list[str] = []
    base = _pins(base_lock, "base.lock", problems)
    test = _pins(test_lock, "test.lock", problems)
    _check_declared(runtime, base, "base.lock", problems)
    _check_declared([*runtime, *test_extra], test, "test.lock", problems)
    for text in test_extra:
        name = canonicalize_name(Requirement(text).name)
        if name in base:
            problems.append(f"base.lock: the test tool {name} is installed in production")
    for name, versions in sorted(base.items()):
        if test.get(name) != versions:
            problems.append(
                f"test.lock: {name} {sorted(test.get(name, ()))} differs from base.lock "
                f"{sorted(versions)}: the tests would not run what production runs"
            )
    return problems


FILES = PYPROJECT, BASE, TEST = (
    "pyproject.toml",
    "requirements/base.lock",
    "requirements/test.lock",
)


def _texts(folder: Path) -> list[str]:
    return [(folder / name).read_text() for name in FILES]


def test_the_locks_pin_everything_pyproject_declares_with_hashes():
    assert lock_problems(*_texts(ROOT)) == []


def _without_entry(lock: str, name: str) -> str:
    """The lock with the pinned entry for ``name`` (its hashes and comments) cut out."""
    return re.sub(rf"(?ms)^{name}==.*?(?=^[a-z])", "", lock)


def _without_hashes(lock: str, name: str) -> str:
    return re.sub(rf"(?m)^({name}==\S+) \\\n(    --hash.*\n)+", r"\1\n", lock)


@pytest.mark.parametrize(
    ("file", "doctor", "expected"),
    [
        pytest.param(
            BASE,
            lambda text: _without_entry(text, "redis"),
            "base.lock: redis (redis>=5.2,<9) is not pinned",
            id="runtime-dependency-missing",
        ),
        pytest.param(
            TEST,
            lambda text: _without_entry(text, "pytest-xdist"),
            "test.lock: pytest-xdist (pytest-xdist>=3.6,<4) is not pinned",
            id="test-dependency-missing",
        ),
        pytest.param(
            PYPROJECT,
            lambda text: text.replace('"Django>=5.2,<5.3"', '"Django>=6.0,<6.1"'),
            "base.lock: Django==5.2",
            id="pin-outside-the-specifier",
        ),
        pytest.param(
            PYPROJECT,
            lambda text: text.replace('"gunicorn>=23,<24",', '"gunicorn>=23,<24", "tablib",'),
            "base.lock: tablib (tablib) is not pinned",
            id="dependency-added-to-pyproject-only",
        ),
        pytest.param(
            BASE,
            lambda text: _without_hashes(text, "rules"),
            "base.lock: rules has no sha256 hash",
            id="pin-without-hash",
        ),
        pytest.param(
            BASE,
            lambda text: text + "requests>=2\n",
            "base.lock: not pinned to one version: requests>=2",
            id="unpinned-line",
        ),
        pytest.param(
            BASE,
            lambda text: text + "-e ../somewhere\n",
            "base.lock: an option or unpinned source: -e ../somewhere",
            id="editable-line",
        ),
        pytest.param(
            TEST,
            lambda text: re.sub(r"(?m)^whitenoise==\S+", "whitenoise==6.9.0", text),
            "test.lock: whitenoise ['6.9.0'] differs from base.lock",
            id="test-lock-runs-another-version",
        ),
        pytest.param(
            BASE,
            lambda text: text + "ruff==0.17.6 --hash=sha256:" + "0" * 64 + "\n",
            "base.lock: the test tool ruff is installed in production",
            id="test-tool-in-production",
        ),
    ],
)
def test_a_doctored_lock_is_refused(tmp_path, file, doctor, expected):
    """A copy of the three files with one doctored is refused, and the fault named."""
    for name, text in zip(FILES, _texts(ROOT), strict=True):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(doctor(text) if name == file else text)
    assert (tmp_path / file).read_text() != (ROOT / file).read_text()
    problems = lock_problems(*_texts(tmp_path))
    assert any(problem.startswith(expected) for problem in problems), problems
