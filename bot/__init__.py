"""tutorbot: a study companion over a study group's markdown notes."""
