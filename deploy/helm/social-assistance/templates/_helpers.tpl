{{/* The services this release deploys: the one named by .Values.service, or every enabled one. */}}
{{- define "sa.selected" -}}
{{- $selected := dict -}}
{{- if and .Values.service (not (hasKey .Values.services .Values.service)) -}}
{{- fail (printf "service %q is not one of: %s" .Values.service (keys .Values.services | sortAlpha | join ", ")) -}}
{{- end -}}
{{- range $name, $svc := .Values.services -}}
{{- if and $svc.enabled (or (eq $.Values.service "") (eq $.Values.service $name)) -}}
{{- $_ := set $selected $name $svc -}}
{{- end -}}
{{- end -}}
{{- toJson $selected -}}
{{- end -}}

{{- define "sa.name" -}}
{{- printf "%s-%s" .root.Values.namePrefix .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sa.selectorLabels" -}}
app.kubernetes.io/name: social-assistance
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "sa.labels" -}}
{{ include "sa.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: social-assistance
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "sa.image" -}}
{{- printf "%s/%s%s:%s" .root.Values.image.registry .root.Values.image.repositoryPrefix .name (.root.Values.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{- define "sa.secretName" -}}
{{- .svc.secretName | default (include "sa.name" .) -}}
{{- end -}}

{{/* A service's PostgreSQL role: <rolePrefix><service>, '-' as '_' (least-privilege.ts serviceDatabaseRole). */}}
{{- define "sa.databaseRole" -}}
{{- printf "%s%s" .root.Values.database.rolePrefix (.name | replace "-" "_") -}}
{{- end -}}

{{/* The non-secret environment, the same in the pods and the migration Job. */}}
{{- define "sa.env" -}}
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: {{ .svc.port | quote }}
- name: LOG_LEVEL
  value: {{ .root.Values.logLevel | quote }}
- name: KAFKA_BROKERS
  value: {{ required "kafka.brokers is required (host:port,…)" .root.Values.kafka.brokers | quote }}
- name: KAFKA_TOPIC_PARTITIONS
  value: {{ .root.Values.kafka.topicPartitions | quote }}
- name: KAFKA_TOPIC_PREFIX
  value: {{ .root.Values.kafka.topicPrefix | quote }}
- name: KAFKA_CONSUMER_GROUP_PREFIX
  value: {{ .root.Values.kafka.consumerGroupPrefix | quote }}
- name: JWT_ISSUER
  value: {{ .root.Values.jwt.issuer | quote }}
- name: JWT_AUDIENCE
  value: {{ .root.Values.jwt.audience | quote }}
- name: POLICY_FILE
  value: /app/config/regional-policies.yaml
- name: SA_MIGRATE_ON_START
  value: "false"
- name: SA_LEADER_POLL_MS
  value: {{ .root.Values.leaderPollMs | quote }}
- name: SCHEDULER_INTERVAL_MS
  value: {{ .root.Values.schedulerIntervalMs | quote }}
{{- with .root.Values.tracing.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- range $key, $value := .svc.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{- define "sa.policies" -}}
{{- .Values.regionalPolicies | default (.Files.Get "files/regional-policies.yaml") -}}
{{- end -}}
