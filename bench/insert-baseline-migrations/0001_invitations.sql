-- The insert baseline's one table: an invitation row as small as a real one is wide enough to mean something.
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
