"""What budget loads for wijkwerk's laad_demo. Its reference rows (the memo's budget years)
have a command of their own, laad_budget (make db), which the demo needs first."""

from django.core.management import call_command

from budget.demo import laad_budget_demo


def demo(stdout, **opties) -> None:
    call_command("laad_budget", stdout=stdout)
    laad_budget_demo(stdout=stdout)
