"""Turn rule contributions into scored, graded, selected recommendations."""
