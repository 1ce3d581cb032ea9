"""A real SMTP server for tests (aiosmtpd, on a free local port): the application sends
through Django's SMTP backend, and the test reads what arrived."""

import email
import email.policy
import re
import socket
import time

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd's handler: keeps every message received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted"

    def wait_for(self, count: int = 1, timeout: float = 10):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.messages) >= count, f"{len(self.messages)} messages arrived"
        return self.messages[count - 1]

    def link_in(self, message, path: str) -> str:
        body = message.get_body(preferencelist=("plain",)).get_content()
        return re.search(rf"https?://\S+{re.escape(path)}\S*", body).group(0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server() -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, inbox
