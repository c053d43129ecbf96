"""The generic leak test's machinery (tests/test_leaks.py).

- `cases` derives every (kind, way) from the registries: `core.visibility.REGISTRY` (how a record
  becomes public, which records it lives in) and `core.withholding.REGISTRY` (what can be
  withheld);
- `table` is the small table of what cannot be derived: how to build one public record of each
  kind, how to take it out of public by its own state, how to make a record that refers to it,
  and the few URL parameters whose values a route does not name;
- `world` builds one record per case with a unique marker in its text, then makes it non-public;
- `outputs` requests every public output of the platform once (the URL resolver, the API by its
  OpenAPI document, the bulk files and the ZIP) and reads each as text (XLSX and PDF included).
"""
