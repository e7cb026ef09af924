#!/usr/bin/env python3
"""Builds Tests/MLOpsStoreTests/Fixtures/mlflow.db with the real `mlflow` package.

The MLflow import is tested against a tracking + registry store written by MLflow
itself, so the schema is the one users have, not our guess of it.

    python3 -m venv /tmp/mlflow-venv
    /tmp/mlflow-venv/bin/pip install mlflow        # or mlflow-skinny sqlalchemy alembic
    /tmp/mlflow-venv/bin/python scripts/make-mlflow-fixture.py [OUT.db]

The committed fixtures: mlflow.db from MLflow 3.17 (mlflow-skinny 3.17.2 +
sqlalchemy + alembic), mlflow-2.db from MLflow 2.22 (mlflow-skinny==2.22.* with
"sqlalchemy<2.1"), the latter written with
    python scripts/make-mlflow-fixture.py Tests/MLOpsStoreTests/Fixtures/mlflow-2.db

MLflow stamps registry rows with the wall clock; the last step pins those stamps
with plain SQL so the tests can state expected times by hand. Run times are set
through the client API (start_time / end_time), as a user's code would.

What the store holds (times UTC):

  experiment 0 "Default"          no runs: not a model
  experiment "churn-training"     tag team=atlas
    notebook   NOTEBOOK FINISHED  10-01 09:00:00.250 .. 10:30:00.900  user ana
    job        JOB      FINISHED  10-02 02:00 .. 04:00  tag mlops.gpu_hours=2.5    -> churn v1
    pipeline   JOB      FINISHED  10-03 02:00 .. 03:00  tags mlops.kind=pipeline, mlops.trigger=drift
    step       LOCAL    FINISHED  10-03 02:10 .. 02:50  child of pipeline; metric mlops.gpu_hours=1.25 -> churn v2
    failed     LOCAL    FAILED    10-04 09:00 .. 09:05
    killed     PROJECT  KILLED    10-04 11:00 .. 11:30
    deleted    LOCAL    FINISHED  10-04 12:00 .. 12:10  then deleted
    retrain    JOB      FINISHED  10-06 02:00 .. 05:00  -> churn v3
  experiment "search-ranking"     tag team=beacon
    explore    NOTEBOOK RUNNING   10-05 08:00 ..        user bo
    eval       NOTEBOOK SCHEDULED 10-05 09:00 ..        tags mlops.kind=evaluation, mlops.trigger=ci

  registered model "churn"        tag team=atlas
    v1  stage Archived  (Staging -> Production -> Archived when v2 went to Staging and v3 to champion)
        created 10-02T04:05, last updated 10-06T12:00
    v2  stage Staging   created 10-03T03:10, last updated 10-03T06:00
    v3  stage None, alias champion, tags mlops.method=automated, deployed_at=2026-10-06T12:00:00Z
        created 10-06T05:10, last updated 10-06T05:10
    v4  deleted (MLflow keeps it as Deleted_Internal)
"""
import os
import sqlite3
import sys
from datetime import datetime, timezone

import mlflow
from mlflow.tracking import MlflowClient

here = os.path.dirname(os.path.abspath(__file__))
default_out = os.path.join(here, "..", "Tests", "MLOpsStoreTests", "Fixtures", "mlflow.db")
out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else default_out)
if os.path.exists(out):
    os.remove(out)
# MLflow writes the Default experiment's artifact path from the working directory:
# run from a neutral one so no machine's path ends up in the fixture.
os.makedirs("/tmp/mlflow-fixture", exist_ok=True)
os.chdir("/tmp/mlflow-fixture")
uri = "sqlite:///" + out
mlflow.set_tracking_uri(uri)
mlflow.set_registry_uri(uri)
client = MlflowClient(tracking_uri=uri, registry_uri=uri)


def ms(text):
    """Epoch milliseconds of an ISO 8601 UTC time, as MLflow stores times."""
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc).timestamp() * 1000)


def run(experiment, name, source, start, end=None, status="FINISHED", user="ana", tags=None, metrics=None):
    all_tags = {"mlflow.source.type": source, "mlflow.user": user}
    all_tags.update(tags or {})
    r = client.create_run(experiment, start_time=ms(start), tags=all_tags, run_name=name)
    for key, value in (metrics or {}).items():
        client.log_metric(r.info.run_id, key, value, timestamp=ms(start))
    if status in ("FINISHED", "FAILED", "KILLED"):
        client.set_terminated(r.info.run_id, status=status, end_time=ms(end))
    elif status == "SCHEDULED":
        client.update_run(r.info.run_id, status="SCHEDULED")
    return r.info.run_id


