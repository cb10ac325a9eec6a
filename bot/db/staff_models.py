"""Staff accounts: users, server-side sessions, second-factor recovery codes, sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, Integer, String, false
from sqlalchemy.orm import Mapped, relationship

from bot.db.base import Base, id_column, now_column, parent_column
from bot.db.types import EncryptedText, UTCDateTime, utcnow

STAFF_ROLES = ("admin", "staff")


class StaffUser(Base):
    """A staff account. ``role`` is ``"admin"`` or ``"staff"``; only an argon2 hash is kept."""

    __tablename__ = "staff_users"

    id: Mapped[int] = id_column()
    username: Mapped[str] = Column(String(100), nullable=False, unique=True)
    role: Mapped[str] = Column(String(10), nullable=False, default="staff")
    password_hash: Mapped[str] = Column(String(255), nullable=False)
    is_active: Mapped[bool] = Column(Boolean, nullable=False, default=True)
    failed_logins: Mapped[int] = Column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = now_column()
    last_login_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    password_changed_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    # Set when an admin chose the password: the staff app allows nothing but changing it.
    must_change_password: Mapped[bool] = Column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    # Second factor (bot/staff/mfa.py): the TOTP secret once enrolled, and the last time step
    # a code was accepted for, so a code cannot be used twice. The secret is encrypted: with
    # it, anyone reading the database could make codes.
    totp_secret: Mapped[str | None] = Column(EncryptedText, nullable=True)
    mfa_enrolled_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    totp_last_step: Mapped[int | None] = Column(Integer, nullable=True)

    sessions = relationship(
        "StaffSession", back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_admin(self) -> bool:
        """True for the ``admin`` role."""
        return bool(self.role == "admin")

    def __repr__(self) -> str:
        return f"<StaffUser {self.id} {self.username} {self.role}>"


class StaffSession(Base):
    """A server-side staff session. The cookie holds the token; we keep only its SHA-256."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = id_column()
    token_hash: Mapped[str] = Column(String(128), nullable=False, unique=True)
    user_id: Mapped[int] = parent_column("staff_users.id")
    csrf_token: Mapped[str] = Column(String(128), nullable=False)
    created_at: Mapped[datetime] = now_column()
    last_seen_at: Mapped[datetime] = now_column()
    expires_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, index=True)
    ip: Mapped[str | None] = Column(String(64), nullable=True)
    user_agent: Mapped[str | None] = Column(String(300), nullable=True)
    # Set when the second factor was given; until then the session reaches only the MFA page.
    mfa_verified_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    mfa_failures: Mapped[int] = Column(Integer, nullable=False, default=0, server_default="0")
    # The secret offered during enrolment, kept until the first code confirms it.
    pending_totp_secret: Mapped[str | None] = Column(EncryptedText, nullable=True)

    user = relationship("StaffUser", back_populates="sessions")

    def __repr__(self) -> str:
        return f"<StaffSession {self.id} user={self.user_id}>"


class RecoveryCode(Base):
    """A one-time recovery code for the second factor; only its SHA-256 is kept."""

    __tablename__ = "staff_recovery_codes"

    id: Mapped[int] = id_column()
    user_id: Mapped[int] = parent_column("staff_users.id")
    code_hash: Mapped[str] = Column(String(64), nullable=False)
    created_at: Mapped[datetime] = now_column()
    used_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)


class LoginAttempt(Base):
    """One staff login attempt (for lockout and review); never stores the password."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = id_column()
    username: Mapped[str] = Column(String(100), nullable=False, index=True)
    ip: Mapped[str | None] = Column(String(64), nullable=True)
    succeeded: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
