"""The engine room: compile rulesets for durable-rules, run them, or evaluate in Python.

- :mod:`~csprules.rules.engine.compile` (with expressions, joins, jsonenc):
  rule models -> a durable-rules ruleset definition;
- :mod:`~csprules.rules.engine.facts`: facts checked, normalised and written
  as the C engine reads them;
- :mod:`~csprules.rules.engine.durable` (and the worker script durable_child):
  the C engine in a long-lived worker process;
- :mod:`~csprules.rules.engine.reference`: an independent pure-Python
  evaluator of the rule models;
- :mod:`~csprules.rules.engine.contributions`: matches -> scored, justified
  contributions;
- :mod:`~csprules.rules.engine.select`: which evaluator runs.

Nothing here imports the authoring modules (loader, lint, cases); the front
door is :func:`csprules.rules.evaluate`.
"""
