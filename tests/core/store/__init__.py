"""Tests of `audit/store/`."""
