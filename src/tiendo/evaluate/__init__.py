"""Evaluation rules: pure functions of plain values that return their reasons.

``model`` holds the inputs; ``targets`` (with ``trajectory``, ``projection``,
``conditions`` and ``milestones``), ``tasks``, ``timeliness``,
``scorecards``, ``outliers`` and ``warnings`` hold the rules; every result
carries an ``explanation.Explanation``. Nothing in those modules reads the
clock, a file or a database: "today" is always a parameter. docs/evaluation.md
states the rules for readers.

Around them, with the database: ``facts`` records what approved reports say
(the functions the reporting workflow calls), ``service`` recomputes the
stored statuses, ``queries``, ``dashboard``, ``alerts``, ``ranking`` and
``detail`` read them for the pages and the API, and ``catalogue`` holds the
national indicators, the matcher and the comparison of provinces.
"""
