#!/usr/bin/env bash
# Submits the README's job to a real Spark standalone cluster on this machine: a master and a
# worker started from the Spark jars Maven resolved (laid out as a SPARK_HOME), the cluster jar
# given to SparkSubmit, which is what bin/spark-submit runs. The executors are separate JVMs
# with only Spark's jars and the cluster jar, so this checks that the jar carries what they
# need. Not part of the build; run it from anywhere: bash samples-spark/cluster-check.sh [args]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- logistic --rows 200000 --features 20 --partitions 4 --steps 20; fi
scratch=$(mktemp -d)
export SPARK_HOME="$scratch/spark" SPARK_SCALA_VERSION=2.13
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/conf"

mvn -B -q -pl samples-spark -am -DskipTests package
mvn -B -q -pl samples-spark -am dependency:build-classpath -Dmdep.includeScope=provided \
  -Dmdep.outputFile="$scratch/classpath.txt"
tr ':' '\n' < "$scratch/classpath.txt" | grep -v '/dev/adjoint/' | while read -r jar; do
  ln -s "$jar" "$SPARK_HOME/jars/"
done
echo "Spark jars from Maven, for cluster-check.sh" > "$SPARK_HOME/RELEASE"
cp samples-spark/src/test/resources/log4j2-test.properties "$SPARK_HOME/conf/log4j2.properties"

flags=$(sed -n 's#.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*#\1#p' samples-spark/pom.xml)
classpath="$SPARK_HOME/conf:$SPARK_HOME/jars/*"
# shellcheck disable=SC2086
java $flags -Xmx512m -cp "$classpath" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 7077 --webui-port 18080 > "$scratch/master.log" 2>&1 &
master=$!
trap 'kill $master ${worker:-} 2>/dev/null || true; rm -rf "$scratch"' EXIT
sleep 8
# shellcheck disable=SC2086
java $flags -Xmx512m -cp "$classpath" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores 2 --memory 3g --webui-port 18081 spark://127.0.0.1:7077 \
  > "$scratch/worker.log" 2>&1 &
worker=$!
sleep 8

# shellcheck disable=SC2086
java $flags -Xmx1g -cp "$classpath" org.apache.spark.deploy.SparkSubmit \
  --master spark://127.0.0.1:7077 --deploy-mode client \
  --executor-memory 2g --executor-cores 2 --total-executor-cores 2 \
  --conf spark.driver.host=127.0.0.1 \
  --class dev.adjoint.samples.spark.SparkTraining \
  samples-spark/target/adjoint-samples-spark-0.1.0-SNAPSHOT-cluster.jar \
  "$@"
