"""A small logistic regression over named, standardised measures, stored as plain JSON so it can be read.

Used for the learned decisions on answers (bot/knowledge/answerability.py) and for reranking retrieval candidates
(bot/knowledge/reranking.py); both are fitted at index build time on questions generated from the notes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 17
SURE = 10.0  # intercept when the notes gave examples of one answer only: that answer, always


@dataclass(frozen=True)
class Stage:
    """One binary logistic regression over standardised, named measures: P(yes) = sigmoid(w·z + b)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    report: dict[str, float] = field(default_factory=dict)  # cross-validated figures from training

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """w·z + b for each row of measures (shape n × len(features)), in `features` order."""
        z = (np.asarray(rows, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        return z @ np.asarray(self.weights) + self.intercept

    def probability_of(self, vector: np.ndarray) -> float:
        """P(yes) for one vector of measures in `features` order."""
        score = float(self.scores(np.asarray(vector).reshape(1, -1))[0])
        return 1 / (1 + math.exp(-max(-60.0, min(60.0, score))))

    @classmethod
    def of(cls, data: dict) -> Stage:
        return cls(
            features=tuple(data["features"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            weights=tuple(data["weights"]),
            intercept=float(data["intercept"]),
            report=dict(data.get("report", {})),
        )


def fit_stage(
    names: tuple[str, ...], rows: Sequence[np.ndarray], answers: Sequence[bool], cross_validate: bool = True
) -> Stage:
    """A standardised, class-balanced logistic regression of `answers` on `rows` (5-fold cross-validated figures
    in its report unless `cross_validate` is False; the caller then validates it its own way)."""
    features = np.array(rows, dtype=np.float64).reshape(len(rows), len(names))
    labels = np.array(answers, dtype=np.int64)
    yes, no = int(labels.sum()), int(len(labels) - labels.sum())
    report = {"examples_yes": float(yes), "examples_no": float(no)}
    mean = features.mean(axis=0) if len(labels) else np.zeros(len(names))
    scale = features.std(axis=0) if len(labels) else np.ones(len(names))
    scale = np.where(scale > 1e-9, scale, 1.0)
    weights, intercept = np.zeros(len(names)), (SURE if yes >= no else -SURE)
    if min(yes, no) >= 2:
        regression = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
        if cross_validate:
            folds = StratifiedKFold(n_splits=min(5, yes, no), shuffle=True, random_state=SEED)
            predicted = cross_val_predict(make_pipeline(StandardScaler(), regression), features, labels, cv=folds)
            report["cv_accuracy"] = float(np.mean(predicted == labels))
            report["cv_recall_yes"] = float(np.mean(predicted[labels == 1] == 1))
            report["cv_recall_no"] = float(np.mean(predicted[labels == 0] == 0))
        regression.fit((features - mean) / scale, labels)
        weights, intercept = regression.coef_[0], float(regression.intercept_[0])
    return Stage(
        features=names,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        weights=tuple(float(v) for v in weights),
        intercept=float(intercept),
        report=report,
    )
