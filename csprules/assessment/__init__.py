"""Analyst tools: sensitivity of the ranking to the weights."""
