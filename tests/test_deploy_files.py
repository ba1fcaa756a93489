"""docker-compose.yml and the Dockerfile: valid, and wired to the settings innograph reads."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from graph.settings import REQUIRED_SETTINGS, StoreKind
from tests.conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"


def _compose_command() -> list[str] | None:
    """`docker compose` (the plugin) or `docker-compose` (Debian's package), whichever runs."""
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.mark.skipif(_compose_command() is None,
                    reason="no docker compose client here (.ci/run installs Debian's "
                           "docker-compose); the YAML checks below still run")
def test_deploy_compose_config_is_valid():
    result = subprocess.run([*_compose_command(), "-f", str(COMPOSE), "config", "--quiet"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_deploy_compose_has_neo4j_5_with_a_volume_and_the_app():
    spec = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    neo4j, app = spec["services"]["neo4j"], spec["services"]["app"]
    assert neo4j["image"].startswith("neo4j:5")
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in spec["volumes"]
    assert "NEO4J_AUTH" in neo4j["environment"]
    assert app["build"] == "."
    assert app["environment"]["INNOGRAPH_STORE"] == StoreKind.NEO4J.value
    assert set(REQUIRED_SETTINGS[StoreKind.NEO4J]) <= set(app["environment"])


def test_deploy_dockerfile_installs_the_project_and_serves_the_app():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install" in dockerfile and "innograph" in dockerfile
    assert "8501" in dockerfile
