"""deploy/docker-compose.yml cannot be started here (no Docker daemon); check that it fits the code."""
from __future__ import annotations

import re

import yaml

from runner.stack import ROOT

DEPLOY = ROOT / "deploy"


def compose():
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_runs_two_rasa_replicas_with_the_scaleout_endpoints():
    services = compose()["services"]
    assert services["rasa"]["deploy"]["replicas"] >= 2
    command = services["rasa"]["command"].split()
    assert command[command.index("--endpoints") + 1] == "bot/endpoints-scaleout.yml"
    assert (ROOT / command[command.index("--credentials") + 1]).exists()
    assert command[command.index("--model") + 1] == "models/wegwijzer.tar.gz"  # what `make train` writes


def test_every_variable_of_the_scaleout_endpoints_is_set_for_the_replicas():
    needed = set(re.findall(r"\$\{(\w+)\}", (ROOT / "bot" / "endpoints-scaleout.yml").read_text(encoding="utf-8")))
    environment = compose()["services"]["rasa"]["environment"]
    assert needed and needed <= set(environment), needed - set(environment)
    services = compose()["services"]
    assert environment["DB_HOST"] in services and environment["REDIS_HOST"] in services
    assert environment["DB_USER"] == services["postgres"]["environment"]["POSTGRES_USER"]
    assert environment["DB_DATABASE"] == services["postgres"]["environment"]["POSTGRES_DB"]
    assert environment["ACTION_ENDPOINT_URL"] == "http://acties:5055/webhook"
    assert "--port 5055" in services["acties"]["command"]


def test_web_service_reaches_the_replicas_through_the_load_balancer():
    services = compose()["services"]
    nginx = (DEPLOY / "nginx-rasa.conf").read_text(encoding="utf-8")
    listen = re.search(r"listen (\d+);", nginx).group(1)
    assert services["web"]["environment"]["RASA_URL"] == f"http://rasa-lb:{listen}"
    assert "server rasa:5005" in nginx
    mounted = [v.split(":")[0] for v in services["rasa-lb"]["volumes"]]
    assert all((DEPLOY / path).exists() for path in mounted)


def test_files_the_image_build_needs_exist():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.10-slim" in dockerfile  # Rasa 3.6 needs Python 3.10
    assert (ROOT / "requirements.txt").exists() and "requirements.txt" in dockerfile
    assert (ROOT / "knowledge" / "kennisbank").is_dir()
    for name in ("rasa", "acties", "web"):
        assert compose()["services"][name]["image"] == "wegwijzer:latest"
