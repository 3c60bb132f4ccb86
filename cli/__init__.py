"""The `briefings` console command: translates arguments into calls of the core and the bot."""
