"""``python -m argkb`` runs the command line."""

from argkb.cli.main import main

if __name__ == "__main__":
    main()
