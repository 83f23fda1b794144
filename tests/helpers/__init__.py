"""Helpers of the reliability tests: subprocess desks, database checks, stress scaling."""
