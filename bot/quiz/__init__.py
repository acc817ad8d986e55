"""Recall prompts from the notes: generation, grading and spaced-repetition scheduling."""
