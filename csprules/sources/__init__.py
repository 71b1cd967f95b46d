"""Readers that turn files into plain data while remembering where each value came from."""
