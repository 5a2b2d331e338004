#!/usr/bin/env python3
"""Writes the subset of a Kubernetes release's OpenAPI v2 spec (api/openapi-spec/swagger.json) that the
manifest check needs: the definitions of the kinds below and everything they reference.

    python3 trim-swagger.py /path/to/swagger.json > swagger-subset.json

The definitions are copied unchanged (descriptions included); only unreferenced ones are dropped, so a
refresh is a plain re-run against the new release's file.
"""
import json
import sys

# (group, version, kind) of every built-in kind the manifests may use; "" is the core group.
KINDS = [
    ("", "v1", "Namespace"),
    ("", "v1", "ConfigMap"),
    ("", "v1", "Secret"),
    ("", "v1", "Service"),
    ("", "v1", "ServiceAccount"),
    ("", "v1", "PersistentVolumeClaim"),
    ("apps", "v1", "Deployment"),
    ("apps", "v1", "StatefulSet"),
    ("apps", "v1", "DaemonSet"),
    ("batch", "v1", "Job"),
    ("batch", "v1", "CronJob"),
    ("autoscaling", "v2", "HorizontalPodAutoscaler"),
    ("policy", "v1", "PodDisruptionBudget"),
    ("networking.k8s.io", "v1", "NetworkPolicy"),
    ("networking.k8s.io", "v1", "Ingress"),
    ("rbac.authorization.k8s.io", "v1", "Role"),
    ("rbac.authorization.k8s.io", "v1", "RoleBinding"),
    ("rbac.authorization.k8s.io", "v1", "ClusterRole"),
    ("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"),
]

PREFIX = "#/definitions/"


def refs(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(PREFIX):
            yield ref[len(PREFIX):]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def main(path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    definitions = spec["definitions"]
    wanted = set(KINDS)
    roots = [name for name, schema in definitions.items()
             if any((g["group"], g["version"], g["kind"]) in wanted
                    for g in schema.get("x-kubernetes-group-version-kind", []))]
    found = {(g["group"], g["version"], g["kind"])
             for name in roots for g in definitions[name]["x-kubernetes-group-version-kind"]}
    missing = wanted - found
    if missing:
        sys.exit(f"not in {path}: {sorted(missing)}")
    keep, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name not in keep:
            keep.add(name)
            todo.extend(refs(definitions[name]))
    subset = {
        "swagger": spec.get("swagger"),
        "info": spec.get("info"),
        "definitions": {name: definitions[name] for name in sorted(keep)},
    }
    json.dump(subset, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
