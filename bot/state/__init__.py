"""Slack state on the core's database: the bot's tables and the small repositories that read and write them.

Channels subscribed to the digest, digests claimed and posted, follows and alerts, events already
answered, and (OAuth) the installed workspaces. The tables share the core's database and Alembic's
revisions (`briefings/migrations/`); only the bot knows what they mean. Repositories hand out typed
values (dataclasses), never ORM rows.
"""
