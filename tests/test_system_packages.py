"""`make test` installs Chromium and GNU gettext when they are missing and it can, and says
exactly what to run when it cannot. The script runs for real, with stand-ins for id, sudo and
apt-get on a PATH that holds nothing else, so no test touches the machine's packages."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-packages"


def _tool(directory: Path, name: str, body: str) -> None:
    path = directory / name
    path.write_text("#!/bin/bash\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


class Machine:
    """A PATH of stand-ins. apt-get records what it was asked and, told to install chromium,
    puts a browser where the tests look for it (unless `browser_lands_elsewhere`)."""

    def __init__(
        self,
        tmp_path: Path,
        *,
        uid: int,
        sudo: str | None,
        apt: bool = True,
        chromium: bool = False,
        gettext: bool = False,
        browser_lands_elsewhere: bool = False,
    ) -> None:
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.log = tmp_path / "calls.log"
        self.log.touch()
        self.chromium = tmp_path / "chromium"
        landing = tmp_path / "elsewhere" if browser_lands_elsewhere else self.chromium
        _tool(self.bin, "id", f'[ "$1" = -u ] && echo {uid}')
        os.symlink("/usr/bin/env", self.bin / "env")
        if apt:
            _tool(
                self.bin,
                "apt-get",
                f'echo "apt-get $*" >> {self.log}\n'
                f'if [ "$1" = install ] && [[ " $* " == *" chromium "* ]]; then\n'
                f"  printf '#!/bin/bash\\n' > {landing}; /bin/chmod +x {landing}\nfi",
            )
        if sudo == "no password":
            _tool(self.bin, "sudo", f'echo "sudo $*" >> {self.log}\n[ "$1" = -n ] && shift\n"$@"')
        elif sudo == "asks for a password":
            _tool(self.bin, "sudo", f'echo "sudo $*" >> {self.log}\nexit 1')
        if chromium:
            _tool(self.chromium.parent, self.chromium.name, "")
        if gettext:
            _tool(self.bin, "xgettext", "")
            _tool(self.bin, "msgfmt", "")

    def run(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["/bin/bash", str(SCRIPT)],
            env={"PATH": str(self.bin), "CHROMIUM": str(self.chromium)},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines()


def test_nothing_is_installed_when_everything_is_there(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, sudo=None, chromium=True, gettext=True)
    result = machine.run()
    assert result.returncode == 0, result.stderr
    assert machine.calls() == []


def test_as_root_the_missing_browser_is_installed_from_debian(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, sudo=None, gettext=True)
    result = machine.run()
    assert result.returncode == 0, result.stderr
    assert machine.calls() == ["apt-get update -qq", "apt-get install -y -qq chromium"]
    assert machine.chromium.exists()


def test_as_root_both_missing_packages_are_installed_together(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, sudo=None)
    assert machine.run().returncode == 0
    assert machine.calls()[-1] == "apt-get install -y -qq chromium gettext"


def test_with_sudo_that_needs_no_password_it_installs_through_sudo(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=1000, sudo="no password", chromium=True)
    result = machine.run()
    assert result.returncode == 0, result.stderr
    assert machine.calls() == [
        "sudo -n true",
        "sudo -n apt-get update -qq",
        "apt-get update -qq",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext",
        "apt-get install -y -qq gettext",
    ]


@pytest.mark.parametrize("sudo", ["asks for a password", None])
def test_without_a_way_to_install_it_says_exactly_what_to_run(
    tmp_path: Path, sudo: str | None
) -> None:
    machine = Machine(tmp_path, uid=1000, sudo=sudo)
    result = machine.run()
    assert result.returncode == 1
    assert "The tests need chromium gettext" in result.stderr
    assert "sudo apt-get update && sudo apt-get install -y chromium gettext" in result.stderr
    assert not [call for call in machine.calls() if call.startswith("apt-get")]


def test_without_apt_get_it_says_to_use_the_systems_package_manager(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, sudo=None, apt=False, gettext=True)
    result = machine.run()
    assert result.returncode == 1
    assert "no apt-get" in result.stderr and "package manager" in result.stderr


def test_a_browser_installed_somewhere_else_is_reported_not_ignored(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=0, sudo=None, gettext=True, browser_lands_elsewhere=True)
    result = machine.run()
    assert result.returncode == 1
    assert f"not at {machine.chromium}: set CHROMIUM" in result.stderr


def test_make_test_and_ci_run_the_script_before_the_tests() -> None:
    dry = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    system = next(i for i, line in enumerate(dry) if "scripts/system-packages" in line)
    pytest_run = next(i for i, line in enumerate(dry) if "-m pytest" in line)
    assert system < pytest_run
    assert "scripts/system-packages" in (ROOT / ".ci" / "run").read_text()
