"""Tests of `audit/net/`."""
