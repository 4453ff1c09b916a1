"""Tests of the server-rendered pages (workflow.views, notifications.views), through
Django's test client as the demo users."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf(name: str = "berkas.pdf", content: bytes = b"%PDF-1.4 isi uji") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def as_user(client, users, username: str):
    client.force_login(users[username])
    return client


def text(response) -> str:
    return response.content.decode()
