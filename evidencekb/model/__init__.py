"""The data model's logic, with no Sphinx import: the rule, archived texts and their sentences, the views of
the needs the tables and exports share, and "did you mean". Everything here reads plain mappings, so it is
tested without a build."""
