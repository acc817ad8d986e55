"""Each server's own notes: reading uploads, keeping them, building the server's index off the event loop."""
