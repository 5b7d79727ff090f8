"""A task for the worker's tests to queue."""

from django_tasks import task


@task()
def remember(value: str) -> str:
    return value
