"""PowerShell providers and drives: the FileSystem drives (``/``, ``Temp``, New-PSDrive ones) and the
session-state drives (``Env:``, ``Variable:``, ``Function:``, ``Alias:``).

``base`` has the ProviderInfo/PSDriveInfo objects, ``session`` the session-state providers and
``drives`` the per-runspace DriveTable that splits a ``Drive:`` qualifier off a path once and says
which provider the rest belongs to. Nothing is imported here so the item classes stay cheap to load.
"""
