"""The timeline as HTML and images.

One way through: ``model`` (the export model typed, and the browser's one JSON block) →
``geometry`` (ranges, presets, colours) → ``plot`` (Plotly's layout and config) and ``markup``
(disagreements, controls, table) → ``page`` (standalone, fragment, iframe) → ``images``.
"""
