#!/bin/sh
# Creates every topic of the layer on the compose broker, from topics.txt (generated from contracts' Topics).
# The broker creates none on demand (KAFKA_AUTO_CREATE_TOPICS_ENABLE=false).
set -eu
bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
grep -v '^#' /topics/topics.txt | while read -r name partitions configs; do
  [ -n "$name" ] || continue
  set -- --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" --partitions "$partitions" \
    --replication-factor 1
  for config in $configs; do set -- "$@" --config "$config"; done
  /opt/kafka/bin/kafka-topics.sh "$@"
done
echo "topics created"
