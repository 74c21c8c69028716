"""Sending mail through the SMTP server the administrator configured."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

SMTP_TIMEOUT = 15


class MailError(Exception):
    """Sending failed; the message never contains the password."""


def send(config: dict, password: str | None, to: str, subject: str, body: str) -> None:
    """Send one plain-text message (UTF-8); raise MailError on failure."""
    message = EmailMessage()
    message["From"] = formataddr(("tiendo", config["sender"]))
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=config["sender"].rsplit("@", 1)[-1])
    message.set_content(body)
    host, port, security = (
        config["host"],
        int(config.get("port") or 25),
        config.get("security", "starttls"),
    )
    try:
        if security == "ssl":
            client = smtplib.SMTP_SSL(
                host, port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT)
        with client:
            if security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if config.get("username") and password:
                client.login(config["username"], password)
            client.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"{type(exc).__name__}: {str(exc)[:200]}") from exc
