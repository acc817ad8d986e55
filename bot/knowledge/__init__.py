"""The notes: loading, chunking, embedding, the index and retrieval. No Discord, no database."""
