"""Load benchmark: our assistant against a bare `rasa init` assistant, same load, same run.

    .venv/bin/python -m bench.load            # full run (about 20 minutes)
    .venv/bin/python -m bench.load --quick    # smoke run (about 3 minutes)

See `python -m bench.load --help` and the "Load benchmark" section of the README.
"""
