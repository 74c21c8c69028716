"""Evaluation rules: pure functions of plain values that return their reasons.

``model`` holds the inputs; ``targets`` (with ``trajectory``, ``projection``,
``conditions`` and ``milestones``), ``tasks``, ``timeliness``,
``scorecards``, ``outliers`` and ``warnings`` hold the rules; every result
carries an ``explanation.Explanation``. Nothing here reads the clock, a file
or a database: "today" is always a parameter. docs/evaluation.md states the
rules for readers.
"""
