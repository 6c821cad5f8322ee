"""Throwaway PostgreSQL and Redis servers on localhost for the scale-out tests (Debian's packages).

Each server gets a temporary directory, a free port and a random password, and is removed again
by stop(). PostgreSQL refuses to run as root: as root, initdb and the server run as the `postgres`
user that Debian's package creates (or `nobody`).

    python -m tests.scaleout.services   starts both and prints the variables for
                                        bot/endpoints-scaleout.yml (Ctrl-C stops them)
"""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from runner.stack import free_port

INSTALL_HINT = "installeer ze met: apt-get install -y postgresql redis-server"


class ServiceMissing(Exception):
    pass


def postgres_bindir() -> Optional[Path]:
    """Folder with initdb and pg_ctl: on the PATH, else Debian's /usr/lib/postgresql/<version>/bin (newest)."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(os.path.realpath(initdb)).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def missing_services() -> List[str]:
    missing = []
    if postgres_bindir() is None:
        missing.append("PostgreSQL (initdb/pg_ctl)")
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    return missing


def _unprivileged_user() -> Optional[str]:
    """The user to run PostgreSQL as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise ServiceMissing("PostgreSQL kan niet als root draaien en er is geen gebruiker 'postgres' of 'nobody'.")


class Postgres:
    user = "wegwijzer"
    database = "wegwijzer"

    def __init__(self) -> None:
        self.bindir = postgres_bindir()
        if self.bindir is None:
            raise ServiceMissing(f"PostgreSQL (initdb/pg_ctl) ontbreekt; {INSTALL_HINT}")
        self.port = free_port()
        self.password = secrets.token_hex(12)
        self.run_as = _unprivileged_user()
        self.dir = Path(tempfile.mkdtemp(prefix="wegwijzer-pg-"))  # not under pytest's root-only tmp dir
        self.data = self.dir / "data"

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        result = subprocess.run(cmd, cwd=self.dir, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:1])} mislukt:\n{result.stdout}\n{result.stderr}\n{self._log_tail()}")

    def _log_tail(self) -> str:
        log = self.dir / "postgres.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else ""

    def start(self) -> "Postgres":
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> "Postgres":
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password)
        if self.run_as:
            user = pwd.getpwnam(self.run_as)
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", self.user, f"--pwfile={pwfile}", "--auth-local=trust",
                  "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync")
        pwfile.unlink()
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "postgres.log"), "-o", options, "-w", "-t", "60", "start")
        conn = self.connect("postgres")
        try:
            conn.autocommit = True  # CREATE DATABASE cannot run in a transaction
            conn.cursor().execute(f"CREATE DATABASE {self.database}")
        finally:
            conn.close()
        return self

    def connect(self, database: Optional[str] = None):
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user, password=self.password,
                                dbname=database or self.database)
        return conn

    def env(self) -> Dict[str, str]:
        return {"DB_HOST": "127.0.0.1", "DB_PORT": str(self.port), "DB_USER": self.user,
                "DB_PASSWORD": self.password, "DB_DATABASE": self.database}

    def stop(self) -> None:
        if self.data.exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except RuntimeError:
                pass  # not running
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise ServiceMissing(f"redis-server ontbreekt; {INSTALL_HINT}")
        self.port = free_port()
        self.password = secrets.token_hex(12)
        self.dir = Path(tempfile.mkdtemp(prefix="wegwijzer-redis-"))
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> "Redis":
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> "Redis":
        log = open(self.dir / "redis.log", "ab")
        # the password goes in via stdin as a config file, so it is not visible in the process list
        self.process = subprocess.Popen(
            [self.binary, "-", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)], stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.process.stdin.write(f"requirepass {self.password}\n".encode())
        self.process.stdin.close()
        deadline = time.monotonic() + 20
        while True:
            try:
                if self.client().ping():
                    return self
            except Exception:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server start niet:\n" + (self.dir / "redis.log").read_text(errors="replace")[-2000:])
                time.sleep(0.1)

    def client(self):
        import redis

        return redis.StrictRedis(host="127.0.0.1", port=self.port, password=self.password, db=1)

    def env(self) -> Dict[str, str]:
        return {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(self.port), "REDIS_PASSWORD": self.password}

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def main() -> int:
    missing = missing_services()
    if missing:
        print(f"Ontbreekt: {', '.join(missing)}; {INSTALL_HINT}")
        return 2
    postgres, redis = Postgres().start(), Redis().start()
    try:
        print("PostgreSQL en Redis draaien. Zet deze variabelen voor 'rasa run --endpoints bot/endpoints-scaleout.yml':")
        for key, value in {**postgres.env(), **redis.env()}.items():
            print(f"export {key}={value}")
        print("Stoppen: Ctrl-C")
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        redis.stop()
        postgres.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
