"""Tests of `audit/scan/`."""
