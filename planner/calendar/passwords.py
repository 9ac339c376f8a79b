"""CalDAV passwords in the system keyring (the ``keyring`` package), where ``ecovisit publish``
looks for them: service :data:`KEYRING_SERVICE`, user ``NAME@URL``.

A password is only ever handed to the keyring and to the calendar server: never written to the
tour, a settings file or a log. These calls may wait for the keyring to be unlocked, so the
desktop program makes them on a worker thread.
"""

from __future__ import annotations

from planner.calendar.caldav_publish import KEYRING_SERVICE
from planner.errors import WorkFailed


def keyring_user(url: str, username: str) -> str:
    """The keyring's user name for *username* at the calendar *url*."""
    return f"{username}@{url}"


def stored_password(url: str, username: str) -> str | None:
    """The password stored for *username* at *url*, or None (also when there is no usable
    keyring on this system)."""
    try:
        import keyring

        found = keyring.get_password(KEYRING_SERVICE, keyring_user(url, username))
    except Exception:  # no usable keyring backend, a locked keyring the user did not open
        return None
    return None if found is None else str(found)


def store_password(url: str, username: str, password: str) -> None:
    """Remember *password* in the system keyring; :class:`WorkFailed` if it cannot be stored."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_user(url, username), password)
    except Exception as exc:  # keyring.errors.KeyringError, or a backend's own error
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise WorkFailed(f"the password could not be stored in the system keyring ({reason})") \
            from None
