"""Progress: streaks, points, periods, leaderboards and study-group rules; pure functions over plain data."""
