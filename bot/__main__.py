"""`python -m bot`: the same as `briefings serve`."""

import sys

from cli.main import main

sys.exit(main(["serve", *sys.argv[1:]]))
