"""chronology: one honest timeline from sources that disagree.

Import the library (``chronology.load``, ``chronology.dates``...) or use the ``chronology``
command, a thin layer over it.
"""

__version__ = "0.1.0"
