"""Tests of `audit/cli/`."""
