"""The Slack adapter: the core's answers in Slack, and the Slack state the core never sees.

Where each part lives (the builder first):

    build      bootstrap.py (`bootstrap(settings)`: the one place a running bot is built and its index
               loaded), services.py (what the listeners and jobs share), app.py (the Bolt app)
    run        runner.py (`briefings serve`, `python -m bot`: Socket Mode, HTTP mode, the local
               workspace), server.py (the HTTP server and its routes), gate.py (signed requests only)
    listen     listeners/ (slash commands, events, button clicks, installs: parse, call the core, render)
    render     blocks.py, follow_blocks.py (Block Kit), text.py (escaping and clipping)
    post       digests.py (a digest exactly once), follows.py (alerts exactly once), posting.py,
               scheduler.py (the digest, sweep and rescan jobs), subscriptions.py (a digest's schedule)
    state      state/ (the bot's tables on the core's database and their repositories: subscriptions,
               digest posts, follows and alerts, answered events, installations)
    local      local/ (a Slack workspace in memory: the tests' fake of Slack and `briefings serve --local`)
"""
