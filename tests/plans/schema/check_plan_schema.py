#!/usr/bin/python3
"""The generated plan schema against the plans: every shipped plan (testplans/, without the
folders that hold no plans, as `v2gbench run FOLDER` skips them) validates against it, and
every plan of the bad-plan corpus is still refused by the bench's validator (`v2gbench
validate`, exit 2), whether or not the schema — which checks structure only — notices.

usage: check_plan_schema.py SCHEMA TESTPLANS_DIR BAD_PLANS_DIR V2GBENCH

Uses Debian's python3-jsonschema and python3-yaml (scripts/setup.sh)."""
import pathlib
import re
import subprocess
import sys

import jsonschema
import yaml

# cli/src/cli.cpp isPlanFolderExcluded: folders below testplans/ that hold no plans.
NOT_PLAN_FOLDERS = {"requirements", "duts", "evs", "schema"}


class PlanLoader(yaml.SafeLoader):
    """YAML as the bench reads it (yaml-cpp, YAML 1.2 core schema): yes/no/on/off stay texts."""


PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def shipped_plans(root):
    plans = []
    for path in sorted(root.rglob("*.yaml")):
        # answers*.yaml beside the plans are operator answer files (--answers), not plans
        if not NOT_PLAN_FOLDERS.intersection(path.relative_to(root).parts[:-1]) and not path.name.startswith("answers"):
            plans.append(path)
    return plans


def main(schema_path, testplans, bad_plans, v2gbench):
    schema = yaml.safe_load(pathlib.Path(schema_path).read_text())  # JSON is YAML
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    plans = shipped_plans(pathlib.Path(testplans))
    if len(plans) < 16:
        failures.append(f"{testplans}: found {len(plans)} plans, expected at least the 16 shipped ones")
    for path in plans:
        errors = sorted(validator.iter_errors(yaml.load(path.read_text(), Loader=PlanLoader)), key=str)
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path) or "(top)"
            failures.append(f"{path}: {where}: {e.message}")
    print(f"{len(plans)} shipped plans checked against {schema_path}")

    corpus = sorted(pathlib.Path(bad_plans).glob("*.yaml"))
    if len(corpus) < 20:
        failures.append(f"{bad_plans}: found {len(corpus)} bad plans, expected at least 20")
    schema_also = 0
    for path in corpus:
        run = subprocess.run([v2gbench, "validate", str(path)], capture_output=True, text=True, timeout=60)
        if run.returncode != 2:
            failures.append(f"{path}: `v2gbench validate` exited {run.returncode}, expected 2 (refused)\n{run.stdout}{run.stderr}")
        try:
            document = yaml.load(path.read_text(), Loader=PlanLoader)
            schema_also += 0 if validator.is_valid(document) else 1
        except yaml.YAMLError:
            schema_also += 1  # not even YAML
    print(f"{len(corpus)} bad plans refused by the validator ({schema_also} of them by the schema too)")

    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
