"""Tests of the core's output sanitizers (audit/sanitize/)."""
