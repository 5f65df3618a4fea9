"""scripts/neo4j-local without a real server (a stand-in `java` records its arguments):
the initial password never reaches a command line, the home is private to its owner and
only the APOC procedures the project uses are allowed (issue 9 item 9)."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-local"


def _fake_home(tmp_path: Path) -> tuple[Path, Path, Path]:
    home = tmp_path / "home"
    (home / "lib").mkdir(parents=True)
    (home / "plugins").mkdir()
    pom = (ROOT / "scripts" / "neo4j" / "pom.xml").read_bytes()
    (home / "lib" / ".stamp").write_text(hashlib.sha256(pom).hexdigest() + "\n")
    (home / "data").mkdir(mode=0o755)
    (home / "data").chmod(0o755)  # as an older version of the script left it
    log = tmp_path / "java-args.log"
    java = tmp_path / "java"
    # records argv and the content of @argfiles, then exits (the "server" dies at once)
    java.write_text("#!/bin/sh\n"
                    f"for a in \"$@\"; do echo \"ARG $a\" >> {log}; "
                    f"case \"$a\" in @*) cat \"${{a#@}}\" >> {log}.argfile;; esac; done\n"
                    "exit 0\n")
    java.chmod(0o755)
    return home, java, log


def test_start_keeps_the_password_off_the_command_line_and_the_home_private(tmp_path: Path) -> None:
    home, java, log = _fake_home(tmp_path)
    env = {**os.environ, "GRAPHBUILDER_NEO4J_HOME": str(home), "GRAPHBUILDER_NEO4J_JAVA": str(java),
           "GRAPHBUILDER_NEO4J_PASSWORD": 'Pw-"with\\odd chars', "GRAPHBUILDER_NEO4J_BOLT_PORT": "1",
           "GRAPHBUILDER_NEO4J_HTTP_PORT": "2", "GRAPHBUILDER_NEO4J_TIMEOUT": "3"}
    res = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode != 0  # the stand-in server never answers
    args = log.read_text()
    assert "Pw-" not in args  # argv never holds the password
    assert "org.neo4j.server.CommunityEntryPoint" in args
    argfile = Path(str(log) + ".argfile").read_text()
    assert 'set-initial-password "Pw-\\"with\\\\odd chars"' in argfile  # java @argfile quoting
    assert not (home / "run" / "initial-password.args").exists()  # removed after use
    for sub in ("", "data", "conf", "run", "logs"):
        assert stat.S_IMODE((home / sub).stat().st_mode) == 0o700, sub
    assert stat.S_IMODE((home / "password").stat().st_mode) == 0o600
    conf = (home / "conf" / "neo4j.conf").read_text()
    assert "procedures.unrestricted" not in conf
    assert "dbms.security.procedures.allowlist=apoc.import.json,apoc.import.graphml,apoc.version" in conf
