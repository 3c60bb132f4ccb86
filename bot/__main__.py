"""`python -m bot [--local]`: run the bot as `briefings serve` does, without the command line's other commands."""

import sys

from bot.runner import main

sys.exit(main(sys.argv[1:]))
