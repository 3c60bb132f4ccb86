"""A local Slack workspace: an in-memory fake of the Web API, a signer of Slack's requests, and a web page."""
