"""About a hundred varied questions written for the benchmarks (not taken from any evaluation set)."""

from __future__ import annotations

SUBJECTS = (
    "Lambda provisioned concurrency",
    "DynamoDB global secondary indexes",
    "S3 presigned URLs",
    "SQS visibility timeout",
    "SNS fan-out",
    "API Gateway stages",
    "CloudFormation change sets",
    "Elastic Beanstalk deployment policies",
    "CodeDeploy blue/green",
    "X-Ray sampling rules",
    "KMS envelope encryption",
    "Cognito identity pools",
    "ElastiCache lazy loading",
    "Kinesis shards",
    "Step Functions standard workflows",
    "IAM roles for EC2",
    "CloudWatch custom metrics",
    "ECS task definitions",
    "SAM templates",
    "DynamoDB streams",
)
TEMPLATES = (
    "What is {}?",
    "How do I configure {}?",
    "When should I use {} in a serverless application?",
    "what are the limits of {}",
    "Explain {} briefly for the exam",
)
ODD_ONES = (
    "how many read capacity units does a strongly consistent 8 KB read need",
    "diference between sqs standrd and fifo queus",  # typos on purpose
    "What does the 409 ConditionalCheckFailedException mean?",
    "Which AWS service would you use to store session state for a fleet of web servers?",
    "What is the capital of France?",
    "?",
    "lambda",
    "How do I rotate secrets automatically with Secrets Manager and what does it cost per secret per month?",
)


def benchmark_questions(count: int = 100) -> list[str]:
    """`count` distinct questions: every subject under several templates, with short, misspelt and off-topic ones."""
    templated = [
        TEMPLATES[(subject + turn) % len(TEMPLATES)].format(SUBJECTS[subject])
        for turn in range(len(TEMPLATES))
        for subject in range(len(SUBJECTS))
    ]
    return (templated[: max(0, count - len(ODD_ONES))] + list(ODD_ONES))[:count]
