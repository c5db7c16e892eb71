"""The scoring's pages: criteria sets, the round, a unit's sheet, the ranking and dashboards,
the published decision. Thin: access through ``scoring.access``, reads through
``scoring.selectors``, writes through ``scoring.services``."""
