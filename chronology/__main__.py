"""``python -m chronology`` runs the same CLI as the ``chronology`` command."""

from chronology.cli import main

if __name__ == "__main__":
    main()