artifacts = "file:///tmp/mlflow-fixture/artifacts"  # never written: the fixture logs no artifacts
churn = client.create_experiment("churn-training", artifact_location=artifacts, tags={"team": "atlas"})
search = client.create_experiment("search-ranking", artifact_location=artifacts, tags={"team": "beacon"})

run(churn, "notebook", "NOTEBOOK", "2026-10-01T09:00:00.250Z", "2026-10-01T10:30:00.900Z")
job = run(churn, "job", "JOB", "2026-10-02T02:00:00Z", "2026-10-02T04:00:00Z", tags={"mlops.gpu_hours": "2.5"})
pipeline = run(churn, "pipeline", "JOB", "2026-10-03T02:00:00Z", "2026-10-03T03:00:00Z",
               tags={"mlops.kind": "pipeline", "mlops.trigger": "drift"})
step = run(churn, "step", "LOCAL", "2026-10-03T02:10:00Z", "2026-10-03T02:50:00Z",
           tags={"mlflow.parentRunId": pipeline}, metrics={"mlops.gpu_hours": 1.25})
run(churn, "failed", "LOCAL", "2026-10-04T09:00:00Z", "2026-10-04T09:05:00Z", status="FAILED")
run(churn, "killed", "PROJECT", "2026-10-04T11:00:00Z", "2026-10-04T11:30:00Z", status="KILLED")
deleted = run(churn, "deleted", "LOCAL", "2026-10-04T12:00:00Z", "2026-10-04T12:10:00Z")
client.delete_run(deleted)
retrain = run(churn, "retrain", "JOB", "2026-10-06T02:00:00Z", "2026-10-06T05:00:00Z")
run(search, "explore", "NOTEBOOK", "2026-10-05T08:00:00Z", status="RUNNING", user="bo")
run(search, "eval", "NOTEBOOK", "2026-10-05T09:00:00Z", status="SCHEDULED", user="bo",
    tags={"mlops.kind": "evaluation", "mlops.trigger": "ci"})

client.create_registered_model("churn", tags={"team": "atlas"})
v1 = client.create_model_version("churn", f"runs:/{job}/model", run_id=job)
client.transition_model_version_stage("churn", v1.version, "Staging")
client.transition_model_version_stage("churn", v1.version, "Production")
v2 = client.create_model_version("churn", f"runs:/{step}/model", run_id=step)
client.transition_model_version_stage("churn", v2.version, "Staging")
v3 = client.create_model_version("churn", f"runs:/{retrain}/model", run_id=retrain,
                                 tags={"mlops.method": "automated", "deployed_at": "2026-10-06T12:00:00Z"})
client.set_registered_model_alias("churn", "champion", v3.version)
client.transition_model_version_stage("churn", v1.version, "Archived")
v4 = client.create_model_version("churn", f"runs:/{retrain}/model", run_id=retrain)
client.delete_model_version("churn", v4.version)

# Pin the registry's wall-clock stamps (see the docstring).
db = sqlite3.connect(out)
pins = {
    "1": ("2026-10-02T04:05:00Z", "2026-10-06T12:00:00Z"),
    "2": ("2026-10-03T03:10:00Z", "2026-10-03T06:00:00Z"),
    "3": ("2026-10-06T05:10:00Z", "2026-10-06T05:10:00Z"),
    "4": ("2026-10-06T05:20:00Z", "2026-10-06T05:30:00Z"),
}
for version, (created, updated) in pins.items():
    db.execute("UPDATE model_versions SET creation_time = ?, last_updated_time = ? WHERE name = 'churn' AND version = ?",
               (ms(created), ms(updated), int(version)))
db.execute("UPDATE registered_models SET creation_time = ?, last_updated_time = ?",
           (ms("2026-10-02T04:05:00Z"), ms("2026-10-06T12:00:00Z")))
db.execute("UPDATE experiments SET creation_time = ?, last_update_time = ?",
           (ms("2026-09-30T08:00:00Z"), ms("2026-09-30T08:00:00Z")))
db.commit()
db.execute("VACUUM")
db.close()
print(f"{out}: MLflow {mlflow.__version__} store written")
