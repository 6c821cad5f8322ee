"""Server-rendered HTML pages (Jinja2, autoescaped) that work under the service's strict CSP:
no inline script or style; styles come from /static/pages/pages.css."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, Optional

import jinja2
from fastapi.responses import HTMLResponse

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def tel_href(phone: str) -> Optional[str]:
    """tel: link with digits only (a leading + kept); None when it is not a phone number."""
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 3:
        return None
    return "tel:" + ("+" if phone.startswith("+") else "") + digits


def web_href(url: str) -> Optional[str]:
    url = (url or "").strip()
    return url if re.match(r"^https?://[^\s<>\"]+$", url, re.I) else None


def mail_href(email: str) -> Optional[str]:
    email = (email or "").strip()
    return "mailto:" + email if re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", email) else None


def dutch_date(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return str(value or "")
    return f"{int(match.group(3))} {MONTHS[int(match.group(2)) - 1]} {match.group(1)}"


environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=True),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters.update(tel_href=tel_href, web_href=web_href, mail_href=mail_href, dutch_date=dutch_date)


def render(template: str, status_code: int = 200, headers: Optional[Dict[str, str]] = None, **context: Any) -> HTMLResponse:
    html = environment.get_template(template).render(**context)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    if status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
    return response


def not_found(title: str, message: str, back_href: str = "/routekaart", back_text: str = "Naar de routekaarten") -> HTMLResponse:
    return render("niet_gevonden.html", status_code=404, title=title, message=message, back_href=back_href,
                  back_text=back_text)
