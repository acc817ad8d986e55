"""Exam preparation: the exam's domains over the notes, mock exams spread by domain weight."""
