"""Kept import path for plugins: the request and response shapes live in `audit.net.model`."""

from audit.net.model import HttpRequest, HttpResponse, Origin

__all__ = ["HttpRequest", "HttpResponse", "Origin"]
