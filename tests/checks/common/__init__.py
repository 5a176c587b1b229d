"""Tests of `checks._common`, what several checks share."""
