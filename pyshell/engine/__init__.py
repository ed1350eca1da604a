"""The engine: runs the AST; objects flow through pipelines, not text."""
